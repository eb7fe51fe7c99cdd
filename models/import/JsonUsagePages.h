// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The page structure that provider usage APIs export, shared by the OpenAI and
// Anthropic importers: one page ({"data": [buckets...], "has_more": ...}), a JSON
// array of pages, or one page per line (JSON lines). Every bucket's results are
// visited with their JSON path, and the user's choice of customer field is resolved.
// The file is streamed (JsonStreamScanner), a result at a time, so an export of a
// million results is read in the memory of one bucket's times and one result.
#include "models/import/UsageImporter.h"
#include "models/json/JsonNode.h"

#include <QIODevice>
#include <QStringList>
#include <functional>

namespace marginal {

class JsonUsagePages {
public:
    // `in` is seekable: each pass reads it from the start. `bucketKeys`: the bucket
    // members the importer reads (its start and end times); a bucket that gives them
    // before its results, as the providers' exports do, has its results visited as
    // they are read, else they are kept until the bucket ends. Throws InputError when
    // the file does not start as JSON pages.
    JsonUsagePages(QIODevice& in, const QString& fileName, QStringList bucketKeys);

    // visit(bucket, result) for every result of every bucket, in file order, reading
    // the file once; the bucket node holds the members before the result (all of
    // them after a result kept to the bucket's end). Throws InputError for a file
    // that is not JSON pages, at its line and column or JSON path.
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
    void walk(const std::function<void(const JsonNode& bucket, const JsonNode& result)>& visit,
              const std::function<bool(const QByteArray& result)>& worthParsing) const;

    enum class Layout { OnePage, ArrayOfPages, PagePerLine };
    QIODevice& in_;
    QString fileName_;
    QStringList bucketKeys_;
    Layout layout_ = Layout::OnePage;
};

} // namespace marginal
