// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Anthropic usage report (GET /v1/organizations/usage_report/messages): RFC 3339
// bucket bounds; cache writes nested under cache_creation, 5-minute and 1-hour TTLs
// priced differently; no request count. The customer is api_key_id or workspace_id.
#include "models/import/UsageImporter.h"

namespace marginal {

class AnthropicUsageImporter : public UsageImporter {
public:
    QString format() const override { return QStringLiteral("anthropic"); }
    QString description() const override {
        return QStringLiteral("Anthropic usage report (messages) JSON, one or many pages");
    }
    int confidence(const QByteArray& head, const QString& fileName) const override;
    QStringList customerFields(const QByteArray& head) const override;
    QString customerFieldHelp() const override {
        return QStringLiteral("api_key_id, workspace_id");
    }
    void read(QIODevice& in, const QString& fileName, const ImportOptions& options,
              UsageSink& sink) const override;
};

} // namespace marginal
