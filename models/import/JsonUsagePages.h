// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The page structure that provider usage APIs export, shared by the OpenAI and
// Anthropic importers: one page ({"data": [buckets...], "has_more": ...}), a JSON
// array of pages, or one page per line (JSON lines). Every bucket's results are
// visited with their JSON path, and the user's choice of customer field is resolved.
#include "models/import/UsageImporter.h"
#include "models/json/JsonNode.h"

#include <functional>
#include <vector>

namespace marginal {

class JsonUsagePages {
public:
    // Throws InputError when the bytes are not JSON pages.
    JsonUsagePages(const QByteArray& bytes, const QString& fileName);

    // visit(bucket, result) for every result of every bucket, in file order.
    void forEachResult(
        const std::function<void(const JsonNode& bucket, const JsonNode& result)>& visit) const;

    // The customer field: the user's choice (which must be one of `fields`), else the
    // only one of `fields` that is set anywhere, else empty (one customer for the whole
    // organisation). Throws InputError when several are set and none was chosen.
    QString customerField(const QStringList& fields, const ImportOptions& options) const;

    // Reads a token count (a whole JSON number >= 0, absent or null = 0); reports a
    // problem and returns nullopt for anything else.
    static std::optional<std::int64_t> count(const JsonNode& node, std::int64_t record,
                                             UsageSink& sink);

    // The customer id of one result: "organization" when no customer field is used,
    // `whenNull` when the field is null; nullopt (a problem reported) when it is not a
    // string.
    static std::optional<std::string> customerOf(const JsonNode& result, const QString& field,
                                                 const char* whenNull, std::int64_t record,
                                                 UsageSink& sink);
    // The result's model, "unknown" when the export was not grouped by model.
    static std::string modelOf(const JsonNode& result);

private:
    std::vector<JsonNode> pages_;
    QString fileName_;
};

} // namespace marginal
