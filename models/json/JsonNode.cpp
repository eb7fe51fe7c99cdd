// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/JsonNode.h"
#include "models/common/FileKind.h"
#include "models/common/InputError.h"
#include "models/json/JsonDuplicateKeys.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace marginal {

JsonNode::JsonNode(QJsonValue value, QString path, QString file)
    : value_(std::move(value)), path_(std::move(path)), file_(std::move(file)) {}

JsonNode JsonNode::parseFile(const QString& fileName) {
    // Asked before opening: opening a FIFO waits for a writer where Ctrl+C cannot
    // reach it, and /dev/zero would be read until memory runs out.
    const FileKind kind = fileKindOf(fileName);
    if (kind != FileKind::Regular && kind != FileKind::Missing)
        throw InputError(
            fileName, QString(),
            QStringLiteral("expected a JSON file; this is %1").arg(describeFileKind(kind)));
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly))
        throw InputError(fileName, QString(),
                         QStringLiteral("cannot open: %1").arg(f.errorString()));
    // One byte past the limit tells a file that grew since it was looked at.
    const QByteArray bytes = f.read(kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes)
        throw InputError(fileName, QString(),
                         QStringLiteral("expected a JSON file of at most %1 MiB (scenarios, "
                                        "packages, catalogs and mappings are far smaller); this "
                                        "one is larger")
                             .arg(kMaxFileBytes >> 20));
    return parseBytes(bytes, fileName);
}

JsonNode JsonNode::parseBytes(const QByteArray& bytes, const QString& fileName) {
    QJsonParseError error{};
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        const qsizetype before = data.left(error.offset).count('\n');
        const qsizetype lineStart = data.lastIndexOf('\n', error.offset - 1) + 1;
        throw InputError(
            fileName,
            QStringLiteral("line %1, column %2").arg(before + 1).arg(error.offset - lineStart + 1),
            QStringLiteral("invalid JSON (%1)").arg(error.errorString()));
    }
    if (const std::optional<QString> twice = findDuplicateKey(data))
        throw InputError(fileName, *twice,
                         QStringLiteral("expected each key once in an object; this key is "
                                        "repeated (JSON keeps only one of them)"));
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    return JsonNode(root, QStringLiteral("$"), fileName);
}

QString JsonNode::describe() const {
    switch (value_.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value_.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QStringLiteral("%1").arg(value_.toDouble());
    case QJsonValue::String:
        return QStringLiteral("\"%1\"").arg(value_.toString().left(60));
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        return QStringLiteral("nothing (missing)");
    }
    return QString();
}

void JsonNode::fail(const QString& expected) const {
    throw InputError(file_, path_, QStringLiteral("expected %1, got %2").arg(expected, describe()));
}

void JsonNode::reject(const QString& problem) const {
    throw InputError(file_, path_, problem);
}

void JsonNode::requireObject() const {
    if (!value_.isObject())
        fail(QStringLiteral("an object"));
}

void JsonNode::requireArray() const {
    if (!value_.isArray())
        fail(QStringLiteral("an array"));
}

bool JsonNode::has(const QString& key) const {
    return value_.isObject() && value_.toObject().contains(key);
}

JsonNode JsonNode::operator[](const QString& key) const {
    requireObject();
    const QJsonObject object = value_.toObject();
    const QString childPath = path_ + QLatin1Char('.') + key;
    if (!object.contains(key))
        throw InputError(file_, childPath,
                         QStringLiteral("expected a value, the member is missing"));
    return JsonNode(object.value(key), childPath, file_);
}

JsonNode JsonNode::optional(const QString& key) const {
    requireObject();
    return JsonNode(value_.toObject().value(key), path_ + QLatin1Char('.') + key, file_);
}

QStringList JsonNode::keys() const {
    requireObject();
    return value_.toObject().keys();
}

void JsonNode::requireOnlyKeys(const QStringList& allowed) const {
    for (const QString& key : keys()) {
        if (!allowed.contains(key))
            throw InputError(file_, path_ + QLatin1Char('.') + key,
                             QStringLiteral("unknown member; expected one of: %1")
                                 .arg(allowed.join(QStringLiteral(", "))));
    }
}

int JsonNode::size() const {
    requireArray();
    return int(value_.toArray().size());
}

JsonNode JsonNode::at(int index) const {
    requireArray();
    return JsonNode(value_.toArray().at(index), QStringLiteral("%1[%2]").arg(path_).arg(index),
                    file_);
}

void JsonNode::forEach(const std::function<void(const JsonNode&)>& visit) const {
    const int n = size();
    for (int i = 0; i < n; ++i)
        visit(at(i));
}

double JsonNode::toNumber(double min, double max) const {
    if (!value_.isDouble())
        fail(QStringLiteral("a number"));
    const double v = value_.toDouble();
    // The bound it breaks ("1e9", not "1e+09"): a limit far above any real value
    // reads better as the side it is on.
    const auto bound = [](double b) {
        return QString::number(b, 'g', 12)
            .replace(QLatin1String("e+0"), QLatin1String("e"))
            .replace(QLatin1String("e+"), QLatin1String("e"));
    };
    if (!std::isfinite(v) || v < min || v > max) {
        if (std::isfinite(min) && std::isfinite(max) && max <= 1000) // a natural range
            fail(QStringLiteral("a number from %1 to %2").arg(bound(min), bound(max)));
        if (v < min || std::isinf(max))
            fail(QStringLiteral("a number >= %1").arg(bound(min)));
        fail(QStringLiteral("a number <= %1").arg(bound(max)));
    }
    return v;
}

double JsonNode::toNumberOr(double fallback, double min, double max) const {
    return isNull() ? fallback : toNumber(min, max);
}

int JsonNode::toInt(int min, int max) const {
    const double v = value_.isDouble() ? value_.toDouble() : std::nan("");
    if (!value_.isDouble() || v != std::floor(v) || v < min || v > max)
        fail(QStringLiteral("a whole number from %1 to %2").arg(min).arg(max));
    return int(v);
}

int JsonNode::toIntOr(int fallback, int min, int max) const {
    return isNull() ? fallback : toInt(min, max);
}

qint64 JsonNode::toInt64(qint64 min, qint64 max) const {
    // JSON numbers arrive as doubles; integers above 2^53 cannot be exact.
    const double v = value_.isDouble() ? value_.toDouble() : std::nan("");
    if (!value_.isDouble() || v != std::floor(v) || v < double(min) || v > double(max) ||
        std::fabs(v) > 9007199254740992.0)
        fail(QStringLiteral("a whole number from %1 to %2").arg(min).arg(max));
    return qint64(v);
}

bool JsonNode::toBoolOr(bool fallback) const {
    if (isNull())
        return fallback;
    if (!value_.isBool())
        fail(QStringLiteral("true or false"));
    return value_.toBool();
}

QString JsonNode::toString() const {
    if (!value_.isString() || value_.toString().trimmed().isEmpty())
        fail(QStringLiteral("a non-empty string"));
    return value_.toString();
}

QString JsonNode::toStringOr(const QString& fallback) const {
    return isNull() ? fallback : toString();
}

QString JsonNode::toEnum(const QStringList& choices) const {
    if (!value_.isString() || !choices.contains(value_.toString()))
        fail(QStringLiteral("one of: %1").arg(choices.join(QStringLiteral(", "))));
    return value_.toString();
}

QString JsonNode::toEnumOr(const QStringList& choices, const QString& fallback) const {
    return isNull() ? fallback : toEnum(choices);
}

QDate JsonNode::toDate() const {
    const QString text = value_.isString() ? value_.toString() : QString();
    QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        date = QDate::fromString(text + QStringLiteral("-01"), Qt::ISODate);
    if (!date.isValid())
        fail(QStringLiteral("a date as YYYY-MM-DD or a month as YYYY-MM"));
    return date;
}

} // namespace marginal
