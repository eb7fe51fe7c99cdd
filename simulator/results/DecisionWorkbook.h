// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// decision_table.xlsx, as the CLI's simulate and the desktop's Export write it:
//   "Decision table"  readable headers with units, every figure a number cell with a
//                     currency / percent / count format, column widths, an autofilter,
//                     the header row and the package / mix / cohort columns frozen;
//   "Columns"         each header, its machine name (decision_table.csv) and meaning;
//   "Run"             the run's provenance (RunProvenance::rows), what-if or full.
// Cells are given as decision_table.csv's machine names and text, so the workbook,
// the CSV and the screen can never disagree on a number.
#include "models/common/Result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace marginal {

struct RunRecord;

class DecisionWorkbook {
public:
    DecisionWorkbook(QStringList machineHeader, QList<QStringList> machineRows,
                     const RunRecord& run)
        : header_(std::move(machineHeader)), rows_(std::move(machineRows)), run_(run) {}
    // Every row of `run`'s decision table.
    explicit DecisionWorkbook(const RunRecord& run);

    // Writes `fileName` whole or not at all (a temporary beside it, then a rename).
    Status write(const QString& fileName) const;
    // The workbook's bytes, for an OutputSet that writes it with other files.
    Result<QByteArray> bytes() const;

private:
    QStringList header_;
    QList<QStringList> rows_;
    const RunRecord& run_; // must outlive the workbook (it is written at once)
};

} // namespace marginal
