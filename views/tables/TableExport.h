// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Exports any table model to CSV and Markdown, and hands its header and rows to
// DecisionWorkbook for XLSX: the machine names and text of the TableRoles::kExport
// role where the model has them, else what it displays. Text cells a spreadsheet
// would run as formulas are neutralised.
#include "models/common/Result.h"

#include <QAbstractItemModel>
#include <QString>
#include <QStringList>

namespace marginal {

class TableExport {
public:
    // Each returns an error message, empty on success; nothing half-written remains.
    static Status toCsv(const QAbstractItemModel& model, const QString& fileName);
    static Status toMarkdown(const QAbstractItemModel& model, const QString& fileName);
    static QStringList exportHeader(const QAbstractItemModel& model);
    static QList<QStringList> exportRows(const QAbstractItemModel& model);
    static QString csvText(const QAbstractItemModel& model);
    static QString markdownText(const QAbstractItemModel& model);
    // Header and the given rows (all when empty), tab-separated, for the clipboard.
    static QString tsvText(const QAbstractItemModel& model, const QList<int>& rows = {});
};

} // namespace marginal
