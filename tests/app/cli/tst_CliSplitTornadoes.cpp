// SPDX-License-Identifier: GPL-3.0-or-later
// A tornado split across machines (docs/CLUSTER.md): the sample's factors in four
// shares (0:5, 5:6, 6:20, 20:N), run apart and merged in any order, give the
// tornado.csv of one run byte for byte, sorted by swing as one run sorts it, and the
// same with a --factors list; shares of another tornado, missing or overlapping
// factors, and bad ranges are refused.
#include "tests/app/cli/CliRunner.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kSample = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json");

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList tornado(const QStringList& extra = {}) {
    return QStringList{"sensitivity", "--scenario", kSample,   "--trials", "12",
                       "--seed",      "5",          "--range", "0.3",      "--quiet"} +
           extra;
}

} // namespace

class TestCliSplitTornadoes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const CliRun one = cli(tornado({"--out", dir_.filePath("one")}));
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        const QRegularExpression count("(\\d+) factors x 2 ends");
        const auto match = count.match(one.out);
        QVERIFY2(match.hasMatch(), qPrintable(one.out));
        factors_ = match.captured(1).toInt();
        QVERIFY(factors_ > 20); // prices, cohorts' usage, shares, premium traffic
    }

    void fourSharesMergeIntoOneTornadoByteForByte() {
        const QStringList ranges{"0:5", "5:6", "6:20", QStringLiteral("20:%1").arg(factors_)};
        QStringList shares; // last share first: the merge puts them in order
        for (const QString& range : ranges) {
            const CliRun r = cli(tornado({"--factor-range", range, "--partial", share(range)}));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains(
                         QStringLiteral("factors %1 of %2 (seed 5)").arg(range).arg(factors_)),
                     qPrintable(r.out));
            shares.prepend(share(range));
        }
        const CliRun r =
            cli(QStringList{"merge"} + shares + QStringList{"--out", dir_.filePath("merged")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray one = readAll(dir_.filePath("one/tornado.csv"));
        QVERIFY(one.count('\n') > factors_ * 4);
        QCOMPARE(readAll(dir_.filePath("merged/tornado.csv")), one);
    }

    void aChosenListSplitsToo() {
        const QStringList list{"--factors", "price:gpt-5,usage:heavy,growth:low,usage:low"};
        QVERIFY(cli(tornado(list + QStringList{"--out", dir_.filePath("chosen")})).exitCode == 0);
        for (const QString& range : {QString("0:1"), QString("1:4")})
            QVERIFY(cli(tornado(list + QStringList{"--factor-range", range, "--partial",
                                                   share("c" + range)}))
                        .exitCode == 0);
        const CliRun r =
            cli({"merge", share("c1:4"), share("c0:1"), "--out", dir_.filePath("chosenMerged")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readAll(dir_.filePath("chosenMerged/tornado.csv")),
                 readAll(dir_.filePath("chosen/tornado.csv")));
    }

    void sharesThatAreNotOneTornadoAreRefused() {
        QVERIFY(cli(tornado({"--factor-range", "0:2", "--partial", share("a")})).exitCode == 0);
        QVERIFY(cli(tornado({"--factor-range", "3:4", "--partial", share("b")})).exitCode == 0);
        CliRun r = cli({"merge", share("a"), share("b"), "--out", dir_.filePath("x")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("b.part: expected a share of factors from 2 on before it; "
                                "factors 2:3 are missing"),
                 qPrintable(r.err));
        QStringList otherRange = tornado({"--factor-range", "2:3", "--partial", share("c")});
        otherRange[otherRange.indexOf("0.3")] = "0.2";
        QVERIFY(cli(otherRange).exitCode == 0);
        r = cli({"merge", share("a"), share("c"), "--out", dir_.filePath("x")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("c.part: expected a share of the same tornado as"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(dir_.filePath("x")));
    }

    void badShareArgumentsAreRefused() {
        const QString part = dir_.filePath("never.part");
        CliRun r = cli(tornado({"--factor-range", "4:2", "--partial", part}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--factor-range: expected A:B with 0 <= A < B (factors A to B - "
                                "1, counted from 0)"),
                 qPrintable(r.err));
        r = cli(tornado(
            {"--factor-range", QStringLiteral("0:%1").arg(factors_ + 1), "--partial", part}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("the tornado has %1 factors").arg(factors_)),
                 qPrintable(r.err));
        r = cli(tornado({"--factor-range", "0:2", "--partial", part, "--sobol", "4"}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no --sobol"), qPrintable(r.err));
        QVERIFY(!QFile::exists(part));
    }

private:
    QString share(const QString& range) const {
        return dir_.filePath(QString(range).replace(u':', u'-') + QStringLiteral(".part"));
    }
    QTemporaryDir dir_;
    int factors_ = 0;
};

QTEST_GUILESS_MAIN(TestCliSplitTornadoes)
#include "tst_CliSplitTornadoes.moc"
