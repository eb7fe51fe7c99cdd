// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The field tables' delegate: its editors paint their own background, so a spin box
// opened over a cell does not show the cell's old text through its buttons.
#include <QStyledItemDelegate>

namespace marginal {

class OpaqueEditorDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
};

} // namespace marginal
