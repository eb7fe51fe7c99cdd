#pragma once
// Cohorts from a project's data: per cohort the distribution of monthly usage on a
// log axis with the fitted log-normal density over it, the Lorenz curve of cost with
// the top-10% share and Gini, and the fitted parameters.
#include "CohortFit.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QTreeWidget;

namespace marginal {

class CohortsPage : public QWidget {
    Q_OBJECT
public:
    explicit CohortsPage(QWidget* parent = nullptr);
    void setFit(const CohortFitResult& fit);
    QCustomPlot* distributionPlot() const { return distribution_; }
    QCustomPlot* lorenzPlot() const { return lorenz_; }

private:
    QLabel* summary_;
    QTreeWidget* table_;
    QCustomPlot* distribution_;
    QCustomPlot* lorenz_;
};

} // namespace marginal
