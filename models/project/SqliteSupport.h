// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The sqlite3 C API with every result checked. A statement that does not prepare, or
// a step that gives neither a row nor "done", throws a ProjectError with SQLite's own
// message (taken before any rollback can replace it) and a kind from its error code:
// busy, read-only, disk full, damaged. A read loop therefore never takes an error for
// the end of the data.
#include "models/project/ProjectError.h"

#include <QByteArray>
#include <QString>
#include <cstdint>

struct sqlite3;
struct sqlite3_stmt;

namespace marginal {

// What an SQLite result code means to the user.
ProjectError::Kind kindOfSqliteError(int code);
// Throws the ProjectError for the connection's last error: "<file>: <what>: <reason>".
[[noreturn]] void throwSqliteError(sqlite3* db, const QString& fileName, const QString& what);
// Runs statements without results; throws on failure.
void execute(sqlite3* db, const QString& fileName, const char* sql);
// Ends the open transaction, if one is still open (SQLite ends it itself after some
// errors, such as a full disk); never throws, so it can run while unwinding.
void rollbackQuietly(sqlite3* db);

class Statement {
public:
    Statement(sqlite3* db, const QString& fileName, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // True for a row, false when done; throws on anything else.
    bool step();
    // A statement without rows (INSERT, UPDATE): one step that must be done.
    void run();
    void reset();

    void bind(int index, std::int64_t value);
    void bind(int index, const QByteArray& text); // copied; never NULL (a null one is "")
    void bind(int index, const QString& text) { bind(index, text.toUtf8()); }

    QString text(int column) const;
    QByteArray bytes(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    sqlite3_stmt* handle() const { return statement_; }

private:
    sqlite3* db_;
    const QString& fileName_;
    sqlite3_stmt* statement_ = nullptr;
};

// The first column of the first row of `sql` (a PRAGMA); throws on an error.
std::int64_t pragmaInteger(sqlite3* db, const QString& fileName, const char* sql);

} // namespace marginal
