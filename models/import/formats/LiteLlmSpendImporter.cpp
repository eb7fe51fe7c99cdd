// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/formats/LiteLlmSpendImporter.h"
#include "models/common/InputError.h"
#include "models/import/CsvReader.h"
#include "models/import/FieldParsing.h"
#include "models/import/RecordRules.h"
#include "models/import/TimeParsing.h"
#include "models/json/JsonDuplicateKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace marginal {

QStringList LiteLlmSpendImporter::customerFields(const QByteArray& head) const {
    // The daily end-user spend table has end_user_id; the spend logs, end_user.
    if (CsvReader::firstLine(head).contains("end_user_id"))
        return {QStringLiteral("end_user_id"), QStringLiteral("api_key")};
    return {QStringLiteral("end_user"), QStringLiteral("user"), QStringLiteral("team_id"),
            QStringLiteral("organization_id"), QStringLiteral("api_key")};
}

int LiteLlmSpendImporter::confidence(const QByteArray& head, const QString&) const {
    const QByteArray header = CsvReader::firstLine(head).toLower();
    if (header.contains("request_id") && header.contains("prompt_tokens") &&
        header.contains("spend"))
        return 90;
    if (header.contains("end_user_id") && header.contains("api_requests"))
        return 90;
    return 0;
}

namespace {

// The cache counts LiteLLM keeps for one request in its metadata JSON, under
// usage_object (docs/FILE_FORMATS.md, "LiteLLM").
struct CacheCounts {
    std::int64_t read = 0, write = 0, write1h = 0;
};

// A count in the usage object: absent or null is 0; anything but a whole number from
// 0 to 10^15 is a problem (reported by the caller with the returned path).
std::optional<std::int64_t> jsonCount(const QJsonValue& v) {
    if (v.isUndefined() || v.isNull())
        return 0;
    const double d = v.isDouble() ? v.toDouble() : -1.0;
    if (!v.isDouble() || d < 0 || d != std::floor(d) || d > double(RecordRules::kMaxCount))
        return std::nullopt;
    return std::int64_t(d);
}

QString jsonText(const QJsonValue& v) {
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1)
        .left(60);
}

// Reads the cache counts from a spend log's metadata: cache reads from
// cache_read_input_tokens (Anthropic's name) or prompt_tokens_details.cached_tokens
// (OpenAI's), writes from cache_creation_input_tokens with the 1-hour part under
// cache_creation_token_details. False, with the problem reported, when the metadata
// is not what LiteLLM writes.
bool readCache(std::string_view metadata, CacheCounts& cache, const RecordOrigin& origin,
               UsageSink& sink) {
    const QByteArray bytes(metadata.data(), qsizetype(metadata.size()));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        sink.problem(RecordRules::problemAt(
            origin, QStringLiteral("metadata"),
            QStringLiteral("a JSON object (LiteLLM's request metadata): %1")
                .arg(doc.isArray() ? QStringLiteral("an array") : error.errorString())));
        return false;
    }
    if (const std::optional<QString> twice = findDuplicateKey(bytes, QStringLiteral("metadata"))) {
        sink.problem(RecordRules::problemAt(
            origin, *twice,
            QStringLiteral("each key once in an object; this key is repeated (JSON keeps only "
                           "one of them)")));
        return false;
    }
    const QJsonValue usage = doc.object().value(QStringLiteral("usage_object"));
    if (usage.isUndefined() || usage.isNull())
        return true; // LiteLLM writes no usage object for some calls: no cache counts
    const QString at = QStringLiteral("metadata.usage_object");
    if (!usage.isObject()) {
        sink.problem(RecordRules::problemAt(
            origin, at, QStringLiteral("an object, got %1").arg(jsonText(usage))));
        return false;
    }
    const QJsonObject u = usage.toObject();
    bool ok = true;
    const auto get = [&](const QJsonObject& o, const QString& path, const char* key,
                         bool* present) -> std::int64_t {
        const QJsonValue v = o.value(QLatin1String(key));
        if (present)
            *present = !v.isUndefined() && !v.isNull();
        const std::optional<std::int64_t> n = jsonCount(v);
        if (!n) {
            sink.problem(RecordRules::problemAt(
                origin, path + u'.' + QLatin1String(key),
                v.isDouble() ? countExpectation(v.toDouble())
                             : QStringLiteral("a whole number >= 0, got %1").arg(jsonText(v))));
            ok = false;
            return 0;
        }
        return *n;
    };
    const QString detailsPath = at + QStringLiteral(".prompt_tokens_details");
    const QJsonObject details = u.value(QStringLiteral("prompt_tokens_details")).toObject();
    QString ttlPath = at + QStringLiteral(".cache_creation_token_details");
    QJsonObject ttl = u.value(QStringLiteral("cache_creation_token_details")).toObject();
    if (ttl.isEmpty()) {
        ttlPath = detailsPath + QStringLiteral(".cache_creation_token_details");
        ttl = details.value(QStringLiteral("cache_creation_token_details")).toObject();
    }
    bool hasRead = false, hasWrite = false, has5m = false, has1h = false;
    cache.read = get(u, at, "cache_read_input_tokens", &hasRead);
    if (!hasRead)
        cache.read = get(details, detailsPath, "cached_tokens", nullptr);
    cache.write = get(u, at, "cache_creation_input_tokens", &hasWrite);
    const std::int64_t write5m = get(ttl, ttlPath, "ephemeral_5m_input_tokens", &has5m);
    cache.write1h = get(ttl, ttlPath, "ephemeral_1h_input_tokens", &has1h);
    if (!hasWrite)
        cache.write = has5m || has1h ? write5m + cache.write1h
                                     : get(details, detailsPath, "cache_creation_tokens", nullptr);
    if (!ok)
        return false;
    // The 1-hour writes are a part of all writes: the one rule for parts and wholes.
    return RecordRules::uncachedInput(
               cache.write, cache.write1h, QStringLiteral("cache_creation_input_tokens"),
               ttlPath + QStringLiteral(".ephemeral_1h_input_tokens"),
               QStringLiteral("; the 1-hour writes are part of them"), origin, sink)
        .has_value();
}

} // namespace

void LiteLlmSpendImporter::read(QIODevice& in, const QString& fileName,
                                const ImportOptions& options, UsageSink& sink) const {
    const char delimiter = CsvReader::sniffDelimiter(in.peek(1 << 16));
    const qint64 dataStart = in.pos();
    CsvReader header(in, delimiter);
    std::vector<std::string> names;
    if (!header.next(names))
        throw InputError(fileName, QStringLiteral("line 1"),
                         QStringLiteral("expected a header row, the file is empty"));
    QStringList columns;
    for (const std::string& n : names)
        columns.append(QString::fromUtf8(n.data(), qsizetype(n.size())).trimmed());
    if (const int twice = CsvReader::repeatedColumn(columns); twice >= 0)
        throw InputError(fileName, QStringLiteral("line 1"),
                         QStringLiteral("expected each column once; \"%1\" is column %2 and "
                                        "column %3 (only one of them would be read)")
                             .arg(columns[twice])
                             .arg(columns.indexOf(columns[twice]) + 1)
                             .arg(twice + 1));
    const auto col = [&](const char* name) {
        return int(columns.indexOf(QString::fromLatin1(name)));
    };
    const bool daily = col("end_user_id") >= 0;
    const QStringList candidates = customerFields(daily ? QByteArray("end_user_id") : QByteArray());
    const QStringList required =
        daily
            ? QStringList{"date", "model", "prompt_tokens", "completion_tokens"}
            : QStringList{"request_id", "startTime", "model", "prompt_tokens", "completion_tokens"};
    QStringList missing;
    for (const QString& r : required)
        if (!columns.contains(r))
            missing.append(r);
    if (!missing.isEmpty())
        throw InputError(
            fileName, QStringLiteral("line 1"),
            QStringLiteral("expected LiteLLM %1 columns %2; the header has: %3")
                .arg(daily ? QStringLiteral("daily end-user spend") : QStringLiteral("spend log"),
                     missing.join(QStringLiteral(", ")), columns.join(QStringLiteral(", "))));

    // The customer column: the user's choice, else the only candidate with values
    // (a first pass over the file finds which have any).
    QString customer = options.customerField;
    if (!customer.isEmpty() && !candidates.contains(customer) && !columns.contains(customer))
        throw InputError(fileName, QStringLiteral("line 1"),
                         QStringLiteral("expected --customer-field to be one of %1, got \"%2\"")
                             .arg(candidates.join(QStringLiteral(", ")), customer));
    if (customer.isEmpty()) {
        QStringList withValues;
        std::vector<std::string> row;
        while (header.next(row))
            for (const QString& c : candidates) {
                const int i = col(c.toLatin1().constData());
                if (i >= 0 && std::size_t(i) < row.size() && !row[std::size_t(i)].empty() &&
                    !withValues.contains(c))
                    withValues.append(c);
            }
        if (withValues.size() > 1)
            throw InputError(
                fileName, QString(),
                QStringLiteral(
                    "expected one customer field; several have values (%1): choose one with "
                    "--customer-field")
                    .arg(withValues.join(QStringLiteral(", "))));
        if (withValues.isEmpty())
            throw InputError(fileName, QString(),
                             QStringLiteral("expected a customer in one of %1; all are empty")
                                 .arg(candidates.join(QStringLiteral(", "))));
        customer = withValues.front();
    }
    if (!in.seek(dataStart))
        throw InputError(fileName, QString(), QStringLiteral("cannot read the file again"));

    CsvReader csv(in, delimiter);
    std::vector<std::string> row;
    csv.next(row); // the header again
    const int customerCol = col(customer.toLatin1().constData());
    const int timeCol = col(daily ? "date" : "startTime"), modelCol = col("model"),
              groupCol = col("model_group");
    const int promptCol = col("prompt_tokens"), completionCol = col("completion_tokens"),
              totalCol = col("total_tokens");
    const int readCol = col("cache_read_input_tokens"),
              writeCol = col("cache_creation_input_tokens"), metadataCol = col("metadata");
    const int requestsCol = col("api_requests"), spendCol = col("spend"), idCol = col("request_id");
    const int callTypeCol = col("call_type"), statusCol = col("status");
    UsageRecord r;
    std::int64_t rows = 0;
    while (csv.next(row)) {
        if (row.size() == 1 && row[0].empty())
            continue;
        const std::int64_t line = csv.recordLine();
        const RecordOrigin origin{line, QString(), customer, columns[timeCol], &row, QString()};
        const auto problem = [&](const QString& field, const QString& expected) {
            QStringList raw;
            for (const std::string& f : row)
                raw.append(QString::fromUtf8(f.data(), qsizetype(f.size())));
            sink.problem(ImportProblem{line, QString(), field, expected, raw.join(u',')});
        };
        if (csv.unterminatedQuote()) {
            problem(QString(),
                    QStringLiteral("a closing quote (the file ends inside a quoted field)"));
            break;
        }
        if (row.size() != names.size()) {
            problem(QString(), QStringLiteral("%1 fields as in the header, got %2")
                                   .arg(names.size())
                                   .arg(row.size()));
            continue;
        }
        const auto text = [&](int c) {
            return c >= 0 ? std::string_view(row[std::size_t(c)]) : std::string_view();
        };
        bool ok = true;
        const auto count = [&](int c, const char* field) -> std::int64_t {
            if (c < 0 || text(c).empty())
                return 0;
            const auto v = parseCount(text(c));
            if (!v) {
                problem(QString::fromLatin1(field), countExpectation(text(c)));
                ok = false;
            }
            return v.value_or(0);
        };
        const auto when = parseTimestamp(text(timeCol));
        if (!when) {
            problem(
                columns[timeCol],
                QStringLiteral("a date or an ISO 8601 time, got %1").arg(quoted(text(timeCol))));
            ok = false;
        }
        if (text(customerCol).empty() || !isValidUtf8(text(customerCol))) {
            problem(customer,
                    QStringLiteral("a customer id (UTF-8 text), the field is empty or not UTF-8"));
            ok = false;
        }
        const std::int64_t prompt = count(promptCol, "prompt_tokens");
        const std::int64_t output = count(completionCol, "completion_tokens");
        const std::int64_t total = count(totalCol, "total_tokens");
        CacheCounts cache;
        QString readName = QStringLiteral("cache_read_input_tokens"),
                writeName = QStringLiteral("cache_creation_input_tokens");
        if (daily) {
            cache.read = count(readCol, "cache_read_input_tokens");
            cache.write = count(writeCol, "cache_creation_input_tokens");
        } else if (metadataCol >= 0 && !text(metadataCol).empty()) {
            readName = QStringLiteral("metadata.usage_object.cache_read_input_tokens");
            writeName = QStringLiteral("metadata.usage_object.cache_creation_input_tokens");
            if (!readCache(text(metadataCol), cache, origin, sink))
                ok = false;
        }
        const std::int64_t requests = daily ? count(requestsCol, "api_requests") : 1;
        r.reportedCostUsd = -1.0;
        if (spendCol >= 0 && !text(spendCol).empty()) {
            const auto spend = parseDecimal(text(spendCol));
            if (!spend || *spend < 0) {
                problem(QStringLiteral("spend"),
                        QStringLiteral("a cost in USD >= 0, got %1").arg(quoted(text(spendCol))));
                ok = false;
            } else {
                r.reportedCostUsd = *spend;
            }
        }
        if (!ok)
            continue;
        // Uncached input. prompt_tokens includes cache reads; since about v1.77 it
        // includes cache writes too, before then it did not. The row tells which: a
        // total_tokens that counts the writes beside prompt_tokens, or a prompt
        // smaller than reads + writes, is the older export.
        const std::optional<std::int64_t> afterReads = RecordRules::uncachedInput(
            prompt, cache.read, QStringLiteral("prompt_tokens"), readName,
            QStringLiteral("; LiteLLM's prompt tokens include cache reads"), origin, sink);
        if (!afterReads)
            continue;
        const bool writesOutsidePrompt =
            cache.write > 0 &&
            ((totalCol >= 0 && !text(totalCol).empty() && total == prompt + output + cache.write) ||
             *afterReads < cache.write);
        r.inputTokens = writesOutsidePrompt ? *afterReads : *afterReads - cache.write;
        r.cachedInputTokens = cache.read;
        r.cacheWrite1hTokens = cache.write1h;
        r.cacheWriteTokens = cache.write - cache.write1h;
        r.outputTokens = output;
        r.requests = requests;
        // A failed request still counts as a request; LiteLLM bills nothing for it.
        const std::string_view status = text(statusCol);
        if (!daily && !status.empty() && status != "success")
            r.reportedCostUsd = 0.0;
        r.customerId.assign(text(customerCol));
        r.model.assign(!text(modelCol).empty() ? text(modelCol) : text(groupCol));
        if (r.model.empty())
            r.model = "unknown";
        r.periodStart = when->unixSeconds;
        r.periodSeconds = daily ? 86400 : 0;
        r.eventId.assign(daily ? std::string_view() : text(idCol));
        r.feature.assign(text(callTypeCol));
        r.sourceLine = line;
        if (RecordRules::accept(r, origin, sink))
            sink.record(r);
        if (++rows % 4096 == 0) {
            sink.progress(csv.bytesRead());
            if (sink.cancelled())
                return;
        }
    }
}

} // namespace marginal
