// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/tables/DecisionTableModel.h"
#include "simulator/results/DecisionColumnFormat.h"

#include <QBrush>
#include <QColor>
#include <cmath>

namespace marginal {

namespace {

const QString kVsBaseline = QStringLiteral("margin_vs_baseline_usd");
const QString kVsBaselineSe = QStringLiteral("margin_vs_baseline_se");

int csvColumns() {
    return int(ResultSummary::decisionColumns().size());
}

} // namespace

DecisionTableModel::DecisionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void DecisionTableModel::setRows(std::vector<DecisionRow> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

void DecisionTableModel::setBaseline(const QString& package) {
    if (package == baseline_)
        return;
    beginResetModel();
    baseline_ = package;
    endResetModel();
}

QString DecisionTableModel::columnName(int column) const {
    if (column < csvColumns())
        return ResultSummary::decisionColumns()[std::size_t(column)].name;
    return column == csvColumns() ? kVsBaseline : kVsBaselineSe;
}

int DecisionTableModel::columnOf(const QString& name) const {
    for (int c = 0; c < columnCount(); ++c)
        if (columnName(c) == name)
            return c;
    return -1;
}

int DecisionTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int DecisionTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : csvColumns() + (baseline_.isEmpty() ? 0 : 2);
}

const DecisionRow* DecisionTableModel::baselineRowFor(const DecisionRow& row) const {
    for (const DecisionRow& r : rows_)
        if (r.package == baseline_ && r.mix == row.mix && r.cohort == row.cohort)
            return &r;
    return nullptr;
}

QString DecisionTableModel::machineText(int row, int column) const {
    const DecisionRow& r = rows_[std::size_t(row)];
    if (column < csvColumns())
        return ResultSummary::decisionColumns()[std::size_t(column)].format(r);
    const DecisionRow* base = baselineRowFor(r);
    if (!base)
        return QString();
    if (column == csvColumns())
        return QString::number(r.meanMargin - base->meanMargin, 'f', 2);
    if (base == &r)
        return QString(); // no spread in a difference with itself
    // Both figures' SEs combined as if independent: the runs share their draws
    // (common random numbers), so the true SE of the difference is smaller.
    return QString::number(std::hypot(r.meanMarginSe, base->meanMarginSe), 'f', 4);
}

QVariant DecisionTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(rows_.size()) || index.column() >= columnCount())
        return {};
    const DecisionRow& row = rows_[std::size_t(index.row())];
    const QString name = columnName(index.column());
    const DecisionColumnFormat format = DecisionColumnFormat::of(name);
    const QString text = machineText(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return format.display(text);
    case TableRoles::kExport:
        return text;
    case kSortRole: {
        bool isNumber = false;
        const double value = text.toDouble(&isNumber);
        return isNumber ? QVariant(value) : QVariant(text);
    }
    case Qt::TextAlignmentRole:
        return int((format.isNumeric() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if ((name == QLatin1String("mean_margin_usd") || name == QLatin1String("gm_pct")) &&
            row.meanMargin < -0.005)
            return QBrush(QColor(200, 30, 30));
        if (name == kVsBaseline && text.toDouble() < -0.005)
            return QBrush(QColor(200, 30, 30));
        if (name == QLatin1String("p_margin_negative") && row.pNegative >= kRiskyNegativeShare)
            return QBrush(QColor(200, 30, 30));
        return {};
    case Qt::ToolTipRole:
        return headerData(index.column(), Qt::Horizontal, Qt::ToolTipRole);
    default:
        return {};
    }
}

QVariant DecisionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString name = columnName(section);
    switch (role) {
    case Qt::DisplayRole: {
        const QString label = DecisionColumnFormat::of(name).label();
        return name == kVsBaseline ? QStringLiteral("Δ margin vs %1 ($)").arg(baseline_) : label;
    }
    case TableRoles::kExport:
        return name;
    case Qt::ToolTipRole:
        if (section < csvColumns())
            return QStringLiteral("%1 (%2)").arg(
                ResultSummary::decisionColumns()[std::size_t(section)].help, name);
        return name == kVsBaseline
                   ? tr("margin per customer minus %1's on the same mix and cohort (%2)")
                         .arg(baseline_, name)
                   : tr("standard error of the difference, the two SEs combined as if "
                        "independent; the packages share their draws, so it errs on the "
                        "safe side (%1)")
                         .arg(name);
    default:
        return {};
    }
}

} // namespace marginal
