// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Cumulative share of a month's usage by the end of each day (docs/MODEL.md section 6.3):
// fixed per cohort, one curve for normal months and one for burst months, so the day
// a balance runs out is read off the curve instead of stepping through the days.
#include <array>
#include <vector>

namespace marginal {

class DailyProfile {
public:
    static constexpr int kDays = 30;

    DailyProfile(); // flat
    // `weights`: kDays non-negative weights (empty = flat). A burst moves `burstShare`
    // of the month's usage onto the last `burstDays` days, spread as the weights are;
    // the month's total is unchanged.
    static DailyProfile normal(const std::vector<double>& weights);
    static DailyProfile burst(const std::vector<double>& weights, int burstDays, double burstShare);

    // Share of the month's usage consumed by the end of day d (1-based).
    double cumulative(int day) const { return cumulative_[day - 1]; }
    // The first day (1..30) by whose end `fraction` of the month's usage is consumed.
    int dayReached(double fraction) const {
        // A 64-slot index gives the first day that can qualify; a short scan finishes.
        const int slot = fraction <= 0.0   ? 0
                         : fraction >= 1.0 ? kSlots - 1
                                           : int(fraction * kSlots);
        int day = firstDay_[slot];
        while (day < kDays && cumulative_[day - 1] < fraction)
            ++day;
        return day;
    }
    // Days with usage left once `fraction` of the month's usage is consumed: the day
    // the fraction is reached, when part of its usage lies beyond it, and every later
    // day with usage (days of zero weight have no demand to block).
    int daysWithUsageAfter(double fraction) const {
        const int day = dayReached(fraction);
        return (cumulative_[day - 1] > fraction ? 1 : 0) + usedDaysAfter_[day - 1];
    }

private:
    static constexpr int kSlots = 64;
    void buildIndex();

    std::array<double, kDays> cumulative_;
    // firstDay_[s]: the first day whose cumulative share reaches s / kSlots.
    std::array<unsigned char, kSlots> firstDay_;
    // usedDaysAfter_[d - 1]: days after day d with usage.
    std::array<unsigned char, kDays> usedDaysAfter_;
};

} // namespace marginal
