// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pieces every editor page uses the same way: the two-column field table, the red
// line under it that says why an edit was refused, and choice boxes that do not widen
// the window to their longest choice.
#include <QStringList>

class QAbstractItemModel;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableView;

namespace marginal {

class EditorParts {
public:
    static void setUpFieldTable(QTableView& view, QAbstractItemModel* model);
    static QLabel* refusalLabel();
    // A new choice box as wide as its layout gives it (at least 8 characters),
    // however long its choices: the window stays within 1024 pixels.
    static QComboBox* narrowComboBox();
    // Replaces `box`'s choices by `names`, quietly (a refill is not a choice), keeping
    // the current choice when it is still offered, else the first.
    static void refill(QComboBox& box, const QStringList& names);
    // A box for a number of any sign and size (a price, a bound), to 4 decimals.
    static QDoubleSpinBox* numberBox();
};

} // namespace marginal
