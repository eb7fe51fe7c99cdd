// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/formats/CloudEventsImporter.h"
#include "models/common/InputError.h"
#include "models/import/FieldParsing.h"
#include "models/import/RecordRules.h"
#include "models/import/TimeParsing.h"
#include "models/json/JsonDuplicateKeys.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace marginal {

QStringList CloudEventsImporter::customerFields(const QByteArray&) const {
    // Any path into the event works (data.customer_id, ...); subject is the default.
    return {QStringLiteral("subject"), QStringLiteral("data.customer_id"),
            QStringLiteral("data.user_id")};
}

namespace {

// The value at a dotted path ("data.usage.in") of an event.
QJsonValue at(const QJsonObject& event, const QString& path) {
    QJsonValue v = event;
    for (const QString& part : path.split(u'.')) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        v = v.toObject().value(part);
    }
    return v;
}

bool absent(const QJsonValue& v) {
    return v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty());
}

// A value as a condition compares it: strings as they are, whole numbers without a
// fraction, booleans as true / false.
QString conditionText(const QJsonValue& v) {
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == std::floor(d) && std::fabs(d) < 1e15 ? QString::number(qint64(d))
                                                         : QString::number(d, 'g', 17);
    }
    return QStringLiteral("(an object or array)");
}

bool holds(const MappingCondition& c, const QJsonObject& event) {
    const QJsonValue v = at(event, c.field);
    return absent(v) ? c.orAbsent : c.values.contains(conditionText(v));
}

MappingCase field(const char* path, bool includesCache = false) {
    MappingCase c;
    c.field = QString::fromLatin1(path);
    c.includesCache = includesCache;
    return c;
}

MappingCase when(MappingCase c, const char* test, QStringList values, bool orAbsent = false) {
    c.when.push_back(MappingCondition{QString::fromLatin1(test), std::move(values), orAbsent});
    return c;
}

MappingCase constant(const char* value) {
    MappingCase c;
    c.constant = QString::fromLatin1(value);
    return c;
}

// How each token field is read when the mapping does not say: the names meters
// commonly use, and OpenMeter's LLM token events, which send one event per token type
// with the count in data.tokens and the type in data.type (input, system or output;
// docs/FILE_FORMATS.md). data.prompt_tokens counts input as OpenAI does, cache reads
// and writes included.
const FieldMapping& defaults() {
    static const FieldMapping mapping = [] {
        FieldMapping m;
        m.insertCases(QStringLiteral("input_tokens"),
                      {field("data.input_tokens"), field("data.uncached_input_tokens"),
                       field("data.prompt_tokens", true),
                       when(field("data.tokens"), "data.type", {"input", "system"}, true)});
        m.insertCases(QStringLiteral("cached_input_tokens"),
                      {field("data.cached_input_tokens"), field("data.cache_read_input_tokens"),
                       field("data.input_cached_tokens"),
                       field("data.prompt_tokens_details.cached_tokens")});
        m.insertCases(QStringLiteral("cache_write_tokens"),
                      {field("data.cache_write_tokens"), field("data.cache_write_5m_tokens"),
                       field("data.cache_creation.ephemeral_5m_input_tokens"),
                       field("data.cache_creation_input_tokens")});
        m.insertCases(QStringLiteral("cache_write_1h_tokens"),
                      {field("data.cache_write_1h_tokens"),
                       field("data.cache_creation.ephemeral_1h_input_tokens")});
        m.insertCases(QStringLiteral("output_tokens"),
                      {field("data.output_tokens"), field("data.completion_tokens"),
                       when(field("data.tokens"), "data.type", {"output"})});
        // OpenMeter's output and system events belong to the request its input event
        // counts.
        m.insertCases(QStringLiteral("requests"),
                      {field("data.requests"),
                       when(constant("0"), "data.type", {"output", "system"}), constant("1")});
        m.insertCases(QStringLiteral("model"), {field("data.model")});
        m.insertCases(QStringLiteral("feature"), {field("type")});
        m.insertCases(QStringLiteral("date"), {field("time")});
        return m;
    }();
    return mapping;
}

enum TokenField { Input, Cached, Write5m, Write1h, Output, TokenFieldCount };
const char* const kTokenFields[TokenFieldCount] = {"input_tokens", "cached_input_tokens",
                                                   "cache_write_tokens", "cache_write_1h_tokens",
                                                   "output_tokens"};

// The dotted paths of an object's leaves ("data.usage.in"), for telling the user what
// the events carry when the mapping finds no tokens in them.
void leafPaths(const QJsonObject& o, const QString& prefix, QStringList& out) {
    for (auto it = o.begin(); it != o.end() && out.size() < 40; ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        if (it.value().isObject())
            leafPaths(it.value().toObject(), path, out);
        else if (!out.contains(path))
            out.append(path);
    }
}

} // namespace

int CloudEventsImporter::confidence(const QByteArray& head, const QString&) const {
    return head.contains("\"specversion\"") && head.contains("\"subject\"") ? 95 : 0;
}

void CloudEventsImporter::read(QIODevice& in, const QString& fileName, const ImportOptions& options,
                               UsageSink& sink) const {
    // Each canonical field's alternatives: the mapping's, else the defaults.
    const auto casesOf = [&](const char* canonical) -> const std::vector<MappingCase>& {
        const QString key = QString::fromLatin1(canonical);
        return options.mapping.contains(key) ? options.mapping.cases(key) : defaults().cases(key);
    };
    // The customer: the mapping's customer_id, else --customer-field, else subject.
    std::vector<MappingCase> customerCases = options.mapping.cases(QStringLiteral("customer_id"));
    if (customerCases.empty()) {
        MappingCase c;
        c.field =
            options.customerField.isEmpty() ? QStringLiteral("subject") : options.customerField;
        customerCases.push_back(c);
    }
    const std::vector<MappingCase>* tokens[TokenFieldCount];
    for (int t = 0; t < TokenFieldCount; ++t)
        tokens[t] = &casesOf(kTokenFields[t]);
    const std::vector<MappingCase>& requestCases = casesOf("requests");
    const std::vector<MappingCase>& modelCases = casesOf("model");
    const std::vector<MappingCase>& featureCases = casesOf("feature");
    const std::vector<MappingCase>& dateCases = casesOf("date");
    const std::vector<MappingCase>& eventIdCases =
        options.mapping.cases(QStringLiteral("event_id"));
    // The fields the token fields' conditions test, with every value they name: an
    // event whose value is none of them would have its tokens dropped unread.
    std::vector<MappingCondition> discriminators;
    QStringList lookedFor;
    for (const auto* cases : tokens)
        for (const MappingCase& c : *cases) {
            if (!c.field.isEmpty() && !lookedFor.contains(c.field))
                lookedFor.append(c.field);
            for (const MappingCondition& w : c.when) {
                auto it =
                    std::find_if(discriminators.begin(), discriminators.end(),
                                 [&](const MappingCondition& d) { return d.field == w.field; });
                if (it == discriminators.end())
                    it = discriminators.insert(discriminators.end(),
                                               MappingCondition{w.field, {}, false});
                for (const QString& v : w.values)
                    if (!it->values.contains(v))
                        it->values.append(v);
                it->orAbsent = it->orAbsent || w.orAbsent;
            }
        }

    std::int64_t line = 0, recorded = 0, withTokens = 0;
    QStringList seen; // what the events carry, for the no-tokens message
    UsageRecord r;
    while (!in.atEnd()) {
        const QByteArray text = in.readLine();
        ++line;
        if (text.trimmed().isEmpty())
            continue;
        const RecordOrigin origin{line,
                                  QString(),
                                  customerCases.front().field.isEmpty()
                                      ? QStringLiteral("customer_id")
                                      : customerCases.front().field,
                                  QStringLiteral("time"),
                                  nullptr,
                                  QString::fromUtf8(text.trimmed().left(2000))};
        const auto problem = [&](const QString& field, const QString& expected) {
            sink.problem(ImportProblem{line, QString(), field, expected, origin.raw});
        };
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            problem(QString(), QStringLiteral("one JSON event per line (%1)")
                                   .arg(doc.isObject() || error.error != QJsonParseError::NoError
                                            ? error.errorString()
                                            : QStringLiteral("not an object")));
            continue;
        }
        if (const std::optional<QString> twice = findDuplicateKey(text)) {
            problem(*twice, QStringLiteral("each key once in an object; this key is repeated "
                                           "(JSON keeps only one of them)"));
            continue;
        }
        const QJsonObject event = doc.object();
        if (seen.size() < 40)
            leafPaths(event.value(QStringLiteral("data")).toObject(), QStringLiteral("data"), seen);
        bool ok = true;
        // The alternative that applies to this event, and its value; nullptr when none.
        const auto pick = [&](const std::vector<MappingCase>& cases,
                              QJsonValue* value) -> const MappingCase* {
            for (const MappingCase& c : cases) {
                if (!std::all_of(c.when.begin(), c.when.end(),
                                 [&](const MappingCondition& w) { return holds(w, event); }))
                    continue;
                if (c.field.isEmpty()) {
                    *value = c.constant;
                    return &c;
                }
                *value = at(event, c.field);
                if (!absent(*value))
                    return &c;
            }
            return nullptr;
        };
        const auto count = [&](const std::vector<MappingCase>& cases, std::int64_t fallback,
                               bool* found, bool* includesCache) -> std::int64_t {
            QJsonValue v;
            const MappingCase* c = pick(cases, &v);
            if (found)
                *found = c != nullptr;
            if (!c)
                return fallback;
            if (includesCache)
                *includesCache = c->includesCache;
            // Meters send numbers or numeric strings ("25", as Stripe and OpenMeter do).
            std::optional<std::int64_t> n;
            if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()) &&
                v.toDouble() <= double(RecordRules::kMaxCount))
                n = std::int64_t(v.toDouble());
            else if (v.isString())
                n = parseCount(v.toString().toStdString());
            if (!n) {
                const QString name = c->field.isEmpty() ? QStringLiteral("value") : c->field;
                problem(name, v.isString() ? countExpectation(v.toString().toStdString())
                              : v.isDouble()
                                  ? countExpectation(v.toDouble())
                                  : QStringLiteral("a whole number >= 0, got %1")
                                        .arg(QString::fromUtf8(QJsonDocument(QJsonObject{{"v", v}})
                                                                   .toJson(QJsonDocument::Compact))
                                                 .mid(5)
                                                 .chopped(1)));
                ok = false;
                return 0;
            }
            return *n;
        };
        const QJsonValue specversion = event.value(QStringLiteral("specversion"));
        if (specversion.toString() != QLatin1String("1.0")) {
            problem(QStringLiteral("specversion"), QStringLiteral("\"1.0\""));
            continue;
        }
        for (const MappingCondition& d : discriminators)
            if (!holds(d, event)) {
                QStringList named = d.values;
                if (d.orAbsent)
                    named.append(QStringLiteral("absent"));
                problem(d.field,
                        QStringLiteral("one of %1 (the values the mapping's \"when\" names), got "
                                       "\"%2\"")
                            .arg(named.join(QStringLiteral(", ")),
                                 conditionText(at(event, d.field)).left(40)));
                ok = false;
            }
        QJsonValue customer;
        const MappingCase* customerCase = pick(customerCases, &customer);
        if (!customerCase || !customer.isString() || customer.toString().isEmpty()) {
            problem(origin.customerField, QStringLiteral("the customer as a non-empty string"));
            ok = false;
        }
        QJsonValue time;
        const MappingCase* dateCase = pick(dateCases, &time);
        const auto when = parseTimestamp(dateCase && time.isString() ? time.toString().toStdString()
                                                                     : std::string());
        if (!when) {
            problem(dateCase ? dateCase->field : QStringLiteral("time"),
                    QStringLiteral("an RFC 3339 time"));
            ok = false;
        }
        const QJsonValue id = event.value(QStringLiteral("id"));
        if (!id.isString() || id.toString().isEmpty()) {
            problem(QStringLiteral("id"), QStringLiteral("the event id as a non-empty string"));
            ok = false;
        }
        bool found[TokenFieldCount] = {};
        bool inputIncludesCache = false;
        const std::int64_t input = count(*tokens[Input], 0, &found[Input], &inputIncludesCache);
        r.cachedInputTokens = count(*tokens[Cached], 0, &found[Cached], nullptr);
        r.cacheWriteTokens = count(*tokens[Write5m], 0, &found[Write5m], nullptr);
        r.cacheWrite1hTokens = count(*tokens[Write1h], 0, &found[Write1h], nullptr);
        r.outputTokens = count(*tokens[Output], 0, &found[Output], nullptr);
        r.requests = count(requestCases, 1, nullptr, nullptr);
        if (!ok)
            continue;
        if (inputIncludesCache) {
            const std::optional<std::int64_t> uncached = RecordRules::uncachedInput(
                input, r.cachedInputTokens + r.cacheWriteTokens + r.cacheWrite1hTokens,
                QStringLiteral("total_input_tokens"),
                QStringLiteral("cached_input_tokens + cache_write_tokens + cache_write_1h_tokens"),
                QStringLiteral("; it includes cache reads and writes"), origin, sink);
            if (!uncached)
                continue;
            r.inputTokens = *uncached;
        } else {
            r.inputTokens = input;
        }
        if (std::any_of(std::begin(found), std::end(found), [](bool f) { return f; }))
            ++withTokens;
        QJsonValue model, feature, eventId;
        pick(modelCases, &model);
        pick(featureCases, &feature);
        r.customerId = customer.toString().toStdString();
        r.model = model.isString() && !model.toString().isEmpty() ? model.toString().toStdString()
                                                                  : "unknown";
        r.feature = feature.isString() ? feature.toString().toStdString() : "";
        r.periodStart = when->unixSeconds;
        r.periodSeconds = 0;
        // The CloudEvents idempotency key is source + id; a mapping may name another.
        if (!eventIdCases.empty() && pick(eventIdCases, &eventId))
            r.eventId = conditionText(eventId).toStdString();
        else
            r.eventId = (event.value(QStringLiteral("source")).toString() + QLatin1Char('/') +
                         id.toString())
                            .toStdString();
        r.reportedCostUsd = -1.0;
        r.sourceLine = line;
        if (RecordRules::accept(r, origin, sink)) {
            sink.record(r);
            ++recorded;
        }
        if (line % 4096 == 0) {
            sink.progress(in.pos());
            if (sink.cancelled())
                return;
        }
    }
    if (line == 0)
        throw InputError(fileName, QString(),
                         QStringLiteral("expected CloudEvents, one per line; the file is empty"));
    // Events that carry none of the token fields looked for would import as
    // zero-token records: a mapping that does not fit the meter. Refused, with what
    // the events do carry.
    if (recorded > 0 && withTokens == 0)
        throw InputError(
            fileName, QString(),
            QStringLiteral("expected token counts in the events, at %1; no event has any. The "
                           "events' data have: %2. Map the token fields with --mapping (see "
                           "docs/FILE_FORMATS.md, \"Field mappings\")")
                .arg(lookedFor.join(QStringLiteral(", ")), seen.isEmpty()
                                                               ? QStringLiteral("no fields")
                                                               : seen.join(QStringLiteral(", "))));
}

} // namespace marginal
