// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs trials of every cohort's customers against every variant, in parallel.
// Each trial draws from its own stream, RandomStream(seed, trial), and trials are
// handed to threads one at a time; the statistics are integer-exact, so the result is
// identical for any thread count, and trial ranges run apart merge exactly.
#include "simulator/engine/CohortUsage.h"
#include "simulator/engine/RunStatistics.h"
#include "simulator/engine/SimulationPlan.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace marginal {

// Per-thread working memory, reused from trial to trial (nothing is allocated per
// customer-month).
struct TrialScratch {
    TrialSums sums;
    CohortUsage usage; // one cohort's customers
    std::vector<double> activeByMonth, tokensByMonth;
    // Migration figures: one customer's months under the variant being billed, and
    // the baseline's bills for the whole cohort, per mix.
    std::vector<double> bills, revenues, margins;
    std::vector<std::vector<double>> baselineBills;
};

struct RunOptions {
    std::uint64_t seed = 0;
    std::int64_t firstTrial = 0;
    std::int64_t trials = 1;
    int threads = 1;
    // Called on the calling thread with (trials done, trials in all).
    std::function<void(std::int64_t, std::int64_t)> progress;
    const std::atomic<bool>* cancel = nullptr; // set it to stop early
    // Keep each trial's totals per variant (RunStatistics::trialTotals, for portfolio
    // risk): 16 bytes per trial and variant, so only when asked for.
    bool keepTrialTotals = false;
};

class MonteCarloEngine {
public:
    explicit MonteCarloEngine(const SimulationPlan& plan) : plan_(plan) {}

    // Returns the statistics of the trials run; trialsDone < trials after a cancel.
    RunStatistics run(const RunOptions& options) const;

    // One trial, summed in `scratch` and then added to `stats`.
    void runTrial(std::uint64_t seed, std::int64_t trial, TrialScratch& scratch,
                  RunStatistics& stats) const;

private:
    void billLineup(int v, int c, std::uint64_t seed, std::int64_t trial, TrialScratch& scratch,
                    RunStatistics& stats) const;
    void billBaselines(int c, TrialScratch& scratch) const;
    // After one customer's months: the margin histogram and the migration figures.
    void finishCustomer(int v, int c, int customer, std::uint64_t seed, std::int64_t trial,
                        const HorizonTotals& h, TrialScratch& scratch, RunStatistics& stats) const;
    const SimulationPlan& plan_;
};

} // namespace marginal
