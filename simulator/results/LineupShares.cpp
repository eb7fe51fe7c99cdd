// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/LineupShares.h"

namespace marginal {

std::vector<LineupShareRow> LineupShares::of(const SimulationPlan& plan,
                                             const RunStatistics& stats) {
    std::vector<LineupShareRow> rows;
    for (int v = 0; v < plan.variantCount(); ++v) {
        const Variant& variant = plan.variants[std::size_t(v)];
        if (variant.lineup < 0)
            continue;
        const LineupPlan& lineup = plan.lineups[std::size_t(variant.lineup)];
        for (int c = 0; c <= plan.cohortCount(); ++c) {
            const bool all = c == plan.cohortCount();
            std::vector<std::int64_t> counts(kLineupSlots, 0);
            long long customers = 0;
            for (int k = all ? 0 : c; k < (all ? plan.cohortCount() : c + 1); ++k) {
                for (int slot = 0; slot < kLineupSlots; ++slot)
                    counts[std::size_t(slot)] += stats.lineupCounts(v, k)[slot];
                customers += plan.cohorts[std::size_t(k)].customers;
            }
            std::int64_t customerMonths = 0;
            for (int j = 0; j < lineup.memberCount(); ++j)
                customerMonths += counts[std::size_t(j)];
            const double customerYears =
                double(customers) * double(stats.trialsDone) * plan.months / 12.0;
            for (int j = 0; j < lineup.memberCount(); ++j) {
                LineupShareRow row;
                row.lineup = variant.packageName;
                row.mix = variant.mixName;
                row.cohort = all ? QStringLiteral("all") : plan.cohorts[std::size_t(c)].name;
                row.package =
                    plan.variants[std::size_t(lineup.memberVariants[std::size_t(j)])].packageName;
                row.customerMonthShare =
                    customerMonths > 0 ? double(counts[std::size_t(j)]) / double(customerMonths)
                                       : 0.0;
                row.switchesPerCustomerYear =
                    customerYears > 0 ? double(counts[kLineupSlots - 1]) / customerYears : 0.0;
                rows.push_back(row);
            }
        }
    }
    return rows;
}

const std::vector<Column<LineupShareRow>>& LineupShares::columns() {
    using R = LineupShareRow;
    static const std::vector<Column<R>> columns = {
        {"lineup", "lineup", [](const R& r) { return r.lineup; }},
        {"mix", "model mix", [](const R& r) { return r.mix; }},
        {"cohort", "cohort, or all", [](const R& r) { return r.cohort; }},
        {"package", "a package of the lineup", [](const R& r) { return r.package; }},
        {"customer_month_share", "share of the lineup's customer-months on this package",
         [](const R& r) { return QString::number(r.customerMonthShare, 'f', 4); }},
        {"switches_per_customer_year", "moves between the lineup's packages per customer-year",
         [](const R& r) { return QString::number(r.switchesPerCustomerYear, 'f', 4); }},
    };
    return columns;
}

} // namespace marginal
