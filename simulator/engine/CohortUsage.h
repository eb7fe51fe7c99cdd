// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The drawn usage of one cohort's customers for a trial (docs/MODEL.md section 6,
// steps 1-3), as the engine holds it between drawing (UsageSampler.h) and billing.
#include <cstddef>
#include <vector>

namespace marginal {

// One cohort's draws for a trial, customer after customer: tokens[i * months + t],
// with flags kActive and kBurst for the same month.
struct CohortUsage {
    static constexpr unsigned char kActive = 1;
    static constexpr unsigned char kBurst = 2;
    std::vector<double> tokens;
    std::vector<unsigned char> flags;
    void resize(int customers, int months) {
        tokens.resize(std::size_t(customers) * months);
        flags.resize(std::size_t(customers) * months);
    }
};

} // namespace marginal
