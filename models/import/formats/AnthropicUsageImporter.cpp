// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/formats/AnthropicUsageImporter.h"
#include "models/common/InputError.h"
#include "models/import/JsonUsagePages.h"
#include "models/import/RecordRules.h"
#include "models/import/TimeParsing.h"

namespace marginal {

QStringList AnthropicUsageImporter::customerFields(const QByteArray&) const {
    return {QStringLiteral("api_key_id"), QStringLiteral("workspace_id")};
}

int AnthropicUsageImporter::confidence(const QByteArray& head, const QString&) const {
    if (head.contains("\"uncached_input_tokens\"") && head.contains("\"starting_at\""))
        return 100;
    if (head.contains("\"cost_type\"") && head.contains("\"starting_at\""))
        return 90; // a cost report: read() explains that costs are not usage
    return head.contains("\"cache_creation\"") ? 60 : 0;
}

void AnthropicUsageImporter::read(QIODevice& in, const QString& fileName,
                                  const ImportOptions& options, UsageSink& sink) const {
    // A cost export says so in its first result; the file itself is streamed.
    if (in.peek(1 << 16).contains("\"cost_type\""))
        throw InputError(
            fileName, QString(),
            QStringLiteral(
                "expected a usage report; this is a cost report, which has amounts but no token "
                "counts"));
    const JsonUsagePages pages(in, fileName,
                               {QStringLiteral("starting_at"), QStringLiteral("ending_at")});
    const QString customerField = pages.customerField(customerFields(QByteArray()), options);
    std::int64_t record = 0;
    UsageRecord r;
    pages.forEachResult([&](const JsonNode& bucket, const JsonNode& result) {
        ++record;
        const JsonNode startNode = bucket[QStringLiteral("starting_at")];
        const JsonNode endNode = bucket[QStringLiteral("ending_at")];
        const auto start =
            parseTimestamp(startNode.isString() ? startNode.value().toString().toStdString() : "");
        const auto end =
            parseTimestamp(endNode.isString() ? endNode.value().toString().toStdString() : "");
        if (!start || !end || end->unixSeconds < start->unixSeconds) {
            sink.problem(ImportProblem{
                record, (start ? endNode : startNode).path(), QString(),
                QStringLiteral("an RFC 3339 time (2025-08-01T00:00:00Z), ending after the start"),
                QString()});
            return;
        }
        const JsonNode cacheCreation = result.optional(QStringLiteral("cache_creation"));
        const auto uncached = JsonUsagePages::count(
            result.optional(QStringLiteral("uncached_input_tokens")), record, sink);
        const auto read = JsonUsagePages::count(
            result.optional(QStringLiteral("cache_read_input_tokens")), record, sink);
        const auto output =
            JsonUsagePages::count(result.optional(QStringLiteral("output_tokens")), record, sink);
        std::optional<std::int64_t> write5m = 0, write1h = 0;
        if (!cacheCreation.isNull()) {
            if (!cacheCreation.isObject()) {
                sink.problem(
                    ImportProblem{record, cacheCreation.path(), QString(),
                                  QStringLiteral("an object with ephemeral_5m_input_tokens and "
                                                 "ephemeral_1h_input_tokens"),
                                  QString()});
                return;
            }
            write5m = JsonUsagePages::count(
                cacheCreation.optional(QStringLiteral("ephemeral_5m_input_tokens")), record, sink);
            write1h = JsonUsagePages::count(
                cacheCreation.optional(QStringLiteral("ephemeral_1h_input_tokens")), record, sink);
        }
        if (!uncached || !read || !output || !write5m || !write1h)
            return;
        // A null workspace is the organisation's default workspace.
        const std::optional<std::string> customer = JsonUsagePages::customerOf(
            result, customerField,
            customerField == QLatin1String("workspace_id") ? "default" : "(none)", record, sink);
        if (!customer)
            return;
        r.customerId = *customer;
        r.model = JsonUsagePages::modelOf(result);
        r.periodStart = start->unixSeconds;
        r.periodSeconds = std::int32_t(
            std::min<std::int64_t>(end->unixSeconds - start->unixSeconds, 366 * 86400));
        r.inputTokens = *uncached;
        r.cachedInputTokens = *read;
        r.cacheWriteTokens = *write5m;
        r.cacheWrite1hTokens = *write1h;
        r.outputTokens = *output;
        r.requests = 0; // the usage report has no request count
        const JsonNode tier = result.optional(QStringLiteral("service_tier"));
        r.feature = tier.isString() ? tier.value().toString().toStdString() : "";
        r.sourceLine = record;
        const RecordOrigin origin{record,
                                  result.path(),
                                  customerField.isEmpty() ? QStringLiteral("(organization)")
                                                          : customerField,
                                  startNode.path(),
                                  nullptr,
                                  QString()};
        if (RecordRules::accept(r, origin, sink))
            sink.record(r);
    });
}

} // namespace marginal
