// SPDX-License-Identifier: GPL-3.0-or-later
// A run split across machines (docs/MODEL.md section 14, docs/CLUSTER.md): four shares
// of the lineup sample (trials 0:10, 10:20, 20:35, 35:40), run apart and merged in any
// order, give every table of one run of the 40 trials byte for byte (results.json
// differs only in when it was made); shares that do not make one run are refused,
// naming the file and the trials; a damaged or cut share is refused.
#include "tests/app/cli/CliRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kLineups = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/lineups_scenario.json");
const QStringList kRanges{"0:10", "10:20", "20:35", "35:40"};

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject withoutTime(const QByteArray& resultsJson) {
    QJsonObject o = QJsonDocument::fromJson(resultsJson).object();
    o.remove(QStringLiteral("created_utc"));
    return o;
}

} // namespace

class TestCliSplitRuns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const CliRun one = cli({"simulate", "--scenario", kLineups, "--trials", "40", "--seed", "9",
                                "--threads", "2", "--out", dir_.filePath("one"), "--quiet"});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        for (const QString& range : kRanges) {
            const QString file = share(range);
            const CliRun r =
                cli({"simulate", "--scenario", kLineups, "--trials", "40", "--seed", "9",
                     "--trial-range", range, "--partial", file, "--threads", "1", "--quiet"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains(QStringLiteral("trials %1 of 40 (seed 9)").arg(range)),
                     qPrintable(r.out));
        }
    }

    void fourSharesMergeIntoOneRunByteForByte() {
        // In an order of no significance: the merge sorts them by range.
        const CliRun r = cli({"merge", share("20:35"), share("0:10"), share("35:40"),
                              share("10:20"), "--out", dir_.filePath("merged")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("merged 4 shares: 40 trials, seed 9"));
        for (const char* name : {"decision_table.csv", "decision_table.md", "monthly.csv",
                                 "portfolio.csv", "lineup_shares.csv"}) {
            const QByteArray one = readAll(dir_.filePath("one/") + name);
            QVERIFY2(one.size() > 200, name);
            QVERIFY2(readAll(dir_.filePath("merged/") + name) == one, name);
        }
        const QJsonObject one = withoutTime(readAll(dir_.filePath("one/results.json")));
        QJsonObject merged = withoutTime(readAll(dir_.filePath("merged/results.json")));
        QCOMPARE(merged.value("threads").toInt(), 1); // the merge's own
        merged.insert(QStringLiteral("threads"), one.value("threads"));
        QCOMPARE(merged, one);
    }

    void sharesThatAreNotOneRunAreRefused_data() {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("message");
        QTest::newRow("a gap") << QStringList{"0:10", "20:35", "35:40"}
                               << "20-35.part: expected a share of trials from 10 on before it; "
                                  "trials 10:20 are missing";
        QTest::newRow("the end missing") << QStringList{"0:10", "10:20", "20:35"}
                                         << "20-35.part: expected the shares to cover all 40 "
                                            "trials; trials 35:40 are missing";
        QTest::newRow("twice")
            << QStringList{"0:10", "0:10", "10:20", "20:35", "35:40"}
            << "0-10.part: expected trials from 10 on; its trials 0:10 overlap another share's";
        QTest::newRow("another run") << QStringList{"0:10", "10:20", "20:35", "other"}
                                     << "other.part: expected a share of the same run as";
    }
    void sharesThatAreNotOneRunAreRefused() {
        QFETCH(QStringList, files);
        QFETCH(QString, message);
        if (files.contains("other")) { // the last share with another seed
            const CliRun r =
                cli({"simulate", "--scenario", kLineups, "--trials", "40", "--seed", "10",
                     "--trial-range", "35:40", "--partial", share("other"), "--quiet"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        QStringList args{"merge"};
        for (const QString& f : files)
            args << share(f);
        const QString out = dir_.filePath("refused");
        const CliRun r = cli(args + QStringList{"--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(out)); // nothing written
    }

    void aDamagedOrCutShareIsRefused() {
        QByteArray bytes = readAll(share("10:20"));
        QVERIFY(bytes.size() > 10000);
        const QString damaged = dir_.filePath("damaged.part"), cut = dir_.filePath("cut.part");
        QFile d(damaged), c(cut);
        QVERIFY(d.open(QIODevice::WriteOnly) && c.open(QIODevice::WriteOnly));
        c.write(bytes.left(bytes.size() / 2));
        bytes[5000] = char(bytes[5000] ^ 1);
        d.write(bytes);
        d.close();
        c.close();
        CliRun r = cli({"merge", share("0:10"), damaged, "--out", dir_.filePath("x")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("damaged.part: expected an undamaged partial run file (its "
                                "checksum does not match"),
                 qPrintable(r.err));
        r = cli({"merge", cut, "--out", dir_.filePath("x")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("cut.part: expected a whole partial run file"), qPrintable(r.err));
        r = cli({"merge", kLineups, "--out", dir_.filePath("x")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("expected a partial run written by marginal-cli simulate "
                                "--partial"),
                 qPrintable(r.err));
    }

    void badShareArgumentsAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QStringList base{"simulate", "--scenario", kLineups, "--trials", "40"};
        QTest::newRow("past the end")
            << base + QStringList{"--seed", "1", "--trial-range", "30:50", "--partial", "/tmp/x"}
            << "--trial-range 30:50: the run has 40 trials (0:40)";
        QTest::newRow("not a range")
            << base + QStringList{"--seed", "1", "--trial-range", "5", "--partial", "/tmp/x"}
            << "--trial-range: expected A:B with 0 <= A < B";
        QTest::newRow("backwards")
            << base + QStringList{"--seed", "1", "--trial-range", "9:3", "--partial", "/tmp/x"}
            << "--trial-range: expected A:B with 0 <= A < B";
        QTest::newRow("no partial file")
            << base + QStringList{"--seed", "1", "--trial-range", "0:5"} << "--partial FILE";
        QTest::newRow("with --out")
            << base + QStringList{"--seed",    "1",      "--trial-range", "0:5",
                                  "--partial", "/tmp/x", "--out",         "/tmp/y"}
            << "marginal-cli merge writes the tables (--out)";
        QTest::newRow("merge without files")
            << QStringList{"merge", "--out", "/tmp/y"} << "merge needs the partial run files";
    }
    void badShareArgumentsAreRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // A share without a seed it can share is refused: each would draw its own.
    void aShareNeedsASharedSeed() {
        QTemporaryDir dir;
        QFile scenario(kLineups);
        QVERIFY(scenario.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(scenario.readAll()).object();
        json.remove(QStringLiteral("seed"));
        // Written elsewhere, so its catalog, packages and mixes become absolute paths.
        const QString folder = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/");
        for (const char* key : {"catalog"})
            if (json.value(key).isString())
                json.insert(key, folder + json.value(key).toString());
        for (const char* key : {"packages", "mixes"}) {
            QJsonArray items = json.value(key).toArray();
            for (qsizetype i = 0; i < items.size(); ++i)
                if (items[i].isString())
                    items[i] = folder + items[i].toString();
            json.insert(key, items);
        }
        QFile f(dir.filePath("noseed.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(json).toJson());
        f.close();
        const CliRun r = cli({"simulate", "--scenario", f.fileName(), "--trials", "4",
                              "--trial-range", "0:2", "--partial", dir.filePath("s.part")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("every share must use the same seed: give --seed S"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("s.part")));
    }

private:
    QString share(const QString& range) const {
        return dir_.filePath(QString(range).replace(u':', u'-') + QStringLiteral(".part"));
    }
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestCliSplitRuns)
#include "tst_CliSplitRuns.moc"
