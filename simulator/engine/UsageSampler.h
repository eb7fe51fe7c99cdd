// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Draws one customer's monthly token totals over the horizon (docs/MODEL.md section 6,
// steps 1 and 3): activity, the AR(1) log-usage state, growth, burst months.
// The same draws feed every variant (common random numbers).
// Draw order per month, fixed so streams reproduce: the AR(1) innovation (months
// after the first; the first month draws the initial state), the activity uniform,
// then the burst uniform when the cohort has bursts. Inactive months draw too, so a
// customer's later months do not depend on whether earlier ones were active.
#include "simulator/engine/CohortUsage.h"
#include "simulator/engine/NormalSampler.h"
#include "simulator/engine/SimulationPlan.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace marginal {

// Draws one customer's `months` months into tokens[0..months) and flags[0..months).
// Empirical cohorts draw one uniform for the history, then the burst uniforms.
inline void drawCustomer(const CohortPlan& c, int months, RandomStream& rng, double* tokens,
                         unsigned char* flags) {
    if (c.empirical()) { // bootstrap: replay one observed history, cycled, with growth
        const auto pick = std::min(std::size_t(rng.uniform() * double(c.historyLength.size())),
                                   c.historyLength.size() - 1);
        const double* history = &c.historyTokens[c.historyStart[pick]];
        const std::size_t length = c.historyLength[pick];
        for (int t = 0; t < months; ++t) {
            const bool burst = c.burstProbability > 0.0 && rng.uniform() < c.burstProbability;
            tokens[t] = history[std::size_t(t) % length] * std::exp(t * c.logGrowth);
            flags[t] =
                (tokens[t] > 0.0 ? CohortUsage::kActive : 0) | (burst ? CohortUsage::kBurst : 0);
        }
        return;
    }
    double z = NormalSampler::draw(rng); // standard normal at month 0
    for (int t = 0; t < months; ++t) {
        if (t > 0)
            z = c.rho * z + c.innovationScale * NormalSampler::draw(rng);
        const bool active = rng.uniform() < c.pActive;
        const bool burst = c.burstProbability > 0.0 && rng.uniform() < c.burstProbability;
        flags[t] = (active ? CohortUsage::kActive : 0) | (burst ? CohortUsage::kBurst : 0);
        if (!active)
            tokens[t] = 0.0;
        else if (z > c.tailState) // the Pareto tail, scaled by growth like the body
            tokens[t] = std::min(TailModel::kCap,
                                 c.tail.tokensAt(z, c.mu, c.sigma) * std::exp(t * c.logGrowth));
        else
            tokens[t] = std::exp(c.mu + t * c.logGrowth + c.sigma * z);
    }
}

} // namespace marginal
