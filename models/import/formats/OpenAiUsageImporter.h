// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// OpenAI organization usage, completions (GET /v1/organization/usage/completions):
// buckets with unix start/end times; input_tokens INCLUDES input_cached_tokens, so
// uncached input = input - cached. The customer is project_id, user_id or api_key_id
// (whichever the export was grouped by, or the user's choice).
#include "models/import/UsageImporter.h"

namespace marginal {

class OpenAiUsageImporter : public UsageImporter {
public:
    QString format() const override { return QStringLiteral("openai"); }
    QString description() const override {
        return QStringLiteral("OpenAI organization usage (completions) JSON, one or many pages");
    }
    int confidence(const QByteArray& head, const QString& fileName) const override;
    QStringList customerFields(const QByteArray& head) const override;
    QString customerFieldHelp() const override {
        return QStringLiteral("project_id, user_id, api_key_id");
    }
    void read(QIODevice& in, const QString& fileName, const ImportOptions& options,
              UsageSink& sink) const override;
};

} // namespace marginal
