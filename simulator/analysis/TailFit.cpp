// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/analysis/TailFit.h"
#include "simulator/engine/NormalSampler.h"
#include "simulator/engine/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

namespace marginal {

namespace {

double phi(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

} // namespace

std::optional<TailFitReport> TailFit::fitParetoTail(std::vector<double> totals) {
    std::sort(totals.begin(), totals.end());
    const std::size_t n = totals.size();
    if (n < std::size_t(kMinTailMonths) || totals.front() <= 0.0 ||
        totals.back() <= totals.front() * (1.0 + 1e-9))
        return std::nullopt;
    // Suffix sums of the logs: the tail's sum of ln(x / x_min) in O(1) per candidate.
    std::vector<double> suffixLog(n + 1, 0.0);
    for (std::size_t i = n; i-- > 0;)
        suffixLog[i] = suffixLog[i + 1] + std::log(totals[i]);
    const std::size_t last = n - std::size_t(kMinTailMonths); // leaves at least 20 above
    const std::size_t step = std::max<std::size_t>(1, (last + 1) / std::size_t(kMaxCandidates));
    std::optional<TailFitReport> best;
    for (std::size_t i = 0; i <= last; i += step) {
        if (i > 0 && totals[i] == totals[i - 1])
            continue; // x_min is the smallest tail value: a tie belongs to the earlier start
        const double xMin = totals[i];
        const double m = double(n - i);
        const double logSum = suffixLog[i] - m * std::log(xMin);
        if (logSum <= 0.0)
            continue;
        const double alpha = m / logSum;
        if (!(alpha <= 20.0))
            continue; // (near-)equal totals: no tail to speak of
        double d = 0.0;
        for (std::size_t j = i; j < n; ++j) {
            const double cdf = 1.0 - std::pow(totals[j] / xMin, -alpha);
            const double k = double(j - i);
            d = std::max({d, cdf - k / m, (k + 1.0) / m - cdf});
        }
        if (!best || d < best->ksDistance) {
            best = TailFitReport{};
            best->fitted = true;
            best->xMin = xMin;
            best->alpha = alpha;
            best->tailMonths = std::int64_t(m);
            best->ksDistance = d;
        }
    }
    return best;
}

std::pair<double, double> TailFit::censoredLognormal(const std::vector<double>& logs,
                                                     double logXMin, double mu, double sigma) {
    // EM for a normal right-censored at c = ln x_min: a censored log is replaced by its
    // expectation above c (and its square's), then mu and sigma are the completed data's.
    double n = double(logs.size()), below = 0, sumBelow = 0, squaresBelow = 0;
    for (double y : logs)
        if (y < logXMin) {
            ++below;
            sumBelow += y;
            squaresBelow += y * y;
        }
    const double censored = n - below;
    for (int iteration = 0; iteration < 500 && sigma > 0; ++iteration) {
        const double a = (logXMin - mu) / sigma;
        const double mills = std::exp(-0.5 * a * a) / std::sqrt(2.0 * M_PI) / phi(-a);
        const double meanAbove = mu + sigma * mills;
        const double squareAbove = mu * mu + sigma * sigma + sigma * mills * (mu + logXMin);
        const double nextMu = (sumBelow + censored * meanAbove) / n;
        const double nextSigma =
            std::sqrt(std::max(0.0, (squaresBelow + censored * squareAbove) / n - nextMu * nextMu));
        const bool settled = std::fabs(nextMu - mu) < 1e-12 * (1 + std::fabs(mu)) &&
                             std::fabs(nextSigma - sigma) < 1e-12;
        mu = nextMu;
        sigma = nextSigma;
        if (settled)
            break;
    }
    return {mu, sigma};
}

void TailFit::compare(const std::vector<double>& totals, double mu, double sigma,
                      TailFitReport& report) {
    report.favoured = TailModel::Kind::LogNormal;
    if (!report.fitted || sigma <= 0.0 || totals.empty())
        return;
    std::vector<double> logs;
    logs.reserve(totals.size());
    for (double x : totals)
        logs.push_back(std::log(x));
    const double c = std::log(report.xMin);
    std::tie(report.bodyMu, report.bodySigma) = censoredLognormal(logs, c, mu, sigma);
    if (report.bodySigma <= 0.0)
        return;
    const double logTailMass = std::log(phi(-(c - report.bodyMu) / report.bodySigma));
    const auto logNormalDensity = [](double y, double m, double s) { // of x = e^y
        return -y - std::log(s) - 0.5 * std::log(2.0 * M_PI) - 0.5 * std::pow((y - m) / s, 2.0);
    };
    std::vector<double> d;
    d.reserve(logs.size());
    for (double y : logs) {
        const double tailModel =
            y < c ? logNormalDensity(y, report.bodyMu, report.bodySigma)
                  : logTailMass + std::log(report.alpha) - c - (report.alpha + 1.0) * (y - c);
        d.push_back(tailModel - logNormalDensity(y, mu, sigma));
    }
    const double n = double(d.size());
    // The tail model has two parameters more (x_min, alpha): its log-likelihood is
    // charged 2, as Akaike's criterion does, before the comparison (Vuong 1989).
    const double ratio = std::accumulate(d.begin(), d.end(), 0.0) - 2.0;
    const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
    double ss = 0.0;
    for (double v : d)
        ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / n);
    report.vuongStatistic = sd > 0.0 ? ratio / (std::sqrt(n) * sd) : 0.0;
    report.vuongPValue = sd > 0.0 ? 2.0 * phi(-std::fabs(report.vuongStatistic)) : 1.0;
    // Simulated only with a finite mean (alpha > 1).
    if (report.vuongStatistic > 0.0 && report.vuongPValue < kFavourLevel && report.alpha > 1.01)
        report.favoured = TailModel::Kind::ParetoTail;
}

double TailFit::ksDistance(const std::vector<double>& logs) {
    const double n = double(logs.size());
    if (logs.empty())
        return 0.0;
    const double mu = std::accumulate(logs.begin(), logs.end(), 0.0) / n;
    double ss = 0.0;
    for (double y : logs)
        ss += (y - mu) * (y - mu);
    const double sigma = std::sqrt(ss / n);
    std::vector<double> sorted = logs;
    std::sort(sorted.begin(), sorted.end());
    double d = 0.0;
    for (std::size_t i = 0; i < sorted.size() && sigma > 0; ++i) {
        const double cdf = phi((sorted[i] - mu) / sigma);
        d = std::max({d, cdf - double(i) / n, double(i + 1) / n - cdf});
    }
    return d;
}

double TailFit::bootstrapKsPValue(double observed, const std::vector<int>& monthsPerCustomer,
                                  double rho, int replicates, std::uint64_t seed) {
    // The KS distance of a fitted normal does not depend on the true mu and sigma, so
    // the samples are drawn standard: only the customers' runs and rho matter.
    const double innovation = std::sqrt(std::max(0.0, 1.0 - rho * rho));
    std::vector<double> sample;
    int atLeast = 0;
    for (int r = 0; r < replicates; ++r) {
        RandomStream rng(seed, std::uint64_t(r));
        sample.clear();
        for (int months : monthsPerCustomer) {
            double z = NormalSampler::draw(rng);
            for (int t = 0; t < months; ++t) {
                if (t > 0)
                    z = rho * z + innovation * NormalSampler::draw(rng);
                sample.push_back(z);
            }
        }
        atLeast += ksDistance(sample) >= observed ? 1 : 0;
    }
    return double(1 + atLeast) / double(1 + replicates);
}

int TailFit::replicatesFor(std::int64_t months) {
    if (months <= 100000)
        return 199;
    return int(std::max<std::int64_t>(19, 199 * 100000 / months));
}

} // namespace marginal
