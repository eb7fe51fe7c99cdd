#include "RunStatistics.h"

namespace marginal {

// DOMAIN.md 6.8: a margin that floating point puts at -1e-12 is not negative.
static constexpr double kNegativeMarginThreshold = -0.005;

void CustomerStats::add(const HorizonTotals& h) {
    const double horizonMargin = h.revenue - h.cost;
    revenue.add(h.revenue);
    cost.add(h.cost);
    margin.add(horizonMargin);
    revenueTimesMargin += Int128(toMicros(h.revenue)) * toMicros(horizonMargin);
    fixedCharge.add(h.fixedCharge);
    overageCharge.add(h.overageCharge);
    topUpCharge.add(h.topUpCharge);
    outcomeCharge.add(h.outcomeCharge);
    trueUp.add(h.trueUp);
    fees.add(h.fees);
    demanded.add(h.demanded);
    includedGranted.add(h.includedGranted);
    includedUsed.add(h.includedUsed);
    breakage.add(h.breakage);
    blockedCredits.add(h.blockedCredits);
    throttledCredits.add(h.throttledCredits);
    tokens.add(h.tokens);
    blockedDays += h.blockedDays;
    negativeMargin += horizonMargin < kNegativeMarginThreshold ? 1 : 0;
    capHit += h.capHit ? 1 : 0;
    if (toMicros(h.revenue) > 0)
        gmPercent.add(100.0 * horizonMargin / h.revenue);
    else
        ++zeroRevenue;
}

void CustomerStats::merge(const CustomerStats& o) {
    revenue.merge(o.revenue);
    cost.merge(o.cost);
    margin.merge(o.margin);
    revenueTimesMargin += o.revenueTimesMargin;
    for (auto [mine, theirs] : {std::pair{&fixedCharge, &o.fixedCharge}, {&overageCharge, &o.overageCharge},
                                {&topUpCharge, &o.topUpCharge}, {&outcomeCharge, &o.outcomeCharge},
                                {&trueUp, &o.trueUp}, {&fees, &o.fees}, {&demanded, &o.demanded},
                                {&includedGranted, &o.includedGranted}, {&includedUsed, &o.includedUsed},
                                {&breakage, &o.breakage}, {&blockedCredits, &o.blockedCredits},
                                {&throttledCredits, &o.throttledCredits}, {&tokens, &o.tokens}})
        mine->merge(*theirs);
    blockedDays += o.blockedDays;
    negativeMargin += o.negativeMargin;
    zeroRevenue += o.zeroRevenue;
    capHit += o.capHit;
    gmPercent.merge(o.gmPercent);
}

void MonthStats::add(const MonthOutcome& o, bool isActive) {
    revenue.add(o.revenue);
    cost.add(o.cost);
    margin.add(o.margin);
    overageCharge.add(o.overageCharge);
    includedGranted.add(o.includedGranted);
    includedUsed.add(o.includedUsed);
    breakage.add(o.breakage);
    blockedCredits.add(o.blockedCredits);
    active += isActive ? 1 : 0;
    capHit += o.capHit ? 1 : 0;
    if (o.includedRunOutDay > 0) {
        ++includedRanOut;
        ++runOutDays[o.includedRunOutDay];
    }
}

void MonthStats::merge(const MonthStats& o) {
    revenue.merge(o.revenue);
    cost.merge(o.cost);
    margin.merge(o.margin);
    overageCharge.merge(o.overageCharge);
    includedGranted.merge(o.includedGranted);
    includedUsed.merge(o.includedUsed);
    breakage.merge(o.breakage);
    blockedCredits.merge(o.blockedCredits);
    active += o.active;
    includedRanOut += o.includedRanOut;
    capHit += o.capHit;
    for (std::size_t d = 0; d < runOutDays.size(); ++d)
        runOutDays[d] += o.runOutDays[d];
}

RunStatistics::RunStatistics(int variants, int cohorts, int months)
    : variants_(variants), cohorts_(cohorts), monthCount_(months),
      customers_(std::size_t(variants) * cohorts), months_(std::size_t(variants) * cohorts * months) {}

void RunStatistics::merge(const RunStatistics& other) {
    for (std::size_t i = 0; i < customers_.size(); ++i)
        customers_[i].merge(other.customers_[i]);
    for (std::size_t i = 0; i < months_.size(); ++i)
        months_[i].merge(other.months_[i]);
    trialsDone += other.trialsDone;
}

} // namespace marginal
