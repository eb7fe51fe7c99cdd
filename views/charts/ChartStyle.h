// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every chart shares: colours taken from the window's palette, so charts stay
// readable in light and dark themes; a palette of series colours that holds on both;
// export to PNG, SVG (vector) or PDF by the file's suffix.
#include "models/common/Result.h"

#include <QColor>
#include <QString>

class QCustomPlot;
class QPalette;

namespace marginal {

class ChartStyle {
public:
    // Background, axes, grid, labels and legend from `palette`; call again when it changes.
    static void apply(QCustomPlot& plot, const QPalette& palette);
    // The i-th series colour (a colour-blind-safe set that reads on light and dark).
    static QColor series(int i);
    // By the file's suffix.
    static Status exportTo(QCustomPlot& plot, const QString& fileName, const QString& title);
};

} // namespace marginal
