// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/MarginComparisonChart.h"
#include "simulator/results/RunRecord.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/UnitTicker.h"

#include <QLocale>
#include <QToolTip>
#include <qcustomplot.h>

namespace marginal {

MarginComparisonChart::MarginComparisonChart(QWidget* parent)
    : ChartWidget(tr("Mean gross margin per customer"), parent) {
    bars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars_->setName(tr("mean margin per customer"));
    QColor fill = ChartStyle::series(0);
    bars_->setPen(QPen(fill));
    fill.setAlpha(170);
    bars_->setBrush(fill);
    errors_ = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
    errors_->setName(tr("95% Monte Carlo interval"));
    errors_->setDataPlottable(bars_);
    plot_->yAxis->setLabel(tr("gross margin per customer over the horizon"));
    plot_->yAxis->setTicker(UnitTicker::dollars());
    plot_->axisRect()->setRangeDrag(Qt::Vertical);
    plot_->axisRect()->setRangeZoom(Qt::Vertical);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const int i = int(std::lround(plot_->xAxis->pixelToCoord(event->pos().x()))) - 1;
        if (i >= 0 && i < int(shown_.size()))
            QToolTip::showText(
                event->globalPosition().toPoint(),
                tr("%1 / %2: margin $%3 ± %4, GM %5%, P(margin < 0) %6")
                    .arg(shown_[std::size_t(i)].package, shown_[std::size_t(i)].mix)
                    .arg(QLocale(QLocale::English)
                             .toString(shown_[std::size_t(i)].meanMargin, 'f', 2))
                    .arg(QLocale(QLocale::English)
                             .toString(1.96 * shown_[std::size_t(i)].meanMarginSe, 'f', 2))
                    .arg(shown_[std::size_t(i)].gmPercent, 0, 'f', 1)
                    .arg(shown_[std::size_t(i)].pNegative, 0, 'f', 3),
                plot_);
    });
}

void MarginComparisonChart::setRows(const std::vector<DecisionRow>& rows, const QString& cohort) {
    shown_.clear();
    for (const DecisionRow& r : rows)
        if (r.cohort == cohort)
            shown_.push_back(r);
    QVector<double> x, y, error;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t i = 0; i < shown_.size(); ++i) {
        x.append(double(i + 1));
        y.append(shown_[i].meanMargin);
        error.append(1.96 * shown_[i].meanMarginSe);
        ticker->addTick(double(i + 1), shown_[i].package + QStringLiteral(" / ") + shown_[i].mix);
    }
    bars_->setData(x, y);
    errors_->setData(error);
    plot_->xAxis->setTicker(ticker);
    // Turned anticlockwise the labels run down and to the left of their bar, away
    // from the right edge: QCustomPlot drops a label that would cross the edge, which
    // lost the last bar's label when they ran to the right.
    plot_->xAxis->setTickLabelRotation(-60);
    plot_->xAxis->setRange(0.3, double(shown_.size()) + 0.7);
    plot_->yAxis->rescale();
    plot_->yAxis->scaleRange(1.15, plot_->yAxis->range().center());
    plot_->plotLayout()->setRowSpacing(0);
    setTitle(tr("Mean gross margin per customer, cohort %1").arg(cohort));
    restyle();
}

int MarginComparisonChart::barCount() const {
    return bars_->data()->size();
}

void MarginComparisonChart::showRun(const RunRecord& run, const ChartSelection& selection) {
    setRows(run.decision, selection.cohort);
}

} // namespace marginal
