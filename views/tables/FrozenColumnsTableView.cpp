// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/tables/FrozenColumnsTableView.h"

#include <QHeaderView>
#include <QScrollBar>

namespace marginal {

FrozenColumnsTableView::FrozenColumnsTableView(int frozenColumns, QWidget* parent)
    : QTableView(parent), frozenColumns_(frozenColumns), frozen_(new QTableView(this)) {
    frozen_->setObjectName(QStringLiteral("frozenColumns"));
    frozen_->setFocusPolicy(Qt::NoFocus);
    frozen_->verticalHeader()->hide();
    frozen_->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    frozen_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    frozen_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    frozen_->setVerticalScrollMode(ScrollPerPixel);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollMode(ScrollPerPixel);
    frozen_->setStyleSheet(QStringLiteral("QTableView { border: none; border-right: 1px solid "
                                          "palette(mid); }"));
    viewport()->stackUnder(frozen_);
    // Up and down together; widths follow the main view's.
    connect(frozen_->verticalScrollBar(), &QAbstractSlider::valueChanged, verticalScrollBar(),
            &QAbstractSlider::setValue);
    connect(verticalScrollBar(), &QAbstractSlider::valueChanged, frozen_->verticalScrollBar(),
            &QAbstractSlider::setValue);
    connect(horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int column, int, int size) {
                if (column < frozenColumns_) {
                    frozen_->setColumnWidth(column, size);
                    updateFrozenGeometry();
                }
            });
    connect(verticalHeader(), &QHeaderView::sectionResized, this,
            [this](int row, int, int size) { frozen_->setRowHeight(row, size); });
    // A click on a frozen header sorts the table like a click on the main one.
    connect(frozen_->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
        const Qt::SortOrder order =
            horizontalHeader()->sortIndicatorSection() == column &&
                    horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder
                ? Qt::DescendingOrder
                : Qt::AscendingOrder;
        sortByColumn(column, order);
    });
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, frozen_->horizontalHeader(),
            &QHeaderView::setSortIndicator);
}

void FrozenColumnsTableView::setModel(QAbstractItemModel* model) {
    QTableView::setModel(model);
    frozen_->setModel(model);
    frozen_->setSelectionModel(selectionModel());
    frozen_->horizontalHeader()->setSortIndicatorShown(true);
    const auto refresh = [this] {
        showOnlyFrozenColumns();
        updateFrozenGeometry();
    };
    connect(model, &QAbstractItemModel::modelReset, this, refresh);
    connect(model, &QAbstractItemModel::layoutChanged, this, refresh);
    connect(model, &QAbstractItemModel::columnsInserted, this, refresh);
    refresh();
}

void FrozenColumnsTableView::showOnlyFrozenColumns() {
    if (!model())
        return;
    for (int c = 0; c < model()->columnCount(); ++c)
        frozen_->setColumnHidden(c, c >= frozenColumns_ || isColumnHidden(c));
    for (int c = 0; c < std::min(frozenColumns_, model()->columnCount()); ++c)
        frozen_->setColumnWidth(c, columnWidth(c));
    for (int r = 0; r < model()->rowCount(); ++r)
        frozen_->setRowHeight(r, rowHeight(r));
}

int FrozenColumnsTableView::frozenWidth() const {
    int width = 0;
    for (int c = 0; model() && c < std::min(frozenColumns_, model()->columnCount()); ++c)
        if (!isColumnHidden(c))
            width += columnWidth(c);
    return width;
}

void FrozenColumnsTableView::updateFrozenGeometry() {
    frozen_->setGeometry(verticalHeader()->width() + frameWidth(), frameWidth(), frozenWidth(),
                         viewport()->height() + horizontalHeader()->height());
    frozen_->horizontalHeader()->setFixedHeight(horizontalHeader()->height());
}

void FrozenColumnsTableView::resizeEvent(QResizeEvent* event) {
    QTableView::resizeEvent(event);
    updateFrozenGeometry();
}

QModelIndex FrozenColumnsTableView::moveCursor(CursorAction cursorAction,
                                               Qt::KeyboardModifiers modifiers) {
    const QModelIndex current = QTableView::moveCursor(cursorAction, modifiers);
    // Moving left onto a cell the overlay hides scrolls it out from under the overlay.
    if (cursorAction == MoveLeft && current.column() >= frozenColumns_ &&
        visualRect(current).topLeft().x() < frozenWidth()) {
        const int hidden = frozenWidth() - visualRect(current).topLeft().x();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - hidden);
    }
    return current;
}

void FrozenColumnsTableView::scrollTo(const QModelIndex& index, ScrollHint hint) {
    if (index.column() >= frozenColumns_)
        QTableView::scrollTo(index, hint);
}

} // namespace marginal
