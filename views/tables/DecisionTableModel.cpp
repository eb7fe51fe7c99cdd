// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/tables/DecisionTableModel.h"

#include <QBrush>
#include <QColor>

namespace marginal {

DecisionTableModel::DecisionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void DecisionTableModel::setRows(std::vector<DecisionRow> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

int DecisionTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int DecisionTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(ResultSummary::decisionColumns().size());
}

QVariant DecisionTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(rows_.size()) || index.column() >= columnCount())
        return {};
    const DecisionRow& row = rows_[std::size_t(index.row())];
    const auto& column = ResultSummary::decisionColumns()[std::size_t(index.column())];
    const QString text = column.format(row);
    switch (role) {
    case Qt::DisplayRole:
        return text;
    case kSortRole: {
        bool isNumber = false;
        const double value = text.toDouble(&isNumber);
        return isNumber ? QVariant(value) : QVariant(text);
    }
    case Qt::TextAlignmentRole: {
        bool isNumber = false;
        text.toDouble(&isNumber);
        return int((isNumber ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    case Qt::ForegroundRole:
        if ((column.name == QLatin1String("mean_margin_usd") ||
             column.name == QLatin1String("gm_pct")) &&
            row.meanMargin < -0.005)
            return QBrush(QColor(200, 30, 30));
        if (column.name == QLatin1String("p_margin_negative") &&
            row.pNegative >= kRiskyNegativeShare)
            return QBrush(QColor(200, 30, 30));
        return {};
    case Qt::ToolTipRole:
        return column.help;
    default:
        return {};
    }
}

QVariant DecisionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto& column = ResultSummary::decisionColumns()[std::size_t(section)];
    if (role == Qt::DisplayRole)
        return column.name;
    if (role == Qt::ToolTipRole)
        return column.help;
    return {};
}

} // namespace marginal
