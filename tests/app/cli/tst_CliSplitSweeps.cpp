// SPDX-License-Identifier: GPL-3.0-or-later
// A price grid split across machines (docs/CLUSTER.md): a 4 x 3 grid of credits_19 in
// four shares of points (0:3, 3:5, 5:11, 11:12), run apart and merged in any order,
// gives the grid.csv of one sweep byte for byte; shares that do not make one grid are
// refused, naming the file and the points; bad ranges are refused before any work.
#include "tests/app/cli/CliRunner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kSample = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json");
const QStringList kRanges{"0:3", "3:5", "5:11", "11:12"};

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList sweep(const QString& seed = "9") {
    return {"sweep",
            "--scenario",
            kSample,
            "--package",
            "credits_19",
            "--vary",
            "base_fee=5:60:4",
            "--vary",
            "included_credits=0:3000:3",
            "--trials",
            "20",
            "--seed",
            seed,
            "--quiet"};
}

} // namespace

class TestCliSplitSweeps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const CliRun one =
            cli(sweep() + QStringList{"--threads", "2", "--out", dir_.filePath("one")});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        for (const QString& range : kRanges) {
            const CliRun r = cli(sweep() + QStringList{"--point-range", range, "--partial",
                                                       share(range), "--threads", "1"});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains("wrote: " + share(range)), qPrintable(r.out));
        }
    }

    void fourSharesMergeIntoOneGridByteForByte() {
        const CliRun r = cli({"merge", share("5:11"), share("11:12"), share("0:3"), share("3:5"),
                              "--out", dir_.filePath("merged")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("merged 4 shares: 12 points of the grid of credits_19"),
                 qPrintable(r.out));
        const QByteArray one = readAll(dir_.filePath("one/grid.csv"));
        // 12 points x the sample's mixes x (3 cohorts + all), under a header.
        const qsizetype lines = one.count('\n');
        QVERIFY2(lines > 12 * 4 && (lines - 1) % (12 * 4) == 0, qPrintable(QString::number(lines)));
        QCOMPARE(readAll(dir_.filePath("merged/grid.csv")), one);
        // A share holds its points only: the first, base fee 5 with 0, 1500, 3000 credits.
        QVERIFY(!readAll(share("0:3")).contains("\n60,"));
    }

    void sharesThatAreNotOneGridAreRefused_data() {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("message");
        QTest::newRow("a gap") << QStringList{"0:3", "5:11", "11:12"}
                               << "5-11.part: expected a share of points from 3 on before it; "
                                  "points 3:5 are missing";
        QTest::newRow("the end missing") << QStringList{"0:3", "3:5", "5:11"}
                                         << "5-11.part: expected the shares to cover all 12 "
                                            "points; points 11:12 are missing";
        QTest::newRow("twice")
            << QStringList{"0:3", "0:3", "3:5", "5:11", "11:12"}
            << "0-3.part: expected points from 3 on; its points 0:3 overlap another share's";
        QTest::newRow("another seed") << QStringList{"0:3", "3:5", "5:11", "other"}
                                      << "other.part: expected a share of the same grid as";
        QTest::newRow("a run's share") << QStringList{"0:3", "run"}
                                       << "run.part: expected a partial sweep written by "
                                          "marginal-cli sweep --partial";
    }
    void sharesThatAreNotOneGridAreRefused() {
        QFETCH(QStringList, files);
        QFETCH(QString, message);
        if (files.contains("other")) {
            const CliRun r = cli(
                sweep("10") + QStringList{"--point-range", "11:12", "--partial", share("other")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        if (files.contains("run")) {
            const CliRun r = cli({"simulate", "--scenario", kSample, "--trials", "4", "--seed", "9",
                                  "--trial-range", "0:4", "--partial", share("run"), "--quiet"});
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

    void badShareArgumentsAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString part = QStringLiteral("/nonexistent-dir-never-written/x.part");
        QTest::newRow("backwards") << QStringList{"--point-range", "5:3", "--partial", part}
                                   << "--point-range: expected A:B with 0 <= A < B";
        QTest::newRow("past the grid") << QStringList{"--point-range", "10:13", "--partial", part}
                                       << "--point-range 10:13: the grid has 12 points (0:12)";
        QTest::newRow("no file") << QStringList{"--point-range", "0:3"}
                                 << "sweep needs --partial FILE";
        QTest::newRow("with --out")
            << QStringList{"--point-range", "0:3", "--partial", part, "--out", "o"}
            << "--partial writes the share of the grid only";
    }
    void badShareArgumentsAreRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = cli(sweep() + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void aShareNeedsASeed() {
        QStringList args = sweep();
        const qsizetype at = args.indexOf("--seed");
        args.remove(at, 2);
        const CliRun r =
            cli(args + QStringList{"--point-range", "0:3", "--partial", dir_.filePath("s.part")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("sweep needs --seed S"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir_.filePath("s.part")));
    }

private:
    QString share(const QString& range) const {
        return dir_.filePath(QString(range).replace(u':', u'-') + QStringLiteral(".part"));
    }
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestCliSplitSweeps)
#include "tst_CliSplitSweeps.moc"
