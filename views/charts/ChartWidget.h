// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one interface of the Charts page's charts: a plot (PlotWidget) that says which
// of the pickers above the charts (cohort, mix, package) it uses and draws a run for a
// selection. A new chart is its class and one line in ChartRegistry.cpp.
#include "models/domain/Scenario.h"
#include "views/charts/PlotWidget.h"

#include <vector>

namespace marginal {

struct RunRecord;

// What a chart is asked to show besides the run: the cohort, mix and package picked
// above the charts, and the scenario's repricing events (to mark them).
struct ChartSelection {
    QString cohort, mix, package;
    std::vector<RepricingEvent> repricing;
};

class ChartWidget : public PlotWidget {
public:
    enum Picker { PicksCohort = 1, PicksMix = 2, PicksPackage = 4 };

    // The chart's tab title.
    virtual QString tabTitle() const = 0;
    // The pickers (Picker flags) the chart reads from its selection.
    virtual int pickers() const = 0;
    // Draws `run` for `selection`.
    virtual void showRun(const RunRecord& run, const ChartSelection& selection) = 0;

protected:
    using PlotWidget::PlotWidget;
};

} // namespace marginal
