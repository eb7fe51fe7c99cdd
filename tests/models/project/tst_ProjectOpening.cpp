// SPDX-License-Identifier: GPL-3.0-or-later
// A project opens only if it is sound: damaged, truncated, foreign, trigger-carrying
// and busy files are each refused with their own message and left untouched; writes
// to a read-only project or past a full disk say so and keep SQLite's reason; a
// rolled-back import leaves the file byte for byte as it was.
#include "models/import/UsageImport.h"
#include "models/project/Project.h"
#include "models/project/ProjectStore.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace marginal;

namespace {

QByteArray hashOf(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QString writeCsv(const QString& path, int rows, bool withBadRow = false) {
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("customer_id,date,model,input_tokens,output_tokens,requests\n");
    for (int i = 0; i < rows; ++i)
        f.write(QStringLiteral("c%1,2026-01-%2,m,%3,%4,1\n")
                    .arg(i % 97)
                    .arg(1 + i % 28, 2, 10, QChar('0'))
                    .arg(1000 + i)
                    .arg(i)
                    .toUtf8());
    if (withBadRow)
        f.write("bad,2026-01-01,m,-1,1,1\n");
    return path;
}

// A project with a few thousand rows (many pages).
QString buildProject(const QTemporaryDir& dir, const QString& name = "p.marginal") {
    const QString path = dir.filePath(name);
    const auto project = Project::open(path, Project::Mode::CreateIfMissing);
    project->importUsage({writeCsv(dir.filePath(name + ".csv"), 6000), QString(), {}, false});
    return path;
}

void sql(const QString& path, const char* statement) {
    sqlite3* db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    char* error = nullptr;
    if (sqlite3_exec(db, statement, nullptr, nullptr, &error) != SQLITE_OK)
        qFatal("%s", error);
    sqlite3_close(db);
}

// Opening fails with this kind of error; returns its message.
QString refusal(const QString& path, ProjectError::Kind kind) {
    try {
        Project::open(path);
    } catch (const ProjectError& e) {
        if (e.kind() != kind)
            return QStringLiteral("wrong kind %1: %2").arg(int(e.kind())).arg(e.message());
        return e.message();
    }
    return QStringLiteral("opened");
}

// A process killed in the middle of a commit: SQLite writes page 1 first (the header,
// with the new page count), then the pages after it. This VFS over the default one
// ends the process right after that first write, once armed, leaving a file shorter
// than its header says beside a hot journal, as kill -9 at that instant does.
namespace killed_commit {
sqlite3_vfs vfs;
sqlite3_io_methods mainMethods;
const sqlite3_io_methods* realMethods = nullptr;
bool armed = false;

int write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    const int rc = realMethods->xWrite(file, data, amount, offset);
    if (armed && offset == 0)
        ::_exit(9);
    return rc;
}

int open(sqlite3_vfs* self, const char* name, sqlite3_file* file, int flags, int* outFlags) {
    auto* real = static_cast<sqlite3_vfs*>(self->pAppData);
    const int rc = real->xOpen(real, name, file, flags, outFlags);
    if (rc == SQLITE_OK && (flags & SQLITE_OPEN_MAIN_DB) && file->pMethods) {
        realMethods = file->pMethods;
        mainMethods = *realMethods;
        mainMethods.xWrite = write;
        file->pMethods = &mainMethods;
    }
    return rc;
}

// In a child process: grows the project by about 2 MB in one transaction and dies
// after the commit's first write.
[[noreturn]] void growAndDie(const QByteArray& path) {
    sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
    vfs = *real;
    vfs.zName = "killed-commit";
    vfs.pAppData = real;
    vfs.xOpen = open;
    sqlite3_vfs_register(&vfs, 0);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READWRITE, "killed-commit") != SQLITE_OK)
        ::_exit(2);
    const char* grow = "PRAGMA cache_size = -65536; BEGIN IMMEDIATE; CREATE TABLE grown(x); "
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                       "200) INSERT INTO grown SELECT randomblob(10000) FROM n";
    if (sqlite3_exec(db, grow, nullptr, nullptr, nullptr) != SQLITE_OK)
        ::_exit(3);
    armed = true;
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    ::_exit(4); // the commit never wrote page 1
}
} // namespace killed_commit

} // namespace

class TestProjectOpening : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aDamagedFileIsRefusedAndLeftUntouched() {
        QTemporaryDir dir;
        const QString path = buildProject(dir);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() / 2 + 8); // inside a B-tree page: its cell pointers
            f.write(QByteArray(64, '\xff'));
        }
        const QByteArray before = hashOf(path);
        const QString message = refusal(path, ProjectError::Kind::Damaged);
        QVERIFY2(message.contains(path + ": damaged: ") && message.contains("was not changed"),
                 qPrintable(message));
        QCOMPARE(hashOf(path), before);
        try {
            Project::open(path, Project::Mode::ReadOnly);
            QFAIL("a damaged file opened read-only");
        } catch (const ProjectError& e) {
            QCOMPARE(e.kind(), ProjectError::Kind::Damaged);
        }
    }

    void aProjectCarryingCodeIsRefused_data() {
        QTest::addColumn<QByteArray>("statement");
        QTest::addColumn<QString>("said");
        QTest::newRow("trigger") << QByteArray("CREATE TRIGGER wipe AFTER INSERT ON usage BEGIN "
                                               "DELETE FROM usage WHERE id <> new.id; END")
                                 << QString("trigger \"wipe\"");
        QTest::newRow("view") << QByteArray("CREATE VIEW everything AS SELECT * FROM usage")
                              << QString("view \"everything\"");
        QTest::newRow("table") << QByteArray("CREATE TABLE notes (x)")
                               << QString("table \"notes\"");
        QTest::newRow("index") << QByteArray("CREATE INDEX by_model ON usage (model)")
                               << QString("index \"by_model\"");
        QTest::newRow("column") << QByteArray("ALTER TABLE usage ADD COLUMN secret TEXT")
                                << QString("table \"usage\" has the columns");
        QTest::newRow("generated column")
            << QByteArray("ALTER TABLE runs ADD COLUMN g TEXT GENERATED ALWAYS AS (seed) VIRTUAL")
            << QString("generated column \"g\"");
    }

    void aProjectCarryingCodeIsRefused() {
        QFETCH(QByteArray, statement);
        QFETCH(QString, said);
        QTemporaryDir dir;
        const QString path = buildProject(dir);
        sql(path, statement.constData());
        const QByteArray before = hashOf(path);
        const QString message = refusal(path, ProjectError::Kind::Damaged);
        QVERIFY2(message.contains(said) && message.contains("must not carry triggers"),
                 qPrintable(message));
        QCOMPARE(hashOf(path), before);
    }

    void aTruncatedFileIsCalledTruncated() {
        QTemporaryDir dir;
        const QString path = buildProject(dir);
        QFile whole(path);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray bytes = whole.readAll();
        for (qsizetype size : {qsizetype(4096), bytes.size() / 2, qsizetype(60)}) {
            const QString cut = dir.filePath(QStringLiteral("cut%1.marginal").arg(size));
            QFile f(cut);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.left(size));
            f.close();
            const QString message = refusal(cut, ProjectError::Kind::Truncated);
            QVERIFY2(message.contains(QStringLiteral("truncated: the file has %1 bytes").arg(size)),
                     qPrintable(message));
            QCOMPARE(QFileInfo(cut).size(), size);
        }
    }

    // A commit cut short leaves the file shorter than its new header says, beside the
    // hot journal that undoes it: that is not an incomplete copy, and opening rolls it
    // back to the project as it was.
    void aCommitKilledMidwayIsRolledBackNotCalledTruncated() {
        QTemporaryDir dir;
        const QString path = buildProject(dir);
        const QByteArray before = hashOf(path);
        const pid_t child = ::fork();
        if (child == 0)
            killed_commit::growAndDie(path.toUtf8());
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 9); // died right after writing page 1
        QVERIFY(QFileInfo(path + "-journal").size() > 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray header = file.read(100);
        const qint64 pages = qint64(quint8(header[28])) << 24 | quint8(header[29]) << 16 |
                             quint8(header[30]) << 8 | quint8(header[31]);
        QVERIFY2(file.size() < pages * 16384, "the killed commit left the file whole");
        file.close();

        const auto project = Project::open(path);
        QCOMPARE(project->usageCount(), std::int64_t(6000));
        QCOMPARE(project->imports().size(), std::size_t(1));
        QVERIFY(!QFileInfo::exists(path + "-journal"));
        QCOMPARE(hashOf(path), before);
    }

    void aSecondWriterIsToldTheProjectIsBusy() {
        QTemporaryDir dir;
        const QString path = buildProject(dir);
        sqlite3* other = nullptr;
        sqlite3_open(path.toUtf8().constData(), &other);
        QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        // Reading still works while another program writes...
        const auto project = Project::open(path);
        QCOMPARE(project->usageCount(), std::int64_t(6000));
        // ...and a write waits 5 s, then says who is in the way.
        try {
            project->importUsage({writeCsv(dir.filePath("more.csv"), 10), QString(), {}, false});
            QFAIL("imported while another program held the write lock");
        } catch (const ProjectError& e) {
            QCOMPARE(e.kind(), ProjectError::Kind::Busy);
            QVERIFY2(e.message().contains("busy: another program is writing the project"),
                     qPrintable(e.message()));
        }
        sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(other);
        QCOMPARE(project->usageCount(), std::int64_t(6000));
    }

    void aReadOnlyProjectSaysSoAndIsNotChanged() {
        QTemporaryDir dir;
        const QString path = buildProject(dir);
        const QByteArray before = hashOf(path);
        const auto project = Project::open(path, Project::Mode::ReadOnly);
        QCOMPARE(project->usageCount(), std::int64_t(6000));
        for (const auto& write : std::vector<std::function<void()>>{
                 [&] {
                     project->importUsage(
                         {writeCsv(dir.filePath("more.csv"), 10), QString(), {}, false});
                 },
                 [&] {
                     project->setCohortCuts({30, 70});
                 }}) {
            try {
                write();
                QFAIL("a read-only project was written");
            } catch (const ProjectError& e) {
                QCOMPARE(e.kind(), ProjectError::Kind::ReadOnly);
                QVERIFY2(e.message().contains("read-only") && !e.message().contains("not an error"),
                         qPrintable(e.message()));
            }
        }
        QCOMPARE(hashOf(path), before);
    }

    void aWriteThatFailsKeepsTheReasonAndTheProject() {
        QTemporaryDir dir;
        const QString path = buildProject(dir);
        const QString big = writeCsv(dir.filePath("big.csv"), 200000);
        const qint64 size = QFileInfo(path).size();
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit saved{};
        getrlimit(RLIMIT_FSIZE, &saved);
        QString message;
        ProjectError::Kind kind = ProjectError::Kind::Other;
        {
            const auto project = Project::open(path);
            rlimit limit = saved;
            limit.rlim_cur = rlim_t(size + 64 * 1024); // as on a nearly full disk
            setrlimit(RLIMIT_FSIZE, &limit);
            try {
                project->importUsage({big, QString(), {}, false});
            } catch (const ProjectError& e) {
                message = e.message();
                kind = e.kind();
            }
            setrlimit(RLIMIT_FSIZE, &saved);
        }
        QVERIFY2(kind == ProjectError::Kind::Io || kind == ProjectError::Kind::Full,
                 qPrintable(message));
        QVERIFY2(message.contains("File too large") &&
                     !message.contains("no transaction is active"),
                 qPrintable(message));
        const auto reopened = Project::open(path); // whole, as before the import
        QCOMPARE(reopened->usageCount(), std::int64_t(6000));
        QCOMPARE(reopened->imports().size(), std::size_t(1));
    }

    void aRejectedImportLeavesTheFileByteForByte() {
        // Replaced documents free pages; SQLite does not journal a free page it reuses,
        // so only a file without free pages (auto-vacuum) is the same bytes after a
        // rollback.
        QTemporaryDir dir;
        const QString path = buildProject(dir);
        {
            const auto project = Project::open(path);
            project->putDocument(DocumentKind::Scenario, "big",
                                 QJsonObject{{"text", QString(600000, 'x')}});
            project->putDocument(DocumentKind::Scenario, "big", QJsonObject{{"text", "small"}});
        }
        const QByteArray before = hashOf(path);
        const auto project = Project::open(path);
        const ImportOutcome o = project->importUsage(
            {writeCsv(dir.filePath("bad.csv"), 50000, true), QString(), {}, false});
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QCOMPARE(hashOf(path), before);
    }

    void anOlderProjectIsCompactedWithAutoVacuumOnUpgrade() {
        QTemporaryDir dir;
        const QString path = dir.filePath("old.marginal");
        QVERIFY(
            QFile::copy(QStringLiteral(MARGINAL_TEST_DIR "/fixtures/v1_project.marginal"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        { Project::open(path); }
        sqlite3* db = nullptr;
        sqlite3_open(path.toUtf8().constData(), &db);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA auto_vacuum", -1, &st, nullptr);
        sqlite3_step(st);
        QCOMPARE(sqlite3_column_int(st, 0), 1); // FULL
        sqlite3_finalize(st);
        sqlite3_prepare_v2(db, "PRAGMA freelist_count", -1, &st, nullptr);
        sqlite3_step(st);
        QCOMPARE(sqlite3_column_int(st, 0), 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
};

QTEST_GUILESS_MAIN(TestProjectOpening)
#include "tst_ProjectOpening.moc"
