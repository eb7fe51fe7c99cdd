// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/PriceGridChart.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/UnitTicker.h"

#include <QLocale>
#include <QToolTip>
#include <cmath>
#include <qcustomplot.h>

namespace marginal {

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

QString metricName(PriceGridChart::Metric metric) {
    switch (metric) {
    case PriceGridChart::Metric::GmPercent:
        return PriceGridChart::tr("GM%");
    case PriceGridChart::Metric::PNegative:
        return PriceGridChart::tr("P(margin < 0)");
    case PriceGridChart::Metric::BillRise10:
        return PriceGridChart::tr("share with the bill up > 10%");
    case PriceGridChart::Metric::MarginWithChurn:
        return PriceGridChart::tr("mean margin with churn per customer");
    case PriceGridChart::Metric::MeanMargin:
        break;
    }
    return PriceGridChart::tr("mean margin per customer");
}

double standardErrorOf(const GridCell& cell, PriceGridChart::Metric metric) {
    const GroupFigures& g = cell.figures;
    switch (metric) {
    case PriceGridChart::Metric::GmPercent:
        return g.gmDefined ? g.gmPercentSe : kNaN;
    case PriceGridChart::Metric::PNegative:
        return g.samples > 0 ? std::sqrt(g.pNegative * (1 - g.pNegative) / double(g.samples)) : 0;
    case PriceGridChart::Metric::BillRise10:
        return g.baselineDefined && g.samples > 0
                   ? std::sqrt(g.billRise10Share * (1 - g.billRise10Share) / double(g.samples))
                   : kNaN;
    case PriceGridChart::Metric::MarginWithChurn:
        return g.migrationDefined ? g.meanMarginWithChurnSe : g.meanMarginSe;
    case PriceGridChart::Metric::MeanMargin:
        break;
    }
    return g.meanMarginSe;
}

// Red where the figure is bad, pale at the middle of the scale, green where good.
QCPColorGradient badToGood(bool highIsGood) {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(highIsGood ? 0.0 : 1.0, QColor(0xc0, 0x39, 0x2b));
    g.setColorStopAt(0.5, QColor(0xf4, 0xf1, 0xe6));
    g.setColorStopAt(highIsGood ? 1.0 : 0.0, QColor(0x1a, 0x98, 0x50));
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

QSharedPointer<QCPAxisTicker> tickerFor(PriceGridChart::Metric metric) {
    switch (metric) {
    case PriceGridChart::Metric::GmPercent:
        return UnitTicker::percent();
    case PriceGridChart::Metric::PNegative:
    case PriceGridChart::Metric::BillRise10:
        return UnitTicker::plain();
    case PriceGridChart::Metric::MeanMargin:
    case PriceGridChart::Metric::MarginWithChurn:
        break;
    }
    return UnitTicker::dollars();
}

} // namespace

PriceGridChart::PriceGridChart(QWidget* parent) : PlotWidget(tr("Price grid"), parent) {
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setName(tr("figure at each grid point"));
    map_->setInterpolate(false);
    map_->removeFromLegend();
    scale_ = new QCPColorScale(plot_);
    map_->setColorScale(scale_);
    // The scale beside the map, top and bottom aligned with it; in the layout only
    // while a heatmap is drawn (a line has none).
    auto* aligned = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, aligned);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, aligned);
    frontierCurve_ = new QCPCurve(plot_->xAxis, plot_->yAxis);
    frontierCurve_->setName(tr("constraint frontier"));
    frontierCurve_->setPen(QPen(QColor(0x20, 0x20, 0x20), 2.5, Qt::DashLine));
    frontierCurve_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    line_ = plot_->addGraph();
    line_->setName(tr("figure"));
    line_->setPen(QPen(ChartStyle::series(0), 2));
    line_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    bandLow_ = plot_->addGraph();
    bandHigh_ = plot_->addGraph();
    bandHigh_->setName(tr("95% Monte Carlo interval"));
    bandLow_->removeFromLegend();
    QColor band = ChartStyle::series(0);
    band.setAlpha(50);
    for (QCPGraph* g : {bandLow_, bandHigh_})
        g->setPen(QPen(Qt::NoPen));
    bandHigh_->setBrush(band);
    bandHigh_->setChannelFillGraph(bandLow_);
    target_ = plot_->addGraph();
    target_->setName(tr("GM% target"));
    target_->setPen(QPen(QColor(0x20, 0x20, 0x20), 1.5, Qt::DashLine));
    setTitle(tr("Price grid: choose fields and run the grid"));
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const GridCell* cell = cellAt(plot_->xAxis->pixelToCoord(event->pos().x()),
                                      plot_->yAxis->pixelToCoord(event->pos().y()));
        if (cell)
            QToolTip::showText(event->globalPosition().toPoint(), describe(*cell), plot_);
    });
    // A click (a press and release in place, not a drag) chooses the cell under it.
    connect(plot_, &QCustomPlot::mousePress, this,
            [this](QMouseEvent* event) { pressedAt_ = event->pos(); });
    connect(plot_, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        if ((event->pos() - pressedAt_).manhattanLength() > 4)
            return;
        if (const GridCell* cell = cellAt(plot_->xAxis->pixelToCoord(event->pos().x()),
                                          plot_->yAxis->pixelToCoord(event->pos().y())))
            Q_EMIT cellChosen(cell->values);
    });
    restyle();
}

double PriceGridChart::valueOf(const GridCell& cell, Metric metric) {
    switch (metric) {
    case Metric::GmPercent:
        return cell.figures.gmDefined ? cell.figures.gmPercent : kNaN;
    case Metric::PNegative:
        return cell.figures.pNegative;
    case Metric::BillRise10:
        return cell.figures.baselineDefined ? cell.figures.billRise10Share : kNaN;
    case Metric::MarginWithChurn:
        return cell.figures.migrationDefined ? cell.figures.meanMarginWithChurn
                                             : cell.figures.meanMargin;
    case Metric::MeanMargin:
        break;
    }
    return cell.figures.meanMargin;
}

const GridCell* PriceGridChart::cellAt(double x, double y) const {
    if (shown_.empty())
        return nullptr;
    const auto index = [](const SearchAxis& a, double v) -> int {
        if (a.steps <= 1)
            return 0;
        const double step = (a.hi - a.lo) / (a.steps - 1);
        const double i = std::round((v - a.lo) / step);
        return i < 0 || i >= a.steps ? -1 : int(i);
    };
    if (axes_.size() == 2 && axes_[0].steps > 1 && axes_[1].steps > 1) {
        const int i = index(axes_[0], x), j = index(axes_[1], y);
        if (i < 0 || j < 0)
            return nullptr;
        return &shown_[std::size_t(i * axes_[1].steps + j)];
    }
    const int along = axes_.size() == 2 && axes_[0].steps <= 1 ? 1 : 0;
    const int i = index(axes_[std::size_t(along)], x);
    if (i < 0)
        return nullptr;
    return &shown_[std::size_t(i)];
}

QString PriceGridChart::describe(const GridCell& cell) const {
    QStringList values;
    for (std::size_t k = 0; k < axes_.size() && k < cell.values.size(); ++k)
        values << QStringLiteral("%1 = %2").arg(axes_[k].path).arg(cell.values[k], 0, 'g', 8);
    const GroupFigures& g = cell.figures;
    const QLocale english(QLocale::English);
    QString migration;
    if (g.baselineDefined)
        migration += tr(", bill up > 10% for %1%").arg(100 * g.billRise10Share, 0, 'f', 1);
    if (g.migrationDefined)
        migration += tr(", margin with churn $%1 (%2% stay)")
                         .arg(english.toString(g.meanMarginWithChurn, 'f', 2))
                         .arg(100 * g.retainedShare, 0, 'f', 1);
    return tr("%1\nmargin $%2 \u00b1 %3 a customer, GM %4, P(margin < 0) %5%6\n(click to use "
              "these values)")
        .arg(values.join(QStringLiteral(", ")), english.toString(g.meanMargin, 'f', 2),
             english.toString(1.96 * g.meanMarginSe, 'f', 2),
             g.gmDefined ? QStringLiteral("%1% \u00b1 %2")
                               .arg(g.gmPercent, 0, 'f', 1)
                               .arg(1.96 * g.gmPercentSe, 0, 'f', 1)
                         : tr("n/a (no revenue)"))
        .arg(g.pNegative, 0, 'f', 3)
        .arg(migration);
}

void PriceGridChart::setGrid(const GridSweepResult& result, const QString& mix,
                             const QString& cohort, Metric metric, std::optional<double> gmTarget) {
    shown_.clear();
    for (const GridCell& cell : result.cells)
        if (cell.mix == mix && cell.cohort == cohort)
            shown_.push_back(cell);
    axes_ = result.axes;
    frontier_.clear();
    if (axes_.size() == 2 && axes_[0].steps > 1 && axes_[1].steps > 1)
        drawHeatmap(metric, gmTarget);
    else
        drawLine(metric, gmTarget);
    // An empty legend would narrow the plot to its own width: shown only with items.
    plot_->legend->setVisible(plot_->legend->itemCount() > 0);
    setTitle(tr("%1 by %2, mix %3, cohort %4")
                 .arg(metricName(metric),
                      axes_.size() == 2 ? axes_[0].path + QStringLiteral(" \u00d7 ") + axes_[1].path
                      : axes_.empty()   ? QString()
                                        : axes_[0].path,
                      mix, cohort));
    restyle();
}

void PriceGridChart::drawHeatmap(Metric metric, std::optional<double> gmTarget) {
    const SearchAxis& ax = axes_[0];
    const SearchAxis& ay = axes_[1];
    map_->setVisible(true);
    if (!plot_->plotLayout()->hasElement(1, 1) || plot_->plotLayout()->element(1, 1) != scale_) {
        plot_->plotLayout()->addElement(1, 1, scale_);
        plot_->plotLayout()->setColumnStretchFactor(1, 0.01);
    }
    scale_->setVisible(true);
    for (QCPGraph* g : {line_, bandLow_, bandHigh_, target_}) {
        g->data()->clear();
        g->setVisible(false);
        g->removeFromLegend();
    }
    map_->data()->setSize(ax.steps, ay.steps);
    map_->data()->setRange(QCPRange(ax.lo, ax.hi), QCPRange(ay.lo, ay.hi));
    double lowest = std::numeric_limits<double>::infinity(), highest = -lowest;
    for (int i = 0; i < ax.steps; ++i)
        for (int j = 0; j < ay.steps; ++j) {
            const double v = valueOf(shown_[std::size_t(i * ay.steps + j)], metric);
            map_->data()->setCell(i, j, v);
            if (std::isfinite(v)) {
                lowest = std::min(lowest, v);
                highest = std::max(highest, v);
            }
        }
    if (!std::isfinite(lowest))
        lowest = highest = 0;
    // The pale middle of the scale at the line between good and bad: zero margin, the
    // GM% target; P(margin < 0) from 0 up.
    double middle = (lowest + highest) / 2;
    if ((metric == Metric::MeanMargin || metric == Metric::MarginWithChurn) && lowest < 0 &&
        highest > 0)
        middle = 0;
    if (metric == Metric::GmPercent && gmTarget)
        middle = *gmTarget;
    const double reach = std::max({std::fabs(highest - middle), std::fabs(middle - lowest), 1e-9});
    // Shares of customers hurt (a loss, a bill up): red as they rise from 0.
    const bool shareHurt = metric == Metric::PNegative || metric == Metric::BillRise10;
    map_->setGradient(badToGood(!shareHurt));
    map_->setDataRange(shareHurt ? QCPRange(0, std::max(highest, 1e-9))
                                 : QCPRange(middle - reach, middle + reach));
    scale_->axis()->setTicker(tickerFor(metric));
    scale_->axis()->setLabel(metricName(metric));
    plot_->xAxis->setLabel(ax.path);
    plot_->yAxis->setLabel(ay.path);
    plot_->xAxis->setTicker(UnitTicker::plain());
    plot_->yAxis->setTicker(UnitTicker::plain());
    // The frontier: where GM% crosses the target, interpolated between grid points;
    // per value of the first field along the second, or per value of the second along
    // the first, whichever finds it more often (the direction the figure changes in).
    if (gmTarget) {
        const auto gmAt = [&](int i, int j) {
            return valueOf(shown_[std::size_t(i * ay.steps + j)], Metric::GmPercent);
        };
        // The first crossing between a and b of the target, as a fraction of the step.
        const auto crossing = [&](double a, double b) -> std::optional<double> {
            if (!std::isfinite(a) || !std::isfinite(b) || a == b ||
                (a - *gmTarget) * (b - *gmTarget) > 0)
                return std::nullopt;
            return (*gmTarget - a) / (b - a);
        };
        std::vector<std::pair<double, double>> alongSecond, alongFirst;
        for (int i = 0; i < ax.steps; ++i)
            for (int j = 0; j + 1 < ay.steps; ++j)
                if (const auto f = crossing(gmAt(i, j), gmAt(i, j + 1))) {
                    alongSecond.emplace_back(ax.at(i), ay.at(j) + *f * (ay.at(j + 1) - ay.at(j)));
                    break;
                }
        for (int j = 0; j < ay.steps; ++j)
            for (int i = 0; i + 1 < ax.steps; ++i)
                if (const auto f = crossing(gmAt(i, j), gmAt(i + 1, j))) {
                    alongFirst.emplace_back(ax.at(i) + *f * (ax.at(i + 1) - ax.at(i)), ay.at(j));
                    break;
                }
        frontier_ = alongFirst.size() > alongSecond.size() ? alongFirst : alongSecond;
    }
    QVector<double> fx, fy;
    for (const auto& [x, y] : frontier_) {
        fx.append(x);
        fy.append(y);
    }
    frontierCurve_->setData(fx, fy);
    frontierCurve_->setName(gmTarget ? tr("GM% = %1% frontier").arg(*gmTarget) : QString());
    frontierCurve_->setVisible(!frontier_.empty());
    if (frontier_.empty())
        frontierCurve_->removeFromLegend();
    else
        frontierCurve_->addToLegend();
    plot_->xAxis->setRange(ax.lo - (ax.hi - ax.lo) / (2.0 * (ax.steps - 1)),
                           ax.hi + (ax.hi - ax.lo) / (2.0 * (ax.steps - 1)));
    plot_->yAxis->setRange(ay.lo - (ay.hi - ay.lo) / (2.0 * (ay.steps - 1)),
                           ay.hi + (ay.hi - ay.lo) / (2.0 * (ay.steps - 1)));
}

void PriceGridChart::drawLine(Metric metric, std::optional<double> gmTarget) {
    map_->data()->clear();
    map_->setVisible(false);
    if (plot_->plotLayout()->hasElement(1, 1) && plot_->plotLayout()->element(1, 1) == scale_) {
        plot_->plotLayout()->take(scale_);
        plot_->plotLayout()->simplify();
    }
    scale_->setVisible(false);
    const int along = axes_.size() == 2 && axes_[0].steps <= 1 ? 1 : 0;
    if (axes_.empty())
        return;
    const SearchAxis& a = axes_[std::size_t(along)];
    QVector<double> x, y, low, high;
    for (const GridCell& cell : shown_) {
        const double v = valueOf(cell, metric), se = standardErrorOf(cell, metric);
        x.append(cell.values[std::size_t(along)]);
        y.append(v);
        low.append(v - 1.96 * se);
        high.append(v + 1.96 * se);
    }
    line_->setData(x, y);
    bandLow_->setData(x, low);
    bandHigh_->setData(x, high);
    for (QCPGraph* g : {line_, bandLow_, bandHigh_})
        g->setVisible(true);
    line_->addToLegend();
    bandHigh_->addToLegend();
    const bool targetShown = gmTarget && metric == Metric::GmPercent && !x.isEmpty();
    target_->setVisible(targetShown);
    if (targetShown) {
        target_->setData({x.front(), x.back()}, {*gmTarget, *gmTarget});
        target_->setName(tr("GM% target %1%").arg(*gmTarget));
        target_->addToLegend();
    } else {
        target_->data()->clear();
        target_->removeFromLegend();
    }
    // The frontier: where GM% crosses the target between two points of the field.
    if (gmTarget)
        for (std::size_t i = 0; i + 1 < shown_.size(); ++i) {
            const double p = valueOf(shown_[i], Metric::GmPercent);
            const double q = valueOf(shown_[i + 1], Metric::GmPercent);
            if (!std::isfinite(p) || !std::isfinite(q) || p == q ||
                (p - *gmTarget) * (q - *gmTarget) > 0)
                continue;
            const double x0 = shown_[i].values[std::size_t(along)];
            const double x1 = shown_[i + 1].values[std::size_t(along)];
            frontier_.emplace_back(x0 + (*gmTarget - p) / (q - p) * (x1 - x0), *gmTarget);
        }
    QVector<double> fx, fy;
    for (const auto& [fxv, fyv] : frontier_) {
        fx.append(fxv);
        fy.append(metric == Metric::GmPercent ? fyv : kNaN);
    }
    frontierCurve_->setData(fx, fy);
    frontierCurve_->setVisible(metric == Metric::GmPercent && !frontier_.empty());
    frontierCurve_->removeFromLegend();
    plot_->xAxis->setLabel(a.path);
    plot_->yAxis->setLabel(metricName(metric));
    plot_->xAxis->setTicker(UnitTicker::plain());
    plot_->yAxis->setTicker(tickerFor(metric));
    plot_->xAxis->rescale();
    line_->rescaleValueAxis();
    bandLow_->rescaleValueAxis(true);
    bandHigh_->rescaleValueAxis(true);
    if (targetShown)
        target_->rescaleValueAxis(true);
    plot_->yAxis->scaleRange(1.1, plot_->yAxis->range().center());
}

} // namespace marginal
