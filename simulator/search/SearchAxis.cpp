// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/SearchAxis.h"

#include <QStringList>
#include <cmath>

namespace marginal {

Result<SearchAxis> SearchAxis::parse(const QString& text, bool withSteps) {
    using R = Result<SearchAxis>;
    const QString form =
        withSteps ? QStringLiteral("FIELD=LO:HI:N") : QStringLiteral("FIELD=LO:HI");
    const int eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return R::failure(QStringLiteral("--vary \"%1\": expected %2").arg(text, form));
    SearchAxis a;
    a.path = text.left(eq).trimmed();
    const QStringList parts = text.mid(eq + 1).split(QLatin1Char(':'));
    if (parts.size() != (withSteps ? 3 : 2))
        return R::failure(QStringLiteral("--vary \"%1\": expected %2").arg(text, form));
    bool okLo = false, okHi = false;
    a.lo = parts[0].toDouble(&okLo);
    a.hi = parts[1].toDouble(&okHi);
    if (!okLo || !okHi || !std::isfinite(a.lo) || !std::isfinite(a.hi))
        return R::failure(
            QStringLiteral("--vary \"%1\": LO and HI must be finite numbers").arg(text));
    if (a.lo > a.hi)
        return R::failure(
            QStringLiteral("--vary \"%1\": LO %2 is above HI %3").arg(text).arg(a.lo).arg(a.hi));
    if (withSteps) {
        bool okN = false;
        const int n = parts[2].toInt(&okN);
        if (!okN || n < 1 || n > kMaxSteps)
            return R::failure(QStringLiteral("--vary \"%1\": N must be a whole number from 1 to %2")
                                  .arg(text)
                                  .arg(kMaxSteps));
        a.steps = n;
    }
    return a;
}

std::vector<std::vector<double>> gridPoints(const std::vector<SearchAxis>& axes) {
    std::vector<std::vector<double>> points{{}};
    for (const SearchAxis& axis : axes) {
        std::vector<std::vector<double>> next;
        for (const std::vector<double>& p : points)
            for (int i = 0; i < std::max(1, axis.steps); ++i) {
                std::vector<double> q = p;
                q.push_back(axis.at(i));
                next.push_back(std::move(q));
            }
        points = std::move(next);
    }
    return points;
}

} // namespace marginal
