// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A price grid (GridSweep) drawn for one mix and cohort: with two varied fields a
// heatmap (QCPColorMap) of the chosen figure, red where it is bad, green where good,
// with the constraint frontier (where GM% crosses the target) drawn over it; with one
// field the figure as a line with its 95% band and the target. Hover says the cell's
// values and figures; a click on a cell chooses it (cellChosen), for the package.
#include "simulator/search/GridSweep.h"
#include "views/charts/PlotWidget.h"

#include <optional>
#include <utility>
#include <vector>

class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPGraph;

namespace marginal {

class PriceGridChart : public PlotWidget {
    Q_OBJECT
public:
    // BillRise10 and MarginWithChurn need the scenario's baseline and churn (else NaN,
    // and the margin, as nobody leaves).
    enum class Metric { MeanMargin, GmPercent, PNegative, BillRise10, MarginWithChurn };

    explicit PriceGridChart(QWidget* parent = nullptr);
    // `gmTarget`: where the frontier is drawn (none: no frontier).
    void setGrid(const GridSweepResult& result, const QString& mix, const QString& cohort,
                 Metric metric, std::optional<double> gmTarget);

    // The figure a cell shows (NaN: GM% undefined, no revenue).
    static double valueOf(const GridCell& cell, Metric metric);
    // The cells drawn, in the grid's order (the first field slowest).
    const std::vector<GridCell>& cells() const { return shown_; }
    // The cell nearest to (x, y) in the fields' values; nullptr outside the grid.
    const GridCell* cellAt(double x, double y) const;
    QString describe(const GridCell& cell) const;
    // Where GM% crosses the target, interpolated between grid points: per value of the
    // first field the second's, or per value of the second the first's (whichever
    // crosses more often); with one field, its crossings.
    const std::vector<std::pair<double, double>>& frontier() const { return frontier_; }
    QCPColorMap& colorMap() const { return *map_; }
    QCPGraph& line() const { return *line_; }

Q_SIGNALS:
    void cellChosen(const std::vector<double>& values);

private:
    void drawHeatmap(Metric metric, std::optional<double> gmTarget);
    void drawLine(Metric metric, std::optional<double> gmTarget);
    std::vector<GridCell> shown_;
    std::vector<SearchAxis> axes_;
    std::vector<std::pair<double, double>> frontier_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPCurve* frontierCurve_;
    QCPGraph *line_, *bandLow_, *bandHigh_, *target_;
    QPoint pressedAt_;
};

} // namespace marginal
