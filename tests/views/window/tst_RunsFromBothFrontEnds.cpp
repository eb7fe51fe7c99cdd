// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app and marginal-cli run the same use cases (simulator/session): a run
// made in the app and one made by the CLI on the same inputs store equal inputs, and
// `marginal-cli rerun` of each reproduces its decision_table.csv byte for byte.
#include "models/project/Project.h"
#include "simulator/analysis/SampleUsageGenerator.h"
#include "tests/app/cli/CliRunner.h"
#include "tests/support/StatusChecks.h"
#include "views/jobs/RunController.h"
#include "views/window/MainWindow.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtTest>

using namespace marginal;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A project as the quick start builds it, smaller: generated usage and the sample catalog.
QString buildProject(const QTemporaryDir& dir) {
    const Scenario sample = Scenario::loadFile(MainWindow::bundledSample());
    QFile csv(dir.filePath("usage.csv"));
    csv.open(QIODevice::WriteOnly);
    SampleUsageGenerator::writeCsv(sample, SampleUsageOptions{240, 3, 9}, csv);
    csv.close();
    const QString path = dir.filePath("both.marginal");
    const auto project = Project::open(path, Project::Mode::CreateIfMissing);
    project->setCatalog(sample.catalog);
    project->importUsage({csv.fileName(), QString(), {}, false});
    return path;
}

} // namespace

class TestRunsFromBothFrontEnds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void desktopAndCliRunsAreInterchangeable() {
        QTemporaryDir dir;
        const QString project = buildProject(dir);
        // A file both front ends read (the app also carries a copy of the sample inside).
        const QString scenario = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json");

        // The CLI: the project's fitted cohorts (fitted now: none are stored yet).
        CliRun r = cli({"simulate", "--project", project, "--scenario", scenario, "--trials", "6",
                        "--seed", "5", "--quiet", "--out", dir.filePath("cli")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("stored as run 1"));

        // The app: the same scenario and project, customers from the fitted cohorts
        // (the default once they are fitted), the same seed and trials.
        {
            MainWindow w;
            w.setInteractive(false);
            QVERIFY_OK(w.openScenario(scenario));
            QSignalSpy fitted(&w, &MainWindow::cohortsRefitted);
            QVERIFY_OK(w.openProject(project));
            QVERIFY(fitted.wait(60000));
            QCOMPARE(w.customerSource(), CustomerSource::Fitted);
            w.trialsBox().setValue(6);
            w.seedEdit().setText("5");
            QSignalSpy finished(&w.runs(), &RunController::finished);
            w.runSimulation();
            QVERIFY(finished.wait(120000));
            // The run simulates the fitted cohorts' sizes (the customers with usage),
            // not the scenario's 500 / 400 / 100.
            const CohortFitResult& fit = w.projectCustomers()->fit;
            QVERIFY(fit.customers > 200 && fit.customers <= 240);
            for (const DecisionRow& row : w.runs().lastRecord()->decision) {
                if (row.cohort == "all")
                    QCOMPARE(row.customersPerTrial, (long long)fit.customers);
                for (const FittedCohort& c : fit.cohorts)
                    if (row.cohort == c.profile.name)
                        QCOMPARE(row.customersPerTrial, (long long)c.profile.customers);
            }
        }

        const auto opened = Project::open(project);
        const std::vector<RunSummary> runs = opened->runs(); // newest first
        QCOMPARE(runs.size(), std::size_t(2));
        QCOMPARE(runs[0].source, QString("desktop"));
        QCOMPARE(runs[1].source, QString("cli"));
        for (const RunSummary& s : runs) {
            QCOMPARE(s.customersFrom, QString("fitted"));
            QCOMPARE(s.trials, std::int64_t(6));
            QCOMPARE(s.seed, QString("5"));
        }
        // Equal inputs, but for who ran them.
        QJsonObject cliInputs = opened->run(runs[1].id)->inputs;
        QJsonObject desktopInputs = opened->run(runs[0].id)->inputs;
        QCOMPARE(cliInputs.take("source").toString(), QString("cli"));
        QCOMPARE(desktopInputs.take("source").toString(), QString("desktop"));
        QCOMPARE(desktopInputs, cliInputs);
        QVERIFY(cliInputs.contains("scenario") && cliInputs.contains("customers_basis"));

        // Each re-run from its stored inputs alone gives the same bytes.
        for (const RunSummary& s : runs) {
            const QString out = dir.filePath(QStringLiteral("rerun%1").arg(s.id));
            r = cli({"rerun", "--project", project, "--run", QString::number(s.id), "--out", out,
                     "--quiet", "--threads", s.source == "cli" ? "1" : "2"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
            QVERIFY(r.out.contains("decision_table.csv matches the stored run's"));
            QCOMPARE(readAll(out + "/decision_table.csv"),
                     readAll(dir.filePath("cli/decision_table.csv")));
            QCOMPARE(readAll(out + "/monthly.csv"), readAll(dir.filePath("cli/monthly.csv")));
        }
        r = cli({"runs", "--project", project});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0],
                 QString("id\tcreated_utc\tsource\tscenario\tcustomers_from\tseed\ttrials"));
        QVERIFY(lines[1].startsWith("2\t") && lines[1].contains("\tdesktop\t") &&
                lines[1].endsWith("\tfitted\t5\t6"));
        QVERIFY(lines[2].startsWith("1\t") && lines[2].contains("\tcli\t"));
        // A run stored by a version without the risk and migration columns still matches:
        // it is compared on the columns it has (and a figure changed in one does not).
        {
            const auto writable = Project::open(project);
            const StoredRun original = *writable->run(runs[1].id);
            QJsonObject results = QJsonDocument::fromJson(original.results).object();
            QJsonObject columns = results["decision_columns"].toObject();
            QJsonArray rows = results["decision_table"].toArray();
            for (const char* added :
                 {"margin_var5_usd", "margin_var5_se", "margin_cvar5_usd", "margin_cvar5_se",
                  "bill_rise_10_share", "bill_rise_50_share", "bill_fall_share",
                  "bill_change_pct_p50", "bill_change_pct_p95", "shock_share",
                  "shocks_per_customer_year", "retained_share", "mean_revenue_with_churn_usd",
                  "mean_margin_with_churn_usd", "mean_margin_with_churn_se"}) {
                columns.remove(added);
                for (QJsonValueRef row : rows) {
                    QJsonObject o = row.toObject();
                    o.remove(added);
                    row = o;
                }
            }
            results["decision_columns"] = columns;
            results["decision_table"] = rows;
            // Stores `stored` as a new run and reruns it into DIR/`folder`.
            const auto rerunStored = [&](const QJsonObject& stored, const QString& folder) {
                const std::int64_t id =
                    writable->addRun(original.summary.scenario, original.summary.seed.toULongLong(),
                                     original.inputs, stored);
                return cli({"rerun", "--project", project, "--run", QString::number(id), "--out",
                            dir.filePath(folder), "--quiet"});
            };
            r = rerunStored(results, "older");
            QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
            QVERIFY(QFileInfo::exists(dir.filePath("older/portfolio.csv")));
            QJsonObject first = rows[0].toObject();
            first["mean_margin_usd"] = first["mean_margin_usd"].toDouble() + 0.01;
            rows[0] = first;
            results["decision_table"] = rows;
            QCOMPARE(rerunStored(results, "edited").exitCode, 1);
        }
    }

    void aRunWithoutItsInputsCannotBeRerun() {
        QTemporaryDir dir;
        const QString path = dir.filePath("old.marginal");
        {
            const auto project = Project::open(path, Project::Mode::CreateIfMissing);
            // As older versions stored runs: parameters only.
            project->addRun("s", 7, QJsonObject{{"scenario_file", "s.json"}, {"trials", 3}},
                            QJsonObject{});
        }
        CliRun r = cli({"rerun", "--project", path, "--run", "1", "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("stored by an older Marginal"), qPrintable(r.err));
        r = cli({"rerun", "--project", path, "--run", "9", "--out", dir.filePath("o")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no such run"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir.filePath("o")));
        r = cli({"runs", "--project", path});
        QVERIFY(r.out.contains("\n1\t")); // listed, with an empty source
    }
};

QTEST_MAIN(TestRunsFromBothFrontEnds)
#include "tst_RunsFromBothFrontEnds.moc"
