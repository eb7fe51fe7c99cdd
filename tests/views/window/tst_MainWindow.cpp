// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop window, headless (QT_QPA_PLATFORM=offscreen): open the sample, run,
// the table and chart fill, exports are written and read back, cancel keeps the
// previous results, a malformed scenario leaves the open one in place.
#include "models/common/TableText.h"
#include "models/import/UsageImport.h"
#include "models/project/ProjectStore.h"
#include "simulator/analysis/SampleUsageGenerator.h"
#include "simulator/results/ResultSummary.h"
#include "simulator/results/RunHeadline.h"
#include "tests/support/StatusChecks.h"
#include "views/charts/CreditBurnChart.h"
#include "views/charts/GmSpreadChart.h"
#include "views/charts/MarginComparisonChart.h"
#include "views/charts/MarginHorizonChart.h"
#include "views/charts/MarginUsageChart.h"
#include "views/charts/MigrationChart.h"
#include "views/dialogs/RunComparisonDialog.h"
#include "views/editors/CatalogEditor.h"
#include "views/editors/JsonFieldsModel.h"
#include "views/editors/MixEditor.h"
#include "views/editors/MixSharesModel.h"
#include "views/editors/PackageEditor.h"
#include "views/editors/ScenarioSettingsEditor.h"
#include "views/jobs/RunController.h"
#include "views/pages/CohortsPage.h"
#include "views/pages/DataPage.h"
#include "views/pages/DecisionTablePage.h"
#include "views/pages/RunsPage.h"
#include "views/tables/DecisionTableModel.h"
#include "views/tables/FrozenColumnsTableView.h"
#include "views/tables/TableExport.h"
#include "views/window/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QJsonDocument>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

using namespace marginal;

namespace {
QJsonObject readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void runsTheSampleAndFillsTableAndChart() {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 800);
        w.show();
        QVERIFY(!MainWindow::bundledSample().isEmpty());
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        QCOMPARE(int(w.scenario()->packages.size()), 8);
        w.trialsBox().setValue(4);
        QSignalSpy finished(&w.runs(), &RunController::finished);
        w.runSimulation();
        QVERIFY(finished.wait(120000));
        QCOMPARE(w.decisionModel().rowCount(), 8 * 2 * 4);
        QCOMPARE(w.chart<MarginComparisonChart>().barCount(),
                 16); // cohort "all": every package x mix
        QCOMPARE(w.runs().lastRecord()->seed, quint64(20261123));
        const QString shot = QStringLiteral(MARGINAL_BINARY_DIR "/main_window.png");
        w.grab().save(shot);
        w.showPage(MainWindow::ChartsPage);
        QVERIFY(w.chart<MarginComparisonChart>().isVisible());
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/main_window_chart.png"));

        QTemporaryDir dir;
        QVERIFY_OK(w.exportTable(dir.filePath("t.csv")));
        QFile csv(dir.filePath("t.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QStringList header;
        for (const auto& c : ResultSummary::decisionColumns())
            header.append(c.name);
        QCOMPARE(QString::fromUtf8(csv.readLine()).trimmed(), header.join(','));
        QCOMPARE(csv.readAll().count('\n'), 64);
        // Beside the CSV: which run it is.
        const QJsonObject runJson = readJson(dir.filePath("t.run.json"));
        QCOMPARE(runJson.value("seed").toString(), QString("20261123"));
        QCOMPARE(runJson.value("trials_done").toInt(), 4);
        QCOMPARE(runJson.value("what_if").toBool(), false);
        QCOMPARE(runJson.value("scenario").toString(), w.scenario()->name);
        QVERIFY_OK(w.exportTable(dir.filePath("t.xlsx")));
        QFile xlsx(dir.filePath("t.xlsx"));
        QVERIFY(xlsx.open(QIODevice::ReadOnly));
        QVERIFY(xlsx.read(2) == "PK"); // an Office Open XML zip
        QVERIFY_OK(w.exportTable(dir.filePath("t.md")));
        QVERIFY(w.chart<MarginComparisonChart>().footnote().contains("full run · seed 20261123"));
        QVERIFY(
            w.exportTable(dir.filePath("t.doc")).error().contains("expected a .xlsx, .csv or .md"));
        for (const char* name : {"c.png", "c.svg", "c.pdf"}) {
            QVERIFY_OK(w.exportChart(dir.filePath(name)));
            QVERIFY2(QFileInfo(dir.filePath(name)).size() > 1000, name);
        }
    }

    void cancelKeepsThePreviousResults() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.trialsBox().setValue(2);
        QSignalSpy finished(&w.runs(), &RunController::finished);
        w.runSimulation();
        QVERIFY(finished.wait(120000));
        const auto before = w.runs().lastRecord();
        w.trialsBox().setValue(10000000);
        QSignalSpy cancelled(&w.runs(), &RunController::cancelled);
        QSignalSpy progressed(&w.runs(), &RunController::progressed);
        w.runSimulation();
        QVERIFY(progressed.wait(60000));
        w.cancelRun();
        QVERIFY(cancelled.wait(60000));
        QCOMPARE(w.runs().lastRecord(), before); // no partial run
        QCOMPARE(w.decisionModel().rowCount(), 64);
    }

    void malformedScenarioKeepsTheOpenOne() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        QTemporaryDir dir;
        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"name\": \"broken\", \"horizon_months\": ");
        bad.close();
        const Status error = w.openScenario(bad.fileName());
        QVERIFY2(error.error().contains("bad.json: line 1"), qPrintable(error.error()));
        QVERIFY(w.scenario()->name.startsWith("Sample"));
        QVERIFY(!w.openScenario(dir.filePath("missing.json")).ok());
        QVERIFY(w.openScenario(QStringLiteral(MARGINAL_SOURCE_DIR "/README.md"))
                    .error()
                    .contains("invalid JSON"));
    }

    void showsTheCohortsOfAProject() {
        // A small project built as the quick start does: generated usage, imported.
        QTemporaryDir dir;
        const Scenario sample = Scenario::loadFile(MainWindow::bundledSample());
        QFile csv(dir.filePath("usage.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        SampleUsageGenerator::writeCsv(sample, SampleUsageOptions{300, 3, 7}, csv);
        csv.close();
        const QString project = dir.filePath("p.marginal");
        {
            const auto store = ProjectStore::open(project, ProjectStore::Mode::CreateIfMissing);
            QCOMPARE(
                int(UsageImport::run(*store, ImportRequest{csv.fileName(), {}, {}, false}).status),
                int(ImportOutcome::Status::Imported));
        }
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 800);
        w.show();
        // Without a catalog the project opens, on its Data page, and says why no cohorts.
        QVERIFY_OK(w.openProject(project));
        QVERIFY(w.cohortsPage().summaryText().contains("No price catalog"));
        QCOMPARE(w.dataPage().imports().rowCount(), 1);
        {
            const auto store = ProjectStore::open(project, ProjectStore::Mode::OpenExisting);
            store->putDocument("catalog", "default",
                               QJsonDocument(sample.catalog.toJson()).toJson());
        }
        QSignalSpy fitted(&w, &MainWindow::cohortsRefitted);
        // The project is opened (its whole file checked, its usage counted) on a worker
        // while the window's event loop goes on: a timer due meanwhile fires.
        bool ranWhileOpening = false;
        QTimer::singleShot(0, &w, [&] { ranWhileOpening = true; });
        QVERIFY_OK(w.openProject(project));
        QVERIFY(ranWhileOpening);
        QVERIFY(w.cohortsPage().summaryText().contains("Fitting")); // on the refit thread
        QVERIFY(fitted.wait(60000));
        // Per cohort: the data, the log-normal fit and the Pareto tail model.
        QCOMPARE(w.cohortsPage().distributionPlot()->graphCount(), 9);
        QCOMPARE(w.cohortsPage().survivalPlot()->graphCount(), 9);
        QVERIFY(w.cohortsPage().distributionPlot()->graph(0)->dataCount() > 4);
        QVERIFY(w.cohortsPage().lorenzPlot()->graph(1)->dataCount() > 10);
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/cohorts_page.png"));
        // Moving the cut points refits the cohorts in the background.
        const auto customersIn = [&](int cohort) {
            return w.cohortsPage().findChild<QTreeWidget*>()->topLevelItem(cohort)->text(1).toInt();
        };
        const int total = customersIn(0) + customersIn(1) + customersIn(2);
        QVERIFY(std::abs(customersIn(0) - 0.5 * total) <= 1.0); // P50
        QSignalSpy refitted(&w, &MainWindow::cohortsRefitted);
        w.cohortsPage().lowerCut().setValue(30.0);
        w.cohortsPage().upperCut().setValue(80.0);
        QVERIFY(refitted.wait(60000));
        QVERIFY(!w.isRefitting());
        QCOMPARE(customersIn(0) + customersIn(1) + customersIn(2), total);
        QVERIFY2(std::abs(customersIn(0) - 0.3 * total) <= 1.0,
                 qPrintable(QString::number(customersIn(0))));
        QVERIFY(std::abs(customersIn(2) - 0.2 * total) <= 1.0);
        // A file that is not a project: an error, nothing else changes.
        QVERIFY(
            w.openProject(MainWindow::bundledSample()).error().contains("not a Marginal project"));
    }

    void buildsAndOpensTheSampleProject() {
        QTemporaryDir dir;
        const QString project = dir.filePath("sample.marginal");
        QVERIFY_OK(MainWindow::createSampleProject(project));
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        QSignalSpy fitted(&w, &MainWindow::cohortsRefitted);
        QVERIFY_OK(w.openProject(project));
        QVERIFY(fitted.wait(120000));
        // As the quick start: 800 generated customers, the top 10% with most tokens.
        QVERIFY2(w.cohortsPage().summaryText().contains("customers"),
                 qPrintable(w.cohortsPage().summaryText()));
        QCOMPARE(w.dataPage().imports().rowCount(), 1);
        QCOMPARE(w.cohortsPage().distributionPlot()->graphCount(), 9);
    }

    void copiesTheDecisionTableForSpreadsheets() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.trialsBox().setValue(4);
        QSignalSpy finished(&w.runs(), &RunController::finished);
        w.runSimulation();
        QVERIFY(finished.wait(120000));
        const QStringList all = w.copyDecisionTable().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(all.size(), 1 + 64); // header + every row
        QVERIFY(all.front().startsWith("package\tmix\tcohort\t"));
        QCOMPARE(QApplication::clipboard()->text().split('\n', Qt::SkipEmptyParts), all);
        w.decisionPage().table().selectRow(2);
        const QStringList one = w.copyDecisionTable().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(one.size(), 2);
        QCOMPARE(one[1].split('\t').size(), one[0].split('\t').size());
        QCOMPARE(TableText::tsvLine({"=SUM(A1)", "a\tb", "-5.00"}),
                 QString("'=SUM(A1)\ta b\t-5.00\n"));
    }

    // A scenario with lineups: their rows after the packages', a bar each in the package
    // comparison, no credit-burn fan (a lineup's balance restarts at each switch), and a
    // package a lineup names cannot be renamed away under it.
    void runsALineupScenario() {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 800);
        w.show();
        QVERIFY_OK(w.openScenario(
            QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/lineups_scenario.json")));
        QCOMPARE(int(w.scenario()->lineups.size()), 3);
        w.trialsBox().setValue(4);
        QSignalSpy shown(&w, &MainWindow::resultsShown);
        w.runSimulation();
        QVERIFY(shown.wait(120000));
        QCOMPARE(w.decisionModel().rowCount(), (8 + 3) * 2 * 4);
        QCOMPARE(w.chart<MarginComparisonChart>().barCount(), (8 + 3) * 2);
        QCOMPARE(w.chart<GmSpreadChart>().boxCount(), (8 + 3) * 3);
        // Bills against today's plan: a stacked bar per package and lineup, its four
        // shares the row's, adding up to every customer.
        const MigrationChart& migration = w.chart<MigrationChart>();
        QCOMPARE(int(migration.rows().size()), 8 + 3);
        for (int i = 0; i < 8 + 3; ++i) {
            const DecisionRow& r = migration.rows()[std::size_t(i)];
            QVERIFY(r.baselineDefined);
            QCOMPARE(migration.segment(0).data()->at(i)->value, 100 * r.billFallShare);
            QCOMPARE(migration.segment(2).data()->at(i)->value,
                     100 * (r.billRise10Share - r.billRise50Share));
            QCOMPARE(migration.segment(3).data()->at(i)->value, 100 * r.billRise50Share);
            double total = 0;
            for (int s = 0; s < 4; ++s)
                total += migration.segment(s).data()->at(i)->value;
            QVERIFY(std::fabs(total - 100) < 1e-9);
            if (r.package == "credits_19") // the baseline against itself: nobody moves
                QCOMPARE(migration.segment(1).data()->at(i)->value, 100.0);
        }
        QCOMPARE(migration.retained().data()->size(), 8 + 3); // churn: 2% a month
        QVERIFY(migration.describe(0).contains("median change"));
        w.showPage(MainWindow::DecisionPage);
        // The scenario's baseline is the table's comparison to start from.
        auto* baseline = w.findChild<QComboBox*>(QStringLiteral("baselinePicker"));
        QVERIFY(baseline);
        QCOMPARE(baseline->currentText(), QStringLiteral("credits_19"));
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/lineups_decision.png"));
        PackageEditor& editor = w.packageEditor();
        const int credits = int(w.scenario()->packages.size()) - 1 - 6; // credits_19
        QCOMPARE(w.scenario()->packages[std::size_t(credits)].name, QStringLiteral("credits_19"));
        // A package the lineups and the baseline name, renamed: they follow, in one step.
        const int steps = w.undoStack().count();
        QVERIFY_OK(editor.rename(credits, QStringLiteral("credits_20")));
        QCOMPARE(w.undoStack().count(), steps + 1);
        QCOMPARE(w.scenario()->packages[std::size_t(credits)].name, QStringLiteral("credits_20"));
        QCOMPARE(w.scenario()->baseline, QStringLiteral("credits_20"));
        const Lineup* tiered = w.scenario()->findLineup("tiered");
        QVERIFY(tiered);
        QVERIFY(tiered->packages.contains("credits_20") &&
                !tiered->packages.contains("credits_19"));
        QCOMPARE(tiered->packageFor("medium"), QStringLiteral("credits_20"));
        QCOMPARE(editor.list().currentItem()->text(), QStringLiteral("credits_20"));
        w.undoStack().undo();
        QCOMPARE(w.scenario()->packages[std::size_t(credits)].name, QStringLiteral("credits_19"));
        QCOMPARE(w.scenario()->baseline, QStringLiteral("credits_19"));
        QCOMPARE(w.scenario()->findLineup("tiered")->packageFor("medium"),
                 QStringLiteral("credits_19"));
    }

    void everyChartHasDataAndExports() {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 800);
        w.show();
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.trialsBox().setValue(4);
        QSignalSpy shown(&w, &MainWindow::resultsShown);
        w.runSimulation();
        QVERIFY(shown.wait(120000));
        QCOMPARE(w.chart<MarginComparisonChart>().barCount(), 16);
        // 8 packages x 3 cohorts under the first mix.
        QCOMPARE(w.chart<GmSpreadChart>().boxCount(), 8 * 3);
        QCOMPARE(w.chart<MarginHorizonChart>().lineCount(), 8);
        QCOMPARE(w.chart<MarginHorizonChart>().markerCount(), int(w.scenario()->repricing.size()));
        QVERIFY(w.chart<MarginHorizonChart>().markerCount() > 0);    // the sample has a price cut
        QCOMPARE(w.chart<CreditBurnChart>().fanCount(), 3);          // one per cohort
        QCOMPARE(w.chart<MarginUsageChart>().pointCount(), 3 * 400); // a sample of each cohort
        w.showPage(MainWindow::ChartsPage);
        auto* tabs = w.findChild<QTabWidget*>(QStringLiteral("chartTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 6);
        // No baseline in the sample: nothing to compare bills with, and it says how.
        QCOMPARE(int(w.chart<MigrationChart>().rows().size()), 0);
        QTemporaryDir dir;
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/chart_tab_%1.png").arg(tab));
            for (const char* suffix : {"png", "svg", "pdf"}) {
                const QString file = dir.filePath(QStringLiteral("c%1.%2").arg(tab).arg(suffix));
                QVERIFY_OK(w.exportChart(file));
                QVERIFY(QFileInfo(file).size() > 1000);
            }
        }
        QVERIFY(
            w.exportChart(dir.filePath("c.bmp")).error().contains("expected a .png, .svg or .pdf"));
        // A dark theme: the charts take their colours from the palette.
        QPalette dark = w.palette();
        dark.setColor(QPalette::Window, QColor(40, 40, 40));
        dark.setColor(QPalette::Base, QColor(25, 25, 25));
        dark.setColor(QPalette::Text, QColor(235, 235, 235));
        dark.setColor(QPalette::WindowText, QColor(235, 235, 235));
        w.setPalette(dark);
        tabs->setCurrentIndex(1);
        for (QCustomPlot* plot :
             {w.chart<MarginComparisonChart>().plot(), w.chart<GmSpreadChart>().plot(),
              w.chart<MarginHorizonChart>().plot(), w.chart<CreditBurnChart>().plot(),
              w.chart<MarginUsageChart>().plot(), w.chart<MigrationChart>().plot()}) {
            QCOMPARE(plot->xAxis->tickLabelColor(), QColor(235, 235, 235));
            QCOMPARE(plot->yAxis->labelColor(), QColor(235, 235, 235));
        }
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/charts_dark.png"));
    }

    void editsAPackageWithUndoAndAQuickWhatIf() {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 800);
        w.show();
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.showPage(MainWindow::PackagesPage);
        PackageEditor& editor = w.packageEditor();
        JsonFieldsModel& fields = editor.fields();
        QAbstractItemModelTester tester(&fields,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int package = 0;
        editor.selectPackage(package);
        const QJsonObject original = w.scenario()->packages[package].toJson();
        const int baseFeeRow = fields.rowOf({"base_fee"});
        QVERIFY(baseFeeRow >= 0);
        // Its editor is opaque: the old value does not show through the spin box.
        QTableView& view = editor.fieldsView();
        std::unique_ptr<QWidget> spin(view.itemDelegate()->createEditor(
            view.viewport(), QStyleOptionViewItem(), fields.index(baseFeeRow, 1)));
        QVERIFY(qobject_cast<QAbstractSpinBox*>(spin.get()));
        QVERIFY(spin->autoFillBackground());
        const double fee = w.scenario()->packages[package].baseFee;

        // An edit is taken, re-runs a quick what-if and is drawn.
        QSignalSpy shown(&w, &MainWindow::resultsShown);
        QVERIFY(fields.setData(fields.index(baseFeeRow, 1), fee + 30.0));
        QCOMPARE(w.scenario()->packages[package].baseFee, fee + 30.0);
        QVERIFY(shown.wait(60000));
        QCOMPARE(w.whatIfRuns().lastRecord()->trialsDone, std::int64_t(MainWindow::kWhatIfTrials));
        QVERIFY(w.lastWhatIfMilliseconds() >= 0);
        QCOMPARE(w.decisionModel().rowCount(), 8 * 2 * 4);
        const double raisedRevenue = w.decisionModel().rows().front().meanRevenue;
        // Its exports say it is a what-if: the .run.json, the chart's footnote.
        QTemporaryDir dir;
        QVERIFY_OK(w.exportTable(dir.filePath("what-if.csv")));
        QCOMPARE(readJson(dir.filePath("what-if.run.json")).value("what_if").toBool(), true);
        QVERIFY(w.chart<MarginComparisonChart>().footnote().contains("WHAT-IF"));

        // Undo restores the package exactly, and re-runs.
        QCOMPARE(w.undoStack().count(), 1);
        w.undoStack().undo();
        QCOMPARE(w.scenario()->packages[package].toJson(), original);
        QVERIFY(shown.wait(60000));
        QVERIFY(w.decisionModel().rows().front().meanRevenue < raisedRevenue);
        w.undoStack().redo();
        QCOMPARE(w.scenario()->packages[package].baseFee, fee + 30.0);
        QVERIFY(shown.wait(60000));

        // A bad value is refused with the reader's message; nothing changes.
        QVERIFY(!fields.setData(fields.index(baseFeeRow, 1), -5.0));
        QVERIFY2(editor.errorText().contains("base_fee") && editor.errorText().contains("expected"),
                 qPrintable(editor.errorText()));
        QVERIFY(!fields.setData(fields.index(baseFeeRow, 1), QStringLiteral("lots")));
        QVERIFY(fields.lastError().contains("expected a number"));
        QCOMPARE(w.scenario()->packages[package].baseFee, fee + 30.0);
        QCOMPARE(w.undoStack().count(), 1);
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/package_editor.png"));

        // Edits of one field merge into one undo step.
        QVERIFY(fields.setData(fields.index(baseFeeRow, 1), fee + 31.0));
        QVERIFY(fields.setData(fields.index(baseFeeRow, 1), fee + 32.0));
        QCOMPARE(w.undoStack().count(), 1);
        w.undoStack().undo();
        QCOMPARE(w.scenario()->packages[package].toJson(), original);
        // The what-if of the restored inputs finishes (none left running at close).
        QTRY_VERIFY_WITH_TIMEOUT(!w.whatIfRuns().isRunning(), 60000);
    }

    void namesComparesAndDeletesRuns() {
        QTemporaryDir dir;
        const QString project = dir.filePath("compare.marginal");
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        QVERIFY_OK(w.newProject(project));
        w.trialsBox().setValue(4);
        std::vector<std::vector<DecisionRow>> computed;
        for (int run = 0; run < 2; ++run) {
            if (run == 1) // the second run: every package's base fee $5 higher
                for (int p = 0; p < w.packageEditor().packageCount(); ++p) {
                    PricingPackage raised = w.scenario()->packages[std::size_t(p)];
                    raised.baseFee += 5.0;
                    QVERIFY_OK(w.packageEditor().replace(p, raised, "base_fee"));
                }
            QSignalSpy finished(&w.runs(), &RunController::finished);
            w.runSimulation();
            QVERIFY(finished.wait(120000));
            computed.push_back(w.runs().lastRecord()->decision);
        }
        RunsPage& page = w.runsPage();
        QCOMPARE(page.runs().rowCount(), 2);

        // A name typed into the list is stored in the project.
        page.runs().item(1, RunsPage::NameColumn)->setText("  baseline ");
        QCOMPARE(page.runs().item(1, RunsPage::NameColumn)->text(), QString("baseline"));
        page.runs().item(1, RunsPage::NotesColumn)->setText("as shipped");
        QCOMPARE(Project::open(project)->runs()[1].name, QString("baseline"));
        QCOMPARE(Project::open(project)->runs()[1].notes, QString("as shipped"));

        // Side by side: the same rows, B - A with the combined SE.
        page.runs().selectAll();
        QCOMPARE(page.selectedRuns(), (QList<qint64>{1, 2}));
        QVERIFY_OK(w.compareRuns(1, 2));
        RunComparisonDialog* dialog = w.lastComparison();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(dialog->windowTitle().contains("\"baseline\""));
        const RunComparison& c = dialog->comparison();
        QCOMPARE(c.sharedRows(), int(computed[0].size()));
        QCOMPARE(dialog->table().rowCount(), int(computed[0].size()));
        for (const RunComparison::Row& row : c.rows) {
            // Stored figures are rounded to the cent; the same seed, the fee +$5 a month:
            // every active customer-month pays $5 more (less payment fees), so a
            // customer's 12-month margin rises by at most $60.
            QVERIFY(row.marginDifference > -0.02);
            QVERIFY2(row.marginDifference <= 12 * 5.0 + 0.02,
                     qPrintable(QString::number(row.marginDifference)));
            QCOMPARE(row.marginDifferenceSe, std::hypot(row.a->meanMarginSe, row.b->meanMarginSe));
        }
        QCOMPARE(dialog->table().item(0, 5)->text().contains("\u00b1"), true);
        QVERIFY_OK(dialog->exportCsv(dir.filePath("cmp.csv")));
        QFile csv(dir.filePath("cmp.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count("\r\n"), c.rows.size() + 1);
        dialog->grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/run_comparison.png"));

        // Delete: gone from the list and the project; a missing run is an error.
        QVERIFY_OK(w.deleteRun(1));
        QCOMPARE(page.runs().rowCount(), 1);
        QCOMPARE(page.runIdAt(0), qint64(2));
        QCOMPARE(Project::open(project)->runs().size(), std::size_t(1));
        QVERIFY(w.deleteRun(1).error().contains("no run 1"));
        QVERIFY(w.compareRuns(1, 2).error().contains("no run 1"));
    }

    void storesRunsInTheProjectAndShowsThemAgain() {
        QTemporaryDir dir;
        const QString project = dir.filePath("runs.marginal");
        std::vector<DecisionRow> computed;
        {
            MainWindow w;
            w.setInteractive(false);
            QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
            QVERIFY_OK(w.newProject(project));
            QCOMPARE(w.runsPage().runs().rowCount(), 0);
            w.trialsBox().setValue(4);
            QSignalSpy finished(&w.runs(), &RunController::finished);
            w.runSimulation();
            QVERIFY(finished.wait(120000));
            QCOMPARE(w.runsPage().runs().rowCount(), 1);
            computed = w.decisionModel().rows();
        }
        // Another window, another day: the run is in the project, figures and all.
        MainWindow w;
        w.setInteractive(false);
        QSignalSpy headlined(&w.runsPage(), &RunsPage::headlinesShown);
        QVERIFY_OK(w.openProject(project));
        QCOMPARE(w.runsPage().runs().rowCount(), 1);
        const QTableWidget& listed = w.runsPage().runs();
        // The headline is read from the run's results on a worker, not while opening.
        QCOMPARE(listed.item(0, RunsPage::HeadlineColumn)->text(), QString("..."));
        QVERIFY(headlined.wait(30000));
        QCOMPARE(listed.item(0, RunsPage::SourceColumn)->text(), QString("desktop"));
        QCOMPARE(listed.item(0, RunsPage::CustomersColumn)->text(), QString("scenario"));
        QCOMPARE(listed.item(0, RunsPage::SeedColumn)->text(), QString("20261123"));
        // The headline: each mix's best package by margin per customer.
        const RunHeadline headline =
            RunHeadline::of(computed, DecisionTableModel::kRiskyNegativeShare);
        QVERIFY2(listed.item(0, RunsPage::HeadlineColumn)
                     ->text()
                     .startsWith(headline.best[0].package + " $"),
                 qPrintable(listed.item(0, RunsPage::HeadlineColumn)->text()));
        QSignalSpy shown(&w, &MainWindow::resultsShown);
        w.runsPage().openRow(0);
        QCOMPARE(shown.count(), 1);
        const auto& reopened = w.decisionModel().rows();
        QCOMPARE(reopened.size(), computed.size());
        for (std::size_t i = 0; i < computed.size(); ++i) {
            QCOMPARE(reopened[i].package, computed[i].package);
            QCOMPARE(reopened[i].cohort, computed[i].cohort);
            QVERIFY(std::abs(reopened[i].meanMargin - computed[i].meanMargin) <= 0.005);
            QVERIFY(std::abs(reopened[i].pNegative - computed[i].pNegative) <= 0.00005);
            QCOMPARE(reopened[i].gmP50.valid, computed[i].gmP50.valid);
        }
        QCOMPARE(w.chart<MarginHorizonChart>().lineCount(), 8);
        QCOMPARE(w.chart<CreditBurnChart>().fanCount(), 3); // the detail is stored with the run
        QVERIFY(w.statusBar()->findChild<QLabel*>()->text().contains("stored run 1"));
        QVERIFY(w.showStoredRun(99).error().contains("no run 99"));
        // Saved as another project: the copy has the run, and the original stays put.
        QVERIFY_OK(w.saveProjectAs(dir.filePath("copy.marginal")));
        QCOMPARE(w.projectFile(), dir.filePath("copy.marginal"));
        QCOMPARE(w.runsPage().runs().rowCount(), 1);
        QVERIFY(w.saveProjectAs(project).error().contains("exists already"));
        // Files by kind: a project opens, a scenario loads, an export needs a project.
        MainWindow fresh;
        fresh.setInteractive(false);
        QVERIFY(
            fresh
                .openFile(QStringLiteral(MARGINAL_TEST_DIR "/fixtures/openai_usage_two_pages.json"))
                .error()
                .contains("goes into a project"));
        QVERIFY_OK(fresh.openFile(MainWindow::bundledSample()));
        QVERIFY(fresh.scenario().has_value());
        QVERIFY_OK(fresh.openFile(project));
        QCOMPARE(fresh.projectFile(), project);
    }

    void editsAMixKeepingEachCohortAt100PercentWithUndo() {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 800);
        w.show();
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.showPage(MainWindow::MixesPage);
        MixEditor& editor = w.mixEditor();
        MixSharesModel& shares = editor.shares();
        QAbstractItemModelTester tester(&shares,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        editor.selectMix(0);
        const int mix = editor.currentMix();
        const QJsonObject original = w.scenario()->mixes[std::size_t(mix)].toJson();
        const int heavy = int(shares.cohorts().indexOf("heavy"));
        QVERIFY(heavy >= 0);
        QVERIFY(shares.rowCount() >= 2);
        const auto columnSum = [&](int column) {
            double sum = 0.0;
            for (int r = 0; r < shares.rowCount(); ++r)
                sum += shares.data(shares.index(r, column), Qt::EditRole).toDouble();
            return sum;
        };
        QCOMPARE(columnSum(heavy), 100.0);
        // Others of the column move in proportion; the column stays at 100%.
        const double otherBefore = shares.data(shares.index(1, heavy), Qt::EditRole).toDouble();
        const double firstBefore = shares.data(shares.index(0, heavy), Qt::EditRole).toDouble();
        QSignalSpy shown(&w, &MainWindow::resultsShown);
        QVERIFY(shares.setData(shares.index(0, heavy), 10.0));
        QVERIFY(std::abs(columnSum(heavy) - 100.0) < 1e-9);
        if (firstBefore < 100.0)
            QVERIFY(std::abs(shares.data(shares.index(1, heavy), Qt::EditRole).toDouble() -
                             otherBefore * 90.0 / (100.0 - firstBefore)) < 1e-9);
        const ModelShares* edited = w.scenario()->mixes[std::size_t(mix)].sharesFor("heavy");
        QVERIFY(edited && std::abs(edited->front().second - 0.10) < 1e-12);
        QVERIFY(shown.wait(60000)); // a what-if run with the new mix
        // Out of range: refused, nothing changes.
        QVERIFY(!shares.setData(shares.index(0, heavy), 140.0));
        QVERIFY(shares.lastError().contains("expected a share from 0 to 100%"));
        QCOMPARE(w.undoStack().count(), 1);
        w.undoStack().undo();
        QCOMPARE(w.scenario()->mixes[std::size_t(mix)].toJson(), original);
        QCOMPARE(columnSum(heavy), 100.0);
        // A model from the catalog joins at 0%.
        const int rows = shares.rowCount();
        QVERIFY(editor.addModel(shares.models().front()).error().contains("in the mix already"));
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/mix_editor.png"));
        QString newcomer;
        for (const CatalogModel& m : w.scenario()->catalog.models())
            if (!shares.models().contains(m.id))
                newcomer = m.id;
        QVERIFY(!newcomer.isEmpty());
        QVERIFY_OK(editor.addModel(newcomer));
        QCOMPARE(shares.rowCount(), rows + 1);
        QCOMPARE(shares.data(shares.index(rows, heavy), Qt::EditRole).toDouble(), 0.0);
        QVERIFY(shares.setData(shares.index(rows, heavy), 25.0)); // route a quarter to it
        QVERIFY(std::abs(columnSum(heavy) - 100.0) < 1e-9);
        w.undoStack().undo();
        w.undoStack().undo();
        QCOMPARE(shares.rowCount(), rows);
        QCOMPARE(w.scenario()->mixes[std::size_t(mix)].toJson(), original);
        // The what-if of the restored inputs finishes (none left running at close).
        QTRY_VERIFY_WITH_TIMEOUT(!w.whatIfRuns().isRunning(), 60000);
    }

    void editsTheCatalogAndImportsLiteLlmPricesWithUndo() {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 800);
        w.show();
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.showPage(MainWindow::CatalogPage);
        CatalogEditor& editor = w.catalogEditor();
        JsonFieldsModel& fields = editor.fields();
        QAbstractItemModelTester tester(&fields,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QJsonObject original = w.scenario()->catalog.toJson();
        QVERIFY(editor.selectModel("claude-sonnet-4-5"));
        const int output = fields.rowOf({"prices", "0", "output"});
        QVERIFY(output >= 0);
        const QDate date = w.scenario()->catalog.find("claude-sonnet-4-5")->history[0].effective;
        const double price = w.scenario()->catalog.pricesAt("claude-sonnet-4-5", date)->output;
        QSignalSpy shown(&w, &MainWindow::resultsShown);
        QVERIFY(fields.setData(fields.index(output, 1), price / 2));
        QCOMPARE(w.scenario()->catalog.pricesAt("claude-sonnet-4-5", date)->output, price / 2);
        QVERIFY(shown.wait(60000));
        QVERIFY(!fields.setData(fields.index(output, 1), -1.0));
        QVERIFY2(editor.errorText().contains("output") && editor.errorText().contains("expected"),
                 qPrintable(editor.errorText()));
        // A new dated price point, then LiteLLM's prices merged in as of a date.
        QVERIFY_OK(editor.addPricePoint(QDate(2027, 1, 1)));
        QCOMPARE(int(w.scenario()->catalog.find("claude-sonnet-4-5")->history.size()), 2);
        const std::size_t before = w.scenario()->catalog.models().size();
        QVERIFY_OK(editor.importPriceTable(
            QStringLiteral(MARGINAL_TEST_DIR "/fixtures/litellm_model_prices_2024_snapshot.json"),
            QDate(2027, 2, 1)));
        QVERIFY(w.scenario()->catalog.models().size() > before + 20);
        QTemporaryDir dir;
        QFile truncated(dir.filePath("truncated.json"));
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write("{\"gpt-x\": {\"input_cost_per_token\": ");
        truncated.close();
        QVERIFY(editor.importPriceTable(truncated.fileName(), QDate(2027, 3, 1))
                    .error()
                    .contains("truncated.json"));
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/catalog_editor.png"));
        QCOMPARE(w.undoStack().count(), 3);
        while (w.undoStack().canUndo())
            w.undoStack().undo();
        QCOMPARE(w.scenario()->catalog.toJson(), original);
        // The what-if of the restored inputs finishes (none left running at close).
        QTRY_VERIFY_WITH_TIMEOUT(!w.whatIfRuns().isRunning(), 60000);
    }

    void editsScenarioSettingsWithUndoAndSavesThem() {
        MainWindow w;
        w.setInteractive(false);
        w.resize(1280, 800);
        w.show();
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        w.showPage(MainWindow::ScenarioPage);
        JsonFieldsModel& fields = w.settingsEditor().fields();
        QAbstractItemModelTester tester(&fields,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QJsonObject original = w.scenario()->toJson();
        const int horizon = fields.rowOf({"horizon_months"});
        QVERIFY(horizon >= 0);
        // The repricing event is in month 6: a 6-month horizon would drop it.
        QVERIFY(!fields.setData(fields.index(horizon, 1), 6.0));
        QVERIFY2(w.settingsEditor().errorText().contains("month"),
                 qPrintable(w.settingsEditor().errorText()));
        QCOMPARE(w.scenario()->horizonMonths, 12);
        QSignalSpy shown(&w, &MainWindow::resultsShown);
        QVERIFY(fields.setData(fields.index(horizon, 1), 9.0));
        QCOMPARE(w.scenario()->horizonMonths, 9);
        QVERIFY(shown.wait(60000));
        QCOMPARE(w.chart<MarginHorizonChart>().lineCount(), 8);
        QCOMPARE(w.chart<MarginHorizonChart>().plot()->graph(0)->dataCount(),
                 9); // months of the horizon
        const int growth = fields.rowOf({"cohorts", "2", "growth"});
        QVERIFY(growth >= 0);
        QVERIFY(fields.setData(fields.index(growth, 1), 0.05));
        QCOMPARE(w.scenario()->cohorts[2].growth, 0.05);
        QVERIFY(w.isWindowModified());
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/scenario_settings.png"));

        // Saved: one inline file that reads back with the edits; the edits count as saved.
        QTemporaryDir dir;
        const QString file = dir.filePath("edited.json");
        QVERIFY_OK(w.saveScenario(file));
        QVERIFY(!w.isWindowModified());
        const Scenario saved = Scenario::loadFile(file);
        QCOMPARE(saved.horizonMonths, 9);
        QCOMPARE(saved.cohorts[2].growth, 0.05);
        QCOMPARE(int(saved.packages.size()), 8);

        w.undoStack().undo();
        w.undoStack().undo();
        QCOMPARE(w.scenario()->toJson(), original);
        QVERIFY(w.isWindowModified());
        // With a project open, a save keeps the scenario in it too, to open from there.
        QVERIFY_OK(w.newProject(dir.filePath("p.marginal")));
        QVERIFY_OK(w.saveScenario(dir.filePath("again.json")));
        QCOMPARE(w.dataPage().scenarios().count(), 1);
        QVERIFY(fields.setData(fields.index(horizon, 1), 10.0)); // edit, then reload
        QVERIFY_OK(w.openStoredScenario(w.dataPage().scenarios().item(0)->text()));
        QCOMPARE(w.scenario()->horizonMonths, 12);
        QCOMPARE(w.scenario()->toJson(), original);
        QVERIFY(w.openStoredScenario("nope").error().contains("no scenario"));
        // The what-if of the restored inputs finishes (none left running at close).
        QTRY_VERIFY_WITH_TIMEOUT(!w.whatIfRuns().isRunning(), 60000);
    }

    void aForeignProjectLeavesTheOpenOneAsItWas() {
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        const QString status = w.statusBar()->findChild<QLabel*>()->text();
        // Text named like a project, a SQLite file of another program, a newer project.
        const QString text = dir.filePath("notes.marginal");
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database\n");
        f.close();
        QVERIFY(w.openProject(text).error().contains("not a Marginal project"));
        QVERIFY(
            w.openProject(dir.filePath("missing.marginal")).error().contains("no such project"));
        const QString future = dir.filePath("future.marginal");
        ProjectStore::open(future, ProjectStore::Mode::CreateIfMissing);
        {
            QFile db(future);
            QVERIFY(db.open(QIODevice::ReadWrite));
            db.seek(60); // the header's user_version (big-endian)
            db.write(QByteArray::fromHex("00000063"));
        }
        QVERIFY(w.openProject(future).error().contains("newer Marginal"));
        QCOMPARE(w.statusBar()->findChild<QLabel*>()->text(), status);
        QCOMPARE(int(w.scenario()->packages.size()), 8);
    }

    void decisionModelPassesTheModelTester() {
        DecisionTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        DecisionRow risky;
        risky.package = "=cmd";
        risky.cohort = "heavy";
        risky.meanMargin = -12.5;
        risky.pNegative = 0.9;
        DecisionRow fine = risky;
        fine.package = "ok";
        fine.meanMargin = 3.0;
        fine.pNegative = 0.0;
        model.setRows({risky, fine});
        QCOMPARE(model.rowCount(), 2);
        const int marginColumn = 9;
        // On screen a header with its unit; exports keep decision_table.csv's name.
        QCOMPARE(model.headerData(marginColumn, Qt::Horizontal).toString(),
                 QString("Margin / customer ($)"));
        QCOMPARE(model.headerData(marginColumn, Qt::Horizontal, TableRoles::kExport).toString(),
                 QString("mean_margin_usd"));
        QCOMPARE(model.data(model.index(0, marginColumn)).toString(), QString("-$12.50"));
        QCOMPARE(model.data(model.index(0, marginColumn), TableRoles::kExport).toString(),
                 QString("-12.50"));
        QVERIFY(
            model.data(model.index(0, marginColumn), Qt::ForegroundRole).isValid()); // flagged red
        QVERIFY(!model.data(model.index(1, marginColumn), Qt::ForegroundRole).isValid());
        QCOMPARE(model.data(model.index(0, marginColumn), DecisionTableModel::kSortRole).toDouble(),
                 -12.5);
        // Formula-looking text is neutralised in exports.
        QVERIFY(TableExport::csvText(model).contains("\n'=cmd,"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
