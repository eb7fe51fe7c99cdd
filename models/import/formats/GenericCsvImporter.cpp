#include "models/import/formats/GenericCsvImporter.h"
#include "models/import/CsvReader.h"
#include "models/import/FieldParsing.h"
#include "models/common/InputError.h"
#include "models/import/TimeParsing.h"

#include <QBuffer>

namespace marginal {

namespace {

enum Field {
    Customer,
    Date,
    Model,
    Input,
    Cached,
    CacheWrite,
    CacheWrite1h,
    Output,
    Requests,
    EventId,
    Feature,
    Cost,
    FieldCount
};
const char* const kCanonical[FieldCount] = {"customer_id",
                                            "date",
                                            "model",
                                            "input_tokens",
                                            "cached_input_tokens",
                                            "cache_write_tokens",
                                            "cache_write_1h_tokens",
                                            "output_tokens",
                                            "requests",
                                            "event_id",
                                            "feature",
                                            "cost_usd"};
const bool kRequired[FieldCount] = {true,  true, true,  true,  false, false,
                                    false, true, false, false, false, false};

// Header names as they are matched against aliases and mappings.
QStringList columnNames(const std::vector<std::string>& header) {
    QStringList names;
    for (const std::string& h : header)
        names.append(QString::fromUtf8(h.data(), qsizetype(h.size())).trimmed().toLower());
    return names;
}

QString joinRaw(const std::vector<std::string>& fields) {
    QStringList parts;
    for (const std::string& f : fields)
        parts.append(QString::fromUtf8(f.data(), qsizetype(f.size())));
    return parts.join(u',');
}

} // namespace

QStringList GenericCsvImporter::canonicalFields() {
    QStringList names;
    for (const char* name : kCanonical)
        names.append(QString::fromLatin1(name));
    return names;
}

const QStringList& GenericCsvImporter::customerAliases() {
    static const QStringList names = {
        "customer_id", "customer",    "account_id", "org_id",       "organization_id", "user_id",
        "end_user",    "end_user_id", "project_id", "workspace_id", "api_key_id",      "team_id"};
    return names;
}

const QList<QStringList>& GenericCsvImporter::aliases() {
    static const QList<QStringList> table = {
        customerAliases(),
        {"date", "day", "timestamp", "period_start", "time", "start_time", "starttime"},
        {"model", "model_name"},
        {"input_tokens", "uncached_input_tokens", "prompt_tokens"},
        {"cached_input_tokens", "cache_read_input_tokens", "cached_tokens", "input_cached_tokens"},
        {"cache_write_tokens", "cache_creation_input_tokens", "cache_write_5m_tokens"},
        {"cache_write_1h_tokens"},
        {"output_tokens", "completion_tokens"},
        {"requests", "calls", "num_requests", "api_requests", "num_model_requests",
         "request_count"},
        {"event_id", "request_id"},
        {"feature"},
        {"cost_usd", "cost", "spend"},
    };
    return table;
}

QStringList GenericCsvImporter::headerColumns(const QByteArray& head) {
    QBuffer buffer;
    buffer.setData(head);
    buffer.open(QIODevice::ReadOnly);
    CsvReader csv(buffer, CsvReader::sniffDelimiter(head));
    std::vector<std::string> header;
    csv.next(header);
    return columnNames(header);
}

QStringList GenericCsvImporter::customerFields(const QByteArray& head) const {
    // The header's columns that name a customer; all of them when none does (any
    // column can be chosen).
    const QStringList columns = headerColumns(head);
    QStringList customers;
    for (const QString& column : columns)
        if (customerAliases().contains(column))
            customers.append(column);
    return customers.isEmpty() ? columns : customers;
}

QString GenericCsvImporter::description() const {
    return QStringLiteral(
        "Generic CSV: customer_id,date,model,input_tokens (uncached),cached_input_tokens,"
        "cache_write_tokens,output_tokens,requests");
}

int GenericCsvImporter::confidence(const QByteArray& head, const QString& fileName) const {
    QByteArray text = head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head;
    const qsizetype end = text.indexOf('\n');
    const QString header = QString::fromUtf8(end < 0 ? text : text.left(end)).toLower();
    if (header.trimmed().startsWith(u'{') || header.trimmed().startsWith(u'['))
        return 0;
    int hits = 0;
    for (const QStringList& names : aliases())
        for (const QString& name : names)
            if (header.contains(name)) {
                ++hits;
                break;
            }
    if (hits >= 4)
        return 50 + hits;
    return fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? 10 : 0;
}

void GenericCsvImporter::read(QIODevice& in, const QString& fileName, const ImportOptions& options,
                              UsageSink& sink) const {
    const char delimiter = CsvReader::sniffDelimiter(in.peek(1 << 16));
    CsvReader csv(in, delimiter);
    std::vector<std::string> header;
    if (!csv.next(header) || (header.size() == 1 && header[0].empty()))
        throw InputError(fileName, QStringLiteral("line 1"),
                         QStringLiteral("expected a header row, the file is empty"));
    if (!isValidUtf8(header[0]))
        throw InputError(fileName, QStringLiteral("line 1"), QStringLiteral("expected UTF-8 text"));

    const QStringList names = columnNames(header);
    // Column of each canonical field: explicit mapping, then aliases.
    int column[FieldCount];
    for (int f = 0; f < FieldCount; ++f) {
        column[f] = -1;
        const QString canonical = QString::fromLatin1(kCanonical[f]);
        if (options.mapping.contains(canonical)) {
            column[f] = int(names.indexOf(options.mapping.value(canonical).trimmed().toLower()));
            if (column[f] < 0)
                throw InputError(fileName, QStringLiteral("line 1"),
                                 QStringLiteral("expected a column \"%1\" (mapped to %2)")
                                     .arg(options.mapping.value(canonical), canonical));
            continue;
        }
        if (f == Customer)
            continue; // chosen below
        for (const QString& alias : aliases()[f]) {
            column[f] = int(names.indexOf(alias));
            if (column[f] >= 0)
                break;
        }
    }
    if (column[Customer] < 0) {
        if (!options.customerField.isEmpty()) {
            column[Customer] = int(names.indexOf(options.customerField.trimmed().toLower()));
            if (column[Customer] < 0)
                throw InputError(fileName, QStringLiteral("line 1"),
                                 QStringLiteral("expected a column \"%1\" for the customer "
                                                "(--customer-field); the header has: %2")
                                     .arg(options.customerField, names.join(QStringLiteral(", "))));
        } else {
            QStringList candidates;
            for (const QString& alias : customerAliases())
                if (names.contains(alias))
                    candidates.append(alias);
            if (candidates.size() > 1)
                throw InputError(fileName, QStringLiteral("line 1"),
                                 QStringLiteral("expected one customer column; several fit (%1): "
                                                "choose one with --customer-field")
                                     .arg(candidates.join(QStringLiteral(", "))));
            if (candidates.size() == 1)
                column[Customer] = int(names.indexOf(candidates.front()));
        }
    }
    QStringList missing;
    for (int f = 0; f < FieldCount; ++f)
        if (kRequired[f] && column[f] < 0)
            missing.append(QString::fromLatin1(kCanonical[f]));
    if (!missing.isEmpty())
        throw InputError(
            fileName, QStringLiteral("line 1"),
            QStringLiteral(
                "expected columns %1 (or an alias; see docs/FILE_FORMATS.md); the header has: %2")
                .arg(missing.join(QStringLiteral(", ")), names.join(QStringLiteral(", "))));

    std::vector<std::string> row;
    UsageRecord r;
    std::int64_t rows = 0;
    while (csv.next(row)) {
        if (row.size() == 1 && row[0].empty())
            continue; // blank line
        const std::int64_t line = csv.recordLine();
        const auto problem = [&](int f, const QString& expected) {
            sink.problem(ImportProblem{line, QString(),
                                       f >= 0 ? QString::fromLatin1(kCanonical[f]) : QString(),
                                       expected, joinRaw(row)});
        };
        if (csv.unterminatedQuote()) {
            problem(-1, QStringLiteral("a closing quote (the file ends inside a quoted field)"));
            break;
        }
        if (row.size() != header.size()) {
            problem(-1, QStringLiteral("%1 fields as in the header, got %2")
                            .arg(header.size())
                            .arg(row.size()));
            continue;
        }
        bool ok = true;
        const auto text = [&](int f) -> std::string_view {
            return column[f] >= 0 ? std::string_view(row[std::size_t(column[f])])
                                  : std::string_view();
        };
        const auto count = [&](int f) -> std::int64_t {
            const std::string_view t = text(f);
            if (column[f] < 0 || (t.empty() && !kRequired[f]))
                return 0;
            const std::optional<std::int64_t> v = parseCount(t);
            if (!v) {
                problem(f, QStringLiteral("a whole number >= 0, got %1").arg(quoted(t)));
                ok = false;
                return 0;
            }
            return *v;
        };
        for (int f : {Customer, Model}) {
            const std::string_view t = text(f);
            if (t.empty()) {
                problem(f, QStringLiteral("a value, the field is empty"));
                ok = false;
            } else if (!isValidUtf8(t)) {
                problem(f, QStringLiteral("UTF-8 text (is the file in another encoding?)"));
                ok = false;
            }
        }
        const std::optional<ParsedTime> when = parseTimestamp(text(Date));
        if (!when) {
            problem(Date, QStringLiteral(
                              "a date (YYYY-MM-DD), an ISO 8601 date-time or unix seconds, got %1")
                              .arg(quoted(text(Date))));
            ok = false;
        }
        r.inputTokens = count(Input);
        r.cachedInputTokens = count(Cached);
        r.cacheWriteTokens = count(CacheWrite);
        r.cacheWrite1hTokens = count(CacheWrite1h);
        r.outputTokens = count(Output);
        r.requests = count(Requests);
        r.reportedCostUsd = -1.0;
        if (column[Cost] >= 0 && !text(Cost).empty()) {
            const std::optional<double> cost = parseDecimal(text(Cost));
            if (!cost || *cost < 0) {
                problem(Cost, QStringLiteral("a cost in USD >= 0, got %1").arg(quoted(text(Cost))));
                ok = false;
            } else {
                r.reportedCostUsd = *cost;
            }
        }
        if (!ok)
            continue;
        r.customerId.assign(text(Customer));
        r.model.assign(text(Model));
        r.periodStart = when->unixSeconds;
        r.periodSeconds = when->dateOnly ? 86400 : 0;
        r.eventId.assign(text(EventId));
        r.feature.assign(text(Feature));
        r.sourceLine = line;
        sink.record(r);
        if (++rows % 4096 == 0) {
            sink.progress(csv.bytesRead());
            if (sink.cancelled())
                return;
        }
    }
    sink.progress(csv.bytesRead());
}

} // namespace marginal
