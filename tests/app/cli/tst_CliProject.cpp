// The project workflow from the command line, as the quick start runs it:
// generate-usage -> import -> cohorts -> simulate --project; exit codes and messages.
#include "tests/app/cli/CliRunner.h"
#include "models/project/ProjectStore.h"
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
        QCOMPARE(store->imports().size(), std::size_t(2));
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
        QVERIFY(r.out.contains(": 0 usage records"));
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
