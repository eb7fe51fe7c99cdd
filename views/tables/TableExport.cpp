// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/tables/TableExport.h"
#include "models/common/OutputSet.h"
#include "models/common/TableText.h"
#include "views/tables/TableRoles.h"

namespace marginal {

namespace {

QStringList header(const QAbstractItemModel& m) {
    QStringList names;
    for (int c = 0; c < m.columnCount(); ++c) {
        const QVariant machine = m.headerData(c, Qt::Horizontal, TableRoles::kExport);
        names.append(machine.isValid() ? machine.toString()
                                       : m.headerData(c, Qt::Horizontal).toString());
    }
    return names;
}

QStringList rowText(const QAbstractItemModel& m, int r) {
    QStringList cells;
    for (int c = 0; c < m.columnCount(); ++c) {
        const QVariant machine = m.data(m.index(r, c), TableRoles::kExport);
        cells.append(machine.isValid() ? machine.toString() : m.data(m.index(r, c)).toString());
    }
    return cells;
}

} // namespace

QString TableExport::csvText(const QAbstractItemModel& model) {
    QString out = TableText::csvLine(header(model));
    for (int r = 0; r < model.rowCount(); ++r)
        out += TableText::csvLine(rowText(model, r));
    return out;
}

QString TableExport::tsvText(const QAbstractItemModel& model, const QList<int>& rows) {
    QString out = TableText::tsvLine(header(model));
    if (rows.isEmpty())
        for (int r = 0; r < model.rowCount(); ++r)
            out += TableText::tsvLine(rowText(model, r));
    else
        for (int r : rows)
            out += TableText::tsvLine(rowText(model, r));
    return out;
}

QString TableExport::markdownText(const QAbstractItemModel& model) {
    QList<QStringList> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows.append(rowText(model, r));
    return TableText::markdownTable(header(model), rows);
}

Status TableExport::toCsv(const QAbstractItemModel& model, const QString& fileName) {
    return OutputSet::writeFile(fileName, csvText(model).toUtf8());
}

Status TableExport::toMarkdown(const QAbstractItemModel& model, const QString& fileName) {
    return OutputSet::writeFile(fileName, markdownText(model).toUtf8());
}

QStringList TableExport::exportHeader(const QAbstractItemModel& model) {
    return header(model);
}

QList<QStringList> TableExport::exportRows(const QAbstractItemModel& model) {
    QList<QStringList> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows.append(rowText(model, r));
    return rows;
}

} // namespace marginal
