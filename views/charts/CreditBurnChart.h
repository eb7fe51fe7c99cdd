// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Credit-burn fan: for one package under one mix, each cohort's credit balance by
// day of the month, P10 to P90 shaded with the median drawn; the balance starts at
// the included (plus rolled-over and top-up) credits and the zero line is where they
// run out: below it, demand is billed as overage, blocked, throttled or bought as
// top-ups, as the package says.
#include "simulator/results/RunDetail.h"

#include "views/charts/ChartWidget.h"

class QCustomPlot;

namespace marginal {

class CreditBurnChart : public ChartWidget {
    Q_OBJECT
public:
    explicit CreditBurnChart(QWidget* parent = nullptr);
    QString tabTitle() const override { return tr("Credit burn"); }
    int pickers() const override { return PicksPackage | PicksMix; }
    void showRun(const RunRecord& run, const ChartSelection& selection) override;
    void setDetail(const std::vector<VariantDetail>& detail, const QString& package,
                   const QString& mix);
    int fanCount() const { return fans_; }

private:
    int fans_ = 0;
};

} // namespace marginal
