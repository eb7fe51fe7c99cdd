#pragma once
// Draws one customer's monthly token totals over the horizon (DOMAIN.md section 6,
// steps 1 and 3): activity, the AR(1) log-usage state, growth, burst months.
// The same draws feed every variant (common random numbers).
// Draw order per month, fixed so streams reproduce: the AR(1) innovation (months
// after the first; the first month draws the initial state), the activity uniform,
// then the burst uniform when the cohort has bursts. Inactive months draw too, so a
// customer's later months do not depend on whether earlier ones were active.
#include "NormalSampler.h"
#include "SimulationPlan.h"

#include <array>
#include <cmath>

namespace marginal {

struct CustomerUsage {
    std::array<double, SimulationPlan::kMaxMonths> tokens;
    std::array<bool, SimulationPlan::kMaxMonths> burst;
    std::array<bool, SimulationPlan::kMaxMonths> active;
};

inline void drawCustomer(const CohortPlan& c, int months, RandomStream& rng, CustomerUsage& out) {
    double z = NormalSampler::draw(rng); // standard normal at month 0
    for (int t = 0; t < months; ++t) {
        if (t > 0)
            z = c.rho * z + c.innovationScale * NormalSampler::draw(rng);
        const bool active = rng.uniform() < c.pActive;
        out.burst[t] = c.burstProbability > 0.0 && rng.uniform() < c.burstProbability;
        out.active[t] = active;
        out.tokens[t] = active ? std::exp(c.mu + t * c.logGrowth + c.sigma * z) : 0.0;
    }
}

} // namespace marginal
