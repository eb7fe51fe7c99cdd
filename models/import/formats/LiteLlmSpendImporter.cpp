#include "models/import/formats/LiteLlmSpendImporter.h"
#include "models/import/CsvReader.h"
#include "models/import/FieldParsing.h"
#include "models/common/InputError.h"
#include "models/import/TimeParsing.h"

namespace marginal {

QStringList LiteLlmSpendImporter::customerFields(const QByteArray& head) const {
    // The daily end-user spend table has end_user_id; the spend logs, end_user.
    const qsizetype end = head.indexOf('\n');
    if ((end < 0 ? head : head.left(end)).contains("end_user_id"))
        return {QStringLiteral("end_user_id"), QStringLiteral("api_key")};
    return {QStringLiteral("end_user"), QStringLiteral("user"), QStringLiteral("team_id"),
            QStringLiteral("organization_id"), QStringLiteral("api_key")};
}

namespace {

QByteArray firstLine(const QByteArray& head) {
    const QByteArray text = head.startsWith("\xEF\xBB\xBF") ? head.mid(3) : head;
    const qsizetype end = text.indexOf('\n');
    return (end < 0 ? text : text.left(end)).toLower();
}

} // namespace

int LiteLlmSpendImporter::confidence(const QByteArray& head, const QString&) const {
    const QByteArray header = firstLine(head);
    if (header.contains("request_id") && header.contains("prompt_tokens") &&
        header.contains("spend"))
        return 90;
    if (header.contains("end_user_id") && header.contains("api_requests"))
        return 90;
    return 0;
}

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
        in.seek(dataStart);
    } else {
        in.seek(dataStart);
    }

    CsvReader csv(in, delimiter);
    std::vector<std::string> row;
    csv.next(row); // the header again
    const int customerCol = col(customer.toLatin1().constData());
    const int timeCol = col(daily ? "date" : "startTime"), modelCol = col("model"),
              groupCol = col("model_group");
    const int promptCol = col("prompt_tokens"), completionCol = col("completion_tokens");
    const int readCol = col("cache_read_input_tokens"),
              writeCol = col("cache_creation_input_tokens");
    const int requestsCol = col("api_requests"), spendCol = col("spend"), idCol = col("request_id");
    const int callTypeCol = col("call_type");
    UsageRecord r;
    std::int64_t rows = 0;
    while (csv.next(row)) {
        if (row.size() == 1 && row[0].empty())
            continue;
        const std::int64_t line = csv.recordLine();
        QStringList raw;
        const auto problem = [&](const QString& field, const QString& expected) {
            for (const std::string& f : row)
                raw.append(QString::fromUtf8(f.data(), qsizetype(f.size())));
            sink.problem(ImportProblem{line, QString(), field, expected, raw.join(u',')});
        };
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
                problem(QString::fromLatin1(field),
                        QStringLiteral("a whole number >= 0, got %1").arg(quoted(text(c))));
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
        const std::int64_t cacheRead = count(readCol, "cache_read_input_tokens");
        const std::int64_t cacheWrite = count(writeCol, "cache_creation_input_tokens");
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
        r.customerId.assign(text(customerCol));
        r.model.assign(!text(modelCol).empty() ? text(modelCol) : text(groupCol));
        if (r.model.empty())
            r.model = "unknown";
        r.periodStart = when->unixSeconds;
        r.periodSeconds = daily ? 86400 : 0;
        r.cachedInputTokens = cacheRead;
        r.cacheWriteTokens = cacheWrite;
        r.cacheWrite1hTokens = 0;
        r.inputTokens = std::max<std::int64_t>(0, prompt - cacheRead - cacheWrite);
        r.outputTokens = output;
        r.requests = requests;
        r.eventId.assign(daily ? std::string_view() : text(idCol));
        r.feature.assign(text(callTypeCol));
        r.sourceLine = line;
        sink.record(r);
        if (++rows % 4096 == 0) {
            sink.progress(csv.bytesRead());
            if (sink.cancelled())
                return;
        }
    }
}

} // namespace marginal
