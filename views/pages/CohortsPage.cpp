// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/CohortsPage.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <functional>
#include <qcustomplot.h>

namespace marginal {

namespace {
const QColor kCohortColours[] = {QColor(70, 140, 70), QColor(60, 110, 190), QColor(200, 80, 50),
                                 QColor(140, 90, 170)};
} // namespace

CohortsPage::CohortsPage(QWidget* parent)
    : QWidget(parent), summary_(new QLabel), table_(new QTreeWidget),
      distribution_(new QCustomPlot), lorenz_(new QCustomPlot), survival_(new QCustomPlot),
      lowerCut_(new QDoubleSpinBox), upperCut_(new QDoubleSpinBox), busy_(new QLabel),
      unpriced_(new QLabel), settle_(new QTimer(this)) {
    unpriced_->setWordWrap(true);
    unpriced_->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #6b4e00; "
                                            "padding: 4px; }"));
    unpriced_->hide();
    for (QDoubleSpinBox* cut : {lowerCut_, upperCut_}) {
        cut->setRange(1.0, 99.0);
        cut->setDecimals(0);
        cut->setSuffix(tr("th percentile"));
        cut->setToolTip(tr("Customers are ranked by mean monthly supplier cost and cut here"));
    }
    lowerCut_->setValue(50.0);
    upperCut_->setValue(90.0);
    // Only a user's change asks for a refit (not the defaults above).
    for (QDoubleSpinBox* cut : {lowerCut_, upperCut_})
        connect(cut, &QDoubleSpinBox::valueChanged, settle_, qOverload<>(&QTimer::start));
    // Refit once the cut has stayed put for a moment, not at every arrow click.
    settle_->setSingleShot(true);
    settle_->setInterval(400);
    connect(settle_, &QTimer::timeout, this, [this] {
        if (lowerCut_->value() >= upperCut_->value()) {
            busy_->setText(tr("The low/medium cut must be below the medium/heavy cut."));
            return;
        }
        Q_EMIT cutsChanged(lowerCut_->value(), upperCut_->value());
    });
    summary_->setWordWrap(true);
    table_->setRootIsDecorated(false);
    table_->setHeaderLabels({tr("Cohort"), tr("Customers"), tr("$ / month"), tr("p active"),
                             tr("mu ± se"), tr("sigma ± se"), tr("KS (p)"), tr("rho"),
                             tr("Growth / month"), tr("Pareto tail (Vuong p): simulated from")});
    survival_->xAxis->setLabel(tr("monthly tokens when active (log scale)"));
    survival_->yAxis->setLabel(tr("share of months above (log scale)"));
    survival_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    for (QCPAxis* axis : {survival_->xAxis, survival_->yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    }
    survival_->plotLayout()->insertRow(0);
    survival_->plotLayout()->addElement(
        0, 0,
        new QCPTextElement(survival_, tr("Survival: data (solid), log-normal (dashed), "
                                         "Pareto tail (dotted)")));
    distribution_->xAxis->setLabel(tr("monthly tokens when active (log scale)"));
    distribution_->yAxis->setLabel(tr("share of active customer-months per 0.1 decade"));
    distribution_->legend->setVisible(true);
    distribution_->plotLayout()->insertRow(0);
    distribution_->plotLayout()->addElement(
        0, 0,
        new QCPTextElement(distribution_, tr("Monthly usage: data, log-normal fit (dashed), "
                                             "Pareto tail model (dotted)")));
    distribution_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    lorenz_->xAxis->setLabel(tr("share of customers (ascending cost)"));
    lorenz_->yAxis->setLabel(tr("share of cost"));
    lorenz_->xAxis->setRange(0, 1);
    lorenz_->yAxis->setRange(0, 1);
    auto* charts = new QSplitter;
    // The survival chart above the Lorenz curve, so the page still fits a 1024-pixel
    // screen.
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(survival_);
    right->addWidget(lorenz_);
    charts->addWidget(distribution_);
    charts->addWidget(right);
    charts->setSizes({650, 450});
    auto* cuts = new QHBoxLayout;
    auto* lowerLabel = new QLabel(tr("&Low / medium cut"));
    lowerLabel->setBuddy(lowerCut_);
    auto* upperLabel = new QLabel(tr("Medium / &heavy cut"));
    upperLabel->setBuddy(upperCut_);
    cuts->addWidget(lowerLabel);
    cuts->addWidget(lowerCut_);
    cuts->addWidget(upperLabel);
    cuts->addWidget(upperCut_);
    cuts->addWidget(busy_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(unpriced_);
    layout->addLayout(cuts);
    table_->setMaximumHeight(130);
    layout->addWidget(table_);
    layout->addWidget(charts, 1);
}

void CohortsPage::showHint(const QString& text) {
    summary_->setText(text);
    unpriced_->hide();
    table_->clear();
    distribution_->clearGraphs();
    distribution_->replot();
    lorenz_->clearGraphs();
    lorenz_->replot();
    survival_->clearGraphs();
    survival_->replot();
}

QString CohortsPage::summaryText() const {
    return summary_->text();
}

QString CohortsPage::unpricedWarning() const {
    return unpriced_->isVisibleTo(this) ? unpriced_->text() : QString();
}

void CohortsPage::setBusy(bool busy) {
    busy_->setText(busy ? tr("Refitting...") : QString());
}

void CohortsPage::setFit(const CohortFitResult& fit) {
    setFit(fit, CohortCharts::of(fit));
}

namespace {

QCPGraph* graphOf(QCustomPlot* plot, const CohortCharts::Points& points, const QPen& pen) {
    QCPGraph* g = plot->addGraph();
    g->setPen(pen);
    for (const auto& [x, y] : points)
        g->addData(x, y);
    return g;
}

} // namespace

void CohortsPage::setFit(const CohortFitResult& fit, const CohortCharts& charts) {
    if (fit.cutPoints.size() == 2) {
        const QSignalBlocker lower(lowerCut_), upper(upperCut_);
        lowerCut_->setValue(fit.cutPoints[0]);
        upperCut_->setValue(fit.cutPoints[1]);
    }
    setBusy(false);
    // Their cost counts as 0 in every figure here: said above them, not in a log.
    unpriced_->setText(tr("Models not in the price catalog are priced at 0: %1. Add their "
                          "prices on the Catalog page (or with marginal-cli catalog import).")
                           .arg(fit.unpriced.describe()));
    unpriced_->setVisible(!fit.unpriced.empty());
    const Concentration& k = fit.concentration;
    summary_->setText(
        tr("%1 customers, %2 usage records. Top 10% of customers: %3% of tokens, %4% of cost; "
           "Gini of cost %5.")
            .arg(fit.customers)
            .arg(fit.records)
            .arg(100 * k.top10TokenShare, 0, 'f', 1)
            .arg(100 * k.top10CostShare, 0, 'f', 1)
            .arg(k.giniCost, 0, 'f', 3));
    table_->clear();
    distribution_->clearGraphs();
    survival_->clearGraphs();
    double maxShare = 0.0;
    for (std::size_t i = 0; i < fit.cohorts.size(); ++i) {
        const FittedCohort& f = fit.cohorts[i];
        const CohortProfile& p = f.profile;
        table_->addTopLevelItem(new QTreeWidgetItem(
            {p.name, QString::number(p.customers), QString::number(f.meanMonthlyCost, 'f', 2),
             QString::number(p.pActive, 'f', 3),
             // The log-normal fitted to all months (the profile's body when a tail is drawn).
             QStringLiteral("%1 ± %2")
                 .arg(f.logNormalMu, 0, 'f', 3)
                 .arg(f.muStandardError, 0, 'f', 3),
             QStringLiteral("%1 ± %2")
                 .arg(f.logNormalSigma, 0, 'f', 3)
                 .arg(f.sigmaStandardError, 0, 'f', 3),
             QStringLiteral("%1 (%2)").arg(f.ksStatistic, 0, 'f', 3).arg(f.ksPValue, 0, 'f', 2),
             QString::number(p.rho, 'f', 2), QString::number(p.growth, 'f', 3),
             f.tail.fitted ? QStringLiteral("x_min %1, alpha %2 (%3): %4")
                                 .arg(f.tail.xMin, 0, 'g', 3)
                                 .arg(f.tail.alpha, 0, 'f', 2)
                                 .arg(f.tail.vuongPValue, 0, 'f', 3)
                                 .arg(TailModel::kindName(f.tail.favoured))
                           : tr("too few months: lognormal")}));
        const CohortCharts::Cohort& chart = charts.cohorts[i];
        const QColor colour = kCohortColours[i % 4];
        QCPGraph* histogram = graphOf(distribution_, chart.histogram, QPen(colour, 1.5));
        histogram->setName(tr("%1 (data)").arg(p.name));
        histogram->setLineStyle(QCPGraph::lsStepLeft);
        QColor fill = colour;
        fill.setAlpha(40);
        histogram->setBrush(fill);
        maxShare = std::max(maxShare, chart.maxShare);
        QCPGraph* density = graphOf(distribution_, chart.logNormalDensity,
                                    QPen(colour.darker(130), 2, Qt::DashLine));
        density->setName(tr("%1 (log-normal fit)").arg(p.name));
        density->removeFromLegend(); // the legend lists the cohorts; the title, the lines
        if (f.tail.fitted) {
            QCPGraph* tailed =
                graphOf(distribution_, chart.tailDensity, QPen(colour.darker(160), 2, Qt::DotLine));
            tailed->setName(tr("%1 (Pareto tail model)").arg(p.name));
            tailed->removeFromLegend();
        }
        if (!chart.logNormalSurvival.empty()) { // the cohort has active months
            graphOf(survival_, chart.survival, QPen(colour, 1.5))
                ->setLineStyle(QCPGraph::lsStepLeft);
            graphOf(survival_, chart.logNormalSurvival, QPen(colour.darker(140), 2, Qt::DashLine));
            if (f.tail.fitted)
                graphOf(survival_, chart.tailSurvival, QPen(colour.darker(140), 2, Qt::DotLine));
        }
    }
    survival_->rescaleAxes();
    survival_->yAxis->setRangeUpper(1.0);
    survival_->replot();
    for (int c = 0; c < table_->columnCount(); ++c)
        table_->resizeColumnToContents(c);
    distribution_->xAxis->setScaleType(QCPAxis::stLogarithmic);
    distribution_->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    distribution_->rescaleAxes();
    distribution_->yAxis->setRange(0, maxShare * 1.15);
    distribution_->replot();

    lorenz_->clearGraphs();
    QCPGraph* equality = lorenz_->addGraph();
    equality->setPen(QPen(Qt::gray, 1, Qt::DotLine));
    equality->setData({0, 1}, {0, 1});
    QCPGraph* curve = lorenz_->addGraph();
    curve->setPen(QPen(QColor(200, 80, 50), 2));
    for (const auto& [x, y] : k.lorenzCost)
        curve->addData(x, y);
    if (lorenz_->plotLayout()->rowCount() < 2) {
        lorenz_->plotLayout()->insertRow(0);
        lorenz_->plotLayout()->addElement(0, 0, new QCPTextElement(lorenz_, QString()));
    }
    static_cast<QCPTextElement*>(lorenz_->plotLayout()->element(0, 0))
        ->setText(tr("Lorenz curve of cost: Gini %1, top 10% hold %2%")
                      .arg(k.giniCost, 0, 'f', 3)
                      .arg(100 * k.top10CostShare, 0, 'f', 1));
    lorenz_->replot();
}

} // namespace marginal
