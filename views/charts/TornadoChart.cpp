// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/TornadoChart.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/UnitTicker.h"

#include <QLocale>
#include <QToolTip>
#include <qcustomplot.h>

namespace marginal {

namespace {

QString money(double x) {
    return (x < 0 ? QStringLiteral("\u2212$") : QStringLiteral("$")) +
           QLocale(QLocale::English).toString(std::fabs(x), 'f', 2);
}

QString points(const std::optional<double>& d) {
    return d ? QStringLiteral("%1%2 pp")
                   .arg(*d < 0 ? QStringLiteral("\u2212") : QStringLiteral("+"))
                   .arg(std::fabs(*d), 0, 'f', 2)
             : QStringLiteral("n/a");
}

// A bar series drawn sideways: factors on the vertical axis, dollars along.
QCPBars* sidewaysBars(QCustomPlot* plot, const QString& name, int colour) {
    auto* bars = new QCPBars(plot->yAxis, plot->xAxis);
    bars->setName(name);
    QColor fill = ChartStyle::series(colour);
    bars->setPen(QPen(fill));
    fill.setAlpha(170);
    bars->setBrush(fill);
    bars->setWidth(0.38);
    return bars;
}

QCPErrorBars* errorsOf(QCustomPlot* plot, QCPBars* bars, const QString& name) {
    auto* errors = new QCPErrorBars(plot->yAxis, plot->xAxis);
    errors->setName(name);
    errors->setDataPlottable(bars);
    errors->removeFromLegend();
    return errors;
}

} // namespace

TornadoChart::TornadoChart(QWidget* parent) : PlotWidget(tr("Sensitivity of margin"), parent) {
    low_ = sidewaysBars(plot_, tr("factor at its low end"), 0);
    high_ = sidewaysBars(plot_, tr("factor at its high end"), 1);
    lowErrors_ = errorsOf(plot_, low_, tr("95% interval (low end)"));
    highErrors_ = errorsOf(plot_, high_, tr("95% interval (high end)"));
    plot_->xAxis->setLabel(tr("change in mean gross margin per customer over the horizon"));
    plot_->xAxis->setTicker(UnitTicker::dollars());
    plot_->axisRect()->setRangeDrag(Qt::Horizontal);
    plot_->axisRect()->setRangeZoom(Qt::Horizontal);
    setTitle(tr("Sensitivity: run the analysis to see which factors move margin most"));
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        // Row i is drawn at height n - i (the largest swing on top).
        const int n = int(shown_.size());
        const int i = n - int(std::lround(plot_->yAxis->pixelToCoord(event->pos().y())));
        if (i >= 0 && i < n)
            QToolTip::showText(event->globalPosition().toPoint(), describe(i), plot_);
    });
    restyle();
}

QString TornadoChart::describe(int i) const {
    const TornadoRow& r = shown_.at(std::size_t(i));
    return tr("%1: low end %2 gives %3 \u00b1 %4 a customer (GM %5); high end %6 gives %7 "
              "\u00b1 %8 (GM %9); swing %10")
        .arg(r.factor)
        .arg(r.low, 0, 'g', 6)
        .arg(money(r.lowDelta.mean), money(1.96 * r.lowDelta.se), points(r.gmLowDelta))
        .arg(r.high, 0, 'g', 6)
        .arg(money(r.highDelta.mean), money(1.96 * r.highDelta.se), points(r.gmHighDelta),
             money(r.swing()));
}

void TornadoChart::setRows(const std::vector<TornadoRow>& rows) {
    shown_ = rows;
    const int n = int(rows.size());
    QVector<double> keysLow, keysHigh, low, high, lowError, highError;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    // Bottom row first: QCPBars keeps its data sorted by key, and the error bars go
    // with the data by index, so both are given in that order.
    for (int i = n - 1; i >= 0; --i) {
        const double at = double(n - i);
        keysLow.append(at + 0.2);
        keysHigh.append(at - 0.2);
        low.append(rows[std::size_t(i)].lowDelta.mean);
        high.append(rows[std::size_t(i)].highDelta.mean);
        lowError.append(1.96 * rows[std::size_t(i)].lowDelta.se);
        highError.append(1.96 * rows[std::size_t(i)].highDelta.se);
        ticker->addTick(at, rows[std::size_t(i)].factor);
    }
    low_->setData(keysLow, low);
    high_->setData(keysHigh, high);
    lowErrors_->setData(lowError);
    highErrors_->setData(highError);
    plot_->yAxis->setTicker(ticker);
    plot_->yAxis->setRange(0.4, double(n) + 0.6);
    plot_->xAxis->rescale();
    double reach =
        std::max(std::fabs(plot_->xAxis->range().lower), std::fabs(plot_->xAxis->range().upper));
    for (int i = 0; i < n; ++i)
        reach =
            std::max({reach, std::fabs(low[i]) + lowError[i], std::fabs(high[i]) + highError[i]});
    plot_->xAxis->setRange(-1.1 * reach - 1e-9, 1.1 * reach + 1e-9); // zero in the middle
    if (n > 0)
        setTitle(tr("Sensitivity of margin: %1 / %2").arg(rows[0].package, rows[0].mix));
    restyle();
}

} // namespace marginal
