// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/CreditBurnChart.h"
#include "models/domain/PackageSummary.h"
#include "simulator/results/RunRecord.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/UnitTicker.h"

#include <QLocale>
#include <QToolTip>
#include <algorithm>
#include <qcustomplot.h>

namespace marginal {

namespace {
// What a hard cap or a throttle does with demand beyond the balance, for the band's name.
QString beyondMeaning(const QString& enforcement) {
    return enforcement == QLatin1String("block") ? QObject::tr("blocked")
                                                 : QObject::tr("throttled to the cheaper model");
}
} // namespace

CreditBurnChart::CreditBurnChart(QWidget* parent) : ChartWidget(tr("Credit burn"), parent) {
    plot_->xAxis->setLabel(tr("day of the month"));
    plot_->yAxis->setTicker(UnitTicker::plain());
    auto days = QSharedPointer<QCPAxisTickerFixed>::create();
    days->setTickStep(5.0);
    plot_->xAxis->setTicker(days);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const int day = int(std::lround(plot_->xAxis->pixelToCoord(event->pos().x())));
        if (day < 1 || day > DailyProfile::kDays)
            return;
        QStringList lines;
        for (int g = 0; g < plot_->graphCount(); ++g)
            if (plot_->graph(g)->property("median").toBool() ||
                plot_->graph(g)->property("beyond").toBool())
                lines.append(
                    QStringLiteral("%1: %2 credits")
                        .arg(plot_->graph(g)->name(),
                             QLocale(QLocale::English)
                                 .toString(std::abs(plot_->graph(g)->data()->at(day - 1)->value),
                                           'f', 0)));
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
            // The balance cannot go below zero: what the customers asked for beyond it
            // is drawn below the zero line as its own band, named by what the package
            // does with it. Flooring each quantile is the quantile of the floored
            // balance (the floor is monotone).
            const auto balance = [](const auto& array) {
                QVector<double> out;
                for (double v : array)
                    out.append(std::max(0.0, v));
                return out;
            };
            QCPGraph* low = plot_->addGraph();
            low->setData(days, balance(fan.p10));
            low->setPen(QPen(band));
            low->removeFromLegend();
            QCPGraph* high = plot_->addGraph();
            high->setData(days, balance(fan.p90));
            high->setPen(QPen(band));
            high->setBrush(band);
            high->setChannelFillGraph(low);
            high->setName(tr("%1: P10 to P90").arg(fan.cohort));
            QCPGraph* median = plot_->addGraph();
            median->setData(days, balance(fan.p50));
            median->setPen(QPen(colour, 2.5));
            median->setName(tr("%1: median (runs out in %2% of active months)")
                                .arg(fan.cohort)
                                .arg(100.0 * fan.runOutShare, 0, 'f', 0));
            median->setProperty("median", true);
            // Demand a hard cap blocks or a throttle moves is a cost the customer
            // feels: its own band. Overage and top-ups bill it, and the margin charts
            // show that; here it would only squash the balance to a line.
            const bool refused = shown->enforcement == QLatin1String("block") ||
                                 shown->enforcement == QLatin1String("throttle");
            if (refused && *std::min_element(fan.p50.begin(), fan.p50.end()) < 0.0) {
                QVector<double> beyond;
                for (double v : fan.p50)
                    beyond.append(std::min(0.0, v));
                QCPGraph* excess = plot_->addGraph();
                excess->setData(days, beyond);
                excess->setPen(QPen(colour, 1.5, Qt::DashLine));
                excess->setBrush(QBrush(colour, Qt::BDiagPattern));
                excess->setName(tr("%1: median demand beyond the balance (%2)")
                                    .arg(fan.cohort, beyondMeaning(shown->enforcement)));
                excess->setProperty("beyond", true);
            }
            ++fans_;
        }
    }
    auto* zero = new QCPItemStraightLine(plot_);
    zero->point1->setCoords(0, 0);
    zero->point2->setCoords(1, 0);
    zero->setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(1.2, 0);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setColor(palette().color(QPalette::Text));
    label->setText(tr("balance used up"));
    bool refusedShown = false;
    for (int g = 0; g < plot_->graphCount(); ++g)
        refusedShown = refusedShown || plot_->graph(g)->property("beyond").toBool();
    plot_->yAxis->setLabel(refusedShown ? tr("credits left at the end of the day; below zero: "
                                             "demand beyond the balance")
                                        : tr("credits left at the end of the day"));
    plot_->rescaleAxes();
    plot_->xAxis->setRange(0.5, DailyProfile::kDays + 0.5);
    plot_->yAxis->scaleRange(1.1, plot_->yAxis->range().center());
    // Room under the zero line for its label.
    const QCPRange y = plot_->yAxis->range();
    plot_->yAxis->setRangeLower(std::min(y.lower, -0.08 * y.upper));
    const bool lineup = shown && shown->enforcement == QLatin1String("lineup");
    setTitle(!shown   ? tr("Credit burn: no detail for this run")
             : lineup ? tr("Credit burn, lineup %1 under mix %2 (each customer's balance on "
                           "the package it is on)")
                            .arg(package, mix)
                      : tr("Credit burn, %1 under mix %2 (%3 included credits a month)")
                            .arg(package, mix, PackageSummary::number(included)));
    restyle();
}

void CreditBurnChart::showRun(const RunRecord& run, const ChartSelection& selection) {
    setDetail(run.detail, selection.package, selection.mix);
}

} // namespace marginal
