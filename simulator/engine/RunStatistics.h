// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Everything a run accumulates: per (variant, cohort, month) sums over
// customer-months, per (variant, cohort) sums over customers' whole horizons, the
// per-customer GM% histogram and the day included credits ran out. Fields are named
// by enums and stored as flat arrays, so the hot loop adds doubles at fixed offsets
// and a trial's doubles fold into exact fixed-point totals in one loop (FixedPoint.h).
#include "models/domain/Lineup.h"
#include "models/domain/PricingPackage.h"
#include "simulator/engine/DailyProfile.h"
#include "simulator/engine/FixedPoint.h"
#include "simulator/engine/GmHistogram.h"
#include "simulator/engine/MonthOutcome.h"
#include "simulator/engine/WideHistogram.h"

#include <array>
#include <cstdint>
#include <vector>

class QDataStream;

namespace marginal {

// Summed over customer-months. The first group is added for every customer-month
// and variant (the hot loop); the second is filled once per trial, cohort and month
// because it does not depend on the package (usage) or is fixed by it.
enum class MonthField {
    Revenue,
    Cost,
    MarginSquared,
    OverageCharge,
    TopUpCharge,
    TrueUp,
    OutcomeCharge,
    Fees,
    Demanded,
    IncludedUsed,
    Breakage,
    TopUpExpired,
    BlockedCredits,
    BlockedDays,
    ThrottledCredits,
    IncludedRanOut,
    CapHit,
    CustomerMonths,
    Active,
    Tokens,
    FixedCharge,
    IncludedGranted,
    Count_
};
// Summed over customers: what needs each customer's whole-horizon totals (squares,
// signs). Linear totals (overage, breakage, ...) come from the monthly sums.
enum class CustomerField {
    Customers,
    Revenue,
    RevenueSquared,
    Cost,
    CostSquared,
    MarginSquared,
    RevenueTimesMargin,
    NegativeMargin,
    ZeroRevenue,
    CapHit,
    Count_
};
// Summed over customers when the scenario asks for migration figures (docs/MODEL.md
// section 10): bill change against the baseline, bill shocks, churn.
enum class MigrationField {
    Compared, // customers compared with a baseline
    Rise10,   // horizon bill up by more than 10% on the baseline's
    Rise50,
    Fall,           // horizon bill below the baseline's
    ShockCustomers, // at least one shock
    Shocks,
    Retained, // still a customer at the horizon's end
    RevenueWithChurn,
    MarginWithChurn,
    MarginWithChurnSquared,
    Count_
};
constexpr int kMonthFields = int(MonthField::Count_);
constexpr int kCustomerFields = int(CustomerField::Count_);
constexpr int kMigrationFields = int(MigrationField::Count_);
// Per (variant, cohort) of a lineup: customer-months on each member, then switches.
constexpr int kLineupSlots = Lineup::kMaxPackages + 1;

// Squares and products carry the fixed-point scale twice.
inline bool isSecondOrder(MonthField f) {
    return f == MonthField::MarginSquared;
}
inline bool isSecondOrder(MigrationField f) {
    return f == MigrationField::MarginWithChurnSquared;
}
inline bool isSecondOrder(CustomerField f) {
    return f == CustomerField::RevenueSquared || f == CustomerField::CostSquared ||
           f == CustomerField::MarginSquared || f == CustomerField::RevenueTimesMargin;
}

// One simulated customer's totals over the horizon under one variant.
struct HorizonTotals {
    double revenue = 0.0, cost = 0.0;
    bool capHit = false;
};

// A trial's sums, in doubles: filled by one thread, then folded into RunStatistics.
class TrialSums {
public:
    TrialSums(int variants, int cohorts, int months);
    void clear();
    std::int64_t trial = 0; // the trial's index (its random stream)

    // The month fields of (variant, cohort, month 0); month t is at + t * kMonthFields.
    double* monthRow(int v, int c) {
        return &month_[(std::size_t(v) * cohorts_ + c) * months_ * kMonthFields];
    }
    double* customerRow(int v, int c) {
        return &customer_[(std::size_t(v) * cohorts_ + c) * kCustomerFields];
    }
    double* migrationRow(int v, int c) {
        return &migration_[(std::size_t(v) * cohorts_ + c) * kMigrationFields];
    }
    std::int64_t* lineupRow(int v, int c) {
        return &lineup_[(std::size_t(v) * cohorts_ + c) * kLineupSlots];
    }

    // E: the package's enforcement; lines that it can never produce are not added
    // (they stay 0), which keeps the hot loop short for the common overage packages.
    template <PricingPackage::Enforcement E>
    [[gnu::always_inline]] static void addMonth(double* row, const MonthOutcome& o) {
        using F = MonthField;
        using En = PricingPackage::Enforcement;
        row[int(F::Revenue)] += o.revenue;
        row[int(F::Cost)] += o.cost;
        row[int(F::MarginSquared)] += o.margin * o.margin;
        row[int(F::OverageCharge)] += o.overageCharge;
        row[int(F::TrueUp)] += o.trueUp;
        row[int(F::OutcomeCharge)] += o.outcomeCharge;
        row[int(F::Fees)] += o.fees;
        row[int(F::Demanded)] += o.demanded;
        row[int(F::IncludedUsed)] += o.includedUsed;
        row[int(F::Breakage)] += o.breakage;
        row[int(F::IncludedRanOut)] += o.includedRunOutDay > 0 ? 1.0 : 0.0;
        if constexpr (E == En::AutoTopUp) { // only auto top-up buys packs
            row[int(F::TopUpCharge)] += o.topUpCharge;
            row[int(F::TopUpExpired)] += o.topUpExpired;
        }
        if constexpr (E == En::Block || E == En::AutoTopUp) {
            row[int(F::BlockedCredits)] += o.blockedCredits;
            row[int(F::BlockedDays)] += o.blockedDays;
        }
        if constexpr (E == En::Throttle)
            row[int(F::ThrottledCredits)] += o.throttledCredits;
        if constexpr (E != En::Overage)
            row[int(F::CapHit)] += o.capHit ? 1.0 : 0.0;
    }
    static void addCustomer(double* row, const HorizonTotals& h);

private:
    friend class RunStatistics;
    int cohorts_, months_;
    std::vector<double> month_;
    std::vector<double> customer_;
    std::vector<double> migration_;
    std::vector<std::int64_t> lineup_;
};

class RunStatistics {
public:
    RunStatistics() = default;
    // `migration`: keep the bill-change distributions (docs/MODEL.md section 10).
    RunStatistics(int variants, int cohorts, int months, bool keepTrialTotals = false,
                  bool migration = false);

    void absorb(const TrialSums& trial); // adds a finished trial, exactly
    void merge(RunStatistics other);     // by value: a moved-in run gives up its trial totals
    // Everything merge() adds, for a partial run's file (docs/MODEL.md section 14), and
    // back: load() returns false when the data is not a run of these dimensions.
    void save(QDataStream& out) const;
    bool load(QDataStream& in);

    double month(int v, int c, int t, MonthField f) const;
    Int128 monthFixed(int v, int c, int t, MonthField f) const {
        return month_[((std::size_t(v) * cohorts_ + c) * months_ + t) * kMonthFields + int(f)];
    }
    double customer(int v, int c, CustomerField f) const;
    Int128 customerFixed(int v, int c, CustomerField f) const {
        return customer_[(std::size_t(v) * cohorts_ + c) * kCustomerFields + int(f)];
    }
    GmHistogram& gmHistogram(int v, int c) { return gm_[std::size_t(v) * cohorts_ + c]; }
    const GmHistogram& gmHistogram(int v, int c) const {
        return gm_[std::size_t(v) * cohorts_ + c];
    }
    // Per-customer horizon margin (USD), for VaR and CVaR.
    WideHistogram& marginHistogram(int v, int c) { return margin_[std::size_t(v) * cohorts_ + c]; }
    const WideHistogram& marginHistogram(int v, int c) const {
        return margin_[std::size_t(v) * cohorts_ + c];
    }
    // Per-customer horizon bill change against the baseline, %; only with migration.
    bool hasBillChanges() const { return !billChange_.empty(); }
    WideHistogram& billChangeHistogram(int v, int c) {
        return billChange_[std::size_t(v) * cohorts_ + c];
    }
    const WideHistogram& billChangeHistogram(int v, int c) const {
        return billChange_[std::size_t(v) * cohorts_ + c];
    }
    Int128 migrationFixed(int v, int c, MigrationField f) const {
        return migration_[(std::size_t(v) * cohorts_ + c) * kMigrationFields + int(f)];
    }
    // kLineupSlots counts: customer-months on each lineup member, then switches.
    const std::int64_t* lineupCounts(int v, int c) const {
        return &lineup_[(std::size_t(v) * cohorts_ + c) * kLineupSlots];
    }
    // runOutDays(v, c)[d]: customer-months whose included credits ran out on day d.
    using DayCounts = std::array<std::int64_t, DailyProfile::kDays + 1>;
    DayCounts& runOutDays(int v, int c) { return runOut_[std::size_t(v) * cohorts_ + c]; }
    const DayCounts& runOutDays(int v, int c) const {
        return runOut_[std::size_t(v) * cohorts_ + c];
    }

    // Each trial's total revenue and margin per variant, over all cohorts and months
    // (docs/MODEL.md, portfolio risk): trialTotals()[k] is the k-th trial by index.
    struct TrialTotals {
        std::int64_t trial = 0;
        std::vector<double> revenue, margin; // by variant
    };
    // Sorted by trial index: the same whatever the thread count. Empty unless kept.
    std::vector<TrialTotals> trialTotals() const;

    int variants() const { return variants_; }
    int cohorts() const { return cohorts_; }
    int months() const { return months_; }
    std::int64_t trialsDone = 0;
    // Some figure could not be summed exactly (not finite, or beyond fixed point's
    // range): the statistics are not to be shown.
    bool exceeded() const { return exceeded_; }

private:
    int variants_ = 0, cohorts_ = 0, months_ = 0;
    std::vector<Int128> month_;
    std::vector<Int128> customer_;
    std::vector<GmHistogram> gm_;
    std::vector<WideHistogram> margin_, billChange_;
    std::vector<Int128> migration_;
    std::vector<std::int64_t> lineup_;
    std::vector<DayCounts> runOut_;
    bool keepTrialTotals_ = false;
    std::vector<TrialTotals> trialTotals_; // in the order absorbed
    bool exceeded_ = false;
};

} // namespace marginal
