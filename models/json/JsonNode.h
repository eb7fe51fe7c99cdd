// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A read-only view of one value inside a JSON document that knows its own JSON path
// ($.packages[2].overage) and file, so every validation error can say exactly where
// the problem is and what was expected. Readers walk documents through JsonNode and
// never touch QJsonValue directly.
#include <QDate>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <functional>
#include <limits>

namespace marginal {

class JsonNode {
public:
    JsonNode(QJsonValue value, QString path, QString file);

    // JSON inputs are documents people write (scenarios, packages, catalogs,
    // mappings): LiteLLM's whole price file is about 1 MiB.
    static constexpr qint64 kMaxFileBytes = qint64(64) << 20;

    // Parses a whole file; throws InputError for unreadable files, files that are not
    // regular (a FIFO, a device) or larger than kMaxFileBytes, syntax errors (with the
    // line and column of the error) and keys repeated in an object (with the path).
    static JsonNode parseFile(const QString& fileName);
    static JsonNode parseBytes(const QByteArray& bytes, const QString& fileName);

    const QString& path() const { return path_; }
    const QString& file() const { return file_; }
    const QJsonValue& value() const { return value_; }

    bool isNull() const { return value_.isNull() || value_.isUndefined(); }
    bool isObject() const { return value_.isObject(); }
    bool isArray() const { return value_.isArray(); }
    bool isString() const { return value_.isString(); }
    bool has(const QString& key) const;

    // Required member of an object (throws when the node is not an object or the
    // key is missing).
    JsonNode operator[](const QString& key) const;
    // Member that may be absent (returns a null node with the right path).
    JsonNode optional(const QString& key) const;
    QStringList keys() const;
    // Rejects members not in `allowed`: a typo in a finance file must not be ignored.
    void requireOnlyKeys(const QStringList& allowed) const;

    int size() const;
    JsonNode at(int index) const;
    void forEach(const std::function<void(const JsonNode&)>& visit) const;

    double toNumber(double min = -std::numeric_limits<double>::infinity(),
                    double max = std::numeric_limits<double>::infinity()) const;
    double toNumberOr(double fallback, double min = -std::numeric_limits<double>::infinity(),
                      double max = std::numeric_limits<double>::infinity()) const;
    int toInt(int min, int max) const;
    int toIntOr(int fallback, int min, int max) const;
    qint64 toInt64(qint64 min, qint64 max) const;
    bool toBoolOr(bool fallback) const;
    QString toString() const;
    QString toStringOr(const QString& fallback) const;
    QString toEnum(const QStringList& choices) const;
    QString toEnumOr(const QStringList& choices, const QString& fallback) const;
    // ISO date "2026-01-15" (or "2026-01" for a month: the first of that month).
    QDate toDate() const;

    // "expected <expected>, got <this value>"
    [[noreturn]] void fail(const QString& expected) const;
    // For problems that are not about the value's own form (a dangling reference).
    [[noreturn]] void reject(const QString& problem) const;

private:
    QString describe() const;
    void requireObject() const;
    void requireArray() const;

    QJsonValue value_;
    QString path_;
    QString file_;
};

} // namespace marginal
