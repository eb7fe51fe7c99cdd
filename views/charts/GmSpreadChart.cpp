// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/GmSpreadChart.h"
#include "simulator/results/RunRecord.h"
#include "views/charts/ChartStyle.h"
#include "views/charts/UnitTicker.h"

#include <QToolTip>
#include <qcustomplot.h>

namespace marginal {

namespace {
constexpr double kLowestShown = -250.0;
} // namespace

GmSpreadChart::GmSpreadChart(QWidget* parent)
    : ChartWidget(tr("Per-customer gross margin by cohort"), parent) {
    plot_->yAxis->setLabel(tr("per-customer gross margin over the horizon"));
    plot_->yAxis->setTicker(UnitTicker::percent());
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const double x = plot_->xAxis->pixelToCoord(event->pos().x());
        for (const auto& [at, row] : shown_)
            if (std::abs(at - x) < 0.1)
                QToolTip::showText(event->globalPosition().toPoint(),
                                   tr("%1, cohort %2: GM%% P5 %3, median %4, P95 %5; "
                                      "P(margin < 0) %6")
                                       .arg(row.package, row.cohort)
                                       .arg(row.gmP5.value, 0, 'f', 1)
                                       .arg(row.gmP50.value, 0, 'f', 1)
                                       .arg(row.gmP95.value, 0, 'f', 1)
                                       .arg(row.pNegative, 0, 'f', 3),
                                   plot_);
    });
}

void GmSpreadChart::setRows(const std::vector<DecisionRow>& rows, const QString& mix) {
    plot_->clearPlottables();
    plot_->clearItems();
    shown_.clear();
    QStringList packages, cohorts;
    for (const DecisionRow& r : rows) {
        if (r.mix != mix || r.cohort == QLatin1String("all"))
            continue;
        if (!packages.contains(r.package))
            packages.append(r.package);
        if (!cohorts.contains(r.cohort))
            cohorts.append(r.cohort);
    }
    const double width = 0.8 / std::max<qsizetype>(1, cohorts.size());
    for (int c = 0; c < cohorts.size(); ++c) {
        auto* boxes = new QCPStatisticalBox(plot_->xAxis, plot_->yAxis);
        boxes->setName(tr("cohort %1").arg(cohorts[c]));
        QColor colour = ChartStyle::series(c);
        boxes->setPen(QPen(colour.darker(130)));
        boxes->setMedianPen(QPen(colour.darker(160), 3));
        boxes->setWhiskerPen(QPen(colour.darker(130)));
        colour.setAlpha(150);
        boxes->setBrush(colour);
        boxes->setWidth(width * 0.9);
        boxes->setWhiskerWidth(0);
        for (const DecisionRow& r : rows) {
            if (r.mix != mix || r.cohort != cohorts[c])
                continue;
            const double x = double(packages.indexOf(r.package) + 1) - 0.4 + width * (c + 0.5);
            // The box spans P5..P95 and the whiskers sit on its ends: only three
            // quantiles are estimated, each to within 0.05 percentage points.
            boxes->addData(x, r.gmP5.value, r.gmP5.value, r.gmP50.value, r.gmP95.value,
                           r.gmP95.value);
            shown_.emplace_back(x, r);
        }
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int p = 0; p < packages.size(); ++p)
        ticker->addTick(p + 1, packages[p]);
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setTickLabelRotation(-45); // away from the right edge (see MarginComparisonChart)
    plot_->xAxis->setRange(0.4, double(packages.size()) + 0.6);
    // One package far below zero would flatten the rest: the axis starts at -250%
    // at most, and each box that reaches further is cut at the axis with a marker
    // naming its P5 (the wheel zooms out to the whole box).
    double lowest = 0.0;
    for (const auto& shown : shown_)
        lowest = std::min(lowest, shown.second.gmP5.value);
    const double floor = std::max(lowest, kLowestShown);
    plot_->yAxis->setRange(floor - 0.08 * (110.0 - floor), 110.0);
    UnitTicker percent(QString(), QStringLiteral("%"));
    for (const auto& [x, row] : shown_) {
        if (row.gmP5.value >= kLowestShown)
            continue;
        auto* marker = new QCPItemText(plot_);
        marker->position->setCoords(x, plot_->yAxis->range().lower);
        marker->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        marker->setColor(palette().color(QPalette::Text));
        marker->setBrush(palette().color(QPalette::Base));
        marker->setPadding(QMargins(2, 1, 2, 1));
        marker->setClipToAxisRect(false);
        marker->setText(tr("\u25BC P5 %1").arg(percent.label(row.gmP5.value, 1.0)));
    }
    setTitle(tr("Per-customer GM%: P5 to P95 (box), median (line); mix %1").arg(mix));
    restyle();
}

int GmSpreadChart::boxCount() const {
    return int(shown_.size());
}

void GmSpreadChart::showRun(const RunRecord& run, const ChartSelection& selection) {
    setRows(run.decision, selection.mix);
}

} // namespace marginal
