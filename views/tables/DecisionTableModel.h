// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The decision table (one row per package x mix x cohort) as a Qt item model: the
// columns of decision_table.csv, numbers sortable as numbers, negative margins and a
// high probability of a negative margin flagged in red.
#include "simulator/results/ResultSummary.h"

#include <QAbstractTableModel>
#include <vector>

namespace marginal {

class DecisionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // P(margin < 0) at or above this is flagged.
    static constexpr double kRiskyNegativeShare = 0.25;

    explicit DecisionTableModel(QObject* parent = nullptr);
    void setRows(std::vector<DecisionRow> rows);
    const std::vector<DecisionRow>& rows() const { return rows_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Sort key role: numbers as doubles, text as text.
    static constexpr int kSortRole = Qt::UserRole + 1;

private:
    std::vector<DecisionRow> rows_;
};

} // namespace marginal
