// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The decision table (one row per package x mix x cohort) as a Qt item model. The
// screen reads it in a finance reader's units (DecisionColumnFormat: headers with
// units, currency, percent); sorting and exports read the machine values of
// decision_table.csv (TableRoles). Negative margins and a high probability of a
// negative margin are flagged in red. With a baseline package chosen, two columns
// more: each row's margin minus the baseline's on the same mix and cohort, and its SE.
#include "simulator/results/ResultSummary.h"
#include "views/tables/TableRoles.h"

#include <QAbstractTableModel>
#include <vector>

namespace marginal {

class DecisionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // P(margin < 0) at or above this is flagged.
    static constexpr double kRiskyNegativeShare = 0.25;
    static constexpr int kSortRole = TableRoles::kSort;
    // The identity columns (package, mix, cohort): first, and kept in view.
    static constexpr int kIdentityColumns = 3;

    explicit DecisionTableModel(QObject* parent = nullptr);
    void setRows(std::vector<DecisionRow> rows);
    const std::vector<DecisionRow>& rows() const { return rows_; }
    // The package every row is compared with; empty: none (no difference columns).
    void setBaseline(const QString& package);
    const QString& baseline() const { return baseline_; }
    // The machine name of a column (decision_table.csv's header).
    QString columnName(int column) const;
    int columnOf(const QString& name) const; // -1: not shown

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString machineText(int row, int column) const;
    const DecisionRow* baselineRowFor(const DecisionRow& row) const;

    std::vector<DecisionRow> rows_;
    QString baseline_;
};

} // namespace marginal
