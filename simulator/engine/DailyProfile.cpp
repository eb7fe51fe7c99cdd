// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/DailyProfile.h"

namespace marginal {

static std::vector<double> orFlat(const std::vector<double>& weights) {
    return weights.empty() ? std::vector<double>(DailyProfile::kDays, 1.0) : weights;
}

static std::array<double, DailyProfile::kDays> accumulate(const std::vector<double>& daily) {
    double total = 0.0;
    for (double w : daily)
        total += w;
    std::array<double, DailyProfile::kDays> cumulative{};
    double running = 0.0;
    for (int d = 0; d < DailyProfile::kDays; ++d) {
        running += daily[d];
        cumulative[d] = running / total;
    }
    cumulative[DailyProfile::kDays - 1] = 1.0; // exactly: no rounding gap at month end
    return cumulative;
}

DailyProfile::DailyProfile() {
    cumulative_ = accumulate(std::vector<double>(kDays, 1.0));
    buildIndex();
}

void DailyProfile::buildIndex() {
    for (int s = 0; s < kSlots; ++s) {
        const double lower = double(s) / kSlots; // every fraction in slot s is >= lower
        int day = 1;
        while (day < kDays && cumulative_[day - 1] < lower)
            ++day;
        firstDay_[s] = static_cast<unsigned char>(day);
    }
    int used = 0;
    for (int d = kDays; d >= 1; --d) {
        usedDaysAfter_[std::size_t(d - 1)] = static_cast<unsigned char>(used);
        const double before = d > 1 ? cumulative_[std::size_t(d - 2)] : 0.0;
        used += cumulative_[std::size_t(d - 1)] > before ? 1 : 0;
    }
}

DailyProfile DailyProfile::normal(const std::vector<double>& weights) {
    DailyProfile p;
    p.cumulative_ = accumulate(orFlat(weights));
    p.buildIndex();
    return p;
}

DailyProfile DailyProfile::burst(const std::vector<double>& weights, int burstDays,
                                 double burstShare) {
    const std::vector<double> w = orFlat(weights);
    const int firstBurstDay = kDays - burstDays;
    double early = 0.0;
    double late = 0.0;
    for (int d = 0; d < kDays; ++d)
        (d < firstBurstDay ? early : late) += w[d];
    std::vector<double> daily(kDays);
    for (int d = 0; d < kDays; ++d) {
        if (d < firstBurstDay)
            daily[d] = early > 0.0 ? (1.0 - burstShare) * w[d] / early : 0.0;
        else
            daily[d] = late > 0.0 ? burstShare * w[d] / late : burstShare / burstDays;
    }
    DailyProfile p;
    p.cumulative_ = accumulate(daily);
    p.buildIndex();
    return p;
}

} // namespace marginal
