// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The price grid's throughput for marginal-bench-engine: a 20 x 20 grid (base_fee x
// included_credits) of one package under the first mix, run as GridSweep runs it
// (batches of 256 points, one plan each, every point on the same draws), in
// package-customer-months per second per core: batched (OverageBatch) on 1 and 2
// threads, and the scalar path on 1 thread for the ratio. Then the batch kernel alone
// (OverageBatch::bill on drawn months, no sampling and no sums): nanoseconds per
// variant-customer-month, the limit of the loop itself.
#include "benchmarks/BenchSupport.h"
#include "simulator/engine/CohortUsage.h"
#include "simulator/engine/OverageBatch.h"
#include "simulator/engine/RandomStream.h"
#include "simulator/engine/UsageSampler.h"
#include "simulator/search/PackageGrid.h"
#include "simulator/search/PairedEvaluator.h"

#include <QElapsedTimer>
#include <QTextStream>
#include <algorithm>
#include <vector>

namespace marginal {

class GridBenchmark {
public:
    GridBenchmark(const Scenario& scenario, const QString& package) : grid_(scenario, package, 0) {
        const Result<PackageField> fee =
            PackageField::resolve(QStringLiteral("base_fee"), grid_.package());
        const Result<PackageField> credits =
            PackageField::resolve(QStringLiteral("included_credits"), grid_.package());
        if (!fee || !credits)
            qFatal("the package has no base_fee or included_credits");
        std::vector<PackageField> fields{*fee, *credits};
        std::vector<std::vector<double>> points;
        for (int i = 0; i < 20; ++i)
            for (int j = 0; j < 20; ++j)
                points.push_back({5.0 + i * 55.0 / 19, j * 5000.0 / 19});
        for (std::size_t b = 0; b < points.size(); b += 256)
            plans_.push_back(grid_.compile(
                fields, std::vector<std::vector<double>>(
                            points.begin() + std::ptrdiff_t(b),
                            points.begin() + std::ptrdiff_t(std::min(points.size(), b + 256)))));
        for (const SimulationPlan& plan : plans_)
            variants_ += plan.variantCount();
    }

    void print(QTextStream& out, std::int64_t trials, int repeats) const {
        const double customerMonths =
            double(plans_[0].customersPerTrial()) * plans_[0].months * double(trials);
        const double work = customerMonths * variants_;
        int batched = 0;
        for (const SimulationPlan& plan : plans_)
            for (int v = 0; v < plan.variantCount(); ++v)
                batched += OverageBatch::fits(plan, v) ? 1 : 0;
        out << QStringLiteral("grid: 20 x 20 (base_fee x included_credits) of %1 under mix %2: "
                              "%3 variants x %4 customer-months; %5 of the variants fit the "
                              "batch (the others take the scalar path)\n")
                   .arg(grid_.package().name, plans_[0].variants[0].mixName)
                   .arg(variants_)
                   .arg(customerMonths, 0, 'g', 4)
                   .arg(batched);
        double batchedOne = 0.0, scalarOne = 0.0;
        for (const auto& [batch, threads] :
             {std::pair{false, 1}, std::pair{true, 1}, std::pair{true, 2}}) {
            std::vector<double> seconds;
            for (int r = 0; r < repeats; ++r)
                seconds.push_back(secondsFor(trials, threads, batch));
            const double m = median(seconds);
            if (batch && threads == 1)
                batchedOne = m;
            out << QStringLiteral("grid %1, %2 thread%3: median %4 s of %5 runs (min %6, max "
                                  "%7): %8 M package-customer-months/s per core%9\n")
                       .arg(batch ? QStringLiteral("batched") : QStringLiteral("scalar"))
                       .arg(threads)
                       .arg(threads > 1 ? QStringLiteral("s") : QString())
                       .arg(m, 0, 'f', 3)
                       .arg(repeats)
                       .arg(*std::min_element(seconds.begin(), seconds.end()), 0, 'f', 3)
                       .arg(*std::max_element(seconds.begin(), seconds.end()), 0, 'f', 3)
                       .arg(work / m / threads / 1e6, 0, 'f', 1)
                       .arg(threads == 2 ? QStringLiteral("; speed-up over 1 thread %1x")
                                               .arg(batchedOne / m, 0, 'f', 2)
                                         : QString());
            if (!batch)
                scalarOne = m;
            out.flush();
        }
        out << QStringLiteral("grid batched vs scalar, 1 thread: %1x\n")
                   .arg(scalarOne / batchedOne, 0, 'f', 2);
        printKernel(out, repeats);
    }

private:
    double secondsFor(std::int64_t trials, int threads, bool batch) const {
        RunOptions o;
        o.seed = 1;
        o.trials = trials;
        o.threads = threads;
        QElapsedTimer timer;
        timer.start();
        for (const SimulationPlan& plan : plans_) {
            const std::vector<SimulationPlan> one{plan};
            if (PairedEvaluator(one, {}, batch).run(o).trialsDone != trials)
                qFatal("grid run incomplete");
        }
        return timer.nsecsElapsed() / 1e9;
    }

    // OverageBatch::bill alone over 20 trials' drawn customers of the first plan.
    void printKernel(QTextStream& out, int repeats) const {
        const SimulationPlan& plan = plans_[0];
        std::vector<int> variants;
        for (int v = 0; v < plan.variantCount(); ++v)
            if (OverageBatch::fits(plan, v))
                variants.push_back(v);
        if (variants.empty())
            return;
        std::vector<std::vector<double>> months; // per cohort: customers x months, 20 trials
        for (int c = 0; c < plan.cohortCount(); ++c) {
            std::vector<double> tokens;
            for (int trial = 0; trial < 20; ++trial) {
                RandomStream rng(1, std::uint64_t(trial));
                CohortUsage usage;
                usage.resize(plan.cohorts[c].customers, plan.months);
                for (int i = 0; i < plan.cohorts[c].customers; ++i)
                    drawCustomer(plan.cohorts[c], plan.months, rng,
                                 &usage.tokens[std::size_t(i) * plan.months],
                                 &usage.flags[std::size_t(i) * plan.months]);
                tokens.insert(tokens.end(), usage.tokens.begin(), usage.tokens.end());
            }
            months.push_back(std::move(tokens));
        }
        std::vector<double> revenue(variants.size()), cost(variants.size());
        double checksum = 0.0, billed = 0.0;
        std::vector<double> seconds;
        std::vector<OverageBatch> batches;
        for (int c = 0; c < plan.cohortCount(); ++c)
            batches.emplace_back(plan, variants, c);
        for (int r = 0; r < repeats; ++r) {
            QElapsedTimer timer;
            timer.start();
            billed = 0.0;
            for (int c = 0; c < plan.cohortCount(); ++c) {
                const OverageBatch& batch = batches[std::size_t(c)];
                for (std::size_t at = 0; at < months[std::size_t(c)].size(); at += plan.months) {
                    batch.bill(&months[std::size_t(c)][at], revenue.data(), cost.data());
                    checksum += revenue[0] - cost.back();
                    billed += double(plan.months) * double(variants.size());
                }
            }
            seconds.push_back(timer.nsecsElapsed() / 1e9);
        }
        const double m = median(seconds);
        out << QStringLiteral("batch kernel alone (OverageBatch::bill, %1 variants, 1 thread): "
                              "%2 ns per variant-customer-month, %3 M/s (checksum %4)\n")
                   .arg(variants.size())
                   .arg(m / billed * 1e9, 0, 'f', 2)
                   .arg(billed / m / 1e6, 0, 'f', 0)
                   .arg(checksum, 0, 'g', 6);
    }

    PackageGrid grid_;
    std::vector<SimulationPlan> plans_;
    int variants_ = 0;
};

} // namespace marginal
