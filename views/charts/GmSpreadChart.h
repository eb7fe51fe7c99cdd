// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Per-customer gross margin % by cohort, for each package side by side, under one
// model mix: a box from P5 to P95 of customers' GM% over the horizon with the median
// marked, one colour per cohort. It shows what a mean hides: a package can look fine
// on average while its heavy users sit far below zero.
#include "simulator/results/ResultSummary.h"

#include "views/charts/ChartWidget.h"
#include <vector>

class QCustomPlot;

namespace marginal {

class GmSpreadChart : public ChartWidget {
    Q_OBJECT
public:
    explicit GmSpreadChart(QWidget* parent = nullptr);
    QString tabTitle() const override { return tr("GM% by cohort"); }
    int pickers() const override { return PicksMix; }
    void showRun(const RunRecord& run, const ChartSelection& selection) override;
    void setRows(const std::vector<DecisionRow>& rows, const QString& mix);
    int boxCount() const;

private:
    std::vector<std::pair<double, DecisionRow>> shown_; // x position, row
};

} // namespace marginal
