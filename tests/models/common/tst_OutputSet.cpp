// SPDX-License-Identifier: GPL-3.0-or-later
// Output files are written whole or not at all: a failed write (a full disk, a file
// size limit) leaves the previous files as they were, with no temporaries behind, and
// says the operating system's reason.
#include "models/common/OutputSet.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace marginal;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Lowers this process's file size limit for the scope: writes past it fail (EFBIG),
// as they would on a nearly full disk.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &saved_);
        rlimit limit = saved_;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }

private:
    rlimit saved_{};
};

} // namespace

class TestOutputSet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesEveryFile() {
        QTemporaryDir dir;
        OutputSet set(dir.filePath("out/sub"));
        set.add("a.csv", "alpha\n");
        set.add("b.json", "{}");
        QVERIFY(set.commit().ok());
        QCOMPARE(readAll(dir.filePath("out/sub/a.csv")), QByteArray("alpha\n"));
        QCOMPARE(readAll(dir.filePath("out/sub/b.json")), QByteArray("{}"));
        QCOMPARE(QDir(dir.filePath("out/sub")).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }

    void aFailedWriteLeavesThePreviousFilesAsTheyWere() {
        QTemporaryDir dir;
        OutputSet before(dir.path());
        before.add("small.csv", "old small\n");
        before.add("large.json", "old large\n");
        QVERIFY(before.commit().ok());

        OutputSet next(dir.path());
        next.add("small.csv", "new small\n");
        next.add("large.json", QByteArray(200000, 'x')); // past the limit below
        Status written = Status::success();
        {
            FileSizeLimit limit(64 * 1024);
            written = next.commit();
        }
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains("large.json: cannot write: File too large"),
                 qPrintable(written.error()));
        // Both files as they were: the set is written whole or not at all.
        QCOMPARE(readAll(dir.filePath("small.csv")), QByteArray("old small\n"));
        QCOMPARE(readAll(dir.filePath("large.json")), QByteArray("old large\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }

    void aStreamedFileThatStopsLeavesNothing() {
        QTemporaryDir dir;
        QVERIFY(OutputSet::writeFile(dir.filePath("f.csv"), "kept\n").ok());
        const Status stopped = OutputSet::writeStreamed(
            dir.filePath("f.csv"),
            [](QIODevice& out) {
                out.write("partial");
                return false; // e.g. Ctrl+C
            },
            QStringLiteral("cancelled"));
        QCOMPARE(stopped.error(), dir.filePath("f.csv") + ": cannot write: cancelled");
        QCOMPARE(readAll(dir.filePath("f.csv")), QByteArray("kept\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void streamedFilesAreWrittenWithTheRest() {
        QTemporaryDir dir;
        OutputSet set(dir.filePath("out"));
        Result<QIODevice*> lines = set.addStream("lines.csv");
        QVERIFY(lines.ok());
        for (int i = 0; i < 1000; ++i)
            (*lines)->write(QByteArray::number(i) + "\n");
        set.add("summary.csv", "total\n");
        // Nothing in place before the commit: only the stream's temporary.
        QVERIFY(!QFileInfo::exists(dir.filePath("out/lines.csv")));
        QVERIFY(set.commit().ok());
        const QByteArray written = readAll(dir.filePath("out/lines.csv"));
        QCOMPARE(written.count('\n'), 1000);
        QVERIFY(written.startsWith("0\n1\n") && written.endsWith("998\n999\n"));
        QCOMPARE(readAll(dir.filePath("out/summary.csv")), QByteArray("total\n"));
        QCOMPARE(QDir(dir.filePath("out")).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }

    void aStreamNeverCommittedLeavesNoFileAndNoFolder() {
        QTemporaryDir dir;
        {
            OutputSet set(dir.filePath("new/out")); // e.g. the work was cancelled
            Result<QIODevice*> lines = set.addStream("lines.csv");
            QVERIFY(lines.ok());
            (*lines)->write("partial");
            QVERIFY(QFileInfo::exists(dir.filePath("new/out")));
        }
        QVERIFY(!QFileInfo::exists(dir.filePath("new")));
        // A folder that was there before stays, with its files.
        QVERIFY(OutputSet::writeFile(dir.filePath("kept.csv"), "kept\n").ok());
        {
            OutputSet set(dir.path());
            QVERIFY(set.addStream("kept.csv").ok());
        }
        QCOMPARE(readAll(dir.filePath("kept.csv")), QByteArray("kept\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void aStreamThatCannotBeWrittenLeavesThePreviousFiles() {
        QTemporaryDir dir;
        QVERIFY(OutputSet::writeFile(dir.filePath("lines.csv"), "old\n").ok());
        Status written = Status::success();
        {
            FileSizeLimit limit(64 * 1024);
            OutputSet set(dir.path());
            Result<QIODevice*> lines = set.addStream("lines.csv");
            QVERIFY(lines.ok());
            for (int i = 0; i < 20000; ++i) // 200 KB, past the limit
                (*lines)->write("0123456789");
            written = set.commit();
        }
        QVERIFY2(written.error().contains("lines.csv: cannot write: File too large"),
                 qPrintable(written.error()));
        QCOMPARE(readAll(dir.filePath("lines.csv")), QByteArray("old\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void specialFilesAreNotReplacedAndLinksAreWrittenThrough() {
        // A pipe, a device or a socket at the path is refused and stays what it was (a
        // rename would put a plain file in its place: as root, over /dev/full); a link
        // is written through to its target, and stays a link.
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe");
        QCOMPARE(mkfifo(fifo.toUtf8().constData(), 0600), 0);
        const Status refused = OutputSet::writeFile(fifo, "x");
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains("not a regular file"), qPrintable(refused.error()));
        struct stat st {};
        QCOMPARE(stat(fifo.toUtf8().constData(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
        QVERIFY(
            !OutputSet::writeStreamed(fifo, [](QIODevice& d) { return d.write("x") == 1; }).ok());
        OutputSet set(dir.path());
        set.add("pipe", "x");
        QVERIFY(!set.commit().ok());
        QVERIFY(QFile::link(dir.filePath("real.json"), dir.filePath("link.json")));
        QVERIFY(OutputSet::writeFile(dir.filePath("link.json"), "through").ok());
        QVERIFY(QFileInfo(dir.filePath("link.json")).isSymLink());
        QFile real(dir.filePath("real.json"));
        QVERIFY(real.open(QIODevice::ReadOnly));
        QCOMPARE(real.readAll(), QByteArray("through"));
        QVERIFY(OutputSet::writeFile("", "x").error().contains("expected a file name"));
    }

    void aFolderThatCannotBeMadeIsSaid() {
        QTemporaryDir dir;
        QVERIFY(OutputSet::writeFile(dir.filePath("file"), "x").ok());
        OutputSet set(dir.filePath("file/out"));
        set.add("a.csv", "a");
        QVERIFY(set.commit().error().contains("cannot create the output folder"));
        // A target that is a folder is refused before anything is written.
        QDir(dir.path()).mkdir("a.csv");
        OutputSet clash(dir.path());
        clash.add("b.csv", "b");
        clash.add("a.csv", "a");
        QVERIFY(!clash.commit().ok());
        QVERIFY(!QFileInfo::exists(dir.filePath("b.csv")));
    }
};

QTEST_GUILESS_MAIN(TestOutputSet)
#include "tst_OutputSet.moc"
