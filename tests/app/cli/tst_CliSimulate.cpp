// SPDX-License-Identifier: GPL-3.0-or-later
// marginal-cli simulate, run as users run it: exit codes, output files and columns,
// byte-identical tables for any thread count, errors for bad input.
#include "app/cli/CliHelp.h"
#include "simulator/results/ResultSummary.h"

#include "tests/app/cli/CliRunner.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QtTest>
#include <csignal>

using namespace marginal;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QString kSample = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json");

} // namespace

class TestCliSimulate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void simulatesTheSampleAndWritesEveryFile() {
        QTemporaryDir dir;
        const CliRun r = cli({"simulate", "--scenario", kSample, "--trials", "6", "--threads", "2",
                              "--out", dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("seed: 20261123"));
        QVERIFY(r.out.contains("pro_20_api_rates"));
        for (const char* name : {"decision_table.csv", "decision_table.md", "monthly.csv",
                                 "portfolio.csv", "results.json"})
            QVERIFY2(QFileInfo::exists(dir.filePath(name)), name);
        // portfolio.csv: one row per package x mix (8 x 2), 6 trials each, target 50%.
        const QList<QByteArray> portfolio = readAll(dir.filePath("portfolio.csv")).split('\n');
        QCOMPARE(portfolio.size(), 1 + 16 + 1); // header, rows, the empty tail
        QVERIFY(portfolio[1].startsWith("pro_20_api_rates,observed,6,1000,"));
        QVERIFY(portfolio[1].contains(",50,"));

        const QList<QByteArray> lines = readAll(dir.filePath("decision_table.csv")).split('\n');
        QStringList expectedHeader;
        for (const auto& c : ResultSummary::decisionColumns())
            expectedHeader.append(c.name);
        QCOMPARE(QString::fromUtf8(lines[0]).trimmed(), expectedHeader.join(','));
        // 8 packages x 2 mixes x (3 cohorts + all), a header and a final empty line.
        QCOMPARE(lines.size(), 8 * 2 * 4 + 2);
        const QList<QByteArray> monthly = readAll(dir.filePath("monthly.csv")).split('\n');
        QCOMPARE(monthly.size(), 8 * 2 * 4 * 12 + 2);

        const QJsonObject results =
            QJsonDocument::fromJson(readAll(dir.filePath("results.json"))).object();
        QCOMPARE(results["seed"].toString(), QString("20261123"));
        QCOMPARE(results["trials_done"].toInt(), 6);
        QCOMPARE(results["complete"].toBool(), true);
        QCOMPARE(results["decision_table"].toArray().size(), 64);
        QCOMPARE(results["inputs"].toArray().size(), 12);
        for (const QJsonValue& input : results["inputs"].toArray())
            QCOMPARE(input.toObject()["sha256"].toString().size(), 64);
        const QJsonObject first = results["decision_table"].toArray()[0].toObject();
        QVERIFY(first["mean_revenue_usd"].isDouble());
        QCOMPARE(first["package"].toString(), QString("pro_20_api_rates"));
        QVERIFY(readAll(dir.filePath("decision_table.md")).contains("| package | mix | cohort |"));
    }

    // The lineup sample: the lineups' rows after the packages', lineup_shares.csv, and the
    // migration columns filled (baseline credits_19, churn 2% a month, elasticity 1).
    void simulatesTheLineupSample() {
        QTemporaryDir dir;
        const CliRun r =
            cli({"simulate", "--scenario",
                 QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/lineups_scenario.json"),
                 "--trials", "4", "--out", dir.path(), "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QByteArray> shares = readAll(dir.filePath("lineup_shares.csv")).split('\n');
        QCOMPARE(shares[0].trimmed(), QByteArray("lineup,mix,cohort,package,customer_month_share,"
                                                 "switches_per_customer_year"));
        // (3 + 3 + 2 packages) x 2 mixes x (3 cohorts + all), a header, the empty tail.
        QCOMPARE(shares.size(), 8 * 2 * 4 + 2);
        QVERIFY(shares.contains("tiered,observed,heavy,commit_875,1.0000,0.0000\r"));
        QVERIFY(shares.contains("tiered,observed,all,starter_topup_10,0.5000,0.0000\r"));
        const QList<QByteArray> lines = readAll(dir.filePath("decision_table.csv")).split('\n');
        QCOMPARE(lines.size(), (8 + 3) * 2 * 4 + 2);
        const QList<QByteArray> header = lines[0].trimmed().split(',');
        const QList<QByteArray> baseline =
            lines[1 + 4 * 2 + 3].trimmed().split(','); // credits_19 / observed / all
        QCOMPARE(baseline[0], QByteArray("credits_19"));
        QCOMPARE(baseline[2], QByteArray("all"));
        // Against itself the bill does not change; churn leaves about 0.98^12 = 78.5%.
        QCOMPARE(baseline[header.indexOf("bill_rise_10_share")], QByteArray("0.0000"));
        QCOMPARE(baseline[header.indexOf("bill_change_pct_p95")], QByteArray("0.00"));
        QVERIFY(std::fabs(baseline[header.indexOf("retained_share")].toDouble() - 0.785) < 0.04);
        QVERIFY(lines[1 + 8 * 8].startsWith("tiered,observed,low,"));
    }

    void sameSeedSameTablesForAnyThreadCount() {
        QTemporaryDir one, two;
        QCOMPARE(cli({"simulate", "--scenario", kSample, "--trials", "8", "--seed", "99",
                      "--threads", "1", "--quiet", "--out", one.path()})
                     .exitCode,
                 0);
        QCOMPARE(cli({"simulate", "--scenario", kSample, "--trials", "8", "--seed", "99",
                      "--threads", "2", "--quiet", "--out", two.path()})
                     .exitCode,
                 0);
        const QByteArray a = readAll(one.filePath("decision_table.csv"));
        QVERIFY(a.size() > 1000);
        QCOMPARE(a, readAll(two.filePath("decision_table.csv")));
        QCOMPARE(readAll(one.filePath("monthly.csv")), readAll(two.filePath("monthly.csv")));
        // A different seed gives different numbers.
        QTemporaryDir three;
        cli({"simulate", "--scenario", kSample, "--trials", "8", "--seed", "100", "--quiet",
             "--out", three.path()});
        QVERIFY(readAll(three.filePath("decision_table.csv")) != a);
    }

    void badInputExitsTwoWithAMessage_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no scenario") << QStringList{"simulate", "--out", "/tmp/x"}
                                     << QString("simulate needs --scenario FILE");
        QTest::newRow("no out") << QStringList{"simulate", "--scenario", kSample}
                                << QString("simulate needs --out DIR");
        QTest::newRow("missing file")
            << QStringList{"simulate", "--scenario", "/no/such.json", "--out", "/tmp/x"}
            << QString("/no/such.json: cannot open");
        QTest::newRow("bad trials")
            << QStringList{"simulate", "--scenario", kSample, "--trials", "many", "--out", "/tmp/x"}
            << QString("--trials: expected a whole number from 1 to 100000000, got \"many\"");
        QTest::newRow("bad seed") << QStringList{"simulate", "--scenario", kSample, "--seed",
                                                 "-1",       "--out",      "/tmp/x"}
                                  << QString("--seed: expected a whole number");
        QTest::newRow("unknown flag") << QStringList{"simulate", "--scenario", kSample, "--fast"}
                                      << QString("unknown option \"--fast\"");
        QTest::newRow("gm target not a number")
            << QStringList{"simulate", "--scenario",  kSample, "--out",
                           "/tmp/x",   "--gm-target", "lots"}
            << QString("--gm-target: expected a GM% from -1000 to 100, got \"lots\"");
        QTest::newRow("gm target above 100")
            << QStringList{"simulate", "--scenario",  kSample, "--out",
                           "/tmp/x",   "--gm-target", "150"}
            << QString("--gm-target: expected a GM% from -1000 to 100, got \"150\"");
        QTest::newRow("unknown command")
            << QStringList{"optimise"} << QString("unknown command \"optimise\"");
    }

    void badInputExitsTwoWithAMessage() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void malformedScenarioNamesFileAndPath() {
        QTemporaryDir dir;
        QFile f(dir.filePath("bad.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"name":"s","start_month":"2026-01","horizon_months":0,"catalog":"c.json","packages":[],"mixes":[],"cohorts":[]})");
        f.close();
        const CliRun r =
            cli({"simulate", "--scenario", f.fileName(), "--out", dir.filePath("out")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(
                     "bad.json: $.horizon_months: expected a whole number from 1 to 120, got 0"),
                 qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir.filePath("out")));
    }

    void unwritableOutputExitsThree() {
        QTemporaryDir dir;
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const CliRun r = cli({"simulate", "--scenario", kSample, "--trials", "1", "--quiet",
                              "--out", dir.filePath("file/out")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains("cannot create the output folder"));
    }

    void interruptCancelsAndWritesNothing() {
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(MARGINAL_CLI),
                {"simulate", "--scenario", kSample, "--trials", "1000000", "--threads", "2",
                 "--out", dir.filePath("out")});
        QVERIFY(p.waitForStarted());
        // Wait until it is simulating (progress on stderr), then press Ctrl+C.
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("simulating"), 60000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 130);
        err += p.readAllStandardError();
        QVERIFY2(err.contains("cancelled after"), err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath("out/decision_table.csv")));
    }

    void helpDocumentsEveryFlagAndColumn() {
        const CliRun r = cli({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* flag :
             {"--scenario", "--out", "--trials", "--seed", "--threads", "--quiet", "--gm-target",
              "decision_table.csv", "decision_table.md", "monthly.csv", "portfolio.csv",
              "total_margin_cvar5_usd", "results.json", "Exit status"})
            QVERIFY2(r.out.contains(flag), flag);
        for (const auto& c : ResultSummary::decisionColumns())
            QVERIFY2(r.out.contains(c.name), qPrintable(c.name));
        for (const auto& c : ResultSummary::monthlyColumns())
            QVERIFY2(r.out.contains(c.name), qPrintable(c.name));
        QCOMPARE(r.out, cliHelpText());
    }
};

QTEST_GUILESS_MAIN(TestCliSimulate)
#include "tst_CliSimulate.moc"
