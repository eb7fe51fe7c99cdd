// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/OptimiseChart.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/UnitTicker.h"

#include <qcustomplot.h>

namespace marginal {

OptimiseChart::OptimiseChart(QWidget* parent) : PlotWidget(tr("Price search"), parent) {
    feasible_ = plot_->addGraph();
    feasible_->setName(tr("evaluation within the constraints"));
    feasible_->setLineStyle(QCPGraph::lsNone);
    feasible_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, ChartStyle::series(0), ChartStyle::series(0), 6));
    infeasible_ = plot_->addGraph();
    infeasible_->setName(tr("evaluation breaking a constraint"));
    infeasible_->setLineStyle(QCPGraph::lsNone);
    infeasible_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCross, QColor(140, 140, 140), 6));
    best_ = plot_->addGraph();
    best_->setName(tr("best within the constraints so far"));
    best_->setLineStyle(QCPGraph::lsStepLeft);
    best_->setPen(QPen(ChartStyle::series(1), 2));
    target_ = plot_->addGraph();
    target_->setPen(QPen(QColor(0x20, 0x20, 0x20), 1.5, Qt::DashLine));
    plot_->xAxis->setLabel(tr("evaluation"));
    plot_->yAxis->setTicker(UnitTicker::dollars());
    clear(tr("mean margin per customer"));
}

void OptimiseChart::clear(const QString& what, std::optional<double> target) {
    for (QCPGraph* g : {feasible_, infeasible_, best_, target_})
        g->data()->clear();
    targetValue_ = target;
    best_->setVisible(!target);
    target_->setVisible(bool(target));
    if (target) {
        best_->removeFromLegend();
        target_->setName(tr("target %1").arg(*target));
        target_->addToLegend();
    } else {
        best_->addToLegend();
        target_->removeFromLegend();
    }
    plot_->yAxis->setTicker(what.contains(QLatin1String("GM"))
                                ? QSharedPointer<QCPAxisTicker>(UnitTicker::percent())
                                : QSharedPointer<QCPAxisTicker>(UnitTicker::dollars()));
    count_ = 0;
    lowest_ = std::numeric_limits<double>::infinity();
    highest_ = -lowest_;
    plot_->yAxis->setLabel(what);
    setTitle(target
                 ? tr("Price search: each evaluation's %1, closing in on %2").arg(what).arg(*target)
                 : tr("Price search: each evaluation's %1").arg(what));
    plot_->xAxis->setRange(0, 10);
    plot_->yAxis->setRange(0, 1);
    restyle();
}

void OptimiseChart::addEvaluation(double objective, bool feasible) {
    ++count_;
    (feasible ? feasible_ : infeasible_)->addData(count_, objective);
    if (targetValue_) {
        lowest_ = std::min(lowest_, *targetValue_);
        highest_ = std::max(highest_, *targetValue_);
        target_->data()->clear();
        target_->addData(0, *targetValue_);
        target_->addData(count_ + 1, *targetValue_);
    } else if (feasible) {
        const bool better =
            best_->data()->isEmpty() || objective > (best_->data()->constEnd() - 1)->value;
        best_->addData(count_, better ? objective : (best_->data()->constEnd() - 1)->value);
    } else if (!best_->data()->isEmpty()) {
        best_->addData(count_, (best_->data()->constEnd() - 1)->value);
    }
    lowest_ = std::min(lowest_, objective);
    highest_ = std::max(highest_, objective);
    const double pad = std::max(0.05 * (highest_ - lowest_), 0.01 * std::fabs(highest_) + 1e-6);
    plot_->xAxis->setRange(0, std::max(10, count_ + 1));
    plot_->yAxis->setRange(lowest_ - pad, highest_ + pad);
    restyle();
}

} // namespace marginal
