// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/RunStatistics.h"

#include <QDataStream>
#include <QIODevice>
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

namespace {

void saveFixed(QDataStream& out, const std::vector<Int128>& values) {
    out << quint64(values.size());
    for (const Int128 v : values)
        out << quint64(std::uint64_t(v)) << quint64(std::uint64_t(v >> 64));
}

bool loadFixed(QDataStream& in, std::vector<Int128>& values) {
    quint64 size = 0;
    in >> size;
    if (size != values.size())
        return false;
    for (Int128& v : values) {
        quint64 low = 0, high = 0;
        in >> low >> high;
        v = Int128((unsigned __int128)high << 64 | low);
    }
    return in.status() == QDataStream::Ok;
}

} // namespace

void RunStatistics::save(QDataStream& out) const {
    out << qint32(variants_) << qint32(cohorts_) << qint32(months_) << qint64(trialsDone)
        << exceeded_ << keepTrialTotals_ << quint64(billChange_.size());
    saveFixed(out, month_);
    saveFixed(out, customer_);
    saveFixed(out, migration_);
    for (const GmHistogram& h : gm_)
        h.save(out);
    for (const WideHistogram& h : margin_)
        h.save(out);
    for (const WideHistogram& h : billChange_)
        h.save(out);
    for (const std::int64_t n : lineup_)
        out << qint64(n);
    for (const DayCounts& days : runOut_)
        for (const std::int64_t n : days)
            out << qint64(n);
    out << quint64(trialTotals_.size());
    for (const TrialTotals& t : trialTotals_) {
        out << qint64(t.trial);
        for (int v = 0; v < variants_; ++v)
            out << t.revenue[std::size_t(v)] << t.margin[std::size_t(v)];
    }
}

bool RunStatistics::load(QDataStream& in) {
    qint32 variants = 0, cohorts = 0, months = 0;
    qint64 done = 0;
    quint64 billChanges = 0, totals = 0;
    in >> variants >> cohorts >> months >> done >> exceeded_ >> keepTrialTotals_ >> billChanges;
    if (in.status() != QDataStream::Ok || variants != variants_ || cohorts != cohorts_ ||
        months != months_ || done < 0 || (billChanges != 0 && billChanges != gm_.size()))
        return false;
    trialsDone = done;
    billChange_.assign(billChanges, WideHistogram{});
    if (!loadFixed(in, month_) || !loadFixed(in, customer_) || !loadFixed(in, migration_))
        return false;
    for (GmHistogram& h : gm_)
        if (!h.load(in))
            return false;
    for (WideHistogram& h : margin_)
        if (!h.load(in))
            return false;
    for (WideHistogram& h : billChange_)
        if (!h.load(in))
            return false;
    for (std::int64_t& n : lineup_) {
        qint64 value = 0;
        in >> value;
        n = value;
    }
    for (DayCounts& days : runOut_)
        for (std::int64_t& n : days) {
            qint64 value = 0;
            in >> value;
            n = value;
        }
    in >> totals;
    // Each trial's totals take 8 + 16 x variants bytes: more than the data left is a
    // damaged file, refused before anything is allocated for it.
    const qint64 left = in.device() ? in.device()->bytesAvailable() : 0;
    if (in.status() != QDataStream::Ok || totals > quint64(done) ||
        totals > quint64(left) / (8 + 16 * quint64(variants_)))
        return false;
    trialTotals_.assign(totals, TrialTotals{});
    for (TrialTotals& t : trialTotals_) {
        qint64 trial = 0;
        in >> trial;
        t.trial = trial;
        t.revenue.resize(std::size_t(variants_));
        t.margin.resize(std::size_t(variants_));
        for (int v = 0; v < variants_; ++v)
            in >> t.revenue[std::size_t(v)] >> t.margin[std::size_t(v)];
    }
    return in.status() == QDataStream::Ok;
}

} // namespace marginal
