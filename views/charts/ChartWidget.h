// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one chart interface. A chart is a QCustomPlot filling the widget under a bold
// title, colours from the palette (restyled when the palette changes, so dark themes
// read), drag to pan and wheel to zoom (double-click or Home resets), hover tracking, and export to
// PNG, SVG or PDF. Each chart says which of the pickers above the charts (cohort, mix, package) it
// uses and draws a run for a selection. A new chart is its class and one line in
// ChartRegistry.cpp.
#include "models/common/Result.h"
#include "models/domain/Scenario.h"

#include <QWidget>
#include <vector>

class QCPAxis;
class QCPTextElement;
class QCustomPlot;

namespace marginal {

struct RunRecord;

// What a chart is asked to show besides the run: the cohort, mix and package picked
// above the charts, and the scenario's repricing events (to mark them).
struct ChartSelection {
    QString cohort, mix, package;
    std::vector<RepricingEvent> repricing;
};

class ChartWidget : public QWidget {
    Q_OBJECT
public:
    enum Picker { PicksCohort = 1, PicksMix = 2, PicksPackage = 4 };

    QCustomPlot* plot() const { return plot_; }
    // The chart's tab title.
    virtual QString tabTitle() const = 0;
    // The pickers (Picker flags) the chart reads from its selection.
    virtual int pickers() const = 0;
    // Draws `run` for `selection`.
    virtual void showRun(const RunRecord& run, const ChartSelection& selection) = 0;
    // By the file's suffix.
    Status exportTo(const QString& fileName) const;
    // Back to the ranges the chart was drawn with, after panning and zooming
    // (double-click on the chart, or Home).
    void resetView();
    // The one line under the chart, on screen and in every export, saying which run it
    // draws (RunProvenance::footnote: scenario, full or what-if, seed, trials).
    void setFootnote(const QString& text);
    QString footnote() const;

protected:
    // `exportTitle` names the chart in exported SVG files.
    ChartWidget(const QString& exportTitle, QWidget* parent);
    void setTitle(const QString& text);
    // Applies the palette's colours and redraws; call at the end of every update.
    void restyle();
    void changeEvent(QEvent* event) override;

    QCustomPlot* plot_;

private:
    QString exportTitle_;
    QCPTextElement* footnote_;
    // Each axis's range as last drawn: what resetView() returns to.
    std::vector<std::pair<QCPAxis*, std::pair<double, double>>> drawnRanges_;
};

} // namespace marginal
