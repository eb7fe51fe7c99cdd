// SPDX-License-Identifier: GPL-3.0-or-later
// The project file: created with its schema, refuses foreign and newer files without
// touching them, and rolls back an import to the same bytes.
#include "models/import/UsageImport.h"
#include "models/project/ProjectStore.h"
#include "models/project/UsageIdentity.h"

#include <QCryptographicHash>
#include <QtTest>
#include <sqlite3.h>
#include <unordered_map>

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
    r.customerId = std::string(customer); // (not = customer: GCC 12 -Wrestrict false alarm)
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

    // The usage count is kept between calls (count(*) reads the whole table), never
    // past a write: its own, in or out of an import, or another program's.
    void theUsageCountFollowsEveryWrite() {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.marginal");
        const auto store = ProjectStore::open(path, ProjectStore::Mode::CreateIfMissing);
        QCOMPARE(store->usageCount(), std::int64_t(0));
        store->beginImport(ImportSummary{0, "a.csv", "csv", "", "00", "", 0, 0, 0, 0});
        QVERIFY(store->addUsage(record("c1", 1, 100)));
        QCOMPARE(store->usageCount(), std::int64_t(1)); // inside the import
        QVERIFY(store->addUsage(record("c1", 2, 100)));
        store->commitImport(2, 2, 0, 0);
        QCOMPARE(store->usageCount(), std::int64_t(2));
        QCOMPARE(store->usageCount(), std::int64_t(2));

        sqlite3* other = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other,
                              "DELETE FROM usage WHERE rowid = (SELECT min(rowid) FROM usage)",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(other);
        QCOMPARE(store->usageCount(), std::int64_t(1)); // another program's write

        store->beginImport(ImportSummary{0, "b.csv", "csv", "", "00", "", 0, 0, 0, 0});
        QVERIFY(store->addUsage(record("c2", 3, 100)));
        QCOMPARE(store->usageCount(), std::int64_t(2));
        store->rollbackImport();
        QCOMPARE(store->usageCount(), std::int64_t(1)); // rolled back
    }

    void upgradesAVersion1ProjectAndStillRecognisesItsRows() {
        // A project written by format 1 (a hash index beside rowids) is upgraded in
        // place to row ids that are dedup keys; re-importing its files adds nothing.
        QTemporaryDir dir;
        const QString fixtures = QStringLiteral(MARGINAL_TEST_DIR "/fixtures/");
        const QString path = dir.filePath("old.marginal");
        QVERIFY(QFile::copy(fixtures + "v1_project.marginal", path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        std::vector<UsageRecord> before;
        {
            sqlite3* db = nullptr;
            sqlite3_open(path.toUtf8().constData(), &db);
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(db, "SELECT count(*) FROM usage", -1, &st, nullptr);
            sqlite3_step(st);
            QCOMPARE(sqlite3_column_int(st, 0), 51);
            sqlite3_finalize(st);
            sqlite3_close(db);
        }
        const auto store = ProjectStore::open(path, ProjectStore::Mode::OpenExisting);
        QCOMPARE(store->schemaVersion(), ProjectStore::kSchemaVersion);
        QCOMPARE(store->usageCount(), std::int64_t(51));
        QCOMPARE(int(store->imports().size()), 5);
        const struct {
            const char* file;
            const char* customerField;
        } sources[] = {{"v1_usage.csv", ""},
                       {"openai_usage_two_pages.json", ""},
                       {"cloudevents.jsonl", ""},
                       {"anthropic_usage_report.json", "workspace_id"},
                       {"litellm_spend_logs.csv", "end_user"}};
        for (const auto& source : sources) {
            ImportRequest request{fixtures + source.file, QString(), {}, false};
            request.options.customerField = QString::fromLatin1(source.customerField);
            const ImportOutcome o = UsageImport::run(*store, request);
            QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(o.error));
            QCOMPARE(o.added, std::int64_t(0));
            QCOMPARE(o.duplicates, o.rowsRead);
        }
        QCOMPARE(store->usageCount(), std::int64_t(51));
        // The same records as a fresh import of the same files.
        const auto fresh =
            ProjectStore::open(dir.filePath("fresh.marginal"), ProjectStore::Mode::CreateIfMissing);
        for (const auto& source : sources) {
            ImportRequest request{fixtures + source.file, QString(), {}, false};
            request.options.customerField = QString::fromLatin1(source.customerField);
            UsageImport::run(*fresh, request);
        }
        const auto rows = [](const ProjectStore& p) {
            QStringList out;
            p.forEachUsage([&](const UsageRecord& r) {
                out.append(QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
                               .arg(QString::fromStdString(r.customerId))
                               .arg(r.periodStart)
                               .arg(QString::fromStdString(r.model))
                               .arg(r.inputTokens)
                               .arg(r.outputTokens)
                               .arg(QString::fromStdString(r.eventId))
                               .arg(r.reportedCostUsd)
                               .arg(r.sourceLine));
            });
            out.sort();
            return out;
        };
        QCOMPARE(rows(*store), rows(*fresh));
    }

    void aBatchTellsDuplicatesInsideItFromNewRecords() {
        // The fast path stores a batch in one statement; a batch holding a record
        // twice, and a record already stored, goes record by record and counts both.
        QTemporaryDir dir;
        const auto store =
            ProjectStore::open(dir.filePath("p.marginal"), ProjectStore::Mode::CreateIfMissing);
        store->beginImport(ImportSummary{});
        QVERIFY(store->addUsage(record("a", 1, 10)));
        std::vector<UsageRecord> batch;
        for (int i = 0; i < 100; ++i)
            batch.push_back(record("b", 1 + i % 7, 1000 + i));
        batch.push_back(record("b", 1, 1000)); // a duplicate of batch[0]
        batch.push_back(record("a", 1, 10));   // stored already
        QCOMPARE(store->addUsageBatch(batch), std::int64_t(100));
        QCOMPARE(store->usageCount(), std::int64_t(101));
        std::vector<UsageRecord> clean;
        for (int i = 0; i < 50; ++i)
            clean.push_back(record("c", 2, i));
        QCOMPARE(store->addUsageBatch(clean), std::int64_t(50));
        store->commitImport(153, 151, 2, 0);
        QCOMPARE(store->usageCount(), std::int64_t(151));
    }

    void keepsTwoRecordsWhoseIdsCollide() {
        // Row ids keep 40 bits of hash per day: find two different records of one day
        // with the same id (a birthday search), and check neither is lost, whether
        // stored one by one or in one batch, and that both are duplicates after.
        std::unordered_map<std::int64_t, std::int64_t> seen;
        UsageRecord first, second;
        for (std::int64_t input = 0;; ++input) {
            const UsageRecord r = record("collider", 5, input);
            const auto [it, inserted] = seen.emplace(usageKey(r), input);
            if (!inserted) {
                first = record("collider", 5, it->second);
                second = r;
                break;
            }
        }
        QVERIFY(!sameIdentity(first, second));
        QCOMPARE(usageKey(first), usageKey(second));
        QTemporaryDir dir;
        const auto store =
            ProjectStore::open(dir.filePath("p.marginal"), ProjectStore::Mode::CreateIfMissing);
        store->beginImport(ImportSummary{});
        QVERIFY(store->addUsage(first));
        QVERIFY(store->addUsage(second));
        QVERIFY(!store->addUsage(second));
        QVERIFY(!store->addUsage(first));
        QCOMPARE(store->addUsageBatch({first, second, record("other", 5, 1)}), std::int64_t(1));
        store->commitImport(7, 3, 4, 0);
        const auto batched =
            ProjectStore::open(dir.filePath("q.marginal"), ProjectStore::Mode::CreateIfMissing);
        batched->beginImport(ImportSummary{});
        QCOMPARE(batched->addUsageBatch({second, first}), std::int64_t(2));
        QCOMPARE(batched->addUsageBatch({first, second}), std::int64_t(0));
        batched->commitImport(4, 2, 2, 0);
        std::vector<std::int64_t> inputs;
        batched->forEachUsage([&](const UsageRecord& r) { inputs.push_back(r.inputTokens); });
        std::sort(inputs.begin(), inputs.end());
        QCOMPARE(inputs, (std::vector<std::int64_t>{first.inputTokens, second.inputTokens}));
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
