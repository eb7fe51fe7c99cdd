// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writes a realistic usage export in Marginal's generic CSV (daily buckets, several
// models) from a scenario's cohorts: the same usage model the simulator runs (activity,
// log-normal monthly totals, AR(1), growth, bursts), spread over active days with
// day-to-day noise and routed to models by the scenario's first model mix. Seeded:
// the same options write the same bytes.
#include <QIODevice>
#include <atomic>
#include <cstdint>

namespace marginal {

class Scenario;

struct SampleUsageOptions {
    int customers = 800;
    int months = 6;
    std::uint64_t seed = 1;
};

class SampleUsageGenerator {
public:
    // Returns the number of rows written. Throws Cancelled once `cancel` is set.
    static std::int64_t writeCsv(const Scenario& scenario, const SampleUsageOptions& options,
                                 QIODevice& out, const std::atomic<bool>* cancel = nullptr);
};

} // namespace marginal
