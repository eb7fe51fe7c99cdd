#include "models/project/ProjectStore.h"
#include "models/project/UsageBatchTable.h"
#include "models/project/UsageIdentity.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <sqlite3.h>
#include <string>

namespace marginal {

namespace {

// Ordered migrations: kMigrations[v] takes a database from version v to v + 1.
// Append only; never edit a migration that has shipped.
const char* const kMigrations[] = {
    // 0 -> 1
    R"sql(
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        source_name TEXT NOT NULL,
        format TEXT NOT NULL,
        customer_field TEXT,
        file_sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_added INTEGER NOT NULL DEFAULT 0,
        rows_duplicate INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE usage (
        id INTEGER PRIMARY KEY,
        customer_id TEXT NOT NULL,
        period_start INTEGER NOT NULL,
        period_seconds INTEGER NOT NULL,
        model TEXT NOT NULL,
        input_tokens INTEGER NOT NULL CHECK (input_tokens >= 0),
        cached_input_tokens INTEGER NOT NULL CHECK (cached_input_tokens >= 0),
        cache_write_tokens INTEGER NOT NULL CHECK (cache_write_tokens >= 0),
        cache_write_1h_tokens INTEGER NOT NULL CHECK (cache_write_1h_tokens >= 0),
        output_tokens INTEGER NOT NULL CHECK (output_tokens >= 0),
        requests INTEGER NOT NULL CHECK (requests >= 0),
        event_id TEXT,
        feature TEXT,
        reported_cost_usd REAL,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        source_line INTEGER NOT NULL,
        dedup_hash INTEGER NOT NULL);
    CREATE UNIQUE INDEX usage_dedup ON usage (dedup_hash);
    CREATE TABLE rejected_rows (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        line INTEGER,
        field TEXT,
        reason TEXT NOT NULL,
        raw TEXT);
    CREATE TABLE documents (
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (kind, name));
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        scenario TEXT NOT NULL,
        seed TEXT NOT NULL,
        parameters TEXT NOT NULL,
        results TEXT NOT NULL);
    )sql",
    // 1 -> 2: the usage row's id is its dedup key (see usageKey()), replacing the
    // separate unique index on a hash: one B-tree instead of two, integer keys, and
    // rows kept in time order. Exports are mostly chronological, so an import appends
    // near the end of the table. Importers validate every count, so the CHECKs go
    // too. moveUsageToKeyedTable() copies the rows across.
    R"sql(
    CREATE TABLE usage_v2 (
        id INTEGER PRIMARY KEY,
        customer_id TEXT NOT NULL,
        period_start INTEGER NOT NULL,
        period_seconds INTEGER NOT NULL,
        model TEXT NOT NULL,
        input_tokens INTEGER NOT NULL,
        cached_input_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        cache_write_1h_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        event_id TEXT,
        feature TEXT,
        reported_cost_usd REAL,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        source_line INTEGER NOT NULL);
    )sql",
};
constexpr int kMigrationCount = int(sizeof(kMigrations) / sizeof(kMigrations[0]));
static_assert(kMigrationCount == ProjectStore::kSchemaVersion);

QString nowUtc() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

// What the file is, read without SQLite so nothing is written to a foreign file.
enum class FileKind { Missing, Empty, Sqlite, Other };
FileKind inspect(const QString& fileName) {
    QFile f(fileName);
    if (!f.exists())
        return FileKind::Missing;
    if (!f.open(QIODevice::ReadOnly))
        return FileKind::Other;
    const QByteArray head = f.read(100);
    if (head.isEmpty())
        return FileKind::Empty;
    return head.startsWith(QByteArray("SQLite format 3\0", 16)) ? FileKind::Sqlite
                                                                : FileKind::Other;
}

struct Statement {
    sqlite3_stmt* s = nullptr;
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
    ~Statement() { sqlite3_finalize(s); }
    bool step() { return sqlite3_step(s) == SQLITE_ROW; }
    QString text(int i) const {
        return QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, i)));
    }
    std::int64_t integer(int i) const { return sqlite3_column_int64(s, i); }
};

int pragmaInt(sqlite3* db, const char* pragma) {
    Statement st(db, pragma);
    return st.step() ? int(st.integer(0)) : 0;
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
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
}

void ProjectStore::fail(const QString& what) const {
    throw ProjectError(
        QStringLiteral("%1: %2: %3").arg(fileName_, what, QString::fromUtf8(sqlite3_errmsg(db_))));
}

void ProjectStore::exec(const char* sql) const {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const QString message = QString::fromUtf8(error ? error : "unknown error");
        sqlite3_free(error);
        throw ProjectError(QStringLiteral("%1: %2").arg(fileName_, message));
    }
}

std::unique_ptr<ProjectStore> ProjectStore::open(const QString& fileName, Mode mode) {
    const FileKind kind = inspect(fileName);
    if (kind == FileKind::Other)
        throw ProjectError(
            QStringLiteral("%1: not a Marginal project (expected a SQLite project file "
                           "made by Marginal); the file was not changed")
                .arg(fileName));
    if (kind == FileKind::Missing && mode == Mode::OpenExisting)
        throw ProjectError(QStringLiteral("%1: no such project file").arg(fileName));
    const bool fresh = kind == FileKind::Missing || kind == FileKind::Empty;
    if (fresh && QFileInfo(fileName).suffix() != QLatin1String("marginal"))
        throw ProjectError(
            QStringLiteral("%1: a new project file must end in .marginal").arg(fileName));

    sqlite3* db = nullptr;
    // One connection per thread of use: no need for SQLite's per-call mutexes.
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (fresh ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(fileName.toUtf8().constData(), &db, flags, nullptr) != SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        throw ProjectError(QStringLiteral("%1: cannot open: %2").arg(fileName, message));
    }
    std::unique_ptr<ProjectStore> store(new ProjectStore(db, fileName));
    if (!UsageBatchTable::install(db, &store->batchRows_))
        store->fail(QStringLiteral("cannot register the import table"));
    sqlite3_busy_timeout(db, 5000);
    if (!fresh) {
        // Read-only checks first: a foreign or newer file is left untouched.
        const int appId = pragmaInt(db, "PRAGMA application_id");
        const int version = pragmaInt(db, "PRAGMA user_version");
        if (appId != kApplicationId)
            throw ProjectError(QStringLiteral("%1: a SQLite database but not a Marginal project; "
                                              "the file was not changed")
                                   .arg(fileName));
        if (version > kSchemaVersion)
            throw ProjectError(
                QStringLiteral("%1: made by a newer Marginal (project format %2; this version "
                               "reads up to %3); the file was not changed")
                    .arg(fileName)
                    .arg(version)
                    .arg(kSchemaVersion));
        store->migrate(version);
    } else {
        // Larger pages: shallower B-trees and cheaper appends for bulk imports.
        store->exec("PRAGMA page_size = 16384");
        store->migrate(0);
    }
    return store;
}

void ProjectStore::migrate(int from) {
    if (from == kSchemaVersion)
        return;
    exec("BEGIN IMMEDIATE");
    try {
        for (int v = from; v < kSchemaVersion; ++v) {
            exec(kMigrations[v]);
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
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    // A migration that drops a table leaves free pages. SQLite does not journal a
    // free page it reuses (its old bytes do not matter), so a rolled-back import
    // could leave different bytes in it: compacting now keeps "a rejected import
    // leaves the file byte for byte as it was" true.
    if (pragmaInt(db_, "PRAGMA freelist_count") > 0)
        exec("VACUUM");
}

int ProjectStore::schemaVersion() const {
    return pragmaInt(db_, "PRAGMA user_version");
}

void ProjectStore::beginImport(const ImportSummary& meta) {
    if (currentImport_ != 0)
        throw ProjectError(QStringLiteral("%1: an import is already in progress").arg(fileName_));
    exec("BEGIN IMMEDIATE");
    Statement st(
        db_, "INSERT INTO imports (source_name, format, customer_field, file_sha256, imported_at) "
             "VALUES (?, ?, ?, ?, ?)");
    const QByteArray source = meta.sourceName.toUtf8(), format = meta.format.toUtf8(),
                     field = meta.customerField.toUtf8(), sha = meta.sha256.toUtf8(),
                     at = nowUtc().toUtf8();
    sqlite3_bind_text(st.s, 1, source.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 2, format.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 3, field.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 4, sha.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 5, at.constData(), -1, SQLITE_STATIC);
    if (sqlite3_step(st.s) != SQLITE_DONE) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        fail(QStringLiteral("cannot record the import"));
    }
    currentImport_ = sqlite3_last_insert_rowid(db_);
    if (!insertUsage_) {
        const char* columns =
            "id, customer_id, period_start, period_seconds, model, input_tokens, "
            "cached_input_tokens, cache_write_tokens, cache_write_1h_tokens, output_tokens, "
            "requests, event_id, feature, reported_cost_usd, import_id, source_line";
        const std::string one = std::string("INSERT OR IGNORE INTO usage (") + columns +
                                ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)";
        const std::string batch =
            std::string("INSERT OR IGNORE INTO usage (") + columns + ") SELECT " +
            QByteArray(columns).replace("import_id", "?1").toStdString() + " FROM usage_batch";
        if (sqlite3_prepare_v2(db_, one.c_str(), -1, &insertUsage_, nullptr) != SQLITE_OK ||
            sqlite3_prepare_v2(db_, batch.c_str(), -1, &insertBatch_, nullptr) != SQLITE_OK)
            fail(QStringLiteral("cannot prepare"));
    }
    if (!findUsage_ &&
        sqlite3_prepare_v2(
            db_, (std::string("SELECT ") + kUsageColumns + " FROM usage WHERE id = ?").c_str(), -1,
            &findUsage_, nullptr) != SQLITE_OK)
        fail(QStringLiteral("cannot prepare"));
    if (!insertRejected_ &&
        sqlite3_prepare_v2(
            db_,
            "INSERT INTO rejected_rows (import_id, line, field, reason, raw) VALUES (?,?,?,?,?)",
            -1, &insertRejected_, nullptr) != SQLITE_OK)
        fail(QStringLiteral("cannot prepare"));
}

void ProjectStore::moveUsageToKeyedTable() {
    // Every version 1 row is read back, keyed as a new record would be, and stored
    // under its id. Version 1 rows are all distinct records, so one whose id is
    // taken takes the next free one, as insertUsage() would give it.
    Statement read(db_, "SELECT customer_id, period_start, period_seconds, model, input_tokens, "
                        "cached_input_tokens, cache_write_tokens, cache_write_1h_tokens, "
                        "output_tokens, requests, coalesce(event_id, ''), coalesce(feature, ''), "
                        "coalesce(reported_cost_usd, -1), source_line, import_id FROM usage "
                        "ORDER BY id");
    Statement write(db_, "INSERT OR IGNORE INTO usage_v2 (id, customer_id, period_start, "
                         "period_seconds, model, input_tokens, cached_input_tokens, "
                         "cache_write_tokens, cache_write_1h_tokens, output_tokens, requests, "
                         "event_id, feature, reported_cost_usd, import_id, source_line) VALUES "
                         "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)");
    UsageRecord r;
    while (read.step()) {
        readUsage(read.s, r);
        for (std::int64_t id = usageKey(r);; ++id) {
            sqlite3_reset(write.s);
            bindUsage(write.s, 0, r, id, read.integer(14));
            if (sqlite3_step(write.s) != SQLITE_DONE)
                fail(QStringLiteral("cannot upgrade the usage table"));
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
    sqlite3_reset(insertBatch_);
    batchRows_.clear();
    if (rc != SQLITE_DONE) {
        const QString why = QString::fromUtf8(sqlite3_errmsg(db_));
        exec("ROLLBACK TO usage_batch; RELEASE usage_batch");
        throw ProjectError(QStringLiteral("%1: cannot store usage from line %2: %3")
                               .arg(fileName_)
                               .arg(keys.empty() ? 0 : records[keys.front().index].sourceLine)
                               .arg(why));
    }
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
    Statement st(db_, "UPDATE imports SET file_sha256 = ? WHERE id = ?");
    const QByteArray sha = sha256.toUtf8();
    sqlite3_bind_text(st.s, 1, sha.constData(), int(sha.size()), SQLITE_STATIC);
    sqlite3_bind_int64(st.s, 2, currentImport_);
    if (sqlite3_step(st.s) != SQLITE_DONE)
        fail(QStringLiteral("cannot record the file's hash"));
}

std::int64_t ProjectStore::commitImport(std::int64_t rowsRead, std::int64_t rowsAdded,
                                        std::int64_t rowsDuplicate, std::int64_t rowsRejected) {
    Statement st(
        db_,
        "UPDATE imports SET rows_read = ?, rows_added = ?, rows_duplicate = ?, rows_rejected = ? "
        "WHERE id = ?");
    sqlite3_bind_int64(st.s, 1, rowsRead);
    sqlite3_bind_int64(st.s, 2, rowsAdded);
    sqlite3_bind_int64(st.s, 3, rowsDuplicate);
    sqlite3_bind_int64(st.s, 4, rowsRejected);
    sqlite3_bind_int64(st.s, 5, currentImport_);
    if (sqlite3_step(st.s) != SQLITE_DONE)
        fail(QStringLiteral("cannot record the import's counts"));
    exec("COMMIT");
    const std::int64_t id = currentImport_;
    currentImport_ = 0;
    return id;
}

void ProjectStore::rollbackImport() {
    if (currentImport_ == 0)
        return;
    currentImport_ = 0;
    exec("ROLLBACK");
}

std::vector<ImportSummary> ProjectStore::imports() const {
    std::vector<ImportSummary> out;
    Statement st(
        db_, "SELECT id, source_name, format, customer_field, file_sha256, imported_at, rows_read, "
             "rows_added, rows_duplicate, rows_rejected FROM imports ORDER BY id");
    while (st.step())
        out.push_back(ImportSummary{st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4),
                                    st.text(5), st.integer(6), st.integer(7), st.integer(8),
                                    st.integer(9)});
    return out;
}

std::int64_t ProjectStore::usageCount() const {
    Statement st(db_, "SELECT count(*) FROM usage");
    return st.step() ? st.integer(0) : 0;
}

std::int64_t ProjectStore::rejectedCount() const {
    Statement st(db_, "SELECT count(*) FROM rejected_rows");
    return st.step() ? st.integer(0) : 0;
}

void ProjectStore::putDocument(const QString& kind, const QString& name, const QByteArray& json) {
    Statement st(db_, "INSERT INTO documents (kind, name, json, updated_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (kind, name) DO UPDATE SET json = excluded.json, updated_at = "
                      "excluded.updated_at");
    const QByteArray k = kind.toUtf8(), n = name.toUtf8(), at = nowUtc().toUtf8();
    sqlite3_bind_text(st.s, 1, k.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 2, n.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 3, json.constData(), int(json.size()), SQLITE_STATIC);
    sqlite3_bind_text(st.s, 4, at.constData(), -1, SQLITE_STATIC);
    if (sqlite3_step(st.s) != SQLITE_DONE)
        fail(QStringLiteral("cannot store %1 \"%2\"").arg(kind, name));
}

QByteArray ProjectStore::document(const QString& kind, const QString& name) const {
    Statement st(db_, "SELECT json FROM documents WHERE kind = ? AND name = ?");
    const QByteArray k = kind.toUtf8(), n = name.toUtf8();
    sqlite3_bind_text(st.s, 1, k.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 2, n.constData(), -1, SQLITE_STATIC);
    if (!st.step())
        return QByteArray();
    return QByteArray(static_cast<const char*>(sqlite3_column_blob(st.s, 0)),
                      sqlite3_column_bytes(st.s, 0));
}

QStringList ProjectStore::documentNames(const QString& kind) const {
    Statement st(db_, "SELECT name FROM documents WHERE kind = ? ORDER BY name");
    const QByteArray k = kind.toUtf8();
    sqlite3_bind_text(st.s, 1, k.constData(), -1, SQLITE_STATIC);
    QStringList names;
    while (st.step())
        names.append(st.text(0));
    return names;
}

void ProjectStore::forEachUsage(const std::function<void(const UsageRecord&)>& visit) const {
    Statement st(db_, (std::string("SELECT ") + kUsageColumns +
                       " FROM usage ORDER BY customer_id, period_start")
                          .c_str());
    UsageRecord r;
    while (st.step()) {
        readUsage(st.s, r);
        visit(r);
    }
}

std::vector<RunSummary> ProjectStore::runs() const {
    // The summary's inputs come from the parameters document; runs stored by older
    // versions lack some of them (NULL, read as empty).
    Statement st(db_, "SELECT id, created_at, scenario, seed, "
                      "coalesce(json_extract(parameters, '$.source'), ''), "
                      "coalesce(json_extract(parameters, '$.customers_from'), ''), "
                      "coalesce(json_extract(parameters, '$.trials'), 0) "
                      "FROM runs ORDER BY id DESC");
    std::vector<RunSummary> out;
    while (st.step())
        out.push_back(RunSummary{st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4),
                                 st.text(5), st.integer(6)});
    return out;
}

bool ProjectStore::run(std::int64_t id, QByteArray& parameters, QByteArray& results) const {
    Statement st(db_, "SELECT parameters, results FROM runs WHERE id = ?");
    sqlite3_bind_int64(st.s, 1, id);
    if (!st.step())
        return false;
    const auto bytes = [&](int column) {
        return QByteArray(static_cast<const char*>(sqlite3_column_blob(st.s, column)),
                          sqlite3_column_bytes(st.s, column));
    };
    parameters = bytes(0);
    results = bytes(1);
    return true;
}

std::int64_t ProjectStore::addRun(const QString& scenario, const QString& seed,
                                  const QByteArray& parameters, const QByteArray& results) {
    Statement st(db_, "INSERT INTO runs (created_at, scenario, seed, parameters, results) VALUES "
                      "(?, ?, ?, ?, ?)");
    const QByteArray at = nowUtc().toUtf8(), sc = scenario.toUtf8(), sd = seed.toUtf8();
    sqlite3_bind_text(st.s, 1, at.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 2, sc.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 3, sd.constData(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.s, 4, parameters.constData(), int(parameters.size()), SQLITE_STATIC);
    sqlite3_bind_text(st.s, 5, results.constData(), int(results.size()), SQLITE_STATIC);
    if (sqlite3_step(st.s) != SQLITE_DONE)
        fail(QStringLiteral("cannot store the run"));
    return sqlite3_last_insert_rowid(db_);
}

} // namespace marginal
