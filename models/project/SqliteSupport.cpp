// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/project/SqliteSupport.h"

#include <cstring>
#include <sqlite3.h>

namespace marginal {

ProjectError::Kind kindOfSqliteError(int code) {
    switch (code & 0xff) { // the primary code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ProjectError::Kind::Busy;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return ProjectError::Kind::ReadOnly;
    case SQLITE_FULL:
        return ProjectError::Kind::Full;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return ProjectError::Kind::Damaged;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        return ProjectError::Kind::Io;
    default:
        return ProjectError::Kind::Other;
    }
}

void throwSqliteError(sqlite3* db, const QString& fileName, const QString& what) {
    const int code = sqlite3_extended_errcode(db);
    const QString reason = QString::fromUtf8(sqlite3_errmsg(db));
    const ProjectError::Kind kind = kindOfSqliteError(code);
    QString message;
    switch (kind) {
    case ProjectError::Kind::Busy:
        message = QStringLiteral("%1: %2: busy: another program is writing the project (%3); "
                                 "try again when it has finished")
                      .arg(fileName, what, reason);
        break;
    case ProjectError::Kind::ReadOnly:
        message = QStringLiteral("%1: %2: the project cannot be written: read-only (%3)")
                      .arg(fileName, what, reason);
        break;
    case ProjectError::Kind::Full:
        message = QStringLiteral("%1: %2: the disk is full (%3); nothing was changed")
                      .arg(fileName, what, reason);
        break;
    case ProjectError::Kind::Damaged:
        message = QStringLiteral("%1: damaged: %2 (%3)").arg(fileName, reason, what);
        break;
    case ProjectError::Kind::Io: // the system's own reason ("No space left on device")
        message = QStringLiteral("%1: %2: %3 (%4); nothing was changed")
                      .arg(fileName, what, reason,
                           QString::fromLocal8Bit(std::strerror(sqlite3_system_errno(db))));
        break;
    default:
        message = QStringLiteral("%1: %2: %3").arg(fileName, what, reason);
        break;
    }
    throw ProjectError(message, kind);
}

void execute(sqlite3* db, const QString& fileName, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        throwSqliteError(db, fileName, QString::fromUtf8(sql).simplified().left(60));
}

void rollbackQuietly(sqlite3* db) {
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

Statement::Statement(sqlite3* db, const QString& fileName, const char* sql)
    : db_(db), fileName_(fileName) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement_);
        statement_ = nullptr;
        throwSqliteError(db, fileName, QStringLiteral("cannot read the project"));
    }
}

Statement::~Statement() {
    sqlite3_finalize(statement_);
}

bool Statement::step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    throwSqliteError(db_, fileName_, QStringLiteral("cannot read the project"));
}

void Statement::run() {
    if (sqlite3_step(statement_) != SQLITE_DONE)
        throwSqliteError(db_, fileName_, QStringLiteral("cannot write the project"));
}

void Statement::reset() {
    sqlite3_reset(statement_);
}

void Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
}

void Statement::bind(int index, const QByteArray& text) {
    sqlite3_bind_text(statement_, index, text.isNull() ? "" : text.constData(), int(text.size()),
                      SQLITE_TRANSIENT);
}

QString Statement::text(int column) const {
    return QString::fromUtf8(
        reinterpret_cast<const char*>(sqlite3_column_text(statement_, column)));
}

QByteArray Statement::bytes(int column) const {
    return QByteArray(static_cast<const char*>(sqlite3_column_blob(statement_, column)),
                      sqlite3_column_bytes(statement_, column));
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(statement_, column);
}

std::int64_t pragmaInteger(sqlite3* db, const QString& fileName, const char* sql) {
    Statement st(db, fileName, sql);
    return st.step() ? st.integer(0) : 0;
}

} // namespace marginal
