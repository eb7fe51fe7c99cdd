// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The decision table pivoted for one mix: packages down, cohorts across, one measure
// in the cells (GM% or margin per customer), so a lineup reads at a glance.
#include "simulator/results/ResultSummary.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

namespace marginal {

class DecisionPivotModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Measure { GmPercent, MarginPerCustomer };

    explicit DecisionPivotModel(QObject* parent = nullptr);
    void setRows(std::vector<DecisionRow> rows);
    void setMix(const QString& mix);
    void setMeasure(Measure measure);
    Measure measure() const { return measure_; }
    const QStringList& packages() const { return packages_; }
    const QStringList& cohorts() const { return cohorts_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rebuild();
    const DecisionRow* find(const QString& package, const QString& cohort) const;

    std::vector<DecisionRow> rows_;
    QString mix_;
    Measure measure_ = Measure::GmPercent;
    QStringList packages_, cohorts_;
};

} // namespace marginal
