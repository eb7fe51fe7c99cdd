// SPDX-License-Identifier: GPL-3.0-or-later
// Ctrl+C (SIGINT) and SIGTERM stop every long command: exit 130, nothing written, the
// project as it was. The signal is sent as soon as the command has installed its
// handler (read from /proc), so the test does not depend on how fast the machine is.
#include "models/project/Project.h"
#include "tests/app/cli/CliRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QtTest>
#include <csignal>

using namespace marginal;

namespace {

const QString kSamples = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/");

QByteArray hashOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly)
               ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
               : QByteArray();
}

// True once process `pid` catches SIGINT and SIGTERM (its SigCgt mask).
bool catchesInterrupts(qint64 pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("SigCgt:")) {
            const quint64 mask = line.mid(7).trimmed().toULongLong(nullptr, 16);
            return (mask >> (SIGINT - 1) & 1) && (mask >> (SIGTERM - 1) & 1);
        }
    return false;
}

// Runs marginal-cli and sends `signal` as soon as it can take it.
CliRun interrupted(const QStringList& args, int signal = SIGINT) {
    QProcess p;
    p.start(QStringLiteral(MARGINAL_CLI), args);
    p.waitForStarted();
    QElapsedTimer waited;
    waited.start();
    while (!catchesInterrupts(p.processId()) && waited.elapsed() < 30000 &&
           p.state() == QProcess::Running)
        QThread::msleep(1);
    ::kill(pid_t(p.processId()), signal);
    p.waitForFinished(120000);
    return CliRun{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                  QString::fromUtf8(p.readAllStandardOutput()),
                  QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestCliInterrupts : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString project_, usage_;

private Q_SLOTS:
    void initTestCase() {
        usage_ = dir_.filePath("usage.csv");
        project_ = dir_.filePath("p.marginal");
        QCOMPARE(cli({"generate-usage", "--scenario", kSamples + "scenario.json", "--customers",
                      "300", "--months", "3", "--out", usage_})
                     .exitCode,
                 0);
        QCOMPARE(cli({"import", "--project", project_, usage_, "--quiet"}).exitCode, 0);
        Project::open(project_)->setCatalog(PriceCatalog::loadFile(kSamples + "catalog.json", {}));
    }

    void everyLongCommandStopsAndWritesNothing_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("signal");
        QTest::addColumn<QString>("output");
        const QString out = dir_.filePath("out");
        QTest::newRow("cohorts") << QStringList{"cohorts", "--project", project_, "--cuts",
                                                "40,80",   "--out",     out}
                                 << int(SIGINT) << out;
        QTest::newRow("replay") << QStringList{"replay",
                                               "--project",
                                               project_,
                                               "--packages",
                                               kSamples + "packages/credits_19.json",
                                               "--out",
                                               out}
                                << int(SIGTERM) << out;
        QTest::newRow("simulate --project") << QStringList{"simulate",
                                                           "--project",
                                                           project_,
                                                           "--scenario",
                                                           kSamples + "scenario.json",
                                                           "--trials",
                                                           "50",
                                                           "--out",
                                                           out}
                                            << int(SIGINT) << out;
        QTest::newRow("generate-usage")
            << QStringList{"generate-usage",        "--scenario", kSamples + "scenario.json",
                           "--customers",           "20000",      "--out",
                           dir_.filePath("big.csv")}
            << int(SIGTERM) << dir_.filePath("big.csv");
        QTest::newRow("catalog import")
            << QStringList{"catalog", "import", kSamples + "genai-prices/data.json", "--out",
                           dir_.filePath("all.json")}
            << int(SIGINT) << dir_.filePath("all.json");
        QTest::newRow("import of two files") << QStringList{"import", "--project", project_, usage_,
                                                            kSamples + "openai_usage_sample.json"}
                                             << int(SIGINT) << QString();
    }

    void everyLongCommandStopsAndWritesNothing() {
        QFETCH(QStringList, args);
        QFETCH(int, signal);
        QFETCH(QString, output);
        const QByteArray before = hashOf(project_);
        const QStringList filesBefore = QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden);
        const CliRun r = interrupted(args, signal);
        QCOMPARE(r.exitCode, 130);
        QVERIFY2(r.err.contains("cancel"), qPrintable(r.err));
        QCOMPARE(hashOf(project_), before); // the project as it was
        if (!output.isEmpty())
            QVERIFY2(!QFileInfo::exists(output), qPrintable(output));
        // No temporary left behind either.
        QCOMPARE(QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden), filesBefore);
    }

    void anInterruptedImportIntoANewProjectLeavesNoFile() {
        const QString fresh = dir_.filePath("fresh.marginal");
        const CliRun r = interrupted({"import", "--project", fresh, usage_});
        QCOMPARE(r.exitCode, 130);
        QVERIFY(r.err.contains("import cancelled; the project is as it was"));
        QVERIFY(!QFileInfo::exists(fresh));
    }
};

QTEST_GUILESS_MAIN(TestCliInterrupts)
#include "tst_CliInterrupts.moc"
