// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/OpaqueEditorDelegate.h"

namespace marginal {

QWidget* OpaqueEditorDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                            const QModelIndex& index) const {
    QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (editor)
        editor->setAutoFillBackground(true);
    return editor;
}

} // namespace marginal
