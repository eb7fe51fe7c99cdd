// SPDX-License-Identifier: GPL-3.0-or-later
// sweep, optimize and sensitivity end to end: the same bytes for any --threads, bad
// --vary / --constraint refused (exit 2) naming what is wrong, infeasible exit 1, and
// Ctrl+C exit 130 with nothing written.
#include "tests/app/cli/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

namespace {

const QString kSample = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json");

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliSearch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void outputsDoNotDependOnThreads_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("file");
        QTest::newRow("sweep") << QStringList{"sweep",
                                              "--package",
                                              "credits_19",
                                              "--vary",
                                              "included_credits=500:3000:4",
                                              "--vary",
                                              "overage.price=0.005:0.02:3",
                                              "--trials",
                                              "6"}
                               << "grid.csv";
        QTest::newRow("optimize root") << QStringList{"optimize",
                                                      "--package",
                                                      "credits_19",
                                                      "--vary",
                                                      "overage.price=0.005:0.05",
                                                      "--constraint",
                                                      "gm_pct=30",
                                                      "--trials",
                                                      "6"}
                                       << "optimum.json";
        QTest::newRow("optimize pattern") << QStringList{"optimize",
                                                         "--package",
                                                         "credits_19",
                                                         "--vary",
                                                         "base_fee=5:40",
                                                         "--vary",
                                                         "included_credits=0:4000",
                                                         "--constraint",
                                                         "p_margin_negative<=0.05",
                                                         "--cohort",
                                                         "medium",
                                                         "--trials",
                                                         "3"}
                                          << "optimum.json";
        QTest::newRow("sensitivity")
            << QStringList{"sensitivity", "--trials", "3", "--range", "0.3"} << "tornado.csv";
        QTest::newRow("sobol") << QStringList{"sensitivity", "--trials",    "2",  "--sobol",
                                              "4",           "--bootstrap", "100"}
                               << "sobol.csv";
    }
    void outputsDoNotDependOnThreads() {
        QFETCH(QStringList, args);
        QFETCH(QString, file);
        QTemporaryDir dir;
        QByteArray first;
        for (const char* threads : {"1", "2"}) {
            const QString out = dir.filePath(QStringLiteral("t") + threads);
            const CliRun r = cli(QStringList{args.front(), "--scenario", kSample, "--out", out,
                                             "--threads", threads, "--quiet"} +
                                 args.mid(1));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const QByteArray bytes = readAll(out + "/" + file);
            QVERIFY(bytes.size() > 100);
            if (first.isEmpty())
                first = bytes;
            else
                QCOMPARE(bytes, first);
        }
    }

    // A scenario with lineups, a baseline and churn: sweep and optimize vary one package
    // (the lineups are not part of its grid); sensitivity moves every package and lineup,
    // the same bytes on 1 and 2 threads.
    void searchesRunOnALineupScenario() {
        const QString scenario =
            QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/lineups_scenario.json");
        QTemporaryDir dir;
        CliRun r =
            cli({"sweep", "--scenario", scenario, "--package", "credits_19", "--vary",
                 "base_fee=10:30:3", "--trials", "2", "--out", dir.filePath("sweep"), "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readAll(dir.filePath("sweep/grid.csv")).count('\n'), 1 + 3 * 2 * 4);
        r = cli({"optimize", "--scenario", scenario, "--package", "credits_19", "--vary",
                 "overage.price=0.005:0.05", "--constraint", "gm_pct=30", "--trials", "2", "--out",
                 dir.filePath("optimize")});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(r.err));
        QByteArray first;
        for (const char* threads : {"1", "2"}) {
            const QString out = dir.filePath(QStringLiteral("sensitivity") + threads);
            r = cli({"sensitivity", "--scenario", scenario, "--trials", "2", "--threads", threads,
                     "--out", out, "--quiet"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const QByteArray bytes = readAll(out + "/tornado.csv");
            QVERIFY(bytes.contains("\ntiered,observed,"));
            if (first.isEmpty())
                first = bytes;
            else
                QCOMPARE(bytes, first);
        }
    }

    // --sobol: sobol.csv beside tornado.csv, one row per package x mix x chosen factor,
    // indices within their intervals; --factors narrows both files.
    void sobolIndicesForChosenFactors() {
        QTemporaryDir dir;
        const CliRun r = cli({"sensitivity", "--scenario", kSample, "--out", dir.path(), "--trials",
                              "2", "--factors", "price:gpt-5,usage:heavy,growth:low", "--sobol",
                              "8", "--bootstrap", "100", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("Sobol indices: 40 points x 16 variants, 100 bootstrap "
                                "resamples in ") &&
                     r.out.contains("/tornado.csv, sobol.csv\n"),
                 qPrintable(r.out));
        const QList<QByteArray> tornado =
            readAll(dir.filePath("tornado.csv")).replace("\r\n", "\n").trimmed().split('\n');
        QCOMPARE(tornado.size(), 1 + 16 * 3);
        const QList<QByteArray> lines =
            readAll(dir.filePath("sobol.csv")).replace("\r\n", "\n").trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 16 * 3);
        QSet<QByteArray> factors;
        for (const QByteArray& line : lines.mid(1)) {
            const QList<QByteArray> f = line.split(',');
            QCOMPARE(f.size(), 12);
            factors << f[2];
            const double first = f[5].toDouble(), firstLow = f[6].toDouble(),
                         firstHigh = f[7].toDouble(), total = f[8].toDouble(),
                         totalLow = f[9].toDouble(), totalHigh = f[10].toDouble();
            QVERIFY2(firstLow <= first && first <= firstHigh, line.constData());
            QVERIFY2(totalLow <= total && total <= totalHigh, line.constData());
            QVERIFY2(total >= 0.0, line.constData()); // a mean of squares
            QVERIFY2(f[11].toDouble() >= 0.0, line.constData());
        }
        QCOMPARE(factors, (QSet<QByteArray>{"price:gpt-5", "usage:heavy", "growth:low"}));
    }

    void sweepGridHasOneRowPerPointMixCohort() {
        QTemporaryDir dir;
        const CliRun r = cli({"sweep", "--scenario", kSample, "--package", "credits_19", "--vary",
                              "base_fee=10:30:3", "--trials", "2", "--out", dir.path(), "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QByteArray> lines =
            readAll(dir.filePath("grid.csv")).replace("\r\n", "\n").trimmed().split('\n');
        QCOMPARE(lines[0], QByteArray("base_fee,mix,cohort,mean_margin_usd,mean_margin_se,gm_pct,"
                                      "gm_pct_se,p_margin_negative,bill_rise_10_share,"
                                      "mean_margin_with_churn_usd"));
        QCOMPARE(lines.size(), 1 + 3 * 2 * 4); // 3 points x 2 mixes x (3 cohorts + all)
        // No baseline and no churn in the sample: the migration columns are blank.
        QVERIFY2(lines[1].endsWith(",,"), lines[1].constData());
        // Common random numbers: margin is linear in the base fee on the same draws
        // (12 months of the fee less the 2.9% payment fee on it), so the margins at
        // 10, 20 and 30 are evenly spaced to the rounding of the CSV.
        const auto margin = [&](int line) { return lines[line].split(',')[3].toDouble(); };
        const double step1 = margin(1 + 8) - margin(1), step2 = margin(1 + 16) - margin(1 + 8);
        QVERIFY(step1 > 0);
        QVERIFY2(std::fabs(step1 - step2) < 1e-3, qPrintable(QString::number(step1 - step2)));
    }

    // With a baseline and churn, each grid point's migration figures are the decision
    // table's for the same package: at credits_19's own base fee against credits_19
    // (the baseline) nobody's bill rises, and the margin with churn is simulate's to the
    // last digit; $10 more a month raises bills.
    void sweepGridCarriesTheMigrationFigures() {
        const QString scenario =
            QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/lineups_scenario.json");
        QTemporaryDir dir;
        CliRun r = cli({"sweep", "--scenario", scenario, "--package", "credits_19", "--vary",
                        "base_fee=19:29:2", "--trials", "4", "--seed", "9", "--out",
                        dir.filePath("sweep"), "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli({"simulate", "--scenario", scenario, "--trials", "4", "--seed", "9", "--out",
                 dir.filePath("simulate"), "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QByteArray> grid =
            readAll(dir.filePath("sweep/grid.csv")).replace("\r\n", "\n").trimmed().split('\n');
        const QList<QByteArray> table = readAll(dir.filePath("simulate/decision_table.csv"))
                                            .replace("\r\n", "\n")
                                            .trimmed()
                                            .split('\n');
        const QList<QByteArray> header = table[0].split(',');
        const auto simulated = [&](const QByteArray& cohort, const char* column) {
            for (const QByteArray& line : table) {
                const QList<QByteArray> cells = line.split(',');
                if (cells[0] == "credits_19" && cells[1] == "observed" && cells[2] == cohort)
                    return cells[header.indexOf(column)];
            }
            return QByteArray("missing");
        };
        int checked = 0, risen = 0;
        for (const QByteArray& line : grid.mid(1)) {
            const QList<QByteArray> cells = line.split(','); // base_fee, mix, cohort, ...
            if (cells[1] != "observed")
                continue;
            if (cells[0] == "19") {
                QCOMPARE(cells[8], QByteArray("0.0000"));
                // (the decision table rounds dollars to cents)
                const auto cents = [](const QByteArray& x) {
                    return QByteArray::number(x.toDouble(), 'f', 2);
                };
                QCOMPARE(cents(cells[9]), simulated(cells[2], "mean_margin_with_churn_usd"));
                QCOMPARE(cents(cells[3]), simulated(cells[2], "mean_margin_usd"));
                ++checked;
            } else {
                risen += cells[8].toDouble() > 0.1 ? 1 : 0;
            }
        }
        QCOMPARE(checked, 4); // 3 cohorts and all
        QVERIFY(risen >= 1);
    }

    // On the lineup sample (baseline credits_19, churn 2% a month, elasticity 1): the
    // base fee of credits_19 that maximises margin with churn, with at most 20% of bills
    // up over 10% against today's; the optimum's figures are what simulate gives for it.
    void optimizeMaximisesMarginWithChurnWithinABillRiseBound() {
        const QString scenario =
            QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/lineups_scenario.json");
        QTemporaryDir dir;
        const QStringList common{"optimize", "--scenario",     scenario, "--package", "credits_19",
                                 "--vary",   "base_fee=10:60", "--mix",  "observed",  "--trials",
                                 "4",        "--seed",         "3"};
        CliRun r =
            cli(common + QStringList{"--objective", "margin_with_churn", "--constraint",
                                     "bill_rise_10_share<=0.2", "--out", dir.filePath("churn")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject churn =
            QJsonDocument::fromJson(readAll(dir.filePath("churn/optimum.json"))).object();
        QCOMPARE(churn["objective"].toString(), QString("margin_with_churn"));
        const QJsonObject at = churn["at_optimum"].toObject();
        QCOMPARE(at["objective"].toDouble(), at["mean_margin_with_churn_usd"].toDouble());
        QVERIFY(at["bill_rise_10_share"].toDouble() <= 0.2);
        QVERIFY(at["mean_margin_with_churn_usd"].toDouble() < at["mean_margin_usd"].toDouble());
        const double fee = churn["fields"].toArray()[0].toObject()["value"].toDouble();
        QVERIFY(fee >= 10 && fee <= 60);
        // Without the bound, margin alone: a fee at least as high (churn and the bound
        // both hold it back).
        r = cli(common + QStringList{"--out", dir.filePath("margin")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject margin =
            QJsonDocument::fromJson(readAll(dir.filePath("margin/optimum.json"))).object();
        QVERIFY(margin["fields"].toArray()[0].toObject()["value"].toDouble() >= fee - 1e-9);
        QVERIFY(margin["at_optimum"].toObject()["objective"].toDouble() >=
                at["mean_margin_usd"].toDouble() - 1e-6);
    }

    void badArgumentsAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QStringList sweep{"sweep", "--scenario",        kSample, "--package", "credits_19",
                                "--out", "/nonexistent/never"};
        QTest::newRow("no such field")
            << sweep + QStringList{"--vary", "overage.tiers[3].price=1:2:2"}
            << "package \"credits_19\" has no field overage.tiers[3].price";
        QTest::newRow("not a number")
            << sweep + QStringList{"--vary", "enforcement=1:2:2"}
            << "field enforcement of package \"credits_19\" is not a number";
        QTest::newRow("lo above hi")
            << sweep + QStringList{"--vary", "base_fee=30:10:3"} << "LO 30 is above HI 10";
        QTest::newRow("n zero") << sweep + QStringList{"--vary", "base_fee=1:2:0"}
                                << "N must be a whole number from 1 to 1000";
        QTest::newRow("n too big") << sweep + QStringList{"--vary", "base_fee=1:2:1001"}
                                   << "N must be a whole number from 1 to 1000";
        QTest::newRow("three vary") << sweep + QStringList{"--vary", "base_fee=1:2:2",
                                                           "--vary", "included_credits=1:2:2",
                                                           "--vary", "overage.price=1:2:2"}
                                    << "at most two --vary";
        QTest::newRow("no package")
            << QStringList{"sweep",  "--scenario",     kSample, "--package",         "nope",
                           "--vary", "base_fee=1:2:2", "--out", "/nonexistent/never"}
            << "expected a package named \"nope\"";
        QTest::newRow("invalid variant")
            << sweep + QStringList{"--vary", "included_credits=-5:1:2"} << "included_credits=-5";
        const QStringList opt{"optimize",
                              "--scenario",
                              kSample,
                              "--package",
                              "credits_19",
                              "--vary",
                              "overage.price=0.001:0.1",
                              "--out",
                              "/nonexistent/never"};
        QTest::newRow("bad constraint")
            << opt + QStringList{"--constraint", "gm>=60"} << "expected METRIC>=X";
        QTest::newRow("bad bound")
            << opt + QStringList{"--constraint", "gm_pct>=6x"} << "expected METRIC>=X";
        QTest::newRow("optimize with steps")
            << QStringList{"optimize", "--scenario",     kSample, "--package", "credits_19",
                           "--vary",   "base_fee=1:2:3", "--out", "/x"}
            << "expected FIELD=LO:HI";
        QTest::newRow("equality with two fields")
            << opt + QStringList{"--vary", "base_fee=1:30", "--constraint", "gm_pct=60"}
            << "an equality (METRIC=X) needs exactly one --vary";
        QTest::newRow("bad objective")
            << opt + QStringList{"--objective", "profit"}
            << "expected margin, margin_with_churn or revenue, got \"profit\"";
        QTest::newRow("bill rise without a baseline")
            << opt + QStringList{"--constraint", "bill_rise_10_share<=0.2"}
            << "constraint bill_rise_10_share<=0.2: the scenario has no baseline";
        QTest::newRow("bad range")
            << QStringList{"sensitivity", "--scenario", kSample, "--out", "/x", "--range", "1.5"}
            << "--range: expected a number above 0 and below 1";
        const QStringList sens{"sensitivity", "--scenario", kSample, "--out", "/x"};
        QTest::newRow("sobol of one sample") << sens + QStringList{"--sobol", "1"}
                                             << "--sobol: expected a whole number from 2 to "
                                                "10000, got \"1\"";
        QTest::newRow("sobol too large") << sens + QStringList{"--sobol", "10001"}
                                         << "--sobol: expected a whole number from 2 to 10000";
        QTest::newRow("no factor named") << sens + QStringList{"--factors", " , "}
                                         << "--factors: expected factor names separated by "
                                            "commas, got \" , \"";
        QTest::newRow("sobol not a number")
            << sens + QStringList{"--sobol", "lots"} << "--sobol: expected a whole number";
        QTest::newRow("too few resamples")
            << sens + QStringList{"--sobol", "8", "--bootstrap", "99"}
            << "--bootstrap: expected a whole number from 100";
        QTest::newRow("bootstrap alone")
            << sens + QStringList{"--bootstrap", "100"} << "--bootstrap goes with --sobol";
        QTest::newRow("unknown factor")
            << sens + QStringList{"--factors", "price:gpt-5,usage:nobody"}
            << "--factors \"usage:nobody\": expected one of this scenario's factors: price:";
    }
    void badArgumentsAreRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void infeasibleExitsOneAndSaysSo() {
        QTemporaryDir dir;
        const CliRun r = cli({"optimize", "--scenario", kSample, "--package", "credits_19",
                              "--vary", "overage.price=0.005:0.006", "--constraint", "gm_pct=90",
                              "--trials", "2", "--out", dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("infeasible"), qPrintable(r.err));
        const QByteArray json = readAll(dir.filePath("optimum.json"));
        QVERIFY(json.contains("\"feasible\": false"));
    }

    void interruptWritesNothing_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("file");
        QTest::newRow("sweep") << QStringList{"sweep",  "--package",        "credits_19",
                                              "--vary", "base_fee=1:30:30", "--trials",
                                              "1000000"}
                               << "grid.csv";
        QTest::newRow("sensitivity")
            << QStringList{"sensitivity", "--trials", "1000000"} << "tornado.csv";
        QTest::newRow("optimize") << QStringList{"optimize",
                                                 "--package",
                                                 "credits_19",
                                                 "--vary",
                                                 "overage.price=0.005:0.05",
                                                 "--constraint",
                                                 "gm_pct=30",
                                                 "--trials",
                                                 "1000000"}
                                  << "optimum.json";
    }
    void interruptWritesNothing() {
        QFETCH(QStringList, args);
        QFETCH(QString, file);
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(MARGINAL_CLI),
                QStringList{args.front(), "--scenario", kSample, "--threads", "2", "--out",
                            dir.filePath("out")} +
                    args.mid(1));
        QVERIFY(p.waitForStarted());
        QTest::qWait(1500); // loading and compiling take well under this
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        QVERIFY2(QString::fromUtf8(p.readAllStandardError()).contains("cancelled"), "message");
        QVERIFY(!QFileInfo::exists(dir.filePath("out/" + file)));
    }

    void helpListsTheCommands() {
        const CliRun r = cli({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* text : {"sweep", "optimize", "sensitivity", "--vary", "--constraint",
                                 "--objective", "--range"})
            QVERIFY2(r.out.contains(text), text);
    }
};

QTEST_GUILESS_MAIN(TestCliSearch)
#include "tst_CliSearch.moc"
