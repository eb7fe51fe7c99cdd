// The project file: created with its schema, refuses foreign and newer files without
// touching them, and rolls back an import to the same bytes.
#include "ProjectStore.h"

#include <QCryptographicHash>
#include <QtTest>
#include <sqlite3.h>

using namespace marginal;

namespace {

QByteArray hashOf(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QString openError(const QString& path, ProjectStore::Mode mode = ProjectStore::Mode::OpenExisting) {
    try {
        ProjectStore::open(path, mode);
    } catch (const ProjectError& e) {
        return e.message();
    }
    return QString();
}

UsageRecord record(const char* customer, std::int64_t day, std::int64_t input) {
    UsageRecord r;
    r.customerId = customer;
    r.periodStart = day * 86400;
    r.periodSeconds = 86400;
    r.model = std::string(1, 'm'); // (not = "m": GCC 12 warns falsely, -Wrestrict)
    r.inputTokens = input;
    r.outputTokens = input / 4;
    r.requests = 1;
    return r;
}

} // namespace

class TestProjectStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createsANewProjectWithItsSchema() {
        QTemporaryDir dir;
        const QString path = dir.filePath("new.marginal");
        {
            const auto store = ProjectStore::open(path, ProjectStore::Mode::CreateIfMissing);
            QCOMPARE(store->schemaVersion(), ProjectStore::kSchemaVersion);
            QCOMPARE(store->usageCount(), std::int64_t(0));
            store->putDocument("package", "pro", R"({"name":"pro"})");
            store->putDocument("package", "pro", R"({"name":"pro","base_fee":20})");
            store->putDocument("mix", "observed", "{}");
        }
        const auto again = ProjectStore::open(path, ProjectStore::Mode::OpenExisting);
        QCOMPARE(again->document("package", "pro"), QByteArray(R"({"name":"pro","base_fee":20})"));
        QCOMPARE(again->documentNames("package"), QStringList{"pro"});
        QVERIFY(again->document("package", "none").isEmpty());
    }

    void refusesWhatIsNotAProjectAndLeavesItAlone() {
        QTemporaryDir dir;
        const QString text = dir.filePath("notes.marginal");
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("customer_id,date\n");
        f.close();
        const QByteArray before = hashOf(text);
        QVERIFY(openError(text).contains("not a Marginal project"));
        QCOMPARE(hashOf(text), before);

        // A SQLite database of some other program.
        const QString foreign = dir.filePath("other.db");
        sqlite3* db = nullptr;
        sqlite3_open(foreign.toUtf8().constData(), &db);
        sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", nullptr, nullptr,
                     nullptr);
        sqlite3_close(db);
        const QByteArray foreignBefore = hashOf(foreign);
        QVERIFY(openError(foreign).contains("a SQLite database but not a Marginal project"));
        QCOMPARE(hashOf(foreign), foreignBefore);

        QVERIFY(openError(dir.filePath("missing.marginal")).contains("no such project file"));
        QVERIFY(openError(dir.filePath("new.db"), ProjectStore::Mode::CreateIfMissing)
                    .contains("must end in .marginal"));
    }

    void refusesAProjectFromANewerVersion() {
        QTemporaryDir dir;
        const QString path = dir.filePath("future.marginal");
        ProjectStore::open(path, ProjectStore::Mode::CreateIfMissing);
        sqlite3* db = nullptr;
        sqlite3_open(path.toUtf8().constData(), &db);
        sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        const QByteArray before = hashOf(path);
        const QString message = openError(path);
        QVERIFY2(message.contains("made by a newer Marginal (project format 99"),
                 qPrintable(message));
        QCOMPARE(hashOf(path), before);
    }

    void deduplicatesAndRollsBackToTheSameBytes() {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.marginal");
        const auto store = ProjectStore::open(path, ProjectStore::Mode::CreateIfMissing);
        store->beginImport(ImportSummary{0, "a.csv", "csv", "", "00", "", 0, 0, 0, 0});
        QVERIFY(store->addUsage(record("c1", 1, 100)));
        QVERIFY(store->addUsage(record("c1", 2, 100)));
        QVERIFY(!store->addUsage(record("c1", 1, 100))); // same content
        UsageRecord withId = record("c1", 1, 100);
        withId.eventId = "evt-1";
        QVERIFY(store->addUsage(withId)); // an event id is its own key
        withId.inputTokens = 999;
        QVERIFY(!store->addUsage(withId)); // same event, even with other counts
        store->commitImport(5, 3, 2, 0);
        QCOMPARE(store->usageCount(), std::int64_t(3));
        QCOMPARE(store->imports().back().rowsDuplicate, std::int64_t(2));

        // A large import rolled back: SQLite spills pages to the file before commit;
        // the rollback journal must restore every byte.
        const QByteArray before = hashOf(path);
        store->beginImport(ImportSummary{0, "big.csv", "csv", "", "00", "", 0, 0, 0, 0});
        for (int i = 0; i < 60000; ++i)
            store->addUsage(
                record(("customer-" + std::to_string(i % 700)).c_str(), 10 + i / 700, 1000 + i));
        store->rollbackImport();
        QCOMPARE(store->usageCount(), std::int64_t(3));
        QCOMPARE(hashOf(path), before);
    }

    void readsRecordsBackInOrder() {
        QTemporaryDir dir;
        const auto store =
            ProjectStore::open(dir.filePath("p.marginal"), ProjectStore::Mode::CreateIfMissing);
        store->beginImport(ImportSummary{});
        UsageRecord r = record("b", 3, 10);
        r.cacheWrite1hTokens = 7;
        r.reportedCostUsd = 0.25;
        r.feature = "chat";
        store->addUsage(r);
        store->addUsage(record("a", 5, 20));
        store->addUsage(record("a", 4, 30));
        store->commitImport(3, 3, 0, 0);
        std::vector<UsageRecord> back;
        store->forEachUsage([&](const UsageRecord& u) { back.push_back(u); });
        QCOMPARE(int(back.size()), 3);
        QCOMPARE(back[0].customerId, std::string("a"));
        QCOMPARE(back[0].periodStart, std::int64_t(4 * 86400));
        QCOMPARE(back[2].cacheWrite1hTokens, std::int64_t(7));
        QCOMPARE(back[2].reportedCostUsd, 0.25);
        QCOMPARE(back[2].feature, std::string("chat"));
        QCOMPARE(back[1].reportedCostUsd, -1.0);
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_ProjectStore.moc"
