// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/SobolAnalysis.h"
#include "models/common/TableText.h"
#include "simulator/search/PairedEvaluator.h"
#include "simulator/search/SensitivityFactors.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

namespace marginal {

namespace {

// Uniform on [0, 1) from the 53 high bits: the same on every platform (mt19937_64 is
// specified to the bit; the standard distributions are not).
double uniform(std::mt19937_64& rng) {
    return double(rng() >> 11) * 0x1.0p-53;
}

// The value at fraction q of sorted values, by nearest rank.
double percentile(std::vector<double>& values, double q) {
    std::sort(values.begin(), values.end());
    const auto at = std::size_t(std::lround(q * double(values.size() - 1)));
    return values[at];
}

// The mean and sample variance of f(A) and f(B) together over `rows`.
std::pair<double, double> sampleVariance(const std::vector<double>& a, const std::vector<double>& b,
                                         const std::vector<int>& rows) {
    const double n = double(rows.size());
    double mean = 0.0;
    for (const int j : rows)
        mean += a[std::size_t(j)] + b[std::size_t(j)];
    mean /= 2.0 * n;
    double squares = 0.0;
    for (const int j : rows) {
        const double da = a[std::size_t(j)] - mean, db = b[std::size_t(j)] - mean;
        squares += da * da + db * db;
    }
    return {mean, squares / (2.0 * n - 1.0)};
}

QString number(double v) {
    return QString::number(v, 'f', 4);
}

} // namespace

SobolAnalysis::Estimate SobolAnalysis::estimate(const std::vector<double>& a,
                                                const std::vector<double>& b,
                                                const std::vector<double>& ab,
                                                const std::vector<int>& rows) {
    const double n = double(rows.size());
    const auto [mean, variance] = sampleVariance(a, b, rows);
    double first = 0.0, total = 0.0;
    for (const int j : rows) {
        const double fa = a[std::size_t(j)], fb = b[std::size_t(j)], fab = ab[std::size_t(j)];
        first += (fb - mean) * (fab - fa);
        total += (fa - fab) * (fa - fab);
    }
    if (!(variance > 0.0))
        return {};
    return {first / n / variance, total / (2.0 * n) / variance};
}

SobolResult SobolAnalysis::run(const Scenario& scenario, double range, int samples,
                               const QStringList& factorNames, const RunOptions& options,
                               int bootstrap) {
    SobolResult out;
    out.samples = samples;
    out.bootstrap = bootstrap;
    out.trials = options.trials;
    const std::vector<SensitivityFactor> factors =
        SensitivityFactors::chosen(scenario, range, factorNames);
    const int k = int(factors.size());
    out.factors = k;
    // The two samples, row by row: A's rows, then B's.
    std::mt19937_64 rng(options.seed ^ 0x5AB0150BA11ull);
    std::vector<std::vector<double>> sample(std::size_t(2 * samples), std::vector<double>(k));
    for (std::vector<double>& row : sample)
        for (int f = 0; f < k; ++f)
            row[std::size_t(f)] =
                factors[std::size_t(f)].low +
                uniform(rng) * (factors[std::size_t(f)].high - factors[std::size_t(f)].low);
    // Point p: A's rows (N), B's (N), then A_B for each factor (N each).
    const int points = samples * (k + 2);
    const auto pointAt = [&](int p) {
        if (p < 2 * samples)
            return sample[std::size_t(p)];
        const int f = p / samples - 2, j = p % samples;
        std::vector<double> x = sample[std::size_t(j)];
        x[std::size_t(f)] = sample[std::size_t(samples + j)][std::size_t(f)];
        return x;
    };
    const auto planAt = [&](int p) {
        const std::vector<double> x = pointAt(p);
        Scenario s = scenario;
        for (int f = 0; f < k; ++f)
            factors[std::size_t(f)].set(s, x[std::size_t(f)]);
        return SimulationPlan::compile(s);
    };
    // The points run in chunks, each on the same seed (so on the same draws as if run
    // together): memory holds one chunk's plans, and a cancel or the progress is seen
    // every chunk-trial, not once per trial of all N (k + 2) points.
    constexpr int kChunk = 32;
    const int chunks = (points + kChunk - 1) / kChunk;
    std::vector<double> meanMargin; // point p, variant v at [p variants + v]
    int variants = 0;
    std::vector<std::pair<QString, QString>> names; // package, mix of each variant
    for (int chunk = 0; chunk < chunks; ++chunk) {
        std::vector<SimulationPlan> plans;
        for (int p = chunk * kChunk; p < std::min(points, (chunk + 1) * kChunk); ++p)
            plans.push_back(planAt(p));
        variants = plans[0].variantCount();
        if (chunk == 0)
            for (const Variant& v : plans[0].variants)
                names.emplace_back(v.packageName, v.mixName);
        RunOptions chunkOptions = options;
        chunkOptions.progress = [&](std::int64_t done, std::int64_t all) {
            if (options.progress)
                options.progress(chunk * all + done, chunks * all);
        };
        const PairedEvaluator::Result result = PairedEvaluator(plans).run(chunkOptions);
        if (result.trialsDone < options.trials) {
            out.trialsDone = result.trialsDone;
            return out;
        }
        for (const std::vector<GroupFigures>& arm : result.arms)
            meanMargin.push_back(arm[std::size_t(result.cohorts)].meanMargin);
    }
    out.trialsDone = options.trials;
    out.variants = variants;
    const auto margins = [&](int firstPoint, int v) {
        std::vector<double> y(static_cast<std::size_t>(samples));
        for (int j = 0; j < samples; ++j)
            y[std::size_t(j)] = meanMargin[std::size_t((firstPoint + j) * variants + v)];
        return y;
    };
    std::vector<int> everyRow(static_cast<std::size_t>(samples));
    for (int j = 0; j < samples; ++j)
        everyRow[std::size_t(j)] = j;
    // One set of resampled rows for every variant and factor, so their intervals are
    // drawn alike.
    std::vector<std::vector<int>> resamples(static_cast<std::size_t>(bootstrap),
                                            std::vector<int>(static_cast<std::size_t>(samples)));
    for (std::vector<int>& rows : resamples)
        for (int& j : rows)
            j = int(rng() % std::uint64_t(samples));
    for (int v = 0; v < variants; ++v) {
        const std::vector<double> a = margins(0, v), b = margins(samples, v);
        out.variance.push_back(sampleVariance(a, b, everyRow).second);
        std::vector<SobolRow> rows;
        for (int f = 0; f < k; ++f) {
            const std::vector<double> ab = margins((2 + f) * samples, v);
            SobolRow row;
            row.package = names[std::size_t(v)].first;
            row.mix = names[std::size_t(v)].second;
            row.factor = factors[std::size_t(f)].name;
            row.low = factors[std::size_t(f)].low;
            row.high = factors[std::size_t(f)].high;
            const Estimate e = estimate(a, b, ab, everyRow);
            row.firstOrder = e.firstOrder;
            row.total = e.total;
            std::vector<double> firsts, totals;
            for (const std::vector<int>& rowsDrawn : resamples) {
                const Estimate r = estimate(a, b, ab, rowsDrawn);
                firsts.push_back(r.firstOrder);
                totals.push_back(r.total);
            }
            if (bootstrap > 0) {
                row.firstOrderLow = percentile(firsts, 0.025);
                row.firstOrderHigh = percentile(firsts, 0.975);
                row.totalLow = percentile(totals, 0.025);
                row.totalHigh = percentile(totals, 0.975);
            }
            rows.push_back(row);
        }
        std::stable_sort(rows.begin(), rows.end(),
                         [](const SobolRow& x, const SobolRow& y) { return x.total > y.total; });
        out.rows.insert(out.rows.end(), rows.begin(), rows.end());
    }
    return out;
}

QByteArray SobolResult::csv() const {
    QString text = TableText::csvLine(
        {QStringLiteral("package"), QStringLiteral("mix"), QStringLiteral("factor"),
         QStringLiteral("low"), QStringLiteral("high"), QStringLiteral("first_order"),
         QStringLiteral("first_order_low"), QStringLiteral("first_order_high"),
         QStringLiteral("total"), QStringLiteral("total_low"), QStringLiteral("total_high"),
         QStringLiteral("margin_sd_usd")});
    const int perVariant = factors;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SobolRow& r = rows[i];
        const double sd = std::sqrt(variance[i / std::size_t(std::max(1, perVariant))]);
        text += TableText::csvLine({r.package, r.mix, r.factor, QString::number(r.low, 'g', 10),
                                    QString::number(r.high, 'g', 10), number(r.firstOrder),
                                    number(r.firstOrderLow), number(r.firstOrderHigh),
                                    number(r.total), number(r.totalLow), number(r.totalHigh),
                                    QString::number(sd, 'f', 2)});
    }
    return text.toUtf8();
}

} // namespace marginal
