// SPDX-License-Identifier: GPL-3.0-or-later
// The project workflow from the command line, as the quick start runs it:
// generate-usage -> import -> cohorts -> simulate --project; exit codes and messages.
#include "models/project/Project.h"
#include "models/project/ProjectStore.h"
#include "tests/app/cli/CliRunner.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QtTest>

namespace {

QByteArray hashOf(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

const QString kSamples = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/");

} // namespace

class TestCliProject : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sampleProjectEndToEnd() {
        QTemporaryDir dir;
        const QString usage = dir.filePath("usage.csv");
        const QString project = dir.filePath("sample.marginal");
        CliRun r =
            cli({"generate-usage", "--scenario", kSamples + "scenario.json", "--out", usage});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Seeded: the same bytes again.
        const QByteArray first = hashOf(usage);
        cli({"generate-usage", "--scenario", kSamples + "scenario.json", "--out", usage});
        QCOMPARE(hashOf(usage), first);
        QVERIFY(QFileInfo(usage).size() > 1000000); // a few MB

        r = cli({"import", "--project", project, usage, "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(" 0 duplicates"));
        r = cli({"import", "--project", project, usage, "--quiet"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(" 0 added, "), qPrintable(r.out));

        r = cli({"cohorts", "--project", project});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(
            r.err.contains("no price catalog in the project yet; give one with --catalog FILE"));
        r = cli({"cohorts", "--project", project, "--catalog", kSamples + "catalog.json", "--out",
                 dir.filePath("coh")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(dir.filePath("coh/cohorts.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject fit = QJsonDocument::fromJson(f.readAll()).object();
        // The sample is calibrated to public figures: the top 10% of users burn
        // 70-80% of tokens; light users cost under $20 a month, power users over $200.
        const double top10 = fit["concentration"].toObject()["top10_token_share"].toDouble();
        QVERIFY2(top10 > 0.70 && top10 < 0.85, qPrintable(QString::number(top10)));
        const QJsonArray cohorts = fit["cohorts"].toArray();
        QCOMPARE(cohorts.size(), 3);
        QVERIFY(cohorts[0]["fit"].toObject()["mean_monthly_cost_usd"].toDouble() < 20);
        QVERIFY(cohorts[2]["fit"].toObject()["mean_monthly_cost_usd"].toDouble() > 200);

        r = cli({"simulate", "--project", project, "--scenario", kSamples + "scenario.json",
                 "--trials", "4", "--quiet", "--out", dir.filePath("sim")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("stored as run 1"));
        QVERIFY(r.out.contains("observed_in_da")); // the mix observed in the data is compared too
        // The run's inputs are kept in the project beside the run.
        const auto store =
            marginal::ProjectStore::open(project, marginal::ProjectStore::Mode::OpenExisting);
        QCOMPARE(store->documentNames("package").size(), 8);
        QVERIFY(store->documentNames("mix").contains("observed_in_data"));
        QVERIFY(store->documentNames("catalog").contains("default"));
        QCOMPARE(store->documentNames("catalog").size(), 2); // default + the dated version
        QCOMPARE(store->documentNames("scenario").size(), 1);
        QCOMPARE(store->imports().size(), std::size_t(1)); // the no-op re-import left no row
    }

    void cutPointsSetInTheProjectChangeTheCohortsSimulateUses() {
        QTemporaryDir dir;
        const QString usage = dir.filePath("usage.csv");
        const QString project = dir.filePath("cuts.marginal");
        QCOMPARE(cli({"generate-usage", "--scenario", kSamples + "scenario.json", "--customers",
                      "200", "--months", "3", "--out", usage})
                     .exitCode,
                 0);
        QCOMPARE(cli({"import", "--project", project, usage, "--quiet"}).exitCode, 0);
        {
            const auto p = marginal::Project::open(project);
            p->setCatalog(marginal::PriceCatalog::loadFile(kSamples + "catalog.json", QDate()));
        }
        // Customers per cohort in the decision table of a simulate --project run.
        const auto cohortSizes = [&](const QString& out) {
            CliRun r = cli({"simulate", "--project", project, "--scenario",
                            kSamples + "scenario.json", "--trials", "2", "--quiet", "--out", out});
            QMap<QString, int> sizes;
            QFile f(out + "/decision_table.csv");
            if (r.exitCode != 0 || !f.open(QIODevice::ReadOnly))
                return sizes;
            f.readLine();
            while (!f.atEnd()) {
                const QList<QByteArray> cells = f.readLine().split(',');
                sizes[QString::fromUtf8(cells[2])] = cells[3].toInt();
            }
            return sizes;
        };
        // Default cuts P50 / P90; the fit is made by simulate itself (none stored yet).
        // Customers with usage: the fitted cohorts' sizes add up to them.
        const auto near = [](int count, double expected) {
            return std::abs(count - expected) <= 1.0;
        };
        QMap<QString, int> sizes = cohortSizes(dir.filePath("default"));
        const int all = sizes["all"];
        QVERIFY2(all > 150 && all <= 200, qPrintable(QString::number(all)));
        QCOMPARE(sizes["low"] + sizes["medium"] + sizes["heavy"], all);
        QVERIFY(near(sizes["low"], 0.5 * all));
        QVERIFY(near(sizes["heavy"], 0.1 * all));
        // Cut points set through the project layer: the next run refits with them.
        marginal::Project::open(project)->setCohortCuts({30.0, 70.0});
        sizes = cohortSizes(dir.filePath("cut"));
        QCOMPARE(sizes["all"], all);
        QVERIFY2(near(sizes["low"], 0.3 * all), qPrintable(QString::number(sizes["low"])));
        QVERIFY(near(sizes["medium"], 0.4 * all));
        QVERIFY(near(sizes["heavy"], 0.3 * all));
        // cohorts without --cuts uses them too, and --cuts stores new ones.
        CliRun r = cli({"cohorts", "--project", project});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("(cuts 30,70)"));
        r = cli({"cohorts", "--project", project, "--cuts", "20,95"});
        QVERIFY(r.out.contains("(cuts 20,95)"));
        QCOMPARE(marginal::Project::open(project)->cohortCuts(), (std::vector<double>{20.0, 95.0}));
        sizes = cohortSizes(dir.filePath("cli-cut"));
        QVERIFY(near(sizes["low"], 0.2 * all));
        QVERIFY(near(sizes["heavy"], 0.05 * all));
        r = cli({"cohorts", "--project", project, "--cuts", "90,50"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--cuts: expected increasing percentiles between 0 and 100"));
        QCOMPARE(marginal::Project::open(project)->cohortCuts(), (std::vector<double>{20.0, 95.0}));
    }

    void importRejectsBadFilesWithExitTwoAndListsProblems() {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.marginal");
        QFile bad(dir.filePath("bad.csv"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("customer_id,date,model,input_tokens,output_tokens\na,2026-01-01,m,1,1\nb,2026-"
                  "01-01,m,-1,1\n");
        bad.close();
        CliRun r = cli({"import", "--project", project, bad.fileName(), "--quiet"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("bad.csv:3:input_tokens: expected a whole number >= 0, got \"-1\""),
                 qPrintable(r.err));
        // A rejected import into a new project leaves no empty project behind.
        QVERIFY(!QFileInfo::exists(project));
        r = cli({"import", "--project", project, bad.fileName(), "--keep-invalid", "--quiet"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("1 added") && r.out.contains("1 rejected (kept in the project"));
        // Provider exports, with the customer field chosen.
        r = cli(
            {"import", "--project", project, kSamples + "anthropic_usage_sample.json", "--quiet"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("choose one with --customer-field"));
        r = cli({"import", "--project", project, kSamples + "anthropic_usage_sample.json",
                 "--customer-field", "workspace_id", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("anthropic format: 3 records read, 3 added"));
        r = cli({"import", "--project", project, kSamples + "openai_usage_sample.json", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("openai format: 3 records read, 3 added"));
        // Not a project: refused, untouched.
        const QByteArray before = hashOf(bad.fileName());
        r = cli({"import", "--project", bad.fileName(), bad.fileName()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("not a Marginal project"));
        QCOMPARE(hashOf(bad.fileName()), before);
        r = cli({"import", "--project", project, "--format", "xml", bad.fileName()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(
            "--format: expected one of openai, anthropic, litellm, cloudevents, csv"));
    }
};

QTEST_GUILESS_MAIN(TestCliProject)
#include "tst_CliProject.moc"
