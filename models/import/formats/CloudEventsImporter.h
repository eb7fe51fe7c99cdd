// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CloudEvents 1.0 in JSON lines (OpenMeter's ingest format): one event per line.
// `subject` is the customer (or the field named by --customer-field, e.g.
// "data.customer"), `source` + `id` the idempotency key, `time` the timestamp.
// Token fields in `data` vary by meter: the common names are read by default, and
// OpenMeter's LLM token events (one event per token type: data.tokens with data.type
// input, system or output) as OpenMeter means them; --mapping names any field, with
// conditions on other fields (docs/FILE_FORMATS.md, "Field mappings"). A file in which
// no event has a token field is refused, listing the fields the events carry.
#include "models/import/UsageImporter.h"

namespace marginal {

class CloudEventsImporter : public UsageImporter {
public:
    QString format() const override { return QStringLiteral("cloudevents"); }
    QString description() const override {
        return QStringLiteral(
            "CloudEvents 1.0 JSON lines (OpenMeter), token fields mapped from data");
    }
    int confidence(const QByteArray& head, const QString& fileName) const override;
    QStringList customerFields(const QByteArray& head) const override;
    QString customerFieldHelp() const override {
        return QStringLiteral("a dotted path into the event, default subject");
    }
    void read(QIODevice& in, const QString& fileName, const ImportOptions& options,
              UsageSink& sink) const override;
};

} // namespace marginal
