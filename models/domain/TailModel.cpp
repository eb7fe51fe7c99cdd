// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/TailModel.h"
#include "models/domain/Limits.h"
#include "models/json/JsonNode.h"

#include <cmath>
#include <limits>

namespace marginal {

namespace {
double upperTail(double z) {
    return 0.5 * std::erfc(z / std::sqrt(2.0));
} // Phi(-z)
} // namespace

double TailModel::stateThreshold(double mu, double sigma) const {
    if (!paretoTail() || sigma <= 0.0)
        return std::numeric_limits<double>::infinity();
    return (std::log(xMin) - mu) / sigma;
}

double TailModel::tokensAt(double z, double mu, double sigma) const {
    const double zMin = stateThreshold(mu, sigma);
    if (!(z > zMin))
        return std::exp(mu + sigma * z);
    return std::min(kCap, xMin * std::pow(upperTail(z) / upperTail(zMin), -1.0 / alpha));
}

double TailModel::survival(double x, double mu, double sigma) const {
    const double s = std::max(1e-300, sigma);
    if (!paretoTail() || x < xMin)
        return upperTail((std::log(x) - mu) / s);
    return upperTail(stateThreshold(mu, s)) * std::pow(x / xMin, -alpha);
}

double TailModel::mean(double mu, double sigma) const {
    const double lognormalMean = std::exp(mu + 0.5 * sigma * sigma);
    const double zMin = stateThreshold(mu, sigma);
    if (!std::isfinite(zMin))
        return lognormalMean;
    // Body: E[X; X < x_min] = e^(mu + s^2/2) Phi(z_min - s); tail: q alpha x_min / (alpha - 1).
    const double body = lognormalMean * (1.0 - upperTail(zMin - sigma));
    return body + upperTail(zMin) * alpha * xMin / (alpha - 1.0);
}

QString TailModel::kindName(Kind kind) {
    return kind == Kind::ParetoTail ? QStringLiteral("pareto_tail") : QStringLiteral("lognormal");
}

TailModel TailModel::fromJson(const JsonNode& node) {
    node.requireOnlyKeys(
        {QStringLiteral("model"), QStringLiteral("x_min"), QStringLiteral("alpha")});
    TailModel t;
    const QString model = node[QStringLiteral("model")].toEnum(
        {QStringLiteral("lognormal"), QStringLiteral("pareto_tail")});
    if (model == QLatin1String("lognormal"))
        return t;
    t.kind = Kind::ParetoTail;
    t.xMin = node[QStringLiteral("x_min")].toNumber(1.0, 1e13);
    // alpha <= 1 has no mean: every simulated mean would be a draw of the largest month.
    t.alpha = node[QStringLiteral("alpha")].toNumber(1.01, 20.0);
    return t;
}

QJsonObject TailModel::toJson() const {
    if (!paretoTail())
        return QJsonObject{{QStringLiteral("model"), kindName(kind)}};
    return QJsonObject{{QStringLiteral("model"), kindName(kind)},
                       {QStringLiteral("x_min"), xMin},
                       {QStringLiteral("alpha"), alpha}};
}

} // namespace marginal
