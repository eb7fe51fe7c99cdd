// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/EditorParts.h"

#include "views/editors/OpaqueEditorDelegate.h"
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalBlocker>
#include <QStringList>
#include <algorithm>

#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace marginal {

void EditorParts::setUpFieldTable(QTableView& view, QAbstractItemModel* model) {
    view.setModel(model);
    view.setItemDelegate(new OpaqueEditorDelegate(&view));
    view.setAlternatingRowColors(true);
    view.horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    view.horizontalHeader()->setStretchLastSection(true);
    view.verticalHeader()->hide();
    view.setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                         QAbstractItemView::AnyKeyPressed);
}

QLabel* EditorParts::refusalLabel() {
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("color: #d32f2f; font-weight: bold"));
    return label;
}

QComboBox* EditorParts::narrowComboBox() {
    auto* box = new QComboBox;
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(8);
    return box;
}

void EditorParts::refill(QComboBox& box, const QStringList& names) {
    const QString kept = box.currentText();
    const QSignalBlocker quiet(&box);
    box.clear();
    box.addItems(names);
    box.setCurrentIndex(std::max(0, int(names.indexOf(kept))));
}

QDoubleSpinBox* EditorParts::numberBox() {
    auto* box = new QDoubleSpinBox;
    box->setRange(-1e9, 1e9);
    box->setDecimals(4);
    box->setMinimumWidth(80);
    return box;
}

} // namespace marginal
