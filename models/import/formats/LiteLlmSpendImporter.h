// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// LiteLLM proxy spend, exported to CSV from either table (docs/FILE_FORMATS.md,
// "LiteLLM"):
//  * LiteLLM_SpendLogs (one row per request): request_id (dedup key), startTime,
//    model, prompt_tokens, completion_tokens, total_tokens, spend, status, call_type,
//    and the customer candidates end_user, user, team_id, organization_id, api_key.
//    The table has no cache columns: reads and writes (with the 1-hour part) come from
//    the metadata JSON's usage_object. A failed request is one request at cost 0;
//  * LiteLLM_DailyEndUserSpend (one row per end user, day and model): end_user_id,
//    date, model, prompt_tokens, completion_tokens, cache_read_input_tokens,
//    cache_creation_input_tokens, spend, api_requests.
// prompt_tokens includes cache reads, and cache writes since about v1.77; each row
// tells which (total_tokens counting the writes beside it, or a prompt below reads +
// writes, is the older form), and uncached input is what remains.
#include "models/import/UsageImporter.h"

namespace marginal {

class LiteLlmSpendImporter : public UsageImporter {
public:
    QString format() const override { return QStringLiteral("litellm"); }
    QString description() const override {
        return QStringLiteral(
            "LiteLLM spend logs or daily end-user spend (CSV export of the tables)");
    }
    int confidence(const QByteArray& head, const QString& fileName) const override;
    QStringList customerFields(const QByteArray& head) const override;
    QString customerFieldHelp() const override {
        return QStringLiteral("end_user, user, team_id, organization_id, api_key (daily spend: "
                              "end_user_id, api_key)");
    }
    void read(QIODevice& in, const QString& fileName, const ImportOptions& options,
              UsageSink& sink) const override;
};

} // namespace marginal
