// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/JsonUsagePages.h"
#include "models/common/InputError.h"
#include "models/import/FieldParsing.h"
#include "models/import/RecordRules.h"
#include "models/json/JsonDuplicateKeys.h"
#include "models/json/JsonStreamScanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace marginal {

namespace {

using ResultVisitor = std::function<void(const JsonNode& bucket, const JsonNode& result)>;
using RawFilter = std::function<bool(const QByteArray& result)>;

[[noreturn]] void repeatedKey(const QString& file, const QString& path) {
    throw InputError(file, path,
                     QStringLiteral("expected each key once in an object; this key is repeated "
                                    "(JSON keeps only one of them)"));
}

QString memberPath(const QString& path, const QString& key) {
    return path + u'.' + key;
}

// One pass over the pages: page -> data -> bucket -> results.
class PageWalk {
public:
    // `worthParsing` (optional) sees each result's text first; a result it turns down
    // is neither parsed nor visited.
    PageWalk(JsonStreamScanner& scanner, const QStringList& bucketKeys, const ResultVisitor& visit,
             const RawFilter& worthParsing)
        : s_(scanner), bucketKeys_(bucketKeys), visit_(visit), worthParsing_(worthParsing) {}

    void page(const QString& path) {
        if (s_.peek() != '{')
            failValue(path, QStringLiteral("a usage page with a \"data\" array of buckets"));
        s_.expect('{', QStringLiteral("'{'"));
        QStringList keys;
        if (!s_.consume('}')) {
            do {
                const QString key = s_.readString();
                if (keys.contains(key))
                    repeatedKey(s_.fileName(), memberPath(path, key));
                keys.append(key);
                s_.expect(':', QStringLiteral("':' after a key"));
                if (key == QLatin1String("data")) {
                    buckets(memberPath(path, key));
                } else {
                    JsonStreamScanner::Position at;
                    const QByteArray raw = s_.readValue(at);
                    s_.parse(raw, at, memberPath(path, key)); // checked, not kept
                }
            } while (s_.consume(','));
            s_.expect('}', QStringLiteral("',' or '}' in the page"));
        }
        if (!keys.contains(QStringLiteral("data")))
            throw InputError(s_.fileName(), path,
                             QStringLiteral("expected a usage page with a \"data\" array of "
                                            "buckets; this object has no \"data\""));
    }

private:
    [[noreturn]] void failValue(const QString& path, const QString& expected) {
        JsonStreamScanner::Position at;
        const QByteArray raw = s_.readValue(at);
        s_.parse(raw, at, path).fail(expected);
    }

    void buckets(const QString& path) {
        if (s_.peek() != '[')
            failValue(path, QStringLiteral("an array of buckets"));
        s_.expect('[', QStringLiteral("'['"));
        if (s_.consume(']'))
            return;
        int index = 0;
        do {
            bucket(QStringLiteral("%1[%2]").arg(path).arg(index++));
        } while (s_.consume(','));
        s_.expect(']', QStringLiteral("',' or ']' in the array of buckets"));
    }

    void bucket(const QString& path) {
        if (s_.peek() != '{')
            failValue(path, QStringLiteral("a bucket object"));
        s_.expect('{', QStringLiteral("'{'"));
        QJsonObject members;
        bool hasResults = false;
        std::vector<std::pair<QByteArray, JsonStreamScanner::Position>> kept;
        std::optional<JsonNode> bucketNode;
        const auto visit = [&](const QByteArray& raw, const JsonStreamScanner::Position& at,
                               int index) {
            if (worthParsing_ && !worthParsing_(raw))
                return;
            if (!bucketNode)
                bucketNode.emplace(members, path, s_.fileName());
            const JsonNode result =
                s_.parse(raw, at, QStringLiteral("%1.results[%2]").arg(path).arg(index));
            if (!result.isObject())
                result.fail(QStringLiteral("a result object"));
            visit_(*bucketNode, result);
        };
        if (!s_.consume('}')) {
            do {
                const QString key = s_.readString();
                if (members.contains(key) || (hasResults && key == QLatin1String("results")))
                    repeatedKey(s_.fileName(), memberPath(path, key));
                s_.expect(':', QStringLiteral("':' after a key"));
                if (key != QLatin1String("results")) {
                    JsonStreamScanner::Position at;
                    const QByteArray raw = s_.readValue(at);
                    members.insert(key, s_.parse(raw, at, memberPath(path, key)).value());
                    continue;
                }
                hasResults = true;
                const bool streaming =
                    std::all_of(bucketKeys_.begin(), bucketKeys_.end(),
                                [&](const QString& k) { return members.contains(k); });
                if (s_.peek() != '[')
                    failValue(memberPath(path, key), QStringLiteral("an array of results"));
                s_.expect('[', QStringLiteral("'['"));
                if (s_.consume(']'))
                    continue;
                int index = 0;
                do {
                    JsonStreamScanner::Position at;
                    QByteArray raw = s_.readValue(at);
                    if (streaming)
                        visit(raw, at, index);
                    else
                        kept.emplace_back(std::move(raw), at);
                    ++index;
                } while (s_.consume(','));
                s_.expect(']', QStringLiteral("',' or ']' in the array of results"));
            } while (s_.consume(','));
            s_.expect('}', QStringLiteral("',' or '}' in the bucket"));
        }
        if (!hasResults)
            JsonNode(members, path, s_.fileName())[QStringLiteral("results")]; // throws
        for (std::size_t i = 0; i < kept.size(); ++i)
            visit(kept[i].first, kept[i].second, int(i));
    }

    JsonStreamScanner& s_;
    const QStringList& bucketKeys_;
    const ResultVisitor& visit_;
    const RawFilter& worthParsing_;
};

// Whether `result` (a result's JSON text) may set `field` to something other than
// null: false only when every occurrence of the key is followed by null (or there is
// none), which is exact for any text without \u escapes (a key can be spelled with
// them); true otherwise, for the caller to parse and check.
bool maySet(const QByteArray& result, const QByteArray& quotedKey) {
    if (result.contains("\\u"))
        return true;
    for (qsizetype at = result.indexOf(quotedKey); at >= 0;
         at = result.indexOf(quotedKey, at + quotedKey.size())) {
        qsizetype v = at + quotedKey.size();
        while (v < result.size() && (result[v] == ' ' || result[v] == '\t' || result[v] == '\n' ||
                                     result[v] == '\r' || result[v] == ':'))
            ++v;
        if (!result.mid(v, 4).startsWith("null"))
            return true;
    }
    return false;
}

} // namespace

JsonUsagePages::JsonUsagePages(QIODevice& in, const QString& fileName, QStringList bucketKeys)
    : in_(in), fileName_(fileName), bucketKeys_(std::move(bucketKeys)) {
    in_.seek(0);
    JsonStreamScanner s(in_, fileName_);
    const char first = s.peek();
    if (first == 0)
        throw InputError(fileName, QStringLiteral("$"),
                         QStringLiteral("expected at least one page of usage buckets"));
    if (first == '[') {
        layout_ = Layout::ArrayOfPages;
    } else if (first == '{') {
        // One page, or one page per line: whatever follows the first value says.
        s.skipValue();
        layout_ = s.peek() == 0 ? Layout::OnePage : Layout::PagePerLine;
    } else {
        s.fail(s.position(),
               QStringLiteral("a usage page, an array of pages or one page per line"));
    }
}

void JsonUsagePages::forEachResult(const ResultVisitor& visit) const {
    walk(visit, {});
}

void JsonUsagePages::walk(const ResultVisitor& visit, const RawFilter& worthParsing) const {
    in_.seek(0);
    JsonStreamScanner s(in_, fileName_);
    PageWalk walk(s, bucketKeys_, visit, worthParsing);
    switch (layout_) {
    case Layout::OnePage:
        walk.page(QStringLiteral("$"));
        break;
    case Layout::PagePerLine:
        while (s.peek() != 0)
            walk.page(QStringLiteral("line %1: $").arg(s.position().line));
        break;
    case Layout::ArrayOfPages: {
        s.expect('[', QStringLiteral("'['"));
        if (s.consume(']'))
            throw InputError(fileName_, QStringLiteral("$"),
                             QStringLiteral("expected at least one page of usage buckets"));
        int index = 0;
        do {
            walk.page(QStringLiteral("$[%1]").arg(index++));
        } while (s.consume(','));
        s.expect(']', QStringLiteral("',' or ']' in the array of pages"));
        break;
    }
    }
    if (s.peek() != 0)
        s.fail(s.position(), QStringLiteral("the end of the file after the pages"));
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
    // Most results set one field and leave the others null: only a result whose text
    // may set a field not yet seen set is parsed (a pass over 1M results: 1.4 s, not 5 s).
    QStringList set;
    std::vector<QByteArray> quoted;
    for (const QString& f : fields)
        quoted.push_back('"' + f.toUtf8() + '"');
    walk(
        [&](const JsonNode&, const JsonNode& result) {
            for (const QString& f : fields)
                if (!set.contains(f) && !result.optional(f).isNull())
                    set.append(f);
        },
        [&](const QByteArray& raw) {
            for (std::size_t i = 0; i < quoted.size(); ++i)
                if (!set.contains(fields[qsizetype(i)]) && maySet(raw, quoted[i]))
                    return true;
            return false;
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
