// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/MigrationChart.h"
#include "simulator/results/RunRecord.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/UnitTicker.h"

#include <QToolTip>
#include <qcustomplot.h>

namespace marginal {

MigrationChart::MigrationChart(QWidget* parent)
    : ChartWidget(tr("Bills against today's plan"), parent) {
    const QString names[4] = {tr("bill falls"), tr("bill within +10%"), tr("bill up 10% to 50%"),
                              tr("bill up over 50%")};
    const QColor colours[4] = {QColor(0x1a, 0x98, 0x50), QColor(0xb8, 0xb8, 0xb8),
                               QColor(0xf0, 0x9a, 0x3e), QColor(0xc0, 0x39, 0x2b)};
    for (int i = 0; i < 4; ++i) {
        segments_[i] = new QCPBars(plot_->xAxis, plot_->yAxis);
        segments_[i]->setName(names[i]);
        segments_[i]->setPen(QPen(colours[i].darker(115)));
        segments_[i]->setBrush(colours[i]);
        segments_[i]->setWidth(0.7);
        if (i > 0)
            segments_[i]->moveAbove(segments_[i - 1]);
    }
    retained_ = plot_->addGraph();
    retained_->setName(tr("still a customer at the end (churn)"));
    retained_->setLineStyle(QCPGraph::lsNone);
    retained_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.5), QBrush(Qt::white), 9));
    plot_->yAxis->setLabel(tr("share of the cohort's customers"));
    plot_->yAxis->setTicker(UnitTicker::percent());
    plot_->yAxis->setRange(0, 100);
    plot_->axisRect()->setRangeDrag(Qt::Horizontal);
    plot_->axisRect()->setRangeZoom(Qt::Horizontal);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const int i = int(std::lround(plot_->xAxis->pixelToCoord(event->pos().x()))) - 1;
        if (i >= 0 && i < int(shown_.size()))
            QToolTip::showText(event->globalPosition().toPoint(), describe(i), plot_);
    });
    setTitle(tr("Bills against today's plan: set a baseline on the Lineups page and run"));
}

QString MigrationChart::describe(int i) const {
    const DecisionRow& r = shown_.at(std::size_t(i));
    QString text = tr("%1, cohort %2: bill falls for %3%, up over 10% for %4%, over 50% for %5%; "
                      "median change %6%, P95 %7%")
                       .arg(r.package, r.cohort)
                       .arg(100 * r.billFallShare, 0, 'f', 1)
                       .arg(100 * r.billRise10Share, 0, 'f', 1)
                       .arg(100 * r.billRise50Share, 0, 'f', 1)
                       .arg(r.billChangeP50.value, 0, 'f', 1)
                       .arg(r.billChangeP95.value, 0, 'f', 1);
    if (r.migrationDefined)
        text += tr("; %1% still customers at the end").arg(100 * r.retainedShare, 0, 'f', 1);
    return text;
}

void MigrationChart::setRows(const std::vector<DecisionRow>& rows, const QString& cohort,
                             const QString& mix) {
    shown_.clear();
    for (const DecisionRow& r : rows)
        if (r.cohort == cohort && r.mix == mix && r.baselineDefined)
            shown_.push_back(r);
    QVector<double> x, shares[4], retainedX, retained;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    bool churn = false;
    for (std::size_t i = 0; i < shown_.size(); ++i) {
        const DecisionRow& r = shown_[i];
        x.append(double(i + 1));
        shares[0].append(100 * r.billFallShare);
        shares[1].append(100 * std::max(0.0, 1 - r.billFallShare - r.billRise10Share));
        shares[2].append(100 * (r.billRise10Share - r.billRise50Share));
        shares[3].append(100 * r.billRise50Share);
        // Churn: only when some leave (a retained share below 1).
        if (r.migrationDefined && r.retainedShare < 1) {
            churn = true;
            retainedX.append(double(i + 1));
            retained.append(100 * r.retainedShare);
        }
        ticker->addTick(double(i + 1), r.package);
    }
    for (int s = 0; s < 4; ++s)
        segments_[s]->setData(x, shares[s]);
    retained_->setData(retainedX, retained);
    if (churn)
        retained_->addToLegend();
    else
        retained_->removeFromLegend();
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setTickLabelRotation(-60);
    plot_->xAxis->setRange(0.3, double(shown_.size()) + 0.7);
    plot_->yAxis->setRange(0, 100);
    setTitle(shown_.empty()
                 ? tr("Bills against today's plan: set a baseline on the Lineups page and run")
                 : tr("Bills against today's plan, cohort %1, mix %2").arg(cohort, mix));
    restyle();
}

void MigrationChart::showRun(const RunRecord& run, const ChartSelection& selection) {
    setRows(run.decision, selection.cohort, selection.mix);
}

} // namespace marginal
