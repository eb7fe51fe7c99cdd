// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One varied field of a price search: `FIELD=LO:HI:N` (a grid of N evenly spaced
// values, both ends included; N = 1 is LO alone) or `FIELD=LO:HI` (bounds).
#include "models/common/Result.h"

#include <QString>
#include <vector>

namespace marginal {

struct SearchAxis {
    static constexpr int kMaxSteps = 1000;
    QString path;
    double lo = 0, hi = 0;
    int steps = 0; // 0: bounds only

    // `withSteps`: N required (sweep), else forbidden (optimize).
    static Result<SearchAxis> parse(const QString& text, bool withSteps);
    double at(int i) const { return steps <= 1 ? lo : lo + (hi - lo) * i / (steps - 1); }
};

// Every point of the grid of `axes`, the first axis varying slowest.
std::vector<std::vector<double>> gridPoints(const std::vector<SearchAxis>& axes);

} // namespace marginal
