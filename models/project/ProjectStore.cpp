// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/project/ProjectStore.h"
#include "models/project/ProjectFile.h"
#include "models/project/ProjectSchema.h"
#include "models/project/SqliteSupport.h"
#include "models/project/UsageBatchTable.h"
#include "models/project/UsageIdentity.h"

#include <QDateTime>
#include <QFileInfo>
#include <algorithm>
#include <sqlite3.h>
#include <string>

namespace marginal {

namespace {

QString nowUtc() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

void bindText(sqlite3_stmt* s, int i, const std::string& text) {
    if (text.empty())
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, text.data(), int(text.size()), SQLITE_STATIC);
}

// The columns readUsage() reads, in its order.
const char* const kUsageColumns =
    "customer_id, period_start, period_seconds, model, input_tokens, cached_input_tokens, "
    "cache_write_tokens, cache_write_1h_tokens, output_tokens, requests, coalesce(event_id, ''), "
    "coalesce(feature, ''), coalesce(reported_cost_usd, -1), source_line";

const char* columnText(sqlite3_stmt* s, int i) {
    const unsigned char* text = sqlite3_column_text(s, i);
    return text ? reinterpret_cast<const char*>(text) : "";
}

void readUsage(sqlite3_stmt* s, UsageRecord& r) {
    r.customerId = columnText(s, 0);
    r.periodStart = sqlite3_column_int64(s, 1);
    r.periodSeconds = std::int32_t(sqlite3_column_int64(s, 2));
    r.model = columnText(s, 3);
    r.inputTokens = sqlite3_column_int64(s, 4);
    r.cachedInputTokens = sqlite3_column_int64(s, 5);
    r.cacheWriteTokens = sqlite3_column_int64(s, 6);
    r.cacheWrite1hTokens = sqlite3_column_int64(s, 7);
    r.outputTokens = sqlite3_column_int64(s, 8);
    r.requests = sqlite3_column_int64(s, 9);
    r.eventId = columnText(s, 10);
    r.feature = columnText(s, 11);
    r.reportedCostUsd = sqlite3_column_double(s, 12);
    r.sourceLine = sqlite3_column_int64(s, 13);
}

// Binds one record's values to parameters first + 1 ... first + 16.
void bindUsage(sqlite3_stmt* s, int first, const UsageRecord& r, std::int64_t id,
               std::int64_t importId) {
    sqlite3_bind_int64(s, first + 1, id);
    bindText(s, first + 2, r.customerId);
    sqlite3_bind_int64(s, first + 3, r.periodStart);
    sqlite3_bind_int64(s, first + 4, r.periodSeconds);
    bindText(s, first + 5, r.model);
    sqlite3_bind_int64(s, first + 6, r.inputTokens);
    sqlite3_bind_int64(s, first + 7, r.cachedInputTokens);
    sqlite3_bind_int64(s, first + 8, r.cacheWriteTokens);
    sqlite3_bind_int64(s, first + 9, r.cacheWrite1hTokens);
    sqlite3_bind_int64(s, first + 10, r.outputTokens);
    sqlite3_bind_int64(s, first + 11, r.requests);
    bindText(s, first + 12, r.eventId);
    bindText(s, first + 13, r.feature);
    if (r.reportedCostUsd >= 0.0)
        sqlite3_bind_double(s, first + 14, r.reportedCostUsd);
    else
        sqlite3_bind_null(s, first + 14);
    sqlite3_bind_int64(s, first + 15, importId);
    sqlite3_bind_int64(s, first + 16, r.sourceLine);
}

} // namespace

ProjectStore::ProjectStore(sqlite3* db, QString fileName)
    : db_(db), fileName_(std::move(fileName)) {}

ProjectStore::~ProjectStore() {
    sqlite3_finalize(insertUsage_);
    sqlite3_finalize(insertBatch_);
    sqlite3_finalize(findUsage_);
    sqlite3_finalize(insertRejected_);
    if (currentImport_ != 0)
        rollbackQuietly(db_);
    sqlite3_close(db_);
}

void ProjectStore::fail(const QString& what) const {
    throwSqliteError(db_, fileName_, what);
}

void ProjectStore::exec(const char* sql) const {
    execute(db_, fileName_, sql);
}

namespace {

[[noreturn]] void refuse(const QString& message, ProjectError::Kind kind) {
    throw ProjectError(message, kind);
}

// Refuses, before SQLite opens it, a file that is not a project or not whole.
bool checkFile(const QString& fileName, ProjectStore::Mode mode, const ProjectFile& file) {
    using Kind = ProjectFile::Kind;
    switch (file.kind) {
    case Kind::Missing:
        if (mode != ProjectStore::Mode::CreateIfMissing)
            refuse(QStringLiteral("%1: no such project file").arg(fileName),
                   ProjectError::Kind::Missing);
        return true;
    case Kind::Unreadable:
        refuse(QStringLiteral("%1: cannot read: %2").arg(fileName, file.reason),
               ProjectError::Kind::Other);
    case Kind::Empty:
        if (mode != ProjectStore::Mode::CreateIfMissing)
            refuse(QStringLiteral("%1: an empty file, not a Marginal project").arg(fileName),
                   ProjectError::Kind::NotProject);
        return true;
    case Kind::Truncated:
        refuse(QStringLiteral("%1: truncated: the file has %2 bytes where its own header says "
                              "%3 (an incomplete copy or download?); the file was not changed")
                   .arg(fileName)
                   .arg(file.size)
                   .arg(file.expectedSize),
               ProjectError::Kind::Truncated);
    case Kind::Other:
        refuse(QStringLiteral("%1: not a Marginal project (expected a SQLite project file made "
                              "by Marginal); the file was not changed")
                   .arg(fileName),
               ProjectError::Kind::NotProject);
    case Kind::Sqlite:
        break;
    }
    return false;
}

// A project is a document, not a program: SQLite's defensive settings, no functions
// from the schema, and no triggers or views at all (the schema check refuses files
// that have any; these make sure none could run meanwhile).
void harden(sqlite3* db) {
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_busy_timeout(db, 5000);
}

// Quick integrity check (B-trees, pages, records; not index contents, which a
// project has none of beyond the documents' key): a damaged file is refused.
void checkIntegrity(sqlite3* db, const QString& fileName) {
    Statement check(db, fileName, "PRAGMA quick_check(3)");
    QStringList problems;
    while (check.step())
        for (const QString& line : check.text(0).split(u'\n'))
            if (!line.startsWith(QLatin1String("***"))) // "*** in database main ***"
                problems.append(line);
    if (problems != QStringList{QStringLiteral("ok")})
        refuse(QStringLiteral("%1: damaged: %2; the file was not changed (a backup, or the "
                              "exports it was built from, can make it again)")
                   .arg(fileName, problems.join(QStringLiteral("; "))),
               ProjectError::Kind::Damaged);
}

} // namespace

std::unique_ptr<ProjectStore> ProjectStore::open(const QString& fileName, Mode mode,
                                                 bool checkWholeFile) {
    const ProjectFile file = ProjectFile::inspect(fileName);
    const bool fresh = checkFile(fileName, mode, file);
    if (fresh && QFileInfo(fileName).suffix() != QLatin1String("marginal"))
        throw ProjectError(
            QStringLiteral("%1: a new project file must end in .marginal").arg(fileName));

    sqlite3* db = nullptr;
    // One connection per thread of use: no need for SQLite's per-call mutexes. A file
    // that cannot be written opens read-only, so reading it still works and a write
    // says "read-only".
    const bool readOnly = mode == Mode::ReadOnly || (!fresh && !file.writable);
    const int access = fresh      ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                       : readOnly ? SQLITE_OPEN_READONLY
                                  : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(fileName.toUtf8().constData(), &db, access | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        throw ProjectError(QStringLiteral("%1: cannot open: %2").arg(fileName, message),
                           fresh ? ProjectError::Kind::ReadOnly : ProjectError::Kind::Other);
    }
    std::unique_ptr<ProjectStore> store(new ProjectStore(db, fileName));
    harden(db);
    if (!UsageBatchTable::install(db, &store->batchRows_))
        store->fail(QStringLiteral("cannot register the import table"));
    if (fresh) {
        // Larger pages: shallower B-trees and cheaper appends for bulk imports. Full
        // auto-vacuum: no free pages are left after a commit, so a rolled-back import
        // (which may write into free pages without journaling them) leaves the file
        // byte for byte as it was.
        store->exec("PRAGMA page_size = 16384; PRAGMA auto_vacuum = FULL");
        store->migrate(0);
        return store;
    }
    // Read-only checks first: a foreign, newer or damaged file is left untouched.
    const std::int64_t appId = pragmaInteger(db, fileName, "PRAGMA application_id");
    if (appId != kApplicationId)
        refuse(QStringLiteral("%1: a SQLite database but not a Marginal project; the file was "
                              "not changed")
                   .arg(fileName),
               ProjectError::Kind::NotProject);
    const int version = int(pragmaInteger(db, fileName, "PRAGMA user_version"));
    if (version > kSchemaVersion)
        refuse(QStringLiteral("%1: made by a newer Marginal (project format %2; this version "
                              "reads up to %3); the file was not changed")
                   .arg(fileName)
                   .arg(version)
                   .arg(kSchemaVersion),
               ProjectError::Kind::Newer);
    if (checkWholeFile)
        checkIntegrity(db, fileName);
    ProjectSchema::check(db, fileName, version);
    if (mode == Mode::ReadOnly) // read as it is: every query names its columns
        return store;
    if (version < kSchemaVersion && readOnly)
        refuse(QStringLiteral("%1: made by an older Marginal; it is upgraded on first open, "
                              "which needs it writable, and it is read-only")
                   .arg(fileName),
               ProjectError::Kind::ReadOnly);
    store->migrate(version);
    return store;
}

void ProjectStore::migrate(int from) {
    if (from < kSchemaVersion) {
        exec("BEGIN IMMEDIATE");
        try {
            for (int v = from; v < kSchemaVersion; ++v) {
                exec(ProjectSchema::migration(v));
                if (v == 1)
                    moveUsageToKeyedTable();
            }
            exec(QStringLiteral("PRAGMA application_id = %1; PRAGMA user_version = %2")
                     .arg(kApplicationId)
                     .arg(kSchemaVersion)
                     .toUtf8()
                     .constData());
            exec("COMMIT");
        } catch (...) {
            rollbackQuietly(db_);
            throw;
        }
    }
    // Files from before format 3 have free pages (a migration that drops a table,
    // replaced documents) and no auto-vacuum: SQLite does not journal a free page it
    // reuses, so a rolled-back import could leave different bytes in one. Compacting
    // once, with auto-vacuum from then on, keeps "a rejected import leaves the file
    // byte for byte as it was" true.
    if (from < kSchemaVersion && pragmaInteger(db_, fileName_, "PRAGMA auto_vacuum") != 1)
        exec("PRAGMA auto_vacuum = FULL; VACUUM");
}

int ProjectStore::schemaVersion() const {
    return int(pragmaInteger(db_, fileName_, "PRAGMA user_version"));
}

void ProjectStore::beginImport(const ImportSummary& meta) {
    if (currentImport_ != 0)
        throw ProjectError(QStringLiteral("%1: an import is already in progress").arg(fileName_));
    exec("BEGIN IMMEDIATE");
    try {
        Statement st(db_, fileName_,
                     "INSERT INTO imports (source_name, format, customer_field, file_sha256, "
                     "imported_at) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, meta.sourceName.toUtf8());
        st.bind(2, meta.format.toUtf8());
        st.bind(3, meta.customerField.toUtf8());
        st.bind(4, meta.sha256.toUtf8());
        st.bind(5, nowUtc().toUtf8());
        st.run();
        currentImport_ = sqlite3_last_insert_rowid(db_);
        prepareImportStatements();
    } catch (...) {
        // SQLite's message is in the exception already; the rollback cannot replace it.
        currentImport_ = 0;
        rollbackQuietly(db_);
        throw;
    }
}

void ProjectStore::prepareImportStatements() {
    const auto prepare = [&](sqlite3_stmt*& statement, const std::string& sql) {
        if (!statement &&
            sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            fail(QStringLiteral("cannot prepare the import"));
    };
    const char* columns = "id, customer_id, period_start, period_seconds, model, input_tokens, "
                          "cached_input_tokens, cache_write_tokens, cache_write_1h_tokens, "
                          "output_tokens, requests, event_id, feature, reported_cost_usd, "
                          "import_id, source_line";
    prepare(insertUsage_, std::string("INSERT OR IGNORE INTO usage (") + columns +
                              ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)");
    prepare(insertBatch_, std::string("INSERT OR IGNORE INTO usage (") + columns + ") SELECT " +
                              QByteArray(columns).replace("import_id", "?1").toStdString() +
                              " FROM usage_batch");
    prepare(findUsage_, std::string("SELECT ") + kUsageColumns + " FROM usage WHERE id = ?");
    prepare(insertRejected_,
            "INSERT INTO rejected_rows (import_id, line, field, reason, raw) VALUES (?,?,?,?,?)");
}

void ProjectStore::moveUsageToKeyedTable() {
    // Every version 1 row is read back, keyed as a new record would be, and stored
    // under its id. Version 1 rows are all distinct records, so one whose id is
    // taken takes the next free one, as insertUsage() would give it.
    Statement read(db_, fileName_,
                   "SELECT customer_id, period_start, period_seconds, model, input_tokens, "
                   "cached_input_tokens, cache_write_tokens, cache_write_1h_tokens, "
                   "output_tokens, requests, coalesce(event_id, ''), coalesce(feature, ''), "
                   "coalesce(reported_cost_usd, -1), source_line, import_id FROM usage "
                   "ORDER BY id");
    Statement write(db_, fileName_,
                    "INSERT OR IGNORE INTO usage_v2 (id, customer_id, period_start, "
                    "period_seconds, model, input_tokens, cached_input_tokens, "
                    "cache_write_tokens, cache_write_1h_tokens, output_tokens, requests, "
                    "event_id, feature, reported_cost_usd, import_id, source_line) VALUES "
                    "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)");
    UsageRecord r;
    while (read.step()) {
        readUsage(read.handle(), r);
        for (std::int64_t id = usageKey(r);; ++id) {
            write.reset();
            bindUsage(write.handle(), 0, r, id, read.integer(14));
            write.run();
            if (sqlite3_changes(db_) > 0)
                break;
        }
    }
    exec("DROP TABLE usage; ALTER TABLE usage_v2 RENAME TO usage");
}

std::vector<ProjectStore::UsageKey> ProjectStore::sortedKeys(std::span<const UsageRecord> records) {
    std::vector<UsageKey> keys(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        keys[i] = {usageKey(records[i]), i};
    }
    // Key order makes the batch's inserts near-appends on a few hot pages; file
    // order is kept in source_line.
    std::sort(keys.begin(), keys.end());
    return keys;
}

std::int64_t ProjectStore::addUsageBatch(std::span<const UsageRecord> records,
                                         const std::vector<UsageKey>& keys) {
    // One INSERT ... SELECT from the usage_batch virtual table stores the whole
    // batch. When some key is taken, the batch is undone to its savepoint and
    // stored record by record, which tells duplicates from id collisions.
    batchRows_.clear();
    for (const UsageKey& k : keys)
        batchRows_.push_back(UsageBatchRow{&records[k.index], k.id});
    exec("SAVEPOINT usage_batch");
    sqlite3_reset(insertBatch_);
    sqlite3_bind_int64(insertBatch_, 1, currentImport_);
    const int rc = sqlite3_step(insertBatch_);
    batchRows_.clear();
    if (rc != SQLITE_DONE) {
        // The message first: the rollback would replace it.
        try {
            fail(QStringLiteral("cannot store usage from line %1")
                     .arg(keys.empty() ? 0 : records[keys.front().index].sourceLine));
        } catch (...) {
            sqlite3_reset(insertBatch_);
            sqlite3_exec(db_, "ROLLBACK TO usage_batch; RELEASE usage_batch", nullptr, nullptr,
                         nullptr);
            throw;
        }
    }
    sqlite3_reset(insertBatch_);
    const std::int64_t stored = sqlite3_changes64(db_);
    if (stored == std::int64_t(keys.size())) {
        exec("RELEASE usage_batch");
        return stored;
    }
    exec("ROLLBACK TO usage_batch; RELEASE usage_batch");
    std::int64_t added = 0;
    for (const UsageKey& k : keys)
        added += insertUsage(records[k.index], k.id) ? 1 : 0;
    return added;
}

bool ProjectStore::addUsage(const UsageRecord& r) {
    return insertUsage(r, usageKey(r));
}

bool ProjectStore::insertUsage(const UsageRecord& r, std::int64_t key) {
    // A record whose id is taken is a duplicate, or a different record with the
    // same id (see usageKey()). Identities are compared to tell them apart, and a
    // colliding record takes the next free id: nothing is dropped.
    std::int64_t id = key;
    for (int probe = 0;; ++probe, ++id) {
        sqlite3_stmt* s = insertUsage_;
        sqlite3_reset(s);
        bindUsage(s, 0, r, id, currentImport_);
        if (sqlite3_step(s) != SQLITE_DONE)
            fail(QStringLiteral("cannot store usage from line %1").arg(r.sourceLine));
        if (sqlite3_changes(db_) > 0)
            return true;
        // The id is taken: the same record (a duplicate), or a collision.
        sqlite3_stmt* f = findUsage_;
        sqlite3_reset(f);
        sqlite3_bind_int64(f, 1, id);
        if (sqlite3_step(f) != SQLITE_ROW)
            fail(QStringLiteral("cannot read back usage %1").arg(id));
        UsageRecord stored;
        readUsage(f, stored);
        if (sameIdentity(stored, r))
            return false;
        if (probe > 64)
            fail(QStringLiteral("cannot find a free id for usage from line %1").arg(r.sourceLine));
    }
}

void ProjectStore::addRejected(std::int64_t line, const QString& field, const QString& reason,
                               const QString& raw) {
    sqlite3_stmt* s = insertRejected_;
    sqlite3_reset(s);
    const QByteArray f = field.toUtf8(), why = reason.toUtf8(), row = raw.toUtf8();
    sqlite3_bind_int64(s, 1, currentImport_);
    sqlite3_bind_int64(s, 2, line);
    sqlite3_bind_text(s, 3, f.constData(), int(f.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, why.constData(), int(why.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, row.constData(), int(row.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE)
        fail(QStringLiteral("cannot keep the rejected row from line %1").arg(line));
}

void ProjectStore::setImportFileHash(const QString& sha256) {
    Statement st(db_, fileName_, "UPDATE imports SET file_sha256 = ? WHERE id = ?");
    st.bind(1, sha256.toUtf8());
    st.bind(2, currentImport_);
    st.run();
}

std::int64_t ProjectStore::commitImport(std::int64_t rowsRead, std::int64_t rowsAdded,
                                        std::int64_t rowsDuplicate, std::int64_t rowsRejected) {
    Statement st(db_, fileName_,
                 "UPDATE imports SET rows_read = ?, rows_added = ?, rows_duplicate = ?, "
                 "rows_rejected = ? WHERE id = ?");
    st.bind(1, rowsRead);
    st.bind(2, rowsAdded);
    st.bind(3, rowsDuplicate);
    st.bind(4, rowsRejected);
    st.bind(5, currentImport_);
    st.run();
    exec("COMMIT");
    const std::int64_t id = currentImport_;
    currentImport_ = 0;
    return id;
}

void ProjectStore::rollbackImport() {
    if (currentImport_ == 0)
        return;
    currentImport_ = 0;
    rollbackQuietly(db_);
}

std::vector<ImportSummary> ProjectStore::imports() const {
    std::vector<ImportSummary> out;
    Statement st(db_, fileName_,
                 "SELECT id, source_name, format, customer_field, file_sha256, imported_at, "
                 "rows_read, rows_added, rows_duplicate, rows_rejected FROM imports ORDER BY id");
    while (st.step())
        out.push_back(ImportSummary{st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4),
                                    st.text(5), st.integer(6), st.integer(7), st.integer(8),
                                    st.integer(9)});
    return out;
}

std::int64_t ProjectStore::usageCount() const {
    // Kept only outside a transaction (inside one, a rollback would not show in the
    // key): data_version changes when another connection commits, total_changes when
    // this one changes a row (and a later rollback does not take that back).
    static constexpr char kCount[] = "SELECT count(*) FROM usage";
    if (!sqlite3_get_autocommit(db_))
        return pragmaInteger(db_, fileName_, kCount);
    const std::int64_t version = pragmaInteger(db_, fileName_, "PRAGMA data_version");
    const std::int64_t changes = sqlite3_total_changes64(db_);
    if (version != usageCount_.dataVersion || changes != usageCount_.ownChanges)
        usageCount_ = {version, changes, pragmaInteger(db_, fileName_, kCount)};
    return usageCount_.rows;
}

std::int64_t ProjectStore::rejectedCount() const {
    return pragmaInteger(db_, fileName_, "SELECT count(*) FROM rejected_rows");
}

void ProjectStore::putDocument(const QString& kind, const QString& name, const QByteArray& json) {
    Statement st(db_, fileName_,
                 "INSERT INTO documents (kind, name, json, updated_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (kind, name) DO UPDATE SET json = excluded.json, updated_at = "
                 "excluded.updated_at");
    st.bind(1, kind.toUtf8());
    st.bind(2, name.toUtf8());
    st.bind(3, json);
    st.bind(4, nowUtc().toUtf8());
    st.run();
}

QByteArray ProjectStore::document(const QString& kind, const QString& name) const {
    Statement st(db_, fileName_, "SELECT json FROM documents WHERE kind = ? AND name = ?");
    st.bind(1, kind.toUtf8());
    st.bind(2, name.toUtf8());
    return st.step() ? st.bytes(0) : QByteArray();
}

QStringList ProjectStore::documentNames(const QString& kind) const {
    Statement st(db_, fileName_, "SELECT name FROM documents WHERE kind = ? ORDER BY name");
    st.bind(1, kind.toUtf8());
    QStringList names;
    while (st.step())
        names.append(st.text(0));
    return names;
}

void ProjectStore::forEachUsage(const std::function<void(const UsageRecord&)>& visit) const {
    Statement st(
        db_, fileName_,
        (std::string("SELECT ") + kUsageColumns + " FROM usage ORDER BY customer_id, period_start")
            .c_str());
    UsageRecord r;
    while (st.step()) {
        readUsage(st.handle(), r);
        visit(r);
    }
}

bool ProjectStore::usageSpan(SpanEnd& first, SpanEnd& last) const {
    // Row ids lead with the day (usageKey()), so the ends of the id order are the
    // ends in time, found in the B-tree without a scan.
    for (auto [end, order] : {std::pair{&first, "ASC"}, std::pair{&last, "DESC"}}) {
        Statement st(db_, fileName_,
                     (std::string("SELECT ") + kUsageColumns +
                      ", (SELECT source_name FROM imports WHERE imports.id = usage.import_id) "
                      "FROM usage ORDER BY id " +
                      order + " LIMIT 1")
                         .c_str());
        if (!st.step())
            return false;
        readUsage(st.handle(), end->record);
        end->source = st.text(14);
    }
    return true;
}

std::vector<std::pair<QString, std::int64_t>>
ProjectStore::tokensByModel(std::int64_t importId) const {
    // Summed as REAL: a file's counts are each below 2^53 but their sum need not be.
    Statement st(db_, fileName_,
                 "SELECT model, sum(CAST(input_tokens AS REAL) + cached_input_tokens + "
                 "cache_write_tokens + cache_write_1h_tokens + output_tokens) "
                 "FROM usage WHERE import_id = ? GROUP BY model ORDER BY 2 DESC");
    st.bind(1, importId);
    std::vector<std::pair<QString, std::int64_t>> out;
    while (st.step())
        out.emplace_back(st.text(0), std::int64_t(sqlite3_column_double(st.handle(), 1)));
    return out;
}

std::vector<RunSummary> ProjectStore::runs() const {
    // The summary's inputs come from the parameters document; runs stored by older
    // versions lack some of them (NULL, read as empty).
    Statement st(db_, fileName_,
                 "SELECT id, created_at, scenario, seed, "
                 "coalesce(json_extract(parameters, '$.source'), ''), "
                 "coalesce(json_extract(parameters, '$.customers_from'), ''), "
                 "coalesce(json_extract(parameters, '$.trials'), 0), name, notes "
                 "FROM runs ORDER BY id DESC");
    std::vector<RunSummary> out;
    while (st.step())
        out.push_back(RunSummary{st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4),
                                 st.text(5), st.integer(6), st.text(7), st.text(8)});
    return out;
}

bool ProjectStore::labelRun(std::int64_t id, const QString& name, const QString& notes) {
    Statement st(db_, fileName_, "UPDATE runs SET name = ?, notes = ? WHERE id = ?");
    st.bind(1, name.toUtf8());
    st.bind(2, notes.toUtf8());
    st.bind(3, id);
    st.run();
    return sqlite3_changes(db_) == 1;
}

bool ProjectStore::deleteRun(std::int64_t id) {
    Statement st(db_, fileName_, "DELETE FROM runs WHERE id = ?");
    st.bind(1, id);
    st.run();
    return sqlite3_changes(db_) == 1;
}

bool ProjectStore::run(std::int64_t id, QByteArray& parameters, QByteArray& results) const {
    Statement st(db_, fileName_, "SELECT parameters, results FROM runs WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return false;
    parameters = st.bytes(0);
    results = st.bytes(1);
    return true;
}

std::int64_t ProjectStore::addRun(const QString& scenario, const QString& seed,
                                  const QByteArray& parameters, const QByteArray& results) {
    Statement st(db_, fileName_,
                 "INSERT INTO runs (created_at, scenario, seed, parameters, results) VALUES "
                 "(?, ?, ?, ?, ?)");
    st.bind(1, nowUtc().toUtf8());
    st.bind(2, scenario.toUtf8());
    st.bind(3, seed.toUtf8());
    st.bind(4, parameters);
    st.bind(5, results);
    st.run();
    return sqlite3_last_insert_rowid(db_);
}

} // namespace marginal
