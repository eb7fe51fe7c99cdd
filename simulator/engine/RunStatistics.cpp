// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/RunStatistics.h"

#include <algorithm>

namespace marginal {

// docs/MODEL.md section 6.8: a margin that floating point puts at -1e-12 is not negative.
static constexpr double kNegativeMarginThreshold = -0.005;

TrialSums::TrialSums(int variants, int cohorts, int months)
    : cohorts_(cohorts), months_(months),
      month_(std::size_t(variants) * cohorts * months * kMonthFields),
      customer_(std::size_t(variants) * cohorts * kCustomerFields),
      migration_(std::size_t(variants) * cohorts * kMigrationFields),
      lineup_(std::size_t(variants) * cohorts * kLineupSlots) {}

void TrialSums::clear() {
    std::fill(month_.begin(), month_.end(), 0.0);
    std::fill(customer_.begin(), customer_.end(), 0.0);
    std::fill(migration_.begin(), migration_.end(), 0.0);
    std::fill(lineup_.begin(), lineup_.end(), 0);
}

void TrialSums::addCustomer(double* row, const HorizonTotals& h) {
    using F = CustomerField;
    const double margin = h.revenue - h.cost;
    row[int(F::Customers)] += 1.0;
    row[int(F::Revenue)] += h.revenue;
    row[int(F::RevenueSquared)] += h.revenue * h.revenue;
    row[int(F::Cost)] += h.cost;
    row[int(F::CostSquared)] += h.cost * h.cost;
    row[int(F::MarginSquared)] += margin * margin;
    row[int(F::RevenueTimesMargin)] += h.revenue * margin;
    row[int(F::NegativeMargin)] += margin < kNegativeMarginThreshold ? 1.0 : 0.0;
    row[int(F::ZeroRevenue)] += h.revenue * kFixedScale < 0.5 ? 1.0 : 0.0;
    row[int(F::CapHit)] += h.capHit ? 1.0 : 0.0;
}

RunStatistics::RunStatistics(int variants, int cohorts, int months, bool keepTrialTotals,
                             bool migration)
    : variants_(variants), cohorts_(cohorts), months_(months),
      month_(std::size_t(variants) * cohorts * months * kMonthFields),
      customer_(std::size_t(variants) * cohorts * kCustomerFields),
      gm_(std::size_t(variants) * cohorts), margin_(std::size_t(variants) * cohorts),
      billChange_(migration ? std::size_t(variants) * cohorts : 0),
      migration_(std::size_t(variants) * cohorts * kMigrationFields),
      lineup_(std::size_t(variants) * cohorts * kLineupSlots),
      runOut_(std::size_t(variants) * cohorts, DayCounts{}), keepTrialTotals_(keepTrialTotals) {}

namespace {

// totals[i] += a trial's doubles[i] in fixed point; Field(i % fields) says whether the
// figure is a square or product (scaled twice).
template <typename Field>
void addFixed(std::vector<Int128>& totals, const std::vector<double>& doubles, int fields,
              bool& exceeded) {
    for (std::size_t i = 0; i < totals.size(); ++i) {
        const bool second = isSecondOrder(Field(int(i % std::size_t(fields))));
        addExact(totals[i],
                 toFixed(doubles[i], second ? kFixedScale * kFixedScale : kFixedScale, exceeded),
                 exceeded);
    }
}

} // namespace

void RunStatistics::absorb(const TrialSums& trial) {
    addFixed<MonthField>(month_, trial.month_, kMonthFields, exceeded_);
    addFixed<CustomerField>(customer_, trial.customer_, kCustomerFields, exceeded_);
    addFixed<MigrationField>(migration_, trial.migration_, kMigrationFields, exceeded_);
    for (std::size_t i = 0; i < lineup_.size(); ++i)
        lineup_[i] += trial.lineup_[i];
    ++trialsDone;
    if (!keepTrialTotals_)
        return;
    TrialTotals totals{trial.trial, std::vector<double>(std::size_t(variants_), 0.0),
                       std::vector<double>(std::size_t(variants_), 0.0)};
    const std::size_t perVariant = std::size_t(cohorts_) * months_ * kMonthFields;
    for (int v = 0; v < variants_; ++v)
        for (std::size_t row = 0; row < perVariant; row += kMonthFields) {
            const double* fields = &trial.month_[std::size_t(v) * perVariant + row];
            totals.revenue[std::size_t(v)] += fields[int(MonthField::Revenue)];
            totals.margin[std::size_t(v)] +=
                fields[int(MonthField::Revenue)] - fields[int(MonthField::Cost)];
        }
    trialTotals_.push_back(std::move(totals));
}

std::vector<RunStatistics::TrialTotals> RunStatistics::trialTotals() const {
    std::vector<TrialTotals> sorted = trialTotals_;
    std::sort(sorted.begin(), sorted.end(),
              [](const TrialTotals& a, const TrialTotals& b) { return a.trial < b.trial; });
    return sorted;
}

void RunStatistics::merge(RunStatistics other) {
    for (std::size_t i = 0; i < month_.size(); ++i)
        addExact(month_[i], other.month_[i], exceeded_);
    for (std::size_t i = 0; i < customer_.size(); ++i)
        addExact(customer_[i], other.customer_[i], exceeded_);
    exceeded_ = exceeded_ || other.exceeded_;
    for (std::size_t i = 0; i < gm_.size(); ++i)
        gm_[i].merge(other.gm_[i]);
    for (std::size_t i = 0; i < margin_.size(); ++i)
        margin_[i].merge(other.margin_[i]);
    for (std::size_t i = 0; i < billChange_.size() && i < other.billChange_.size(); ++i)
        billChange_[i].merge(other.billChange_[i]);
    for (std::size_t i = 0; i < migration_.size(); ++i)
        addExact(migration_[i], other.migration_[i], exceeded_);
    for (std::size_t i = 0; i < lineup_.size(); ++i)
        lineup_[i] += other.lineup_[i];
    for (std::size_t i = 0; i < runOut_.size(); ++i)
        for (std::size_t d = 0; d < runOut_[i].size(); ++d)
            runOut_[i][d] += other.runOut_[i][d];
    trialTotals_.insert(trialTotals_.end(), std::make_move_iterator(other.trialTotals_.begin()),
                        std::make_move_iterator(other.trialTotals_.end()));
    other.trialTotals_.clear();
    trialsDone += other.trialsDone;
}

double RunStatistics::month(int v, int c, int t, MonthField f) const {
    return fromFixed(monthFixed(v, c, t, f),
                     isSecondOrder(f) ? kFixedScale * kFixedScale : kFixedScale);
}

double RunStatistics::customer(int v, int c, CustomerField f) const {
    return fromFixed(customerFixed(v, c, f),
                     isSecondOrder(f) ? kFixedScale * kFixedScale : kFixedScale);
}

} // namespace marginal
