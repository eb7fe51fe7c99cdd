// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/CohortCharts.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace marginal {

namespace {

double normalDensity(double x, double m, double s) {
    return std::exp(-0.5 * (x - m) * (x - m) / (s * s)) / (s * std::sqrt(2 * M_PI));
}

std::vector<double> activeMonths(const CohortProfile& p) {
    std::vector<double> months;
    for (const auto& history : p.histories)
        for (double tokens : history)
            if (tokens > 0)
                months.push_back(tokens);
    return months;
}

// Histogram of log10 monthly tokens over the active months.
void histogram(const std::vector<double>& months, CohortCharts::Cohort& c) {
    if (months.empty())
        return;
    constexpr double w = CohortCharts::kBinWidth;
    const auto binOf = [](double tokens) { return int(std::floor(std::log10(tokens) / w)); };
    const auto [lo, hi] = std::minmax_element(months.begin(), months.end());
    const int first = binOf(*lo);
    std::vector<double> counts(std::size_t(binOf(*hi) - first + 1), 0.0);
    for (double tokens : months)
        ++counts[std::size_t(binOf(tokens) - first)];
    const double n = double(months.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] == 0)
            continue;
        const int bin = first + int(i);
        c.histogram.emplace_back(std::pow(10.0, bin * w), counts[i] / n);
        c.histogram.emplace_back(std::pow(10.0, (bin + 1) * w), counts[i] / n);
        c.maxShare = std::max(c.maxShare, counts[i] / n);
    }
}

void densities(const FittedCohort& f, CohortCharts::Cohort& c) {
    constexpr double w = CohortCharts::kBinWidth;
    // The fitted log-normal: density of log10(T) ~ N(mu / ln 10, sigma / ln 10), per bin.
    const double m = f.logNormalMu / std::log(10.0);
    const double s = std::max(1e-9, f.logNormalSigma / std::log(10.0));
    for (double x = m - 4 * s; x <= m + 4 * s; x += s / 20)
        c.logNormalDensity.emplace_back(std::pow(10.0, x), normalDensity(x, m, s) * w);
    if (!f.tail.fitted)
        return;
    // The tail model: its body's density, then the Pareto's.
    const TailFitReport& t = f.tail;
    const double bm = t.bodyMu / std::log(10.0);
    const double bs = std::max(1e-9, t.bodySigma / std::log(10.0));
    const double top = std::log10(t.xMin), q = 0.5 * std::erfc((top - bm) / bs / M_SQRT2);
    for (double x = bm - 4 * bs; x <= std::max(top, bm + 4 * bs) + 1.0; x += bs / 20)
        c.tailDensity.emplace_back(
            std::pow(10.0, x),
            w * (x < top ? normalDensity(x, bm, bs)
                         : q * t.alpha * std::log(10.0) * std::pow(10.0, -t.alpha * (x - top))));
}

void survival(std::vector<double>& months, const FittedCohort& f, CohortCharts::Cohort& c) {
    if (months.empty())
        return;
    std::sort(months.begin(), months.end());
    const double n = double(months.size());
    // At most ~400 points; the largest months, which decide margin, all of them.
    const std::size_t step = std::max<std::size_t>(1, months.size() / 400);
    for (std::size_t i = 0; i + 1 < months.size(); i += (months.size() - i > 200 ? step : 1))
        c.survival.emplace_back(months[i], (n - double(i) - 1.0) / n);
    const double low = months.front(), high = months.back() * 3.0;
    const auto curve = [&](CohortCharts::Points& points, TailModel::Kind kind) {
        const CohortProfile p = f.profileWith(kind);
        for (double lx = std::log10(low); lx <= std::log10(high); lx += 0.02)
            if (const double value = p.tail.survival(std::pow(10.0, lx), p.mu, p.sigma);
                value > 1e-9)
                points.emplace_back(std::pow(10.0, lx), value);
    };
    curve(c.logNormalSurvival, TailModel::Kind::LogNormal);
    if (f.tail.fitted)
        curve(c.tailSurvival, TailModel::Kind::ParetoTail);
}

} // namespace

CohortCharts CohortCharts::of(const CohortFitResult& fit) {
    CohortCharts charts;
    for (const FittedCohort& f : fit.cohorts) {
        Cohort c;
        std::vector<double> months = activeMonths(f.profile);
        histogram(months, c);
        densities(f, c);
        survival(months, f, c);
        charts.cohorts.push_back(std::move(c));
    }
    return charts;
}

} // namespace marginal
