// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/JsonUsagePages.h"
#include "models/common/InputError.h"
#include "models/import/FieldParsing.h"
#include "models/import/RecordRules.h"
#include "models/json/JsonDuplicateKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace marginal {

JsonUsagePages::JsonUsagePages(const QByteArray& bytes, const QString& fileName)
    : fileName_(fileName) {
    QJsonParseError error{};
    QByteArray data = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
    const QJsonDocument whole = QJsonDocument::fromJson(data, &error);
    if (error.error == QJsonParseError::NoError) {
        const JsonNode root = JsonNode::parseBytes(data, fileName);
        if (root.isArray())
            root.forEach([&](const JsonNode& page) { pages_.push_back(page); });
        else
            pages_.push_back(root);
    } else {
        // JSON lines: one page per non-empty line. A line that does not parse is an
        // error with its number (a truncated export shows up here).
        const QList<QByteArray> lines = data.split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i].trimmed().isEmpty())
                continue;
            QJsonParseError lineError{};
            const QJsonDocument doc = QJsonDocument::fromJson(lines[i], &lineError);
            if (lineError.error != QJsonParseError::NoError || !doc.isObject()) {
                if (lines.size() <= 2 || i == 0)          // one document that does not parse
                    JsonNode::parseBytes(data, fileName); // throws with line and column
                throw InputError(fileName, QStringLiteral("line %1").arg(i + 1),
                                 QStringLiteral("expected one JSON page per line (%1)")
                                     .arg(lineError.errorString()));
            }
            const QString root = QStringLiteral("line %1: $").arg(i + 1);
            if (const std::optional<QString> twice = findDuplicateKey(lines[i], root))
                throw InputError(fileName, *twice,
                                 QStringLiteral("expected each key once in an object; this key "
                                                "is repeated (JSON keeps only one of them)"));
            pages_.push_back(JsonNode(doc.object(), root, fileName));
        }
    }
    if (pages_.empty())
        throw InputError(fileName, QStringLiteral("$"),
                         QStringLiteral("expected at least one page of usage buckets"));
    for (const JsonNode& page : pages_)
        if (!page.isObject() || !page.has(QStringLiteral("data")))
            page.fail(QStringLiteral("a usage page with a \"data\" array of buckets"));
}

void JsonUsagePages::forEachResult(
    const std::function<void(const JsonNode& bucket, const JsonNode& result)>& visit) const {
    for (const JsonNode& page : pages_) {
        page[QStringLiteral("data")].forEach([&](const JsonNode& bucket) {
            bucket[QStringLiteral("results")].forEach([&](const JsonNode& result) {
                if (!result.isObject())
                    result.fail(QStringLiteral("a result object"));
                visit(bucket, result);
            });
        });
    }
}

QString JsonUsagePages::customerField(const QStringList& fields,
                                      const ImportOptions& options) const {
    if (!options.customerField.isEmpty()) {
        if (!fields.contains(options.customerField))
            throw InputError(fileName_, QString(),
                             QStringLiteral("expected --customer-field to be one of %1, got \"%2\"")
                                 .arg(fields.join(QStringLiteral(", ")), options.customerField));
        return options.customerField;
    }
    QStringList set;
    forEachResult([&](const JsonNode&, const JsonNode& result) {
        for (const QString& f : fields)
            if (!set.contains(f) && !result.optional(f).isNull())
                set.append(f);
    });
    if (set.size() > 1)
        throw InputError(fileName_, QString(),
                         QStringLiteral("expected one customer field; several are set (%1): choose "
                                        "one with --customer-field")
                             .arg(set.join(QStringLiteral(", "))));
    return set.isEmpty() ? QString() : set.front();
}

std::optional<std::int64_t> JsonUsagePages::count(const JsonNode& node, std::int64_t record,
                                                  UsageSink& sink) {
    if (node.isNull())
        return 0;
    const QJsonValue& v = node.value();
    const double d = v.isDouble() ? v.toDouble() : -1.0;
    if (!v.isDouble() || d < 0 || d != std::floor(d) || d > double(RecordRules::kMaxCount)) {
        const QString got =
            v.isString()
                ? QStringLiteral("\"%1\"").arg(v.toString().left(40))
                : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
                      .mid(1)
                      .chopped(1);
        sink.problem(ImportProblem{record, node.path(), QString(),
                                   v.isDouble()
                                       ? countExpectation(d)
                                       : QStringLiteral("a whole number >= 0, got %1").arg(got),
                                   QString()});
        return std::nullopt;
    }
    return std::int64_t(d);
}

std::optional<std::string> JsonUsagePages::customerOf(const JsonNode& result, const QString& field,
                                                      const char* whenNull, std::int64_t record,
                                                      UsageSink& sink) {
    if (field.isEmpty())
        return std::string("organization");
    const JsonNode customer = result.optional(field);
    if (customer.isNull())
        return std::string(whenNull);
    if (!customer.isString()) {
        sink.problem(ImportProblem{record, customer.path(), QString(),
                                   QStringLiteral("a string id"), QString()});
        return std::nullopt;
    }
    return customer.value().toString().toStdString();
}

std::string JsonUsagePages::modelOf(const JsonNode& result) {
    const JsonNode model = result.optional(QStringLiteral("model"));
    return model.isString() ? model.value().toString().toStdString() : std::string("unknown");
}

} // namespace marginal
