// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Margin against usage: one dot per simulated customer (a sample per cohort), mean
// monthly tokens on a log axis against mean monthly gross margin, for one package
// under one mix. Where the cloud crosses zero is the usage a package stops paying for.
#include "simulator/results/RunDetail.h"

#include "views/charts/ChartWidget.h"

class QCustomPlot;

namespace marginal {

class MarginUsageChart : public ChartWidget {
    Q_OBJECT
public:
    explicit MarginUsageChart(QWidget* parent = nullptr);
    QString tabTitle() const override { return tr("Margin vs usage"); }
    int pickers() const override { return PicksPackage | PicksMix; }
    void showRun(const RunRecord& run, const ChartSelection& selection) override;
    void setDetail(const std::vector<VariantDetail>& detail, const QStringList& cohorts,
                   const QString& package, const QString& mix);
    int pointCount() const;

private:
};

} // namespace marginal
