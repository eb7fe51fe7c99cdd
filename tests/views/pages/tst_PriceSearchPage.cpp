// SPDX-License-Identifier: GPL-3.0-or-later
// The Price search page, headless: the tornado and the price grid run in the
// background on the open scenario; what they draw is what the analyses computed
// (compared bar by bar and cell by cell with the same analyses run directly); the
// frontier sits where GM% crosses the target; a chosen grid point is written into the
// package as one undo step; Cancel keeps what was shown.
#include "simulator/search/PackageField.h"
#include "tests/support/StatusChecks.h"
#include "views/charts/OptimiseChart.h"
#include "views/charts/PriceGridChart.h"
#include "views/charts/TornadoChart.h"
#include "views/editors/PackageEditor.h"
#include "views/jobs/Job.h"
#include "views/pages/PriceSearchPage.h"
#include "views/window/MainWindow.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

using namespace marginal;

namespace {

// The same analysis the page ran, computed here from the window's own request.
RunOptions optionsFor(const RunInputs& inputs) {
    RunOptions options;
    options.seed = inputs.seed;
    options.trials = inputs.trials;
    options.threads = 1;
    return options;
}

void setAxis(const PriceGridPanel::Axis& axis, const QString& field, double lo, double hi,
             int steps) {
    axis.field->setCurrentText(field);
    axis.lo->setValue(lo);
    axis.hi->setValue(hi);
    axis.steps->setValue(steps);
}

} // namespace

class TestPriceSearchPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theTornadoDrawsTheAnalysis() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.seedEdit().setText("7");
        SensitivityPanel& panel = w.priceSearchPage().sensitivity();
        panel.trialsBox().setValue(20);
        panel.rangeBox().setValue(30);
        QSignalSpy finished(&panel, &SensitivityPanel::finished);
        QVERIFY_OK(panel.start());
        QVERIFY(!panel.start().ok()); // one at a time
        QVERIFY(finished.wait(120000));
        QVERIFY(panel.result().has_value());

        const Result<SearchRequest> request = w.searchRequest(20);
        QVERIFY(request.ok());
        const RunInputs inputs = request->prepare();
        QCOMPARE(inputs.seed, quint64(7));
        const SensitivityResult expected =
            SensitivityAnalysis::run(inputs.scenario, 0.3, optionsFor(inputs));
        QCOMPARE(panel.result()->csv(), expected.csv());

        // The chart: the picked package x mix's factors, largest swing on top, each bar
        // the change in margin and its 95% interval.
        panel.packageBox().setCurrentText("capped_29");
        panel.mixBox().setCurrentText("observed");
        const TornadoChart& chart = panel.chart();
        std::vector<TornadoRow> rows;
        for (const TornadoRow& r : expected.rows)
            if (r.package == "capped_29" && r.mix == "observed")
                rows.push_back(r);
        QCOMPARE(int(chart.rows().size()), int(rows.size()));
        QVERIFY(rows.size() >= 10);
        const int n = int(rows.size());
        for (int i = 0; i < n; ++i) {
            // Row i at height n - i (the bars' data is kept by height, lowest first):
            // low end just above, high end just below.
            const auto low = chart.lowBars().data()->at(n - 1 - i);
            const auto high = chart.highBars().data()->at(n - 1 - i);
            QCOMPARE(low->key, double(n - i) + 0.2);
            QCOMPARE(low->value, rows[std::size_t(i)].lowDelta.mean);
            QCOMPARE(high->key, double(n - i) - 0.2);
            QCOMPARE(high->value, rows[std::size_t(i)].highDelta.mean);
            QCOMPARE(chart.highErrors().data()->at(n - 1 - i).errorPlus,
                     1.96 * rows[std::size_t(i)].highDelta.se);
            if (i > 0)
                QVERIFY(std::fabs(rows[std::size_t(i - 1)].swing()) >=
                        std::fabs(rows[std::size_t(i)].swing()));
        }
        QVERIFY(chart.describe(0).startsWith(rows[0].factor + ": low end"));
        QVERIFY(chart.footnote().contains("seed 7, 20 trials"));
        QTemporaryDir dir;
        QVERIFY_OK(panel.exportCsv(dir.filePath("tornado.csv")));
        QFile exported(dir.filePath("tornado.csv"));
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QCOMPARE(exported.readAll(), expected.csv());
    }

    void thePriceGridDrawsItsCellsAndFrontierAndAppliesAPoint() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.seedEdit().setText("11");
        PriceGridPanel& panel = w.priceSearchPage().grid();
        panel.packageBox().setCurrentText("credits_19");
        // Offered: the package's numeric fields, the base fee first.
        QCOMPARE(panel.axis(0).field->currentText(), QString("base_fee"));
        QCOMPARE(panel.axis(1).field->currentText(), QString("included_credits"));
        QVERIFY(panel.axis(0).field->findText("overage.price") >= 0);
        setAxis(panel.axis(0), "base_fee", 10, 40, 4);
        setAxis(panel.axis(1), "included_credits", 500, 2500, 5);
        panel.trialsBox().setValue(20);
        QSignalSpy finished(&panel, &PriceGridPanel::finished);
        QVERIFY_OK(panel.start());
        QVERIFY(finished.wait(120000));
        QVERIFY(panel.result().has_value());
        QCOMPARE(panel.result()->points, std::size_t(20));

        const RunInputs inputs = w.searchRequest(20)->prepare();
        const PackageGrid grid(inputs.scenario, "credits_19");
        std::vector<SearchAxis> axes(2);
        axes[0] = SearchAxis{"base_fee", 10, 40, 4};
        axes[1] = SearchAxis{"included_credits", 500, 2500, 5};
        const std::vector<PackageField> fields{
            *PackageField::resolve("base_fee", grid.package()),
            *PackageField::resolve("included_credits", grid.package())};
        const GridSweepResult expected = GridSweep::run(grid, fields, axes, optionsFor(inputs));
        QCOMPARE(panel.result()->csv(), expected.csv());

        // The heatmap of mean margin, cohort "all", mix observed: cell (i, j) is point
        // i * 5 + j's figure.
        panel.mixBox().setCurrentText("observed");
        panel.cohortBox().setCurrentText("all");
        panel.metricBox().setCurrentIndex(int(PriceGridChart::Metric::MeanMargin));
        const PriceGridChart& chart = panel.chart();
        QCOMPARE(int(chart.cells().size()), 20);
        QCOMPARE(chart.colorMap().data()->keySize(), 4);
        QCOMPARE(chart.colorMap().data()->valueSize(), 5);
        std::vector<const GridCell*> cells;
        for (const GridCell& c : expected.cells)
            if (c.mix == "observed" && c.cohort == "all")
                cells.push_back(&c);
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 5; ++j) {
                const GridCell& c = *cells[std::size_t(i * 5 + j)];
                QCOMPARE(c.values, (std::vector<double>{10.0 + 10 * i, 500.0 + 500 * j}));
                QCOMPARE(chart.colorMap().data()->cell(i, j), c.figures.meanMargin);
                QCOMPARE(chart.cellAt(c.values[0], c.values[1]),
                         &chart.cells()[std::size_t(i * 5 + j)]);
            }
        QVERIFY(chart.cellAt(100, 500) == nullptr);
        // Margin rises with the base fee: $30 more a month is $360 a customer-year or
        // so less fees, the same at every credit level.
        QVERIFY(cells[15]->figures.meanMargin > cells[0]->figures.meanMargin + 100);

        // The frontier at a target halfway between the grid's lowest and highest GM%.
        double lowest = 1e9, highest = -1e9;
        for (const GridCell* c : cells) {
            lowest = std::min(lowest, c->figures.gmPercent);
            highest = std::max(highest, c->figures.gmPercent);
        }
        panel.targetBox().setValue(std::round((lowest + highest) * 50) / 100);
        const double t = panel.targetBox().value();
        QVERIFY(t > lowest && t < highest);
        // Where GM% crosses it: per base fee along the credit levels or
        // per credit level along the base fees, whichever crosses more often.
        const auto gm = [&](int i, int j) {
            return cells[std::size_t(i * 5 + j)]->figures.gmPercent;
        };
        const auto crosses = [t](double a, double b) { return a != b && (a - t) * (b - t) <= 0; };
        int perFee = 0, perCredit = 0;
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j)
                if (crosses(gm(i, j), gm(i, j + 1))) {
                    ++perFee;
                    break;
                }
        for (int j = 0; j < 5; ++j)
            for (int i = 0; i < 3; ++i)
                if (crosses(gm(i, j), gm(i + 1, j))) {
                    ++perCredit;
                    break;
                }
        QCOMPARE(int(chart.frontier().size()), std::max(perFee, perCredit));
        QVERIFY(!chart.frontier().empty());
        for (const auto& [x, y] : chart.frontier()) {
            const bool onFee = perCredit <= perFee;
            const double along = onFee ? (y - 500) / 500 : (x - 10) / 10; // in grid steps
            const int at = int(std::lround(onFee ? (x - 10) / 10 : (y - 500) / 500));
            const int k = std::min(int(along), onFee ? 3 : 2);
            const double a = onFee ? gm(at, k) : gm(k, at),
                         b = onFee ? gm(at, k + 1) : gm(k + 1, at);
            QVERIFY2(std::fabs(a + (b - a) * (along - k) - t) < 1e-6,
                     qPrintable(QString("%1 %2").arg(x).arg(y)));
        }

        // A chosen point is written into the package, as one undo step.
        std::size_t k = 0;
        while (w.scenario()->packages[k].name != "credits_19")
            ++k;
        const PricingPackage before = w.scenario()->packages[k];
        QVERIFY(!panel.applyButton().isEnabled());
        panel.choose({30, 2000});
        QVERIFY(panel.applyButton().isEnabled());
        const int steps = w.undoStack().count();
        panel.applyButton().click();
        QCOMPARE(w.undoStack().count(), steps + 1);
        QCOMPARE(w.scenario()->packages[k].baseFee, 30.0);
        QCOMPARE(w.scenario()->packages[k].includedCredits, 2000.0);
        // A second point applied is a step of its own: undo goes back to the first.
        panel.choose({40, 500});
        panel.applyButton().click();
        QCOMPARE(w.undoStack().count(), steps + 2);
        QCOMPARE(w.scenario()->packages[k].baseFee, 40.0);
        w.undoStack().undo();
        QCOMPARE(w.scenario()->packages[k].baseFee, 30.0);
        QCOMPARE(w.scenario()->packages[k].includedCredits, 2000.0);
        w.undoStack().undo();
        QCOMPARE(w.scenario()->packages[k].baseFee, before.baseFee);
        QCOMPARE(w.scenario()->packages[k].includedCredits, before.includedCredits);
    }

    void oneFieldDrawsALineAndItsCrossing() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        PriceGridPanel& panel = w.priceSearchPage().grid();
        panel.packageBox().setCurrentText("credits_19");
        setAxis(panel.axis(0), "base_fee", 0, 60, 7);
        panel.axis(1).field->setCurrentText("(none)");
        panel.trialsBox().setValue(20);
        panel.targetBox().setValue(30);
        QSignalSpy finished(&panel, &PriceGridPanel::finished);
        QVERIFY_OK(panel.start());
        QVERIFY(finished.wait(120000));
        panel.metricBox().setCurrentIndex(int(PriceGridChart::Metric::GmPercent));
        panel.cohortBox().setCurrentText("all");
        const PriceGridChart& chart = panel.chart();
        QCOMPARE(chart.line().data()->size(), 7);
        for (int i = 0; i < 7; ++i) {
            QCOMPARE(chart.line().data()->at(i)->key, 10.0 * i);
            QCOMPARE(chart.line().data()->at(i)->value,
                     chart.cells()[std::size_t(i)].figures.gmPercent);
        }
        // GM% rises with the fee: one crossing of 30%, between the points around it.
        QCOMPARE(int(chart.frontier().size()), 1);
        const double x = chart.frontier()[0].first;
        const int i = int(x / 10);
        const double a = chart.cells()[std::size_t(i)].figures.gmPercent;
        const double b = chart.cells()[std::size_t(i + 1)].figures.gmPercent;
        QVERIFY(a <= 30 && b >= 30);
        QVERIFY(std::fabs(a + (b - a) * (x - 10 * i) / 10 - 30) < 1e-9);
    }

    void theOptimiserFindsThePriceThatMeetsATargetAndAppliesIt() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.seedEdit().setText("5");
        OptimisePanel& panel = w.priceSearchPage().optimise();
        panel.packageBox().setCurrentText("credits_19");
        panel.mixBox().setCurrentText("observed");
        panel.cohortBox().setCurrentText("all");
        panel.field(0).field->setCurrentText("overage.price");
        panel.field(0).lo->setValue(0.001);
        panel.field(0).hi->setValue(0.2);
        // GM% = 30 exactly, by the root finder.
        panel.constraint(0).metric->setCurrentIndex(1);
        panel.constraint(0).op->setCurrentIndex(2);
        panel.constraint(0).bound->setValue(30);
        panel.trialsBox().setValue(20);
        QSignalSpy finished(&panel, &OptimisePanel::finished);
        QVERIFY_OK(panel.start());
        QVERIFY(finished.wait(120000));
        QCoreApplication::processEvents(); // the last evaluations' drawing
        QVERIFY(panel.result().has_value());
        const OptimizeResult& shown = *panel.result();
        QVERIFY2(shown.feasible, qPrintable(shown.why));
        QCOMPARE(shown.method, QString("toms748"));

        // The same search made here from the window's request gives the same price.
        const RunInputs inputs = w.searchRequest(20)->prepare();
        int mix = 0;
        while (inputs.scenario.mixes[std::size_t(mix)].name != "observed")
            ++mix;
        const PackageGrid grid(inputs.scenario, "credits_19", mix);
        OptimizeRequest request;
        request.bounds = {SearchAxis{"overage.price", 0.001, 0.2, 0}};
        request.fields = {*PackageField::resolve("overage.price", grid.package())};
        request.constraints = {*SearchConstraint::parse("gm_pct=30")};
        request.run = optionsFor(inputs);
        request.checkSeed = inputs.seed + 1;
        const OptimizeResult expected = PriceOptimizer::optimise(grid, request);
        QCOMPARE(shown.values, expected.values);
        QCOMPARE(shown.figures.gmPercent, expected.figures.gmPercent);
        QVERIFY(std::fabs(shown.figures.gmPercent - 30) < 1e-6);
        // Every evaluation was drawn as it came: as many points as evaluations.
        QCOMPARE(panel.chart().feasible().data()->size() +
                     panel.chart().infeasible().data()->size(),
                 int(expected.evaluations.size()));
        QVERIFY(panel.resultText().text().contains("overage.price = "));
        QVERIFY(panel.resultText().text().contains("gm_pct=30: 30 (binds)"));

        // Apply writes the price into the package: one undo step, undone exactly.
        std::size_t k = 0;
        while (w.scenario()->packages[k].name != "credits_19")
            ++k;
        const double before = w.scenario()->packages[k].overage[0].price;
        QVERIFY(panel.applyButton().isEnabled());
        panel.applyButton().click();
        QCOMPARE(w.scenario()->packages[k].overage[0].price, shown.values[0]);
        w.undoStack().undo();
        QCOMPARE(w.scenario()->packages[k].overage[0].price, before);

        // Out of reach: said, and nothing to apply.
        panel.constraint(0).op->setCurrentIndex(0);
        panel.constraint(0).bound->setValue(99.5);
        QVERIFY_OK(panel.start());
        QVERIFY(finished.wait(120000));
        QVERIFY(!panel.result()->feasible);
        QVERIFY(!panel.applyButton().isEnabled());
        QVERIFY(panel.resultText().text().startsWith("No values meet the constraints"));
        // An equality with two fields, and bounds the wrong way round, are refused.
        panel.constraint(0).op->setCurrentIndex(2);
        panel.field(1).field->setCurrentText("base_fee");
        QVERIFY(panel.start().error().contains("An equality (=) needs exactly one field"));
        panel.field(1).field->setCurrentText("(none)");
        panel.field(0).lo->setValue(0.5);
        QVERIFY(panel.start().error().contains("overage.price: the lower bound must be below"));
    }

    void theGridShowsBillRisesAndMarginWithChurnAgainstTheBaseline() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(
            QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/lineups_scenario.json")));
        PriceGridPanel& panel = w.priceSearchPage().grid();
        panel.packageBox().setCurrentText("credits_19");
        setAxis(panel.axis(0), "base_fee", 19, 39, 3);
        setAxis(panel.axis(1), "included_credits", 500, 1500, 3);
        panel.trialsBox().setValue(10);
        QSignalSpy finished(&panel, &PriceGridPanel::finished);
        QVERIFY_OK(panel.start());
        QVERIFY(finished.wait(120000));
        panel.mixBox().setCurrentText("observed");
        panel.cohortBox().setCurrentText("low");
        panel.metricBox().setCurrentIndex(int(PriceGridChart::Metric::BillRise10));
        const PriceGridChart& chart = panel.chart();
        QCOMPARE(int(chart.cells().size()), 9);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                const GroupFigures& g = chart.cells()[std::size_t(i * 3 + j)].figures;
                QVERIFY(g.baselineDefined && g.migrationDefined);
                QCOMPARE(chart.colorMap().data()->cell(i, j), g.billRise10Share);
            }
        // Light users' bills follow the base fee: $10 and $20 more on $19 raise nearly all
        // of them by over 10%; at today's fee, only the included credits change them.
        QVERIFY(chart.cells()[6].figures.billRise10Share > 0.9);
        panel.metricBox().setCurrentIndex(int(PriceGridChart::Metric::MarginWithChurn));
        QCOMPARE(chart.colorMap().data()->cell(2, 2), chart.cells()[8].figures.meanMarginWithChurn);
        QVERIFY(chart.describe(chart.cells()[8]).contains("margin with churn $"));
    }

    void cancelKeepsWhatWasShownAndBadInputIsSaid() {
        MainWindow w;
        w.setInteractive(false);
        PriceGridPanel& panel = w.priceSearchPage().grid();
        QVERIFY(panel.start().error().contains("Open a scenario")); // nothing open
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        panel.packageBox().setCurrentText("credits_19");
        setAxis(panel.axis(0), "base_fee", 40, 10, 4);
        QVERIFY(panel.start().error().contains("base_fee: the first value must be below the last"));
        setAxis(panel.axis(0), "base_fee", 10, 40, 50);
        setAxis(panel.axis(1), "included_credits", 100, 5000, 50);
        panel.trialsBox().setValue(5000);
        QSignalSpy cancelled(&panel.job(), &Job::cancelled);
        QVERIFY_OK(panel.start());
        panel.cancel();
        QVERIFY(cancelled.wait(60000));
        QVERIFY(!panel.result().has_value());
        QVERIFY(panel.status().text().startsWith("Cancelled"));
    }
};

QTEST_MAIN(TestPriceSearchPage)
#include "tst_PriceSearchPage.moc"
