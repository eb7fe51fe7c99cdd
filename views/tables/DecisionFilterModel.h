// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The decision table as the reader narrows it: only one cohort and/or one mix
// (empty: all), sorted by the clicked column's machine value.
#include <QSortFilterProxyModel>

namespace marginal {

class DecisionFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit DecisionFilterModel(QObject* parent = nullptr);
    void setCohort(const QString& cohort);
    void setMix(const QString& mix);
    const QString& cohort() const { return cohort_; }
    const QString& mix() const { return mix_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString cohort_, mix_;
};

} // namespace marginal
