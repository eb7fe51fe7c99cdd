// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What one customer carries from month to month under one package: rolled-over
// included credits (by age, for expiry) and prepaid top-up credits.
#include "simulator/engine/SimulationPlan.h"

#include <array>

namespace marginal {

struct AccountState {
    // rolled[a]: credits granted a+1 months ago that are still valid. Capped rollover
    // keeps everything in rolled[0].
    std::array<double, PackagePlan::kMaxExpiryMonths> rolled{};
    double topUp = 0.0;

    void reset() { *this = AccountState{}; }
    double rolledTotal(int buckets) const {
        double total = 0.0;
        for (int a = 0; a < buckets; ++a)
            total += rolled[a];
        return total;
    }
};

} // namespace marginal
