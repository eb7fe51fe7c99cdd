// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/DecisionWorkbook.h"
#include "simulator/results/DecisionColumnFormat.h"
#include "simulator/results/ResultSummary.h"
#include "simulator/results/RunProvenance.h"
#include "simulator/results/RunRecord.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <xlsxwriter.h>

namespace marginal {

namespace {

using Kind = DecisionColumnFormat::Kind;

constexpr int kIdentityColumns = 3; // package, mix, cohort

// Excel number formats that show what the screen shows, over the unrounded machine
// value: a share stays 0.123 in the cell and reads 12.3%.
const char* excelFormat(Kind kind) {
    switch (kind) {
    case Kind::Count:
    case Kind::Day:
        return "#,##0";
    case Kind::Usd:
        return "$#,##0.00;-$#,##0.00";
    case Kind::UsdSe:
        return "\"±\"$#,##0.00";
    case Kind::Percent:
        return "0.0\"%\"";
    case Kind::PercentSe:
        return "\"±\"0.00\" pp\"";
    case Kind::Share:
        return "0.0%";
    case Kind::ShareSe:
        return "\"±\"0.00%";
    case Kind::Credits:
        return "#,##0.0";
    case Kind::Days:
        return "0.00";
    case Kind::Text:
        break;
    }
    return nullptr;
}

QString meaningOf(const QString& machineName) {
    for (const auto& column : ResultSummary::decisionColumns())
        if (column.name == machineName)
            return column.help;
    if (machineName == QLatin1String("margin_vs_baseline_usd"))
        return QStringLiteral("mean margin per customer minus the baseline package's, same mix "
                              "and cohort, on the same simulated customers");
    if (machineName == QLatin1String("margin_vs_baseline_se"))
        return QStringLiteral("standard error of that difference (paired)");
    return {};
}

QByteArray utf8(const QString& text) {
    return text.toUtf8();
}

void writeDecisionSheet(lxw_workbook* book, const QStringList& header,
                        const QList<QStringList>& rows) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Decision table");
    lxw_format* head = workbook_add_format(book);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
    for (int c = 0; c < header.size(); ++c) {
        const DecisionColumnFormat format = DecisionColumnFormat::of(header[c]);
        worksheet_write_string(sheet, 0, lxw_col_t(c), utf8(format.label()).constData(), head);
        lxw_format* cells = nullptr;
        if (const char* pattern = excelFormat(format.kind())) {
            cells = workbook_add_format(book);
            format_set_num_format(cells, pattern);
        }
        // Wide enough for the label split over two lines or the longest value.
        qsizetype width = std::max<qsizetype>(10, format.label().size() / 2 + 2);
        if (!format.isNumeric())
            for (const QStringList& row : rows)
                if (c < row.size())
                    width = std::max(width, row[c].size() + 2);
        worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c),
                             double(std::min<qsizetype>(width, 40)), cells);
    }
    worksheet_set_row(sheet, 0, 32, nullptr);
    for (int r = 0; r < rows.size(); ++r) {
        const QStringList& cells = rows[r];
        for (int c = 0; c < cells.size() && c < header.size(); ++c) {
            if (cells[c].isEmpty()) // undefined GM%, never ran out: a blank cell
                continue;
            bool isNumber = false;
            const double value = cells[c].toDouble(&isNumber);
            if (isNumber && DecisionColumnFormat::of(header[c]).isNumeric())
                worksheet_write_number(sheet, lxw_row_t(r + 1), lxw_col_t(c), value, nullptr);
            else // write_string never makes a formula of "=..." text
                worksheet_write_string(sheet, lxw_row_t(r + 1), lxw_col_t(c),
                                       utf8(cells[c]).constData(), nullptr);
        }
    }
    if (!header.isEmpty())
        worksheet_autofilter(sheet, 0, 0, lxw_row_t(std::max<qsizetype>(rows.size(), 1)),
                             lxw_col_t(header.size() - 1));
    worksheet_freeze_panes(sheet, 1,
                           lxw_col_t(std::min<qsizetype>(kIdentityColumns, header.size())));
}

// A sheet of text: a bold, frozen header row, then `rows`, columns `widths` wide.
void writeTextSheet(lxw_workbook* book, const char* name, const QStringList& header,
                    const QList<QStringList>& rows, const QList<double>& widths) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, name);
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    for (int c = 0; c < header.size(); ++c) {
        worksheet_write_string(sheet, 0, lxw_col_t(c), utf8(header[c]).constData(), bold);
        worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), widths.value(c, 20), nullptr);
    }
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows[r].size(); ++c)
            worksheet_write_string(sheet, lxw_row_t(r + 1), lxw_col_t(c),
                                   utf8(rows[r][c]).constData(), nullptr);
    worksheet_freeze_panes(sheet, 1, 0);
}

void writeColumnsSheet(lxw_workbook* book, const QStringList& header) {
    QList<QStringList> rows;
    for (const QString& machineName : header)
        rows.append(
            {DecisionColumnFormat::of(machineName).label(), machineName, meaningOf(machineName)});
    writeTextSheet(book, "Columns",
                   {QStringLiteral("Column"), QStringLiteral("In decision_table.csv"),
                    QStringLiteral("Meaning")},
                   rows, {34, 28, 90});
}

void writeRunSheet(lxw_workbook* book, const RunRecord& run) {
    QList<QStringList> rows;
    for (const auto& [field, value] : RunProvenance::rows(run))
        rows.append({field, value});
    writeTextSheet(book, "Run", {QStringLiteral("Field"), QStringLiteral("Value")}, rows, {40, 70});
}

QList<QStringList> machineRows(const RunRecord& run) {
    QList<QStringList> rows;
    for (const DecisionRow& row : run.decision) {
        QStringList cells;
        for (const auto& column : ResultSummary::decisionColumns())
            cells.append(column.format(row));
        rows.append(cells);
    }
    return rows;
}

QStringList machineHeader() {
    QStringList names;
    for (const auto& column : ResultSummary::decisionColumns())
        names.append(column.name);
    return names;
}

} // namespace

DecisionWorkbook::DecisionWorkbook(const RunRecord& run)
    : header_(machineHeader()), rows_(machineRows(run)), run_(run) {}

Status DecisionWorkbook::write(const QString& fileName) const {
    // libxlsxwriter writes the file itself: a temporary beside it, then rename(2), which
    // replaces the previous file in one step.
    const QString temporary = fileName + QStringLiteral(".part");
    lxw_workbook* book = workbook_new(QFile::encodeName(temporary).constData());
    if (!book)
        return Status::failure(QStringLiteral("%1: cannot write").arg(fileName));
    writeDecisionSheet(book, header_, rows_);
    writeColumnsSheet(book, header_);
    writeRunSheet(book, run_);
    if (const lxw_error error = workbook_close(book); error != LXW_NO_ERROR) {
        QFile::remove(temporary);
        return Status::failure(QStringLiteral("%1: cannot write the workbook: %2")
                                   .arg(fileName, QString::fromUtf8(lxw_strerror(error))));
    }
    if (std::rename(QFile::encodeName(temporary).constData(),
                    QFile::encodeName(fileName).constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(temporary);
        return Status::failure(QStringLiteral("%1: cannot write: %2").arg(fileName, reason));
    }
    return Status::success();
}

Result<QByteArray> DecisionWorkbook::bytes() const {
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return Result<QByteArray>::failure(
            QStringLiteral("cannot make a temporary folder for decision_table.xlsx: %1")
                .arg(scratch.errorString()));
    const QString path = scratch.filePath(QStringLiteral("decision_table.xlsx"));
    if (const Status written = write(path); !written)
        return Result<QByteArray>::failure(written.error());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(
            QStringLiteral("%1: cannot read back: %2").arg(path, file.errorString()));
    return file.readAll();
}

} // namespace marginal
