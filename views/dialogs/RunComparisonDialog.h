// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Two stored runs side by side (RunComparison): the rows they share with each run's
// margin per customer, GM% and P(loss), the difference B - A with its combined
// standard error, bold where it is beyond the noise (> 2 SE); rows only one run has
// are listed after, greyed. Export writes the comparison as CSV.
#include "models/common/Result.h"
#include "simulator/results/RunComparison.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace marginal {

class RunComparisonDialog : public QDialog {
    Q_OBJECT
public:
    RunComparisonDialog(const QString& titleA, const QString& titleB, RunComparison comparison,
                        QWidget* parent = nullptr);
    const RunComparison& comparison() const { return comparison_; }
    QTableWidget& table() const { return *table_; }
    Status exportCsv(const QString& fileName) const;

private:
    RunComparison comparison_;
    QTableWidget* table_;
};

} // namespace marginal
