// SPDX-License-Identifier: GPL-3.0-or-later
// The Cohorts page says, above the figures, when models the catalog lacks were priced
// at 0, with their share of tokens; a fit without them shows no warning. It draws both
// tail fits: the Pareto tail model's density and survival beside the log-normal's.
#include "views/pages/CohortsPage.h"

#include <QTreeWidget>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

namespace {

// A heavy cohort of 100 months at 1e6 .. 1e8 tokens, with a fitted tail above 3e7.
marginal::FittedCohort tailedCohort() {
    using namespace marginal;
    FittedCohort f;
    f.profile.name = "heavy";
    f.profile.customers = 10;
    std::vector<double> history;
    for (int i = 0; i < 100; ++i)
        history.push_back(1e6 * std::pow(100.0, i / 99.0));
    f.profile.histories = {history};
    f.logNormalMu = std::log(1e7);
    f.logNormalSigma = 1.3;
    f.tail.fitted = true;
    f.tail.xMin = 3e7;
    f.tail.alpha = 1.5;
    f.tail.bodyMu = std::log(1e7);
    f.tail.bodySigma = 1.2;
    f.tail.vuongPValue = 0.2;
    return f;
}

} // namespace

using namespace marginal;

class TestCohortsPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void warnsOfUnpricedModels() {
        CohortsPage page;
        page.show();
        CohortFitResult fit;
        fit.cutPoints = {50, 90};
        page.setFit(fit);
        QCOMPARE(page.unpricedWarning(), QString());
        fit.unpriced.addTotal(1000);
        fit.unpriced.addUnpriced("mystery-llm", 24);
        fit.unpriced.addUnpriced("other", 1);
        page.setFit(fit);
        QCOMPARE(page.unpricedWarning(),
                 QString("Models not in the price catalog are priced at 0: mystery-llm (2.4% of "
                         "tokens), other (0.1%). Add their prices on the Catalog page (or with "
                         "marginal-cli catalog import)."));
        page.showHint("no usage yet");
        QCOMPARE(page.unpricedWarning(), QString());
    }

    // The charts' points are worked out by hand: three active months one decade apart
    // (a month of 0 is not active), each a third of the histogram; the survival curve
    // steps down a third at each.
    void chartsTheActiveMonthsByHand() {
        FittedCohort f;
        f.profile.name = "low";
        f.profile.histories = {{15.0, 0.0, 150.0}, {1500.0}};
        f.logNormalMu = std::log(150.0);
        f.logNormalSigma = 1.0;
        CohortFitResult fit;
        fit.cohorts.push_back(f);
        const CohortCharts charts = CohortCharts::of(fit);
        QCOMPARE(charts.cohorts.size(), std::size_t(1));
        const CohortCharts::Cohort& c = charts.cohorts[0];
        QCOMPARE(c.histogram.size(), std::size_t(6)); // three bins, two steps each
        const double bins[] = {11, 21, 31};           // floor(log10(T) / 0.1)
        for (int i = 0; i < 3; ++i) {
            QVERIFY(std::fabs(c.histogram[2 * i].first - std::pow(10.0, bins[i] / 10)) < 1e-9);
            QVERIFY(std::fabs(c.histogram[2 * i + 1].first - std::pow(10.0, (bins[i] + 1) / 10)) <
                    1e-9);
            QCOMPARE(c.histogram[2 * i].second, 1.0 / 3.0);
        }
        QCOMPARE(c.maxShare, 1.0 / 3.0);
        QCOMPARE(c.survival.size(), std::size_t(2));
        QCOMPARE(c.survival[0], std::make_pair(15.0, 2.0 / 3.0));
        QCOMPARE(c.survival[1], std::make_pair(150.0, 1.0 / 3.0));
        QVERIFY(c.tailDensity.empty() && c.tailSurvival.empty()); // no tail fitted
        // The log-normal's survival at its median is one half.
        bool atMedian = false;
        for (const auto& [x, survival] : c.logNormalSurvival)
            if (std::fabs(std::log10(x / 150.0)) < 0.011) {
                QVERIFY(std::fabs(survival - 0.5) < 0.02);
                atMedian = true;
            }
        QVERIFY(atMedian);
    }

    void drawsBothTailFits() {
        CohortsPage page;
        page.resize(1400, 800);
        page.show();
        CohortFitResult fit;
        fit.cutPoints = {50, 90};
        fit.cohorts.push_back(tailedCohort());
        page.setFit(fit);
        // Histogram, log-normal, tail model.
        QCPGraph* tailed = page.distributionPlot()->graph(2);
        QCOMPARE(page.distributionPlot()->graphCount(), 3);
        QCOMPARE(tailed->name(), QString("heavy (Pareto tail model)"));
        // Above x_min the tail model's density of log10 T is q alpha ln 10 10^(-alpha u)
        // per unit u = log10(T / x_min), times the 0.1-decade bin.
        const double q = 0.5 * std::erfc(std::log(3.0) / 1.2 / M_SQRT2);
        bool checked = false;
        for (auto it = tailed->data()->constBegin(); it != tailed->data()->constEnd(); ++it)
            if (it->key > 3e7 * 1.5 && !checked) {
                const double u = std::log10(it->key / 3e7);
                QVERIFY(std::fabs(it->value - 0.1 * q * 1.5 * std::log(10.0) *
                                                  std::pow(10.0, -1.5 * u)) < 1e-12);
                checked = true;
            }
        QVERIFY(checked);
        // Survival: the data, the log-normal, the tail model; the tail model's is
        // (x / x_min)^-alpha x q above x_min, heavier than the log-normal's far out.
        QCOMPARE(page.survivalPlot()->graphCount(), 3);
        const auto valueNear = [&](int graph, double x) {
            const auto data = page.survivalPlot()->graph(graph)->data();
            return data->findBegin(x, false)->value;
        };
        QVERIFY(std::fabs(valueNear(2, 2e8) / (q * std::pow(2e8 / 3e7, -1.5)) - 1.0) < 0.1);
        QVERIFY(valueNear(2, 2.5e8) > valueNear(1, 2.5e8)); // 0.0075 against 0.0066
        QCOMPARE(page.table().topLevelItem(0)->text(9),
                 QString("x_min 3e+07, alpha 1.50 (0.200): lognormal"));
        page.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/cohorts_page_tails.png"));
    }
};

QTEST_MAIN(TestCohortsPage)
#include "tst_CohortsPage.moc"
