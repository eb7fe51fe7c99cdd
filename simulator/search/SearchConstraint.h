// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A constraint of a price search (docs/MODEL.md section 13): `gm_pct>=60`,
// `p_margin_negative<=0.05`, `mean_margin_usd>=0`, `bill_rise_10_share<=0.2` (needs a
// baseline in the scenario), or an equality `gm_pct=60` (one
// varied field only: the value where it holds is found by a bracketing root finder).
#include "models/common/Result.h"
#include "simulator/search/PairedEvaluator.h"

#include <QString>

namespace marginal {

struct SearchConstraint {
    enum class Metric { GmPercent, PNegative, MeanMargin, BillRise10 };
    enum class Op { AtLeast, AtMost, Equal };
    QString text;
    Metric metric = Metric::GmPercent;
    Op op = Op::AtLeast;
    double bound = 0;

    static Result<SearchConstraint> parse(const QString& text);
    static QString metricName(Metric m);
    static double value(Metric m, const GroupFigures& g);
    static double standardError(Metric m, const GroupFigures& g);
    double value(const GroupFigures& g) const { return value(metric, g); }
    // Inequalities only; an equality holds when met within `tolerance`.
    bool holds(const GroupFigures& g, double tolerance = 0.0) const;
};

} // namespace marginal
