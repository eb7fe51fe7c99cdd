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
#include <cmath>
#include <qcustomplot.h>

namespace marginal {

namespace {
const QColor kCohortColours[] = {QColor(70, 140, 70), QColor(60, 110, 190), QColor(200, 80, 50),
                                 QColor(140, 90, 170)};
constexpr double kBinWidth = 0.1; // in log10(tokens)
} // namespace

CohortsPage::CohortsPage(QWidget* parent)
    : QWidget(parent), summary_(new QLabel), table_(new QTreeWidget),
      distribution_(new QCustomPlot), lorenz_(new QCustomPlot), lowerCut_(new QDoubleSpinBox),
      upperCut_(new QDoubleSpinBox), busy_(new QLabel), unpriced_(new QLabel),
      settle_(new QTimer(this)) {
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
                             tr("Growth / month")});
    distribution_->xAxis->setLabel(tr("monthly tokens when active (log scale)"));
    distribution_->yAxis->setLabel(tr("share of active customer-months per 0.1 decade"));
    distribution_->legend->setVisible(true);
    distribution_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    lorenz_->xAxis->setLabel(tr("share of customers (ascending cost)"));
    lorenz_->yAxis->setLabel(tr("share of cost"));
    lorenz_->xAxis->setRange(0, 1);
    lorenz_->yAxis->setRange(0, 1);
    auto* charts = new QSplitter;
    charts->addWidget(distribution_);
    charts->addWidget(lorenz_);
    charts->setSizes({700, 400});
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
    double maxShare = 0.0;
    for (std::size_t i = 0; i < fit.cohorts.size(); ++i) {
        const FittedCohort& f = fit.cohorts[i];
        const CohortProfile& p = f.profile;
        table_->addTopLevelItem(new QTreeWidgetItem(
            {p.name, QString::number(p.customers), QString::number(f.meanMonthlyCost, 'f', 2),
             QString::number(p.pActive, 'f', 3),
             QStringLiteral("%1 ± %2").arg(p.mu, 0, 'f', 3).arg(f.muStandardError, 0, 'f', 3),
             QStringLiteral("%1 ± %2").arg(p.sigma, 0, 'f', 3).arg(f.sigmaStandardError, 0, 'f', 3),
             QStringLiteral("%1 (%2)").arg(f.ksStatistic, 0, 'f', 3).arg(f.ksPValue, 0, 'f', 2),
             QString::number(p.rho, 'f', 2), QString::number(p.growth, 'f', 3)}));
        // Histogram of log10 monthly tokens over the active months of the histories.
        std::map<int, double> bins;
        double active = 0.0;
        for (const auto& history : p.histories)
            for (double tokens : history)
                if (tokens > 0) {
                    ++bins[int(std::floor(std::log10(tokens) / kBinWidth))];
                    ++active;
                }
        const QColor colour = kCohortColours[i % 4];
        QCPGraph* histogram = distribution_->addGraph();
        histogram->setName(tr("%1 (data)").arg(p.name));
        histogram->setLineStyle(QCPGraph::lsStepLeft);
        histogram->setPen(QPen(colour, 1.5));
        QColor fill = colour;
        fill.setAlpha(40);
        histogram->setBrush(fill);
        for (const auto& [bin, count] : bins) {
            histogram->addData(std::pow(10.0, bin * kBinWidth), count / active);
            histogram->addData(std::pow(10.0, (bin + 1) * kBinWidth), count / active);
            maxShare = std::max(maxShare, count / active);
        }
        // The fitted log-normal: density of log10(T) ~ N(mu / ln 10, sigma / ln 10), per bin.
        QCPGraph* density = distribution_->addGraph();
        density->setName(tr("%1 (log-normal fit)").arg(p.name));
        density->setPen(QPen(colour.darker(130), 2, Qt::DashLine));
        const double m = p.mu / std::log(10.0), s = std::max(1e-9, p.sigma / std::log(10.0));
        for (double x = m - 4 * s; x <= m + 4 * s; x += s / 20) {
            const double pdf =
                std::exp(-0.5 * (x - m) * (x - m) / (s * s)) / (s * std::sqrt(2 * M_PI));
            density->addData(std::pow(10.0, x), pdf * kBinWidth);
        }
    }
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
