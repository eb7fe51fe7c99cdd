// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs several compiled plans on the same draws (docs/MODEL.md sections 12-13): trial j
// of every plan draws from RandomStream(seed, j), so plan k's customer i is the same
// simulated customer in every plan whose cohorts draw the same numbers. Per variant of
// every plan ("arm") it keeps the sums of whole-horizon revenue and margin; for the
// requested pairs of arms it keeps the sums of the per-customer differences, so a
// difference carries the standard error of the paired difference, sd(d_i) / sqrt(n).
// Sums are rounded to fixed point once per trial, so results do not depend on threads.
// A plan with a baseline or churn also gets each arm's migration figures (bill rises
// against the plan's baseline variant, churn), tallied as the engine tallies them.
#include "simulator/engine/FixedPoint.h"
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/engine/OverageBatch.h"
#include "simulator/engine/SimulationPlan.h"

#include <utility>
#include <vector>

namespace marginal {

struct GroupFigures {
    std::int64_t samples = 0;
    double meanRevenue = 0, meanMargin = 0, meanMarginSe = 0, meanRevenueSe = 0;
    double gmPercent = 0, gmPercentSe = 0;
    bool gmDefined = false;
    double pNegative = 0;
    // With a baseline, churn or a shock factor in the scenario (docs/MODEL.md section
    // 10): as the decision table's columns of the same names.
    bool migrationDefined = false, baselineDefined = false;
    double billRise10Share = 0, retainedShare = 0;
    double meanMarginWithChurn = 0, meanMarginWithChurnSe = 0;
};

struct DifferenceFigures {
    double mean = 0, se = 0; // of d_i = margin_i(b) - margin_i(a)
};

class PairedEvaluator {
public:
    // Every plan must have the same cohorts (names, customers) and months.
    // `pairs`: (a, b) arm indices; an arm is plan p's variant v, numbered plan by plan.
    // `batch`: bill the variants OverageBatch fits together (the same figures to the
    // bit, faster); off, every variant goes through the scalar path (for the tests and
    // the benchmark's comparison).
    PairedEvaluator(const std::vector<SimulationPlan>& plans,
                    std::vector<std::pair<int, int>> pairs = {}, bool batch = true);

    struct Result {
        int cohorts = 0;
        std::int64_t trialsDone = 0;
        // [arm][cohort] (cohort == cohorts: all cohorts)
        std::vector<std::vector<GroupFigures>> arms;
        std::vector<std::vector<DifferenceFigures>> pairs;
    };
    // trialsDone < options.trials after a cancel.
    Result run(const RunOptions& options) const;

    int armCount() const { return int(armPlan_.size()); }

private:
    enum Field {
        Customers,
        Revenue,
        RevenueSq,
        Margin,
        MarginSq,
        RevenueMargin,
        Negative,
        Compared, // with the baseline
        Rise10,
        Retained,
        MarginWithChurn,
        MarginWithChurnSq,
        kFields
    };
    // Squares and products: their fixed-point sums carry the scale twice.
    static bool isSecondOrder(int field);
    // One customer's horizon revenue and cost into a variant's sums.
    static inline void addCustomerSums(double* sums, double revenue, double cost);
    // A thread's buffers: the migration figures', and the batch's per-variant sums.
    struct TrialScratch {
        std::vector<std::vector<double>> baselineBills; // per mix: customer x month
        std::vector<double> bills, revenues, margins;   // one customer's months
        std::vector<double> batchRevenue, batchCost;    // one customer, per batched variant
    };
    void runTrial(std::uint64_t seed, std::int64_t trial, std::vector<double>& armSums,
                  std::vector<double>& pairSums, std::vector<double>& margins, CohortUsage& usage,
                  TrialScratch& scratch) const;

    const std::vector<SimulationPlan>& plans_;
    std::vector<std::pair<int, int>> pairs_;
    std::vector<int> armPlan_, armVariant_, firstArm_;
    std::vector<int> keptSlot_; // per arm: slot in the per-customer margins, or -1
    // Per plan: the variants billed as a batch, whether each variant is one of them,
    // and the batch for each cohort.
    std::vector<std::vector<int>> batchVariants_;
    std::vector<std::vector<char>> batched_;
    std::vector<std::vector<OverageBatch>> batches_;
    int kept_ = 0;
    int cohorts_ = 0;
    long long customers_ = 0;
};

} // namespace marginal
