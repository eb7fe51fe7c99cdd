// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/PortfolioRisk.h"
#include "models/common/TableText.h"
#include "simulator/engine/RunStatistics.h"
#include "simulator/engine/SimulationPlan.h"

#include <QStringList>
#include <algorithm>
#include <cmath>

namespace marginal {

namespace {

constexpr double kTail = 0.05;

double meanOf(const std::vector<double>& v, std::size_t count) {
    double sum = 0.0;
    for (std::size_t i = 0; i < count; ++i)
        sum += v[i];
    return count > 0 ? sum / double(count) : 0.0;
}

double standardError(const std::vector<double>& v) {
    if (v.size() < 2)
        return 0.0;
    const double mean = meanOf(v, v.size());
    double squares = 0.0;
    for (double x : v)
        squares += (x - mean) * (x - mean);
    return std::sqrt(squares / double(v.size() - 1) / double(v.size()));
}

QString number(double v) {
    return QString::number(v, 'f', 2);
}

} // namespace

PortfolioRisk::Tail PortfolioRisk::lowerTail(std::vector<double> values, double q) {
    Tail t;
    const std::size_t n = values.size();
    if (n == 0)
        return t;
    std::sort(values.begin(), values.end());
    const std::size_t m = std::max<std::size_t>(1, std::size_t(std::ceil(q * double(n))));
    const std::size_t k = m - 1;
    t.quantile = values[k];
    const auto spread = std::size_t(std::ceil(std::sqrt(double(n) * q * (1.0 - q))));
    t.quantileSe =
        (values[std::min(n - 1, k + spread)] - values[k >= spread ? k - spread : 0]) / 2.0;
    t.cvar = meanOf(values, m);
    double tailSquares = 0.0;
    for (std::size_t i = 0; i < m; ++i)
        tailSquares += (values[i] - t.cvar) * (values[i] - t.cvar);
    const double tailVariance = m > 1 ? tailSquares / double(m - 1) : 0.0;
    const double share = double(m) / double(n);
    t.cvarSe = std::sqrt((tailVariance + (1.0 - share) * std::pow(t.cvar - t.quantile, 2)) /
                         (double(n) * share));
    return t;
}

std::vector<PortfolioRow> PortfolioRisk::of(const SimulationPlan& plan, const RunStatistics& stats,
                                            double gmTargetPercent) {
    const std::vector<RunStatistics::TrialTotals> trials = stats.trialTotals();
    std::vector<PortfolioRow> rows;
    for (int v = 0; v < plan.variantCount(); ++v) {
        PortfolioRow row;
        row.package = plan.variants[std::size_t(v)].packageName;
        row.mix = plan.variants[std::size_t(v)].mixName;
        row.trials = std::int64_t(trials.size());
        row.customers = plan.customersPerTrial();
        row.gmTarget = gmTargetPercent;
        std::vector<double> margins, gms;
        std::int64_t below = 0;
        for (const RunStatistics::TrialTotals& t : trials) {
            const double revenue = t.revenue[std::size_t(v)], margin = t.margin[std::size_t(v)];
            margins.push_back(margin);
            if (revenue > 0.0) {
                const double gm = 100.0 * margin / revenue;
                gms.push_back(gm);
                below += gm < gmTargetPercent;
            } else {
                ++below; // no revenue: no margin rate at all, below any target
            }
        }
        const double n = double(trials.size());
        row.meanMargin = meanOf(margins, margins.size());
        row.meanMarginSe = standardError(margins);
        const Tail margin = lowerTail(margins, kTail);
        row.marginP5 = margin.quantile;
        row.marginP5Se = margin.quantileSe;
        row.marginCvar5 = margin.cvar;
        row.marginCvar5Se = margin.cvarSe;
        row.gmDefined = !gms.empty() && gms.size() == trials.size();
        if (row.gmDefined) {
            row.meanGm = meanOf(gms, gms.size());
            const Tail gm = lowerTail(gms, kTail);
            row.gmP5 = gm.quantile;
            row.gmP5Se = gm.quantileSe;
        }
        if (n > 0) {
            row.pGmBelowTarget = double(below) / n;
            row.pGmBelowTargetSe = std::sqrt(row.pGmBelowTarget * (1.0 - row.pGmBelowTarget) / n);
        }
        rows.push_back(row);
    }
    return rows;
}

QString PortfolioRisk::csv(const std::vector<PortfolioRow>& rows) {
    QString out = TableText::csvLine(
        {QStringLiteral("package"), QStringLiteral("mix"), QStringLiteral("trials"),
         QStringLiteral("customers"), QStringLiteral("total_margin_mean_usd"),
         QStringLiteral("total_margin_mean_se"), QStringLiteral("total_margin_p5_usd"),
         QStringLiteral("total_margin_p5_se"), QStringLiteral("total_margin_cvar5_usd"),
         QStringLiteral("total_margin_cvar5_se"), QStringLiteral("total_gm_pct_mean"),
         QStringLiteral("total_gm_pct_p5"), QStringLiteral("total_gm_pct_p5_se"),
         QStringLiteral("gm_target_pct"), QStringLiteral("p_total_gm_below_target"),
         QStringLiteral("p_total_gm_below_target_se")});
    for (const PortfolioRow& r : rows)
        out += TableText::csvLine(
            {r.package, r.mix, QString::number(r.trials), QString::number(r.customers),
             number(r.meanMargin), number(r.meanMarginSe), number(r.marginP5), number(r.marginP5Se),
             number(r.marginCvar5), number(r.marginCvar5Se),
             r.gmDefined ? QString::number(r.meanGm, 'f', 3) : QString(),
             r.gmDefined ? QString::number(r.gmP5, 'f', 3) : QString(),
             r.gmDefined ? QString::number(r.gmP5Se, 'f', 3) : QString(),
             QString::number(r.gmTarget, 'g', 10), QString::number(r.pGmBelowTarget, 'f', 4),
             QString::number(r.pGmBelowTargetSe, 'f', 4)});
    return out;
}

} // namespace marginal
