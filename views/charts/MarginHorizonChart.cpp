// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/MarginHorizonChart.h"
#include "simulator/results/RunRecord.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/UnitTicker.h"

#include <QToolTip>
#include <qcustomplot.h>

namespace marginal {

MarginHorizonChart::MarginHorizonChart(QWidget* parent)
    : ChartWidget(tr("Margin over the horizon"), parent) {
    plot_->xAxis->setLabel(tr("month of the horizon"));
    auto months = QSharedPointer<QCPAxisTickerFixed>::create();
    months->setTickStep(1.0);
    months->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot_->xAxis->setTicker(months);
    plot_->yAxis->setLabel(tr("mean gross margin per customer-month"));
    plot_->yAxis->setTicker(UnitTicker::dollars());
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const int month = int(std::lround(plot_->xAxis->pixelToCoord(event->pos().x())));
        QStringList lines;
        for (int g = 0; g < plot_->graphCount(); ++g) {
            const auto it = plot_->graph(g)->data()->findBegin(month, false);
            if (it != plot_->graph(g)->data()->constEnd() && int(it->key) == month)
                lines.append(QStringLiteral("%1: $%2")
                                 .arg(plot_->graph(g)->name())
                                 .arg(it->value, 0, 'f', 2));
        }
        if (!lines.isEmpty())
            QToolTip::showText(event->globalPosition().toPoint(),
                               tr("Month %1\n%2").arg(month).arg(lines.join(u'\n')), plot_);
    });
}

void MarginHorizonChart::setRows(const std::vector<MonthlyRow>& rows, const QString& cohort,
                                 const QString& mix, const std::vector<RepricingEvent>& repricing) {
    plot_->clearGraphs();
    plot_->clearItems();
    QStringList packages;
    for (const MonthlyRow& r : rows)
        if (r.cohort == cohort && r.mix == mix && !packages.contains(r.package))
            packages.append(r.package);
    int lastMonth = 0;
    for (int p = 0; p < packages.size(); ++p) {
        QCPGraph* line = plot_->addGraph();
        line->setName(packages[p]);
        line->setPen(QPen(ChartStyle::series(p), 2));
        line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        for (const MonthlyRow& r : rows)
            if (r.cohort == cohort && r.mix == mix && r.package == packages[p]) {
                line->addData(r.month + 1, r.meanMargin);
                lastMonth = std::max(lastMonth, r.month + 1);
            }
    }
    markers_ = 0;
    QColor markerColour = palette().color(QPalette::Text);
    markerColour.setAlpha(160);
    for (const RepricingEvent& e : repricing) {
        auto* marker = new QCPItemStraightLine(plot_);
        marker->point1->setCoords(e.month + 0.5, 0);
        marker->point2->setCoords(e.month + 0.5, 1);
        marker->setPen(QPen(markerColour, 1.5, Qt::DashLine));
        auto* label = new QCPItemText(plot_);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(e.month + 0.6, 0.03);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setColor(palette().color(QPalette::Text));
        label->setText(tr("repricing: %1").arg(e.model));
        ++markers_;
    }
    plot_->rescaleAxes();
    plot_->xAxis->setRange(0.5, std::max(1, lastMonth) + 0.5);
    plot_->yAxis->scaleRange(1.15, plot_->yAxis->range().center());
    setTitle(tr("Margin over the horizon, cohort %1, mix %2").arg(cohort, mix));
    restyle();
}

int MarginHorizonChart::lineCount() const {
    int withData = 0;
    for (int g = 0; g < plot_->graphCount(); ++g)
        withData += plot_->graph(g)->dataCount() > 0 ? 1 : 0;
    return withData;
}

void MarginHorizonChart::showRun(const RunRecord& run, const ChartSelection& selection) {
    setRows(run.monthly, selection.cohort, selection.mix, selection.repricing);
}

} // namespace marginal
