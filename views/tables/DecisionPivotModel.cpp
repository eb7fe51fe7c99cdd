// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/tables/DecisionPivotModel.h"
#include "simulator/results/DecisionColumnFormat.h"
#include "views/tables/TableRoles.h"

#include <QBrush>
#include <QColor>

namespace marginal {

DecisionPivotModel::DecisionPivotModel(QObject* parent) : QAbstractTableModel(parent) {}

void DecisionPivotModel::setRows(std::vector<DecisionRow> rows) {
    rows_ = std::move(rows);
    rebuild();
}

void DecisionPivotModel::setMix(const QString& mix) {
    mix_ = mix;
    rebuild();
}

void DecisionPivotModel::setMeasure(Measure measure) {
    measure_ = measure;
    rebuild();
}

void DecisionPivotModel::rebuild() {
    beginResetModel();
    packages_.clear();
    cohorts_.clear();
    for (const DecisionRow& r : rows_) {
        if (r.mix != mix_)
            continue;
        if (!packages_.contains(r.package))
            packages_.append(r.package);
        if (!cohorts_.contains(r.cohort))
            cohorts_.append(r.cohort);
    }
    endResetModel();
}

const DecisionRow* DecisionPivotModel::find(const QString& package, const QString& cohort) const {
    for (const DecisionRow& r : rows_)
        if (r.mix == mix_ && r.package == package && r.cohort == cohort)
            return &r;
    return nullptr;
}

int DecisionPivotModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(packages_.size());
}

int DecisionPivotModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(cohorts_.size());
}

QVariant DecisionPivotModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const DecisionRow* r = find(packages_[index.row()], cohorts_[index.column()]);
    if (!r)
        return {};
    const bool gm = measure_ == Measure::GmPercent;
    const bool defined = !gm || r->gmDefined;
    const double value = gm ? r->gmPercent : r->meanMargin;
    // The machine text, with as many decimals as decision_table.csv gives it.
    const QString text = defined ? QString::number(value, 'f', 2) : QString();
    switch (role) {
    case Qt::DisplayRole:
        return DecisionColumnFormat::of(gm ? QStringLiteral("gm_pct")
                                           : QStringLiteral("mean_margin_usd"))
            .display(text);
    case TableRoles::kExport:
        return text;
    case TableRoles::kSort:
        return defined ? QVariant(value) : QVariant();
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return r->meanMargin < -0.005 ? QVariant(QBrush(QColor(200, 30, 30))) : QVariant();
    case Qt::ToolTipRole:
        return tr("%1 on %2, %3 cohort: margin %4 ± %5 per customer, P(margin < 0) %6%")
            .arg(r->package, r->mix, r->cohort)
            .arg(r->meanMargin, 0, 'f', 2)
            .arg(r->meanMarginSe, 0, 'f', 2)
            .arg(100.0 * r->pNegative, 0, 'f', 1);
    default:
        return {};
    }
}

QVariant DecisionPivotModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole && role != TableRoles::kExport)
        return {};
    if (orientation == Qt::Horizontal)
        return section < cohorts_.size() ? QVariant(cohorts_[section]) : QVariant();
    return section < packages_.size() ? QVariant(packages_[section]) : QVariant();
}

} // namespace marginal
