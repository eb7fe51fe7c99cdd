#pragma once
// LiteLLM proxy spend, exported to CSV from either table:
//  * LiteLLM_SpendLogs (one row per request): request_id (dedup key), startTime,
//    model, prompt_tokens, completion_tokens, spend, and the customer candidates
//    end_user, user, team_id, organization_id, api_key;
//  * LiteLLM_DailyEndUserSpend (one row per end user, day and model): end_user_id,
//    date, model, prompt_tokens, completion_tokens, cache_read_input_tokens,
//    cache_creation_input_tokens, spend, api_requests.
// prompt_tokens is taken to include cache reads and writes (as in OpenAI's usage), so
// uncached input = prompt - cache read - cache creation.
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
        return QStringLiteral("end_user, user, team_id, organization_id, api_key (daily spend: end_user_id, api_key)");
    }
    void read(QIODevice& in, const QString& fileName, const ImportOptions& options,
              UsageSink& sink) const override;
};

} // namespace marginal
