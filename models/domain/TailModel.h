// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The upper tail of a cohort's monthly token totals (docs/MODEL.md section 4, "Heavy
// tails"): the lognormal's own, or a Pareto tail of index alpha above x_min carrying
// the lognormal's mass there, so the body below x_min is the lognormal unchanged.
// Draws map the AR(1) state z (standard normal) through the model's quantile function:
// exp(mu + sigma z) below z_min = (ln x_min - mu) / sigma, and
// x_min (Phi(-z) / Phi(-z_min))^(-1 / alpha) above it.
#include <QJsonObject>
#include <QString>

namespace marginal {

class JsonNode;

struct TailModel {
    enum class Kind { LogNormal, ParetoTail };
    Kind kind = Kind::LogNormal;
    double xMin = 0.0;  // tokens a month, at the reference month of mu
    double alpha = 0.0; // Pareto index, > 1 (a finite mean)

    // Pareto draws stop at the engine's limit (limits::kMonthlyTokens: $10M a month at
    // $1 per 1M); with growth the engine caps again. The mean moves by less than
    // (cap / x_min)^(1 - alpha) of the tail's, nothing for any real tail.
    static constexpr double kCap = 1e13;
    bool paretoTail() const { return kind == Kind::ParetoTail; }
    // The state above which draws come from the Pareto tail (+infinity: never).
    double stateThreshold(double mu, double sigma) const;
    // Monthly tokens at state z (before growth).
    double tokensAt(double z, double mu, double sigma) const;
    // P(monthly tokens > x) when active (before growth).
    double survival(double x, double mu, double sigma) const;
    // Mean monthly tokens when active (before growth).
    double mean(double mu, double sigma) const;

    static QString kindName(Kind kind);
    // {"model": "lognormal" | "pareto_tail", "x_min", "alpha"}; throws InputError.
    static TailModel fromJson(const JsonNode& node);
    QJsonObject toJson() const;
    bool operator==(const TailModel&) const = default;
};

} // namespace marginal
