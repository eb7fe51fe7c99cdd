#pragma once
// Everything a run accumulates, per (variant, cohort) over customers' whole horizons
// and per (variant, cohort, month) over customer-months. Integer-exact (ExactSum,
// histogram counts), so thread-local copies merge to the same totals in any order.
#include "ExactSum.h"
#include "GmHistogram.h"
#include "MonthBilling.h"

#include <array>
#include <cstdint>
#include <vector>

namespace marginal {

// One simulated customer's totals over the horizon under one variant.
struct HorizonTotals {
    double revenue = 0.0, cost = 0.0;
    double fixedCharge = 0.0, overageCharge = 0.0, topUpCharge = 0.0, outcomeCharge = 0.0;
    double trueUp = 0.0, fees = 0.0;
    double demanded = 0.0, includedGranted = 0.0, includedUsed = 0.0, breakage = 0.0;
    double blockedCredits = 0.0, throttledCredits = 0.0, tokens = 0.0;
    int blockedDays = 0;
    bool capHit = false;

    void add(const MonthOutcome& o, double monthTokens) {
        revenue += o.revenue;
        cost += o.cost;
        fixedCharge += o.fixedCharge;
        overageCharge += o.overageCharge;
        topUpCharge += o.topUpCharge;
        outcomeCharge += o.outcomeCharge;
        trueUp += o.trueUp;
        fees += o.fees;
        demanded += o.demanded;
        includedGranted += o.includedGranted;
        includedUsed += o.includedUsed;
        breakage += o.breakage;
        blockedCredits += o.blockedCredits;
        throttledCredits += o.throttledCredits;
        tokens += monthTokens;
        blockedDays += o.blockedDays;
        capHit = capHit || o.capHit;
    }
};

struct CustomerStats {
    ExactMoments revenue, cost, margin;
    Int128 revenueTimesMargin = 0; // micro^2: for the standard error of GM% of sums
    ExactSum fixedCharge, overageCharge, topUpCharge, outcomeCharge, trueUp, fees;
    ExactSum demanded, includedGranted, includedUsed, breakage, blockedCredits, throttledCredits, tokens;
    std::int64_t blockedDays = 0;
    std::int64_t negativeMargin = 0; // margin below -half a cent
    std::int64_t zeroRevenue = 0;    // no positive revenue: GM% undefined, reported apart
    std::int64_t capHit = 0;
    GmHistogram gmPercent;

    void add(const HorizonTotals& h);
    void merge(const CustomerStats& o);
};

struct MonthStats {
    ExactMoments revenue, cost, margin;
    ExactSum overageCharge, includedGranted, includedUsed, breakage, blockedCredits;
    std::int64_t active = 0;
    std::int64_t includedRanOut = 0;
    std::int64_t capHit = 0;
    // runOutDays[d]: customer-months whose included credits ran out on day d (1..30).
    std::array<std::int64_t, DailyProfile::kDays + 1> runOutDays{};

    void add(const MonthOutcome& o, bool active);
    void merge(const MonthStats& o);
};

class RunStatistics {
public:
    RunStatistics() = default;
    RunStatistics(int variants, int cohorts, int months);

    CustomerStats& customers(int v, int c) { return customers_[std::size_t(v) * cohorts_ + c]; }
    const CustomerStats& customers(int v, int c) const { return customers_[std::size_t(v) * cohorts_ + c]; }
    MonthStats& month(int v, int c, int t) { return months_[(std::size_t(v) * cohorts_ + c) * monthCount_ + t]; }
    const MonthStats& month(int v, int c, int t) const {
        return months_[(std::size_t(v) * cohorts_ + c) * monthCount_ + t];
    }
    void merge(const RunStatistics& other);

    int variants() const { return variants_; }
    int cohorts() const { return cohorts_; }
    int months() const { return monthCount_; }
    std::int64_t trialsDone = 0;

private:
    int variants_ = 0, cohorts_ = 0, monthCount_ = 0;
    std::vector<CustomerStats> customers_;
    std::vector<MonthStats> months_;
};

} // namespace marginal
