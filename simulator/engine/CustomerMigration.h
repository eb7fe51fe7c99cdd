// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One simulated customer's migration figures under one variant (docs/MODEL.md section
// 10), from the month-by-month bills the engine kept: the horizon bill's change against
// the baseline's bill for the same customer, bill shocks (a bill above shockFactor x the
// median of the months before, once there are 3 of them), and churn: after each month
// the customer leaves with probability min(1, c0 exp(beta max(0, rise))), rise being the
// month's bill over the baseline's minus 1. The churn uniforms come from a stream of the
// customer's own (seed, trial, cohort, customer) that no other draw uses, so they are
// the same under every variant and drawing them leaves every other figure unchanged.
#include "simulator/engine/RunStatistics.h"
#include "simulator/engine/SimulationPlan.h"
#include "simulator/engine/WideHistogram.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace marginal {

struct CustomerMonths {
    const double* bills = nullptr;    // invoiced per month
    const double* revenues = nullptr; // net of fees
    const double* margins = nullptr;  // revenue - cost
    const double* baseline = nullptr; // the baseline's bills for the same customer; may be null
};

class CustomerMigration {
public:
    // A rise over a baseline (month or horizon) billed nothing counts as this (1000%).
    static constexpr double kMaxRise = 10.0;

    // The churn stream's key for one customer.
    static std::uint64_t churnKey(std::uint64_t seed, std::int64_t trial, int cohort,
                                  int customer) {
        std::uint64_t key = mix(seed ^ 0x6A09E667F3BCC909ull);
        key = mix(key ^ std::uint64_t(trial));
        key = mix(key ^ (std::uint64_t(cohort) << 32 ^ std::uint64_t(std::uint32_t(customer))));
        return key;
    }
    // Uniform on [0, 1) for month t.
    static double churnUniform(std::uint64_t key, int t) {
        return double(mix(key + std::uint64_t(t + 1) * 0x9E3779B97F4A7C15ull) >> 11) * 0x1.0p-53;
    }
    // The chance of leaving after a month billed `bill` where the baseline billed `base`.
    static double churnProbability(double c0, double beta, double bill, const double* base) {
        double rise = 0.0;
        if (base)
            rise = *base > 0.0 ? std::max(0.0, bill / *base - 1.0) : (bill > 0.0 ? kMaxRise : 0.0);
        return std::min(1.0, c0 * std::exp(beta * std::min(rise, kMaxRise)));
    }

    static void tally(const MigrationPlan& plan, int cohort, int months, const CustomerMonths& m,
                      std::uint64_t key, double* row, WideHistogram* billChange) {
        using F = MigrationField;
        if (m.baseline) {
            double bill = 0.0, base = 0.0;
            for (int t = 0; t < months; ++t) {
                bill += m.bills[t];
                base += m.baseline[t];
            }
            // Over a baseline that billed nothing, any bill counts as the largest rise.
            const double change = base > 0.0 ? bill / base - 1.0 : (bill > 0.0 ? kMaxRise : 0.0);
            row[int(F::Compared)] += 1.0;
            row[int(F::Rise10)] += change > 0.1 ? 1.0 : 0.0;
            row[int(F::Rise50)] += change > 0.5 ? 1.0 : 0.0;
            row[int(F::Fall)] += change < 0.0 ? 1.0 : 0.0;
            if (billChange)
                billChange->add(100.0 * change);
        }
        // Shocks: the median of the months before, kept sorted as months pass.
        std::array<double, SimulationPlan::kMaxMonths> sorted;
        int shocks = 0;
        for (int t = 0; t < months; ++t) {
            if (t >= 3) {
                const double median =
                    t % 2 ? sorted[t / 2] : (sorted[t / 2 - 1] + sorted[t / 2]) / 2.0;
                shocks += m.bills[t] > 0.0 && m.bills[t] > plan.shockFactor * median ? 1 : 0;
            }
            const auto at = std::upper_bound(sorted.begin(), sorted.begin() + t, m.bills[t]);
            std::copy_backward(at, sorted.begin() + t, sorted.begin() + t + 1);
            *at = m.bills[t];
        }
        row[int(F::ShockCustomers)] += shocks > 0 ? 1.0 : 0.0;
        row[int(F::Shocks)] += shocks;
        // Churn: the customer pays and costs nothing after leaving.
        const double c0 = plan.churnMonthly[std::size_t(cohort)];
        double revenue = 0.0, margin = 0.0;
        bool stayed = true;
        for (int t = 0; t < months && stayed; ++t) {
            revenue += m.revenues[t];
            margin += m.margins[t];
            if (c0 > 0.0) { // with no base churn, no bill makes anyone leave
                const double p = churnProbability(c0, plan.billElasticity, m.bills[t],
                                                  m.baseline ? &m.baseline[t] : nullptr);
                stayed = churnUniform(key, t) >= p;
            }
        }
        row[int(F::Retained)] += stayed ? 1.0 : 0.0;
        row[int(F::RevenueWithChurn)] += revenue;
        row[int(F::MarginWithChurn)] += margin;
        row[int(F::MarginWithChurnSquared)] += margin * margin;
    }

private:
    static std::uint64_t mix(std::uint64_t z) { // SplitMix64's finaliser
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
};

} // namespace marginal
