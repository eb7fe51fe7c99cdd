// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/TokenTicker.h"

#include <QLocale>
#include <cmath>

namespace marginal {

QString TokenTicker::label(double tokens) {
    static const struct {
        double scale;
        const char* suffix;
    } units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    for (const auto& unit : units)
        if (std::abs(tokens) >= unit.scale)
            return QLocale(QLocale::English).toString(tokens / unit.scale, 'g', 3) +
                   QLatin1String(unit.suffix);
    return QLocale(QLocale::English).toString(tokens, 'g', 3);
}

QString TokenTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    return label(tick);
}

} // namespace marginal
