// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/SearchConstraint.h"

#include <QRegularExpression>
#include <cmath>

namespace marginal {

Result<SearchConstraint> SearchConstraint::parse(const QString& text) {
    using R = Result<SearchConstraint>;
    static const QRegularExpression form(
        QStringLiteral("^\\s*([a-z_][a-z0-9_]*)\\s*(>=|<=|=)\\s*([-+0-9.eE]+)\\s*$"));
    const QRegularExpressionMatch m = form.match(text);
    const QString expected =
        QStringLiteral(
            "--constraint \"%1\": expected METRIC>=X, METRIC<=X or METRIC=X with METRIC one of "
            "gm_pct, p_margin_negative, mean_margin_usd, bill_rise_10_share")
            .arg(text);
    if (!m.hasMatch())
        return R::failure(expected);
    SearchConstraint c;
    c.text = text.trimmed();
    const QString metric = m.captured(1);
    if (metric == QLatin1String("gm_pct"))
        c.metric = Metric::GmPercent;
    else if (metric == QLatin1String("p_margin_negative"))
        c.metric = Metric::PNegative;
    else if (metric == QLatin1String("mean_margin_usd"))
        c.metric = Metric::MeanMargin;
    else if (metric == QLatin1String("bill_rise_10_share"))
        c.metric = Metric::BillRise10;
    else
        return R::failure(expected);
    const QString op = m.captured(2);
    c.op = op == QLatin1String(">=")   ? Op::AtLeast
           : op == QLatin1String("<=") ? Op::AtMost
                                       : Op::Equal;
    bool ok = false;
    c.bound = m.captured(3).toDouble(&ok);
    if (!ok || !std::isfinite(c.bound))
        return R::failure(
            QStringLiteral("--constraint \"%1\": \"%2\" is not a number").arg(text, m.captured(3)));
    return c;
}

QString SearchConstraint::metricName(Metric m) {
    switch (m) {
    case Metric::GmPercent:
        return QStringLiteral("gm_pct");
    case Metric::PNegative:
        return QStringLiteral("p_margin_negative");
    case Metric::BillRise10:
        return QStringLiteral("bill_rise_10_share");
    case Metric::MeanMargin:
        break;
    }
    return QStringLiteral("mean_margin_usd");
}

double SearchConstraint::value(Metric m, const GroupFigures& g) {
    switch (m) {
    case Metric::GmPercent: // no revenue: no GM%, treated as failing any GM% bound
        return g.gmDefined ? g.gmPercent : -1e300;
    case Metric::PNegative:
        return g.pNegative;
    case Metric::BillRise10:
        return g.billRise10Share;
    case Metric::MeanMargin:
        break;
    }
    return g.meanMargin;
}

double SearchConstraint::standardError(Metric m, const GroupFigures& g) {
    switch (m) {
    case Metric::GmPercent:
        return g.gmPercentSe;
    case Metric::PNegative:
        return g.samples > 0 ? std::sqrt(g.pNegative * (1 - g.pNegative) / double(g.samples)) : 0;
    case Metric::BillRise10:
        return g.samples > 0
                   ? std::sqrt(g.billRise10Share * (1 - g.billRise10Share) / double(g.samples))
                   : 0;
    case Metric::MeanMargin:
        break;
    }
    return g.meanMarginSe;
}

bool SearchConstraint::holds(const GroupFigures& g, double tolerance) const {
    const double v = value(g);
    switch (op) {
    case Op::AtLeast:
        return v >= bound;
    case Op::AtMost:
        return v <= bound;
    case Op::Equal:
        break;
    }
    return std::fabs(v - bound) <= tolerance;
}

} // namespace marginal
