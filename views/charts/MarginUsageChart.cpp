// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/MarginUsageChart.h"
#include "simulator/results/RunRecord.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/TokenTicker.h"
#include "views/charts/UnitTicker.h"

#include <QToolTip>
#include <qcustomplot.h>

namespace marginal {

MarginUsageChart::MarginUsageChart(QWidget* parent) : ChartWidget(tr("Margin vs usage"), parent) {
    plot_->xAxis->setLabel(tr("tokens per month (log scale)"));
    plot_->yAxis->setLabel(tr("gross margin per month"));
    plot_->yAxis->setTicker(UnitTicker::dollars());
    plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot_->xAxis->setTicker(QSharedPointer<TokenTicker>::create());
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        QToolTip::showText(
            event->globalPosition().toPoint(),
            tr("%1 tokens a month: margin $%2 a month")
                .arg(TokenTicker::label(plot_->xAxis->pixelToCoord(event->pos().x())))
                .arg(plot_->yAxis->pixelToCoord(event->pos().y()), 0, 'f', 2),
            plot_);
    });
}

void MarginUsageChart::setDetail(const std::vector<VariantDetail>& detail,
                                 const QStringList& cohorts, const QString& package,
                                 const QString& mix) {
    plot_->clearGraphs();
    plot_->clearItems();
    const VariantDetail* shown = nullptr;
    for (const VariantDetail& v : detail)
        if (v.package == package && v.mix == mix)
            shown = &v;
    for (int c = 0; c < cohorts.size(); ++c) {
        QCPGraph* dots = plot_->addGraph();
        dots->setName(tr("cohort %1").arg(cohorts[c]));
        dots->setLineStyle(QCPGraph::lsNone);
        QColor colour = ChartStyle::series(c);
        colour.setAlpha(150);
        dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 5));
        if (!shown)
            continue;
        for (const CustomerPoint& p : shown->customers)
            if (p.cohort == c && p.tokensPerMonth > 0.0)
                dots->addData(p.tokensPerMonth, p.marginPerMonth);
    }
    auto* zero = new QCPItemStraightLine(plot_);
    zero->point1->setCoords(1, 0);
    zero->point2->setCoords(10, 0);
    zero->setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    plot_->rescaleAxes();
    plot_->yAxis->scaleRange(1.1, plot_->yAxis->range().center());
    setTitle(shown ? tr("Margin vs usage per customer, %1 under mix %2").arg(package, mix)
                   : tr("Margin vs usage: no detail for this run"));
    restyle();
}

int MarginUsageChart::pointCount() const {
    int n = 0;
    for (int g = 0; g < plot_->graphCount(); ++g)
        n += plot_->graph(g)->dataCount();
    return n;
}

void MarginUsageChart::showRun(const RunRecord& run, const ChartSelection& selection) {
    QStringList cohorts;
    if (!run.detail.empty())
        for (const BurnFan& fan : run.detail.front().fans)
            cohorts.append(fan.cohort);
    setDetail(run.detail, cohorts, selection.package, selection.mix);
}

} // namespace marginal
