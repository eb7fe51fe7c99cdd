// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A table whose first columns stay in view when it scrolls sideways: a second view,
// laid over the left edge, shows them and scrolls up and down with the table (the
// design of Qt's "Frozen Column" example). Sorting, selection and column widths are
// shared.
#include <QTableView>

namespace marginal {

class FrozenColumnsTableView : public QTableView {
    Q_OBJECT
public:
    explicit FrozenColumnsTableView(int frozenColumns, QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model) override;
    // The overlay showing the frozen columns.
    QTableView& frozenView() const { return *frozen_; }
    int frozenColumns() const { return frozenColumns_; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void scrollTo(const QModelIndex& index, ScrollHint hint = EnsureVisible) override;

private:
    void updateFrozenGeometry();
    void showOnlyFrozenColumns();
    int frozenWidth() const;

    int frozenColumns_;
    QTableView* frozen_;
};

} // namespace marginal
