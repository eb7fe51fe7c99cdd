// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The project file (*.marginal): one SQLite database with a versioned schema and
// ordered migrations, holding imports, usage records, rejected rows, catalogs,
// packages, mixes, scenarios and runs. Uses the sqlite3 C API directly (bulk inserts
// are ~3x faster than through QtSql).
//
// Opening never changes a file that is not a Marginal project or that a newer
// version wrote: those are refused with a clear error before anything is written.
#include "models/domain/UsageRecord.h"
#include "models/project/ImportSummary.h"
#include "models/project/ProjectError.h"
#include "models/project/ProjectSchema.h"
#include "models/project/StoredRun.h"
#include "models/project/UsageBatchTable.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace marginal {

class ProjectStore {
public:
    static constexpr int kSchemaVersion = ProjectSchema::kVersion;
    static constexpr std::int32_t kApplicationId = 0x4D52474E; // "MRGN"

    // ReadOnly: an existing project, opened so that it is never written (a write fails
    // with a read-only error); for commands that only read it.
    enum class Mode { OpenExisting, CreateIfMissing, ReadOnly };
    // Throws ProjectError: not a project, newer version, unreadable, cannot create.
    // `checkWholeFile` false skips SQLite's integrity check of every page (3 s for a
    // 10M-row project): for another connection to a file this program has checked.
    static std::unique_ptr<ProjectStore> open(const QString& fileName, Mode mode,
                                              bool checkWholeFile = true);
    ~ProjectStore();
    ProjectStore(const ProjectStore&) = delete;
    ProjectStore& operator=(const ProjectStore&) = delete;

    const QString& fileName() const { return fileName_; }
    int schemaVersion() const;

    // One import as a transaction: begin, add records and rejected rows, then commit
    // or roll back (a rollback leaves the file as it was, byte for byte).
    void beginImport(const ImportSummary& meta);
    // Adds a record unless one with the same event id (or, without one, the same
    // content) is stored already; returns whether it was added.
    bool addUsage(const UsageRecord& r);
    // A record's dedup key, its row id: the day of its period start, then a hash of
    // its identity (event id, else content). Key order is the fast insert order.
    struct UsageKey {
        std::int64_t id;
        std::size_t index; // into the batch
        bool operator<(const UsageKey& o) const { return id < o.id; }
    };
    // The keys of a batch, sorted; pure computation, so an importer can run it on its
    // own thread while the store is busy.
    static std::vector<UsageKey> sortedKeys(std::span<const UsageRecord> records);
    // Adds many records in key order; returns how many were added, the rest being
    // duplicates.
    std::int64_t addUsageBatch(std::span<const UsageRecord> records,
                               const std::vector<UsageKey>& keys);
    std::int64_t addUsageBatch(const std::vector<UsageRecord>& records) {
        return addUsageBatch(records, sortedKeys(records));
    }
    void addRejected(std::int64_t line, const QString& field, const QString& reason,
                     const QString& raw);
    // Records the file's SHA-256 when it was not known at beginImport().
    void setImportFileHash(const QString& sha256);
    // Stores the counts and commits; returns the import's id.
    std::int64_t commitImport(std::int64_t rowsRead, std::int64_t rowsAdded,
                              std::int64_t rowsDuplicate, std::int64_t rowsRejected);
    void rollbackImport();

    std::vector<ImportSummary> imports() const;
    std::int64_t usageCount() const;
    std::int64_t rejectedCount() const;

    // Named JSON documents: kind is "package", "mix", "scenario" or "catalog".
    void putDocument(const QString& kind, const QString& name, const QByteArray& json);
    QByteArray document(const QString& kind, const QString& name) const;
    QStringList documentNames(const QString& kind) const;

    // The earliest and the latest record (by day), with the import each came from;
    // false when there is no usage.
    struct SpanEnd {
        UsageRecord record;
        QString source; // the import's source name
    };
    bool usageSpan(SpanEnd& first, SpanEnd& last) const;
    // Calls `visit` for every stored record ordered by customer, then period start.
    void forEachUsage(const std::function<void(const UsageRecord&)>& visit) const;

    // Tokens (all classes) per model among the rows import `importId` added.
    std::vector<std::pair<QString, std::int64_t>> tokensByModel(std::int64_t importId) const;
    std::vector<RunSummary> runs() const; // newest first
    // Run `id`'s stored parameters (its inputs) and results; false when there is none.
    bool run(std::int64_t id, QByteArray& parameters, QByteArray& results) const;
    // Sets a run's name and notes; false when there is no run `id`.
    bool labelRun(std::int64_t id, const QString& name, const QString& notes);
    // Removes a run; false when there is no run `id`.
    bool deleteRun(std::int64_t id);
    std::int64_t addRun(const QString& scenario, const QString& seed, const QByteArray& parameters,
                        const QByteArray& results);

private:
    ProjectStore(sqlite3* db, QString fileName);
    void exec(const char* sql) const;
    bool insertUsage(const UsageRecord& r, std::int64_t key);
    void moveUsageToKeyedTable();
    void prepareImportStatements();
    void migrate(int from);
    [[noreturn]] void fail(const QString& what) const;

    sqlite3* db_ = nullptr;
    QString fileName_;
    sqlite3_stmt* insertUsage_ = nullptr;
    sqlite3_stmt* insertBatch_ = nullptr;  // INSERT ... SELECT FROM usage_batch
    std::vector<UsageBatchRow> batchRows_; // what usage_batch shows
    sqlite3_stmt* findUsage_ = nullptr;
    sqlite3_stmt* insertRejected_ = nullptr;
    std::int64_t currentImport_ = 0;
    // count(*) reads the whole table (0.1 s at 10M rows) and the app asks for it
    // several times on opening: kept until this connection or another one writes.
    struct CountSeen {
        std::int64_t dataVersion = -1, ownChanges = -1, rows = 0;
    };
    mutable CountSeen usageCount_;
};

} // namespace marginal
