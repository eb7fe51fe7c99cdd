// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Margin over the horizon: mean gross margin per customer-month, month by month, one
// line per package for one cohort and mix, with the scenario's repricing events
// marked. Shows erosion (growth pushing heavy users past their included credits) and
// what a provider's price cut does to each package.
#include "models/domain/Scenario.h"
#include "simulator/results/ResultSummary.h"

#include "views/charts/ChartWidget.h"
#include <vector>

class QCustomPlot;

namespace marginal {

class MarginHorizonChart : public ChartWidget {
    Q_OBJECT
public:
    explicit MarginHorizonChart(QWidget* parent = nullptr);
    QString tabTitle() const override { return tr("Margin over the horizon"); }
    int pickers() const override { return PicksCohort | PicksMix; }
    void showRun(const RunRecord& run, const ChartSelection& selection) override;
    void setRows(const std::vector<MonthlyRow>& rows, const QString& cohort, const QString& mix,
                 const std::vector<RepricingEvent>& repricing);
    int lineCount() const;
    int markerCount() const { return markers_; }

private:
    int markers_ = 0;
};

} // namespace marginal
