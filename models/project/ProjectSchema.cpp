// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/project/ProjectSchema.h"
#include "models/project/SqliteSupport.h"

#include <QSet>
#include <QStringList>
#include <map>

namespace marginal {

namespace {

// kMigrations[v] takes a file from version v to v + 1. Append only; never edit a
// migration that has shipped.
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
    // too. ProjectStore moves the rows across (it keys them as an import would).
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
    // 2 -> 3: runs get a name and notes (set in the app's Runs page).
    R"sql(
    ALTER TABLE runs ADD COLUMN name TEXT NOT NULL DEFAULT '';
    ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT '';
    )sql",
};
static_assert(int(sizeof(kMigrations) / sizeof(kMigrations[0])) == ProjectSchema::kVersion);

using Columns = QStringList;
struct Expected {
    std::map<QString, Columns> tables;
    QSet<QString> indexes;
};

const Columns kImportColumns = {
    "id",          "source_name", "format",     "customer_field", "file_sha256",
    "imported_at", "rows_read",   "rows_added", "rows_duplicate", "rows_rejected"};
const Columns kUsageColumns = {"id",
                               "customer_id",
                               "period_start",
                               "period_seconds",
                               "model",
                               "input_tokens",
                               "cached_input_tokens",
                               "cache_write_tokens",
                               "cache_write_1h_tokens",
                               "output_tokens",
                               "requests",
                               "event_id",
                               "feature",
                               "reported_cost_usd",
                               "import_id",
                               "source_line"};
const Columns kRejectedColumns = {"id", "import_id", "line", "field", "reason", "raw"};
const Columns kDocumentColumns = {"kind", "name", "json", "updated_at"};
const Columns kRunColumns = {"id", "created_at", "scenario", "seed", "parameters", "results"};

// What a file of `version` holds. (A file between versions never exists: each
// migration is one transaction.)
Expected expectedFor(int version) {
    Expected e;
    e.tables = {{"imports", kImportColumns},
                {"usage", kUsageColumns},
                {"rejected_rows", kRejectedColumns},
                {"documents", kDocumentColumns},
                {"runs", kRunColumns}};
    e.indexes = {"sqlite_autoindex_documents_1"};
    if (version == 1) {
        e.tables["usage"].append("dedup_hash");
        e.indexes.insert("usage_dedup");
    }
    if (version >= 3)
        e.tables["runs"] << "name"
                         << "notes";
    return e;
}

[[noreturn]] void refuse(const QString& fileName, const QString& what) {
    throw ProjectError(
        QStringLiteral("%1: damaged: %2; a project holds only Marginal's own tables (it must "
                       "not carry triggers, views or other code); the file was not changed")
            .arg(fileName, what),
        ProjectError::Kind::Damaged);
}

} // namespace

const char* ProjectSchema::migration(int version) {
    return kMigrations[version];
}

void ProjectSchema::check(sqlite3* db, const QString& fileName, int version) {
    const Expected expected = expectedFor(version);
    Statement objects(db, fileName,
                      "SELECT type, name, tbl_name FROM sqlite_schema ORDER BY type, name");
    QSet<QString> tablesSeen;
    while (objects.step()) {
        const QString type = objects.text(0), name = objects.text(1);
        if (type == QLatin1String("table") && expected.tables.count(name)) {
            tablesSeen.insert(name);
        } else if (type == QLatin1String("index") && expected.indexes.contains(name)) {
        } else if (type == QLatin1String("table") && name == QLatin1String("sqlite_stat1")) {
            // ANALYZE's statistics: data for the query planner, not code.
        } else {
            refuse(fileName,
                   QStringLiteral("it has a %1 \"%2\" of someone else's").arg(type, name));
        }
    }
    for (const auto& [table, columns] : expected.tables) {
        if (!tablesSeen.contains(table))
            refuse(fileName, QStringLiteral("its table \"%1\" is missing").arg(table));
        // table_xinfo also lists hidden and generated columns, which we never make.
        Statement info(db, fileName,
                       QStringLiteral("SELECT name, hidden FROM pragma_table_xinfo('%1')")
                           .arg(table)
                           .toUtf8()
                           .constData());
        Columns seen;
        while (info.step()) {
            if (info.integer(1) != 0)
                refuse(fileName, QStringLiteral("table \"%1\" has a generated column \"%2\"")
                                     .arg(table, info.text(0)));
            seen.append(info.text(0));
        }
        if (seen != columns)
            refuse(fileName, QStringLiteral("table \"%1\" has the columns (%2), expected (%3)")
                                 .arg(table, seen.join(QStringLiteral(", ")),
                                      columns.join(QStringLiteral(", "))));
    }
}

} // namespace marginal
