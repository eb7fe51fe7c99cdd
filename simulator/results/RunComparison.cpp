// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/RunComparison.h"
#include "models/common/TableText.h"

#include <QStringList>
#include <cmath>

namespace marginal {

namespace {

bool sameKey(const DecisionRow& x, const DecisionRow& y) {
    return x.package == y.package && x.mix == y.mix && x.cohort == y.cohort;
}

const DecisionRow* findRow(const std::vector<DecisionRow>& rows, const DecisionRow& key) {
    for (const DecisionRow& r : rows)
        if (sameKey(r, key))
            return &r;
    return nullptr;
}

RunComparison::Row compared(const DecisionRow* a, const DecisionRow* b) {
    const DecisionRow& key = a ? *a : *b;
    RunComparison::Row row{key.package, key.mix, key.cohort};
    if (a)
        row.a = *a;
    if (b)
        row.b = *b;
    if (a && b) {
        row.marginDifference = b->meanMargin - a->meanMargin;
        row.marginDifferenceSe = std::hypot(a->meanMarginSe, b->meanMarginSe);
        row.gmComparable = a->gmDefined && b->gmDefined;
        if (row.gmComparable)
            row.gmDifference = b->gmPercent - a->gmPercent;
        row.pNegativeDifference = b->pNegative - a->pNegative;
        row.beyondNoise = std::abs(row.marginDifference) > 2.0 * row.marginDifferenceSe;
    }
    return row;
}

} // namespace

RunComparison RunComparison::of(const std::vector<DecisionRow>& a,
                                const std::vector<DecisionRow>& b) {
    RunComparison out;
    for (const DecisionRow& r : a)
        out.rows.push_back(compared(&r, findRow(b, r)));
    for (const DecisionRow& r : b)
        if (!findRow(a, r))
            out.rows.push_back(compared(nullptr, &r));
    return out;
}

int RunComparison::sharedRows() const {
    int shared = 0;
    for (const Row& r : rows)
        shared += r.a && r.b;
    return shared;
}

QString RunComparison::csv() const {
    QString out = TableText::csvLine(
        {QStringLiteral("package"), QStringLiteral("mix"), QStringLiteral("cohort"),
         QStringLiteral("in_runs"), QStringLiteral("margin_per_customer_a"),
         QStringLiteral("margin_per_customer_b"), QStringLiteral("margin_difference"),
         QStringLiteral("margin_difference_se"), QStringLiteral("beyond_noise"),
         QStringLiteral("gm_percent_a"), QStringLiteral("gm_percent_b"),
         QStringLiteral("gm_difference_points"), QStringLiteral("p_negative_a"),
         QStringLiteral("p_negative_b")});
    const auto number = [](double v) { return QString::number(v, 'g', 10); };
    for (const Row& r : rows) {
        const bool both = r.a && r.b;
        QStringList cells{
            r.package,
            r.mix,
            r.cohort,
            both ? QStringLiteral("both") : (r.a ? QStringLiteral("a") : QStringLiteral("b")),
            r.a ? number(r.a->meanMargin) : QString(),
            r.b ? number(r.b->meanMargin) : QString(),
            both ? number(r.marginDifference) : QString(),
            both ? number(r.marginDifferenceSe) : QString(),
            both ? (r.beyondNoise ? QStringLiteral("yes") : QStringLiteral("no")) : QString(),
            r.a && r.a->gmDefined ? number(r.a->gmPercent) : QString(),
            r.b && r.b->gmDefined ? number(r.b->gmPercent) : QString(),
            both && r.gmComparable ? number(r.gmDifference) : QString(),
            r.a ? number(r.a->pNegative) : QString(),
            r.b ? number(r.b->pNegative) : QString()};
        out += TableText::csvLine(cells);
    }
    return out;
}

} // namespace marginal
