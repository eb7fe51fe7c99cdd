// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Exports any table model as shown (header + display text) to CSV, Markdown and
// XLSX (libxlsxwriter). Numbers go to XLSX as numbers; text cells that a spreadsheet
// would run as formulas are neutralised in every format.
#include "models/common/Result.h"

#include <QAbstractItemModel>
#include <QString>

namespace marginal {

class TableExport {
public:
    // Each returns an error message, empty on success; nothing half-written remains.
    static Status toCsv(const QAbstractItemModel& model, const QString& fileName);
    static Status toMarkdown(const QAbstractItemModel& model, const QString& fileName);
    static Status toXlsx(const QAbstractItemModel& model, const QString& fileName,
                         const QString& sheetName);
    static QString csvText(const QAbstractItemModel& model);
    static QString markdownText(const QAbstractItemModel& model);
    // Header and the given rows (all when empty), tab-separated, for the clipboard.
    static QString tsvText(const QAbstractItemModel& model, const QList<int>& rows = {});
};

} // namespace marginal
