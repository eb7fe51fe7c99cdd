// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/tables/DecisionFilterModel.h"
#include "views/tables/TableRoles.h"

namespace marginal {

namespace {
constexpr int kMixColumn = 1, kCohortColumn = 2; // DecisionTableModel's identity columns
} // namespace

DecisionFilterModel::DecisionFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(TableRoles::kSort);
}

void DecisionFilterModel::setCohort(const QString& cohort) {
    if (cohort == cohort_)
        return;
    cohort_ = cohort;
    invalidateRowsFilter();
}

void DecisionFilterModel::setMix(const QString& mix) {
    if (mix == mix_)
        return;
    mix_ = mix;
    invalidateRowsFilter();
}

bool DecisionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const auto cell = [&](int column) {
        return sourceModel()
            ->index(sourceRow, column, sourceParent)
            .data(TableRoles::kExport)
            .toString();
    };
    return (cohort_.isEmpty() || cell(kCohortColumn) == cohort_) &&
           (mix_.isEmpty() || cell(kMixColumn) == mix_);
}

} // namespace marginal
