// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/formats/GenericCsvImporter.h"
#include "models/common/InputError.h"
#include "models/import/CsvReader.h"
#include "models/import/FieldParsing.h"
#include "models/import/RecordRules.h"
#include "models/import/TimeParsing.h"

#include <QBuffer>
#include <algorithm>

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
    const QString header = QString::fromUtf8(CsvReader::firstLine(head)).toLower();
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

namespace {

// One way to read a canonical field, compiled against the header: a column (or a
// constant) and the conditions, on other columns, under which it applies.
struct Test {
    int column = -1;
    std::vector<std::string> values;
    bool orAbsent = false;
};
struct Choice {
    int column = -1; // -1: the constant
    std::string constant;
    std::vector<Test> when;
    bool includesCache = false;
};

std::string_view trimmedView(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool holds(const Test& t, const std::vector<std::string>& row) {
    const std::string_view cell = trimmedView(row[std::size_t(t.column)]);
    if (cell.empty())
        return t.orAbsent;
    return std::find(t.values.begin(), t.values.end(), cell) != t.values.end();
}

} // namespace

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
    if (const int twice = CsvReader::repeatedColumn(names); twice >= 0)
        throw InputError(fileName, QStringLiteral("line 1"),
                         QStringLiteral("expected each column once; \"%1\" is column %2 and "
                                        "column %3 (only one of them would be read)")
                             .arg(names[twice])
                             .arg(names.indexOf(names[twice]) + 1)
                             .arg(twice + 1));
    const auto columnOf = [&](const QString& source, const QString& canonical) {
        const int c = int(names.indexOf(source.trimmed().toLower()));
        if (c < 0)
            throw InputError(fileName, QStringLiteral("line 1"),
                             QStringLiteral("expected a column \"%1\" (mapped to %2); the header "
                                            "has: %3")
                                 .arg(source, canonical, names.join(QStringLiteral(", "))));
        return c;
    };
    // How each canonical field is read: the mapping, else the first alias present.
    std::vector<Choice> choices[FieldCount];
    for (int f = 0; f < FieldCount; ++f) {
        const QString canonical = QString::fromLatin1(kCanonical[f]);
        if (options.mapping.contains(canonical)) {
            for (const MappingCase& m : options.mapping.cases(canonical)) {
                Choice c;
                c.includesCache = m.includesCache;
                if (m.field.isEmpty())
                    c.constant = m.constant.toStdString();
                else
                    c.column = columnOf(m.field, canonical);
                for (const MappingCondition& w : m.when) {
                    Test t;
                    t.column = columnOf(w.field, canonical);
                    for (const QString& v : w.values)
                        t.values.push_back(v.trimmed().toStdString());
                    t.orAbsent = w.orAbsent;
                    c.when.push_back(std::move(t));
                }
                choices[f].push_back(std::move(c));
            }
            continue;
        }
        if (f == Customer)
            continue; // chosen below
        for (const QString& alias : aliases()[f]) {
            const int c = int(names.indexOf(alias));
            if (c >= 0) {
                choices[f].push_back(Choice{c, {}, {}, false});
                break;
            }
        }
    }
    if (choices[Customer].empty()) {
        if (!options.customerField.isEmpty()) {
            const int c = int(names.indexOf(options.customerField.trimmed().toLower()));
            if (c < 0)
                throw InputError(fileName, QStringLiteral("line 1"),
                                 QStringLiteral("expected a column \"%1\" for the customer "
                                                "(--customer-field); the header has: %2")
                                     .arg(options.customerField, names.join(QStringLiteral(", "))));
            choices[Customer].push_back(Choice{c, {}, {}, false});
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
                choices[Customer].push_back(
                    Choice{int(names.indexOf(candidates.front())), {}, {}, false});
        }
    }
    QStringList missing;
    for (int f = 0; f < FieldCount; ++f)
        if (kRequired[f] && choices[f].empty())
            missing.append(QString::fromLatin1(kCanonical[f]));
    if (!missing.isEmpty())
        throw InputError(
            fileName, QStringLiteral("line 1"),
            QStringLiteral(
                "expected columns %1 (or an alias; see docs/FILE_FORMATS.md); the header has: %2")
                .arg(missing.join(QStringLiteral(", ")), names.join(QStringLiteral(", "))));
    // A field read from one column, always: the common case, read without a search.
    int direct[FieldCount];
    for (int f = 0; f < FieldCount; ++f)
        direct[f] = choices[f].size() == 1 && choices[f].front().when.empty() &&
                            choices[f].front().column >= 0 && !choices[f].front().includesCache
                        ? choices[f].front().column
                        : -2;
    // The columns the token fields' conditions test, with every value they name: a
    // row whose value is none of them would have its tokens dropped unread.
    std::vector<std::pair<int, Test>> discriminators;
    for (int f : {Input, Cached, CacheWrite, CacheWrite1h, Output})
        for (const Choice& c : choices[f])
            for (const Test& t : c.when) {
                auto it = std::find_if(discriminators.begin(), discriminators.end(),
                                       [&](const auto& d) { return d.first == t.column; });
                if (it == discriminators.end())
                    it = discriminators.insert(discriminators.end(),
                                               {t.column, Test{t.column, {}, false}});
                for (const std::string& v : t.values)
                    if (std::find(it->second.values.begin(), it->second.values.end(), v) ==
                        it->second.values.end())
                        it->second.values.push_back(v);
                it->second.orAbsent = it->second.orAbsent || t.orAbsent;
            }

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
        for (const auto& [column, test] : discriminators)
            if (!holds(test, row)) {
                QStringList named;
                for (const std::string& v : test.values)
                    named.append(QString::fromStdString(v));
                if (test.orAbsent)
                    named.append(QStringLiteral("empty"));
                sink.problem(ImportProblem{
                    line, QString(), names[column],
                    QStringLiteral("one of %1 (the values the mapping's \"when\" names), got %2")
                        .arg(named.join(QStringLiteral(", ")), quoted(row[std::size_t(column)])),
                    joinRaw(row)});
                ok = false;
            }
        // The alternative that gives field f in this row, or nullptr when none applies.
        const Choice* picked = nullptr;
        const auto pick = [&](int f) -> const Choice* {
            for (const Choice& c : choices[f]) {
                if (!std::all_of(c.when.begin(), c.when.end(),
                                 [&](const Test& t) { return holds(t, row); }))
                    continue;
                if (c.column < 0 || !row[std::size_t(c.column)].empty() ||
                    (choices[f].size() == 1 && c.when.empty()))
                    return &c;
            }
            return nullptr;
        };
        const auto chosen = [&](int f) -> std::string_view {
            picked = pick(f);
            if (!picked)
                return std::string_view();
            return picked->column >= 0 ? std::string_view(row[std::size_t(picked->column)])
                                       : std::string_view(picked->constant);
        };
        const auto text = [&](int f) -> std::string_view {
            return direct[f] >= 0 ? std::string_view(row[std::size_t(direct[f])]) : chosen(f);
        };
        const auto count = [&](int f) -> std::int64_t {
            const std::string_view t = text(f);
            if (choices[f].empty() || (direct[f] < 0 && !picked)) // no alternative applies
                return 0;
            if (t.empty() && !kRequired[f])
                return 0;
            const std::optional<std::int64_t> v = parseCount(t);
            if (!v) {
                problem(f, countExpectation(t));
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
        const std::int64_t input = count(Input);
        const bool inputIncludesCache = direct[Input] < 0 && picked && picked->includesCache;
        r.cachedInputTokens = count(Cached);
        r.cacheWriteTokens = count(CacheWrite);
        r.cacheWrite1hTokens = count(CacheWrite1h);
        r.outputTokens = count(Output);
        r.requests = count(Requests);
        r.reportedCostUsd = -1.0;
        if (!choices[Cost].empty() && !text(Cost).empty()) {
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
        // Built only for a row with a problem: a million-row import builds none.
        const auto origin = [&] {
            return RecordOrigin{
                line, QString(), QStringLiteral("customer_id"), QStringLiteral("date"),
                &row, QString()};
        };
        if (inputIncludesCache) {
            const std::optional<std::int64_t> uncached = RecordRules::uncachedInput(
                input, r.cachedInputTokens + r.cacheWriteTokens + r.cacheWrite1hTokens,
                QStringLiteral("total_input_tokens"),
                QStringLiteral("cached_input_tokens + cache_write_tokens + cache_write_1h_tokens"),
                QStringLiteral("; it includes cache reads and writes"), origin(), sink);
            if (!uncached)
                continue;
            r.inputTokens = *uncached;
        } else {
            r.inputTokens = input;
        }
        r.customerId.assign(text(Customer));
        r.model.assign(text(Model));
        r.periodStart = when->unixSeconds;
        r.periodSeconds = when->dateOnly ? 86400 : 0;
        r.eventId.assign(text(EventId));
        r.feature.assign(text(Feature));
        r.sourceLine = line;
        if (RecordRules::isClean(r) || RecordRules::accept(r, origin(), sink))
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
