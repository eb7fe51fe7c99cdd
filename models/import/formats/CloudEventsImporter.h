#pragma once
// CloudEvents 1.0 in JSON lines (OpenMeter's ingest format): one event per line.
// `subject` is the customer (or the field named by --customer-field, e.g.
// "data.customer"), `source` + `id` the idempotency key, `time` the timestamp.
// Token fields in `data` vary by meter: by default data.input_tokens (or
// prompt_tokens, or tokens), data.cached_input_tokens, data.cache_write_tokens,
// data.output_tokens (or completion_tokens), data.model, data.requests (default 1);
// --mapping overrides any of them with a dotted path ("data.usage.in").
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
