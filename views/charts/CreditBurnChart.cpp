// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/CreditBurnChart.h"
#include "simulator/results/RunRecord.h"
#include "views/charts/ChartStyle.h"

#include <QToolTip>
#include <qcustomplot.h>

namespace marginal {

CreditBurnChart::CreditBurnChart(QWidget* parent) : ChartWidget(tr("Credit burn"), parent) {
    plot_->xAxis->setLabel(tr("day of the month"));
    plot_->yAxis->setLabel(tr("credit balance at the end of the day"));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    auto days = QSharedPointer<QCPAxisTickerFixed>::create();
    days->setTickStep(5.0);
    plot_->xAxis->setTicker(days);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const int day = int(std::lround(plot_->xAxis->pixelToCoord(event->pos().x())));
        if (day < 1 || day > DailyProfile::kDays)
            return;
        QStringList lines;
        for (int g = 0; g < plot_->graphCount(); ++g)
            if (plot_->graph(g)->property("median").toBool())
                lines.append(QStringLiteral("%1: median %2 credits")
                                 .arg(plot_->graph(g)->name())
                                 .arg(plot_->graph(g)->data()->at(day - 1)->value, 0, 'f', 0));
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("Day %1\n%2").arg(day).arg(lines.join(u'\n')), plot_);
    });
}

void CreditBurnChart::setDetail(const std::vector<VariantDetail>& detail, const QString& package,
                                const QString& mix) {
    plot_->clearGraphs();
    plot_->clearItems();
    fans_ = 0;
    const VariantDetail* shown = nullptr;
    for (const VariantDetail& v : detail)
        if (v.package == package && v.mix == mix)
            shown = &v;
    QVector<double> days;
    for (int d = 1; d <= DailyProfile::kDays; ++d)
        days.append(d);
    double included = 0.0;
    if (shown) {
        for (int c = 0; c < int(shown->fans.size()); ++c) {
            const BurnFan& fan = shown->fans[std::size_t(c)];
            if (fan.samples == 0)
                continue;
            included = fan.included;
            const QColor colour = ChartStyle::series(c);
            QColor band = colour;
            band.setAlpha(60);
            const auto values = [](const auto& array) {
                return QVector<double>(array.begin(), array.end());
            };
            QCPGraph* low = plot_->addGraph();
            low->setData(days, values(fan.p10));
            low->setPen(QPen(band));
            low->removeFromLegend();
            QCPGraph* high = plot_->addGraph();
            high->setData(days, values(fan.p90));
            high->setPen(QPen(band));
            high->setBrush(band);
            high->setChannelFillGraph(low);
            high->setName(tr("%1: P10 to P90").arg(fan.cohort));
            QCPGraph* median = plot_->addGraph();
            median->setData(days, values(fan.p50));
            median->setPen(QPen(colour, 2.5));
            median->setName(tr("%1: median (runs out in %2% of active months)")
                                .arg(fan.cohort)
                                .arg(100.0 * fan.runOutShare, 0, 'f', 0));
            median->setProperty("median", true);
            ++fans_;
        }
    }
    auto* zero = new QCPItemStraightLine(plot_);
    zero->point1->setCoords(0, 0);
    zero->point2->setCoords(1, 0);
    zero->setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(1.2, 0);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setColor(palette().color(QPalette::Text));
    label->setText(tr("balance used up"));
    plot_->rescaleAxes();
    plot_->xAxis->setRange(0.5, DailyProfile::kDays + 0.5);
    plot_->yAxis->scaleRange(1.1, plot_->yAxis->range().center());
    setTitle(shown ? tr("Credit burn, %1 under mix %2 (%3 included credits a month)")
                         .arg(package, mix)
                         .arg(included, 0, 'f', 0)
                   : tr("Credit burn: no detail for this run"));
    restyle();
}

void CreditBurnChart::showRun(const RunRecord& run, const ChartSelection& selection) {
    setDetail(run.detail, selection.package, selection.mix);
}

} // namespace marginal
