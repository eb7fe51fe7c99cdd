// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/CohortProfile.h"
#include "models/domain/Limits.h"
#include "models/json/JsonNode.h"

#include <cmath>

#include <QJsonArray>

namespace marginal {

CohortProfile CohortProfile::fromJson(const JsonNode& node) {
    node.requireOnlyKeys({QStringLiteral("name"),
                          QStringLiteral("customers"),
                          QStringLiteral("p_active"),
                          QStringLiteral("mu"),
                          QStringLiteral("sigma"),
                          QStringLiteral("rho"),
                          QStringLiteral("growth"),
                          QStringLiteral("output_share"),
                          QStringLiteral("cached_share"),
                          QStringLiteral("cache_write_share"),
                          QStringLiteral("cache_write_1h_share"),
                          QStringLiteral("batch_share"),
                          QStringLiteral("tokens_per_request"),
                          QStringLiteral("request_size_sigma"),
                          QStringLiteral("tail"),
                          QStringLiteral("daily_weights"),
                          QStringLiteral("burst"),
                          QStringLiteral("histories"),
                          QStringLiteral("churn_monthly"),
                          QStringLiteral("notes")});
    CohortProfile c;
    c.name = node[QStringLiteral("name")].toString();
    c.customers = node[QStringLiteral("customers")].toInt(0, 10000000);
    c.pActive = node[QStringLiteral("p_active")].toNumber(0.0, 1.0);
    c.mu = node[QStringLiteral("mu")].toNumber(-50.0, 50.0);
    c.sigma = node[QStringLiteral("sigma")].toNumber(0.0, 10.0);
    if (const JsonNode tail = node.optional(QStringLiteral("tail")); !tail.isNull())
        c.tail = TailModel::fromJson(tail);
    c.rho = node.optional(QStringLiteral("rho")).toNumberOr(0.0, -0.999, 0.999);
    c.growth = node.optional(QStringLiteral("growth")).toNumberOr(0.0, -0.99, 10.0);
    c.outputShare = node.optional(QStringLiteral("output_share")).toNumberOr(0.2, 0.0, 1.0);
    c.cachedShare = node.optional(QStringLiteral("cached_share")).toNumberOr(0.0, 0.0, 1.0);
    c.cacheWriteShare =
        node.optional(QStringLiteral("cache_write_share")).toNumberOr(0.0, 0.0, 1.0);
    if (c.cachedShare + c.cacheWriteShare > 1.0)
        node[QStringLiteral("cache_write_share")].fail(
            QStringLiteral("cached_share + cache_write_share <= 1 (both are shares of input)"));
    c.cacheWrite1hShare =
        node.optional(QStringLiteral("cache_write_1h_share")).toNumberOr(0.0, 0.0, 1.0);
    c.batchShare = node.optional(QStringLiteral("batch_share")).toNumberOr(0.0, 0.0, 1.0);
    c.tokensPerRequest =
        node.optional(QStringLiteral("tokens_per_request")).toNumberOr(2000.0, 1.0);
    c.requestSizeSigma = node.optional(QStringLiteral("request_size_sigma"))
                             .toNumberOr(RequestSizes::kDefaultSigma, 0.0, 5.0);
    c.churnMonthly = node.optional(QStringLiteral("churn_monthly")).toNumberOr(0.0, 0.0, 1.0);
    const JsonNode weights = node.optional(QStringLiteral("daily_weights"));
    if (!weights.isNull()) {
        if (weights.size() != kDaysPerMonth)
            weights.fail(QStringLiteral("%1 daily weights").arg(kDaysPerMonth));
        double total = 0.0;
        weights.forEach([&](const JsonNode& w) {
            c.dailyWeights.push_back(w.toNumber(0.0));
            total += c.dailyWeights.back();
        });
        if (total <= 0.0)
            weights.fail(QStringLiteral("weights with a positive sum"));
    }
    const JsonNode histories = node.optional(QStringLiteral("histories"));
    if (!histories.isNull())
        histories.forEach([&](const JsonNode& history) {
            if (history.size() == 0)
                history.fail(QStringLiteral("a non-empty list of monthly token totals"));
            std::vector<double> months;
            history.forEach([&](const JsonNode& month) { months.push_back(month.toNumber(0.0)); });
            c.histories.push_back(std::move(months));
        });
    const JsonNode burst = node.optional(QStringLiteral("burst"));
    if (!burst.isNull()) {
        burst.requireOnlyKeys(
            {QStringLiteral("probability"), QStringLiteral("last_days"), QStringLiteral("share")});
        c.burst.probability = burst[QStringLiteral("probability")].toNumber(0.0, 1.0);
        c.burst.lastDays = burst[QStringLiteral("last_days")].toInt(1, kDaysPerMonth - 1);
        c.burst.share = burst[QStringLiteral("share")].toNumber(0.0, 1.0);
    }
    return c;
}

QString CohortProfile::tokenBoundProblem(int horizonMonths) const {
    const double growthPerMonth =
        std::log1p(std::max(0.0, growth)) * std::max(0, horizonMonths - 1);
    // A Pareto tail's draws are capped at the limit (TailModel::kCap); its body is checked.
    double logMost = std::min(mu + limits::kExtremeDraw * sigma,
                              tail.paretoTail() ? std::log(tail.xMin) : 1e300) +
                     growthPerMonth;
    for (const std::vector<double>& history : histories) // replayed as observed, with growth
        for (double tokens : history)
            if (tokens > 0)
                logMost = std::max(logMost, std::log(tokens) + growthPerMonth);
    if (logMost <= std::log(limits::kMonthlyTokens))
        return QString();
    return QStringLiteral("cohort \"%1\" can draw %2 tokens in a customer-month (mu %3 + 6 x "
                          "sigma %4 + growth over %5 months); expected below 1e13, the limit "
                          "that keeps every sum exact (docs/MODEL.md section 7, limits): lower "
                          "mu, sigma or growth")
        .arg(name)
        .arg(std::exp(logMost), 0, 'g', 3)
        .arg(mu)
        .arg(sigma)
        .arg(horizonMonths);
}

QJsonObject CohortProfile::toJson() const {
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("customers"), customers},
                  {QStringLiteral("p_active"), pActive},
                  {QStringLiteral("mu"), mu},
                  {QStringLiteral("sigma"), sigma},
                  {QStringLiteral("rho"), rho},
                  {QStringLiteral("growth"), growth},
                  {QStringLiteral("output_share"), outputShare},
                  {QStringLiteral("cached_share"), cachedShare},
                  {QStringLiteral("cache_write_share"), cacheWriteShare},
                  {QStringLiteral("cache_write_1h_share"), cacheWrite1hShare},
                  {QStringLiteral("batch_share"), batchShare},
                  {QStringLiteral("tokens_per_request"), tokensPerRequest}};
    if (!dailyWeights.empty()) {
        QJsonArray w;
        for (double x : dailyWeights)
            w.append(x);
        o.insert(QStringLiteral("daily_weights"), w);
    }
    if (!histories.empty()) {
        QJsonArray all;
        for (const std::vector<double>& history : histories) {
            QJsonArray months;
            for (double t : history)
                months.append(t);
            all.append(months);
        }
        o.insert(QStringLiteral("histories"), all);
    }
    if (tail.paretoTail()) // lognormal cohorts keep their form
        o.insert(QStringLiteral("tail"), tail.toJson());
    if (requestSizeSigma != RequestSizes::kDefaultSigma) // stated ones keep their form
        o.insert(QStringLiteral("request_size_sigma"), requestSizeSigma);
    if (churnMonthly > 0.0)
        o.insert(QStringLiteral("churn_monthly"), churnMonthly);
    if (burst.probability > 0.0)
        o.insert(QStringLiteral("burst"),
                 QJsonObject{{QStringLiteral("probability"), burst.probability},
                             {QStringLiteral("last_days"), burst.lastDays},
                             {QStringLiteral("share"), burst.share}});
    return o;
}

} // namespace marginal
