// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Marginal's generic CSV (docs/FILE_FORMATS.md): one row per customer, time bucket and
// model. Canonical header: customer_id,date,model,input_tokens,cached_input_tokens,
// cache_write_tokens,output_tokens,requests (optional event_id, feature, cost_usd,
// cache_write_1h_tokens), with common aliases. input_tokens is UNCACHED input.
#include "models/import/UsageImporter.h"

namespace marginal {

class GenericCsvImporter : public UsageImporter {
public:
    QString format() const override { return QStringLiteral("csv"); }
    QString description() const override;
    int confidence(const QByteArray& head, const QString& fileName) const override;
    QStringList customerFields(const QByteArray& head) const override;
    QString customerFieldHelp() const override {
        return QStringLiteral("a column such as org_id (where several customer columns fit)");
    }
    void read(QIODevice& in, const QString& fileName, const ImportOptions& options,
              UsageSink& sink) const override;

    // Canonical field -> accepted header names (lower case), the first being canonical.
    static const QList<QStringList>& aliases();
    static const QStringList& customerAliases();
    // The canonical field names a mapping file may map (customer_id, date, ...).
    static QStringList canonicalFields();
    // The column names of the header in `head` (a file's first bytes), as they are
    // matched against aliases and mappings: trimmed, lower case.
    static QStringList headerColumns(const QByteArray& head);
};

} // namespace marginal
