// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/tables/TableExport.h"
#include "models/common/OutputSet.h"
#include "models/common/TableText.h"
#include "views/tables/TableRoles.h"

#include <QFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <xlsxwriter.h>

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

Status TableExport::toXlsx(const QAbstractItemModel& model, const QString& fileName,
                           const QString& sheetName) {
    // libxlsxwriter writes the file itself: write a temporary beside it, then rename.
    const QString temporary = fileName + QStringLiteral(".part");
    lxw_workbook* book = workbook_new(temporary.toUtf8().constData());
    if (!book)
        return Status::failure(QStringLiteral("%1: cannot write").arg(fileName));
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheetName.left(31).toUtf8().constData());
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    const QStringList names = header(model);
    for (int c = 0; c < names.size(); ++c)
        worksheet_write_string(sheet, 0, lxw_col_t(c), names[c].toUtf8().constData(), bold);
    for (int r = 0; r < model.rowCount(); ++r) {
        const QStringList cells = rowText(model, r);
        for (int c = 0; c < cells.size(); ++c) {
            bool isNumber = false;
            const double value = cells[c].toDouble(&isNumber);
            if (cells[c].isEmpty())
                continue;
            if (isNumber)
                worksheet_write_number(sheet, lxw_row_t(r + 1), lxw_col_t(c), value, nullptr);
            else // write_string never makes a formula; the apostrophe rule keeps CSV parity
                worksheet_write_string(sheet, lxw_row_t(r + 1), lxw_col_t(c),
                                       cells[c].toUtf8().constData(), nullptr);
        }
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (const lxw_error error = workbook_close(book); error != LXW_NO_ERROR) {
        QFile::remove(temporary);
        return Status::failure(QStringLiteral("%1: cannot write the workbook: %2")
                                   .arg(fileName, QString::fromUtf8(lxw_strerror(error))));
    }
    // rename(2) replaces the previous file in one step.
    if (std::rename(QFile::encodeName(temporary).constData(),
                    QFile::encodeName(fileName).constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(temporary);
        return Status::failure(QStringLiteral("%1: cannot write: %2").arg(fileName, reason));
    }
    return Status::success();
}

} // namespace marginal
