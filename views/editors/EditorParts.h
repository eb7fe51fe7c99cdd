// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pieces every editor page uses the same way: the two-column field table and the red
// line under it that says why an edit was refused.
class QAbstractItemModel;
class QLabel;
class QTableView;

namespace marginal {

class EditorParts {
public:
    static void setUpFieldTable(QTableView& view, QAbstractItemModel* model);
    static QLabel* refusalLabel();
};

} // namespace marginal
