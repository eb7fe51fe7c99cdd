// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The factors of docs/MODEL.md section 12, each as the scenario at its low and its high
// end for a relative range r, and as a setter that moves it to any value in between
// (the Sobol indices set every factor at once). None changes how many numbers are
// drawn, so both ends and the base see the same draws (exact pairing).
#include "models/domain/Scenario.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace marginal {

struct SensitivityFactor {
    QString name;             // "price:gpt-5", "usage:heavy", ...
    double low = 0, high = 0; // the factor's value at each end (see docs/MODEL.md s.12)
    Scenario lowScenario, highScenario;
    // Sets the factor to `value` in a scenario made from the base (other factors may be
    // set already: each setter touches only its own part).
    std::function<void(Scenario&, double)> set;
};

class SensitivityFactors {
public:
    // Every factor of `base` for range `r` (0 < r < 1).
    static std::vector<SensitivityFactor> all(const Scenario& base, double r);
    // Those of all() named in `names` (all of them when empty), in all()'s order; an
    // unknown name is an input error that lists the known ones.
    static std::vector<SensitivityFactor> chosen(const Scenario& base, double r,
                                                 const QStringList& names);
};

} // namespace marginal
