// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one-at-a-time factors of docs/MODEL.md section 12, each as the scenario at its
// low and its high end for a relative range r. None changes how many numbers are
// drawn, so both ends and the base see the same draws (exact pairing).
#include "models/domain/Scenario.h"

#include <QString>
#include <vector>

namespace marginal {

struct SensitivityFactor {
    QString name;             // "price:gpt-5", "usage:heavy", ...
    double low = 0, high = 0; // the factor's value at each end (see docs/MODEL.md s.12)
    Scenario lowScenario, highScenario;
};

class SensitivityFactors {
public:
    // Every factor of `base` for range `r` (0 < r < 1).
    static std::vector<SensitivityFactor> all(const Scenario& base, double r);
};

} // namespace marginal
