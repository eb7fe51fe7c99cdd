// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/CohortFitResult.h"
#include "models/json/JsonNode.h"

#include <QJsonArray>
#include <limits>

namespace marginal {

QString CohortFitResult::monthText(int monthIndex) {
    return QStringLiteral("%1-%2")
        .arg(monthIndex / 12)
        .arg(monthIndex % 12 + 1, 2, 10, QChar(u'0'));
}

CohortProfile FittedCohort::profileWith(TailModel::Kind kind) const {
    CohortProfile c = profile;
    if (kind == TailModel::Kind::LogNormal) {
        c.mu = logNormalMu;
        c.sigma = logNormalSigma;
        c.tail = TailModel{};
    } else if (tail.fitted && tail.alpha > 1.01 && tail.alpha <= 20.0) {
        c.mu = tail.bodyMu;
        c.sigma = tail.bodySigma;
        c.tail = TailModel{TailModel::Kind::ParetoTail, tail.xMin, tail.alpha};
    }
    return c;
}

QJsonObject TailFitReport::toJson() const {
    QJsonObject o{{QStringLiteral("favoured"), TailModel::kindName(favoured)}};
    if (!fitted)
        return o;
    o.insert(QStringLiteral("pareto_tail"),
             QJsonObject{{QStringLiteral("x_min"), xMin},
                         {QStringLiteral("alpha"), alpha},
                         {QStringLiteral("body_mu"), bodyMu},
                         {QStringLiteral("body_sigma"), bodySigma},
                         {QStringLiteral("tail_months"), qint64(tailMonths)},
                         {QStringLiteral("ks_distance"), ksDistance}});
    o.insert(QStringLiteral("vuong"), QJsonObject{{QStringLiteral("statistic"), vuongStatistic},
                                                  {QStringLiteral("p_value"), vuongPValue}});
    return o;
}

TailFitReport TailFitReport::fromJson(const JsonNode& node) {
    TailFitReport r;
    r.favoured = node[QStringLiteral("favoured")].toEnum(
                     {QStringLiteral("lognormal"), QStringLiteral("pareto_tail")}) ==
                         QLatin1String("pareto_tail")
                     ? TailModel::Kind::ParetoTail
                     : TailModel::Kind::LogNormal;
    const JsonNode pareto = node.optional(QStringLiteral("pareto_tail"));
    if (pareto.isNull())
        return r;
    r.fitted = true;
    r.xMin = pareto[QStringLiteral("x_min")].toNumber(0.0);
    r.alpha = pareto[QStringLiteral("alpha")].toNumber(0.0);
    r.bodyMu = pareto[QStringLiteral("body_mu")].toNumber();
    r.bodySigma = pareto[QStringLiteral("body_sigma")].toNumber(0.0);
    r.tailMonths =
        pareto[QStringLiteral("tail_months")].toInt64(0, std::numeric_limits<qint64>::max());
    r.ksDistance = pareto[QStringLiteral("ks_distance")].toNumber(0.0, 1.0);
    const JsonNode vuong = node[QStringLiteral("vuong")];
    r.vuongStatistic = vuong[QStringLiteral("statistic")].toNumber();
    r.vuongPValue = vuong[QStringLiteral("p_value")].toNumber(0.0, 1.0);
    return r;
}

QJsonObject CohortFitResult::toJson() const {
    QJsonArray cohortsJson;
    for (const FittedCohort& f : cohorts) {
        QJsonObject fitJson{{QStringLiteral("lognormal_mu"), f.logNormalMu},
                            {QStringLiteral("lognormal_sigma"), f.logNormalSigma},
                            {QStringLiteral("mu_se"), f.muStandardError},
                            {QStringLiteral("sigma_se"), f.sigmaStandardError},
                            {QStringLiteral("ks_statistic"), f.ksStatistic},
                            {QStringLiteral("ks_p_value"), f.ksPValue},
                            {QStringLiteral("active_months"), qint64(f.activeMonths)},
                            {QStringLiteral("customer_months"), qint64(f.customerMonths)},
                            {QStringLiteral("rho_pairs"), qint64(f.rhoPairs)},
                            {QStringLiteral("mean_monthly_cost_usd"), f.meanMonthlyCost},
                            {QStringLiteral("min_customer_mean_monthly_cost_usd"), f.minCost},
                            {QStringLiteral("max_customer_mean_monthly_cost_usd"), f.maxCost},
                            {QStringLiteral("ks_bootstrap_replicates"), f.ksReplicates},
                            {QStringLiteral("tail"), f.tail.toJson()}};
        cohortsJson.append(QJsonObject{{QStringLiteral("profile"), f.profile.toJson()},
                                       {QStringLiteral("fit"), fitJson}});
    }
    QJsonArray lorenz;
    for (const auto& [x, y] : concentration.lorenzCost)
        lorenz.append(QJsonArray{x, y});
    QJsonArray cutsJson;
    for (double c : cutPoints)
        cutsJson.append(c);
    return QJsonObject{
        {QStringLiteral("first_month"), monthText(firstMonth)},
        {QStringLiteral("last_month"), monthText(lastMonth)},
        {QStringLiteral("customers"), qint64(customers)},
        {QStringLiteral("records"), qint64(records)},
        {QStringLiteral("cut_percentiles"), cutsJson},
        {QStringLiteral("concentration"),
         QJsonObject{{QStringLiteral("top10_token_share"), concentration.top10TokenShare},
                     {QStringLiteral("top10_cost_share"), concentration.top10CostShare},
                     {QStringLiteral("gini_tokens"), concentration.giniTokens},
                     {QStringLiteral("gini_cost"), concentration.giniCost},
                     {QStringLiteral("lorenz_cost"), lorenz}}},
        {QStringLiteral("cohorts"), cohortsJson},
        {QStringLiteral("observed_mix"), observedMix.toJson()},
        {QStringLiteral("unpriced_models"), QJsonArray::fromStringList(unpriced.names())},
        {QStringLiteral("unpriced_tokens"), unpriced.unpricedTokens()},
        {QStringLiteral("unpriced"), unpriced.toJson()},
        {QStringLiteral("tokens_total"), unpriced.totalTokens()},
    };
}

namespace {

int monthIndexOf(const JsonNode& node) {
    const QDate first = node.toDate();
    return first.year() * 12 + first.month() - 1;
}

} // namespace

CohortFitResult CohortFitResult::fromJson(const JsonNode& root) {
    CohortFitResult r;
    r.firstMonth = monthIndexOf(root[QStringLiteral("first_month")]);
    r.lastMonth = monthIndexOf(root[QStringLiteral("last_month")]);
    r.customers = root[QStringLiteral("customers")].toInt64(0, std::numeric_limits<qint64>::max());
    r.records = root[QStringLiteral("records")].toInt64(0, std::numeric_limits<qint64>::max());
    if (const JsonNode cuts = root.optional(QStringLiteral("cut_percentiles")); !cuts.isNull())
        cuts.forEach([&](const JsonNode& c) { r.cutPoints.push_back(c.toNumber(0.0, 100.0)); });
    const JsonNode k = root[QStringLiteral("concentration")];
    r.concentration.top10TokenShare = k[QStringLiteral("top10_token_share")].toNumber(0.0, 1.0);
    r.concentration.top10CostShare = k[QStringLiteral("top10_cost_share")].toNumber(0.0, 1.0);
    r.concentration.giniTokens = k[QStringLiteral("gini_tokens")].toNumber(-1.0, 1.0);
    r.concentration.giniCost = k[QStringLiteral("gini_cost")].toNumber(-1.0, 1.0);
    k[QStringLiteral("lorenz_cost")].forEach([&](const JsonNode& point) {
        r.concentration.lorenzCost.emplace_back(point.at(0).toNumber(0.0, 1.0),
                                                point.at(1).toNumber(0.0, 1.0));
    });
    root[QStringLiteral("cohorts")].forEach([&](const JsonNode& c) {
        FittedCohort f;
        f.profile = CohortProfile::fromJson(c[QStringLiteral("profile")]);
        const JsonNode fit = c[QStringLiteral("fit")];
        const qint64 big = std::numeric_limits<qint64>::max();
        f.logNormalMu = fit.optional(QStringLiteral("lognormal_mu")).toNumberOr(f.profile.mu);
        f.logNormalSigma =
            fit.optional(QStringLiteral("lognormal_sigma")).toNumberOr(f.profile.sigma, 0.0);
        f.muStandardError = fit[QStringLiteral("mu_se")].toNumber(0.0);
        f.sigmaStandardError = fit[QStringLiteral("sigma_se")].toNumber(0.0);
        f.ksStatistic = fit[QStringLiteral("ks_statistic")].toNumber(0.0, 1.0);
        f.ksPValue = fit[QStringLiteral("ks_p_value")].toNumber(0.0, 1.0);
        f.activeMonths = fit[QStringLiteral("active_months")].toInt64(0, big);
        f.customerMonths = fit[QStringLiteral("customer_months")].toInt64(0, big);
        f.rhoPairs = fit[QStringLiteral("rho_pairs")].toInt64(0, big);
        f.meanMonthlyCost = fit[QStringLiteral("mean_monthly_cost_usd")].toNumber(0.0);
        f.minCost = fit[QStringLiteral("min_customer_mean_monthly_cost_usd")].toNumber(0.0);
        f.maxCost = fit[QStringLiteral("max_customer_mean_monthly_cost_usd")].toNumber(0.0);
        // Fits stored before the tail fit and the calibrated p-value have neither.
        f.ksReplicates =
            fit.optional(QStringLiteral("ks_bootstrap_replicates")).toIntOr(0, 0, 1000000);
        if (const JsonNode tail = fit.optional(QStringLiteral("tail")); !tail.isNull())
            f.tail = TailFitReport::fromJson(tail);
        r.cohorts.push_back(std::move(f));
    });
    r.observedMix = ModelMix::fromJson(root[QStringLiteral("observed_mix")]);
    // Fits stored before the shares were kept name the models only.
    if (const JsonNode detail = root.optional(QStringLiteral("unpriced")); !detail.isNull())
        detail.forEach([&](const JsonNode& m) {
            r.unpriced.addUnpriced(m[QStringLiteral("model")].toString(),
                                   m[QStringLiteral("tokens")].toNumber(0.0));
        });
    else if (const JsonNode models = root.optional(QStringLiteral("unpriced_models"));
             !models.isNull())
        models.forEach([&](const JsonNode& m) { r.unpriced.addUnpriced(m.toString(), 0.0); });
    r.unpriced.addTotal(root.optional(QStringLiteral("tokens_total")).toNumberOr(0.0, 0.0));
    return r;
}

} // namespace marginal
