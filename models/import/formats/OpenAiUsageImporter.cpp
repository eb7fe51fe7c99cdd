// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/formats/OpenAiUsageImporter.h"
#include "models/common/InputError.h"
#include "models/import/JsonUsagePages.h"
#include "models/import/RecordRules.h"

namespace marginal {

QStringList OpenAiUsageImporter::customerFields(const QByteArray&) const {
    return {QStringLiteral("project_id"), QStringLiteral("user_id"), QStringLiteral("api_key_id")};
}

int OpenAiUsageImporter::confidence(const QByteArray& head, const QString&) const {
    if (head.contains("organization.usage.completions.result"))
        return 100;
    if (head.contains("organization.costs.result"))
        return 90; // read() explains that costs are not usage
    return head.contains("\"num_model_requests\"") && head.contains("\"start_time\"") ? 80 : 0;
}

void OpenAiUsageImporter::read(QIODevice& in, const QString& fileName, const ImportOptions& options,
                               UsageSink& sink) const {
    // A cost export says so in its first result; the file itself is streamed.
    if (in.peek(1 << 16).contains("organization.costs.result"))
        throw InputError(
            fileName, QString(),
            QStringLiteral(
                "expected a usage (completions) export; this is a costs export, which has "
                "amounts but no token counts"));
    const JsonUsagePages pages(in, fileName,
                               {QStringLiteral("start_time"), QStringLiteral("end_time")});
    const QString customerField = pages.customerField(customerFields(QByteArray()), options);
    std::int64_t record = 0;
    UsageRecord r;
    pages.forEachResult([&](const JsonNode& bucket, const JsonNode& result) {
        ++record;
        const qint64 start = bucket[QStringLiteral("start_time")].toInt64(0, 7258118400);
        const qint64 end = bucket[QStringLiteral("end_time")].toInt64(start, 7258118400);
        const auto input =
            JsonUsagePages::count(result.optional(QStringLiteral("input_tokens")), record, sink);
        const auto cached = JsonUsagePages::count(
            result.optional(QStringLiteral("input_cached_tokens")), record, sink);
        const auto output =
            JsonUsagePages::count(result.optional(QStringLiteral("output_tokens")), record, sink);
        const auto requests = JsonUsagePages::count(
            result.optional(QStringLiteral("num_model_requests")), record, sink);
        if (!input || !cached || !output || !requests)
            return;
        const RecordOrigin origin{record,
                                  result.path(),
                                  customerField.isEmpty() ? QStringLiteral("(organization)")
                                                          : customerField,
                                  bucket.path() + QStringLiteral(".start_time"),
                                  nullptr,
                                  QString()};
        const std::optional<std::int64_t> uncached = RecordRules::uncachedInput(
            *input, *cached, QStringLiteral("input_tokens"), QStringLiteral("input_cached_tokens"),
            QStringLiteral("; OpenAI's input includes cached tokens"), origin, sink);
        if (!uncached)
            return;
        const std::optional<std::string> customer =
            JsonUsagePages::customerOf(result, customerField, "(none)", record, sink);
        if (!customer)
            return;
        r.customerId = *customer;
        r.model = JsonUsagePages::modelOf(result);
        r.periodStart = start;
        r.periodSeconds = std::int32_t(std::min<qint64>(end - start, 366 * 86400));
        r.inputTokens = *uncached;
        r.cachedInputTokens = *cached;
        r.cacheWriteTokens = 0;
        r.cacheWrite1hTokens = 0;
        r.outputTokens = *output;
        r.requests = *requests;
        const JsonNode batch = result.optional(QStringLiteral("batch"));
        r.feature = batch.value().isBool() && batch.value().toBool() ? "batch" : "";
        r.sourceLine = record;
        if (RecordRules::accept(r, origin, sink))
            sink.record(r);
    });
}

} // namespace marginal
