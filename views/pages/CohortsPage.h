// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Cohorts from a project's data: per cohort the distribution of monthly usage on a
// log axis with the fitted log-normal density over it (and the Pareto tail model's,
// where one was fitted), the survival curve of monthly usage against both fits, the
// Lorenz curve of cost with
// the top-10% share and Gini, and the fitted parameters. The two cut points
// (percentiles of mean monthly cost, default P50 / P90) are editable: a change asks
// for a refit with cutsChanged(), and the window shows the new fit when it is done.
#include "simulator/analysis/CohortFit.h"
#include "views/pages/CohortCharts.h"

#include <QWidget>

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QTimer;
class QTreeWidget;

namespace marginal {

class CohortsPage : public QWidget {
    Q_OBJECT
public:
    explicit CohortsPage(QWidget* parent = nullptr);
    void setFit(const CohortFitResult& fit);
    // With its charts' points made beforehand (CohortCharts::of, on a worker thread for
    // a large project): quick whatever the number of customers.
    void setFit(const CohortFitResult& fit, const CohortCharts& charts);
    QCustomPlot* distributionPlot() const { return distribution_; }
    QCustomPlot* lorenzPlot() const { return lorenz_; }
    // P(monthly tokens > x) on log-log axes per cohort: the data, the log-normal fit and,
    // where one was fitted, the Pareto tail model (where the two part is where margin is).
    QCustomPlot* survivalPlot() const { return survival_; }
    QTreeWidget& table() const { return *table_; }
    QDoubleSpinBox& lowerCut() const { return *lowerCut_; }
    QDoubleSpinBox& upperCut() const { return *upperCut_; }
    // "refitting..." while a refit runs.
    void setBusy(bool busy);
    // No fit to show (no usage or no catalog yet): says why, clears the charts.
    void showHint(const QString& text);
    QString summaryText() const;
    // The warning shown when models the catalog lacks were priced at 0; empty when none.
    QString unpricedWarning() const;

Q_SIGNALS:
    // The cut points changed (and stayed put for a moment): refit with these.
    void cutsChanged(double lowerPercentile, double upperPercentile);

private:
    QLabel* summary_;
    QTreeWidget* table_;
    QCustomPlot* distribution_;
    QCustomPlot* lorenz_;
    QCustomPlot* survival_;
    QDoubleSpinBox* lowerCut_;
    QDoubleSpinBox* upperCut_;
    QLabel* busy_;
    QLabel* unpriced_;
    QTimer* settle_;
};

} // namespace marginal
