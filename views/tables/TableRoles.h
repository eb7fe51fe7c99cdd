// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Item roles the tables share: the screen shows readable text (DisplayRole); sorting
// and every export read these, so a file never carries the screen's rounding.
#include <Qt>

namespace marginal::TableRoles {

// The value to sort by: a number as a double, text as text.
constexpr int kSort = Qt::UserRole + 1;
// The machine text exports write (decision_table.csv's cells and header names); a
// model without it exports its display text.
constexpr int kExport = Qt::UserRole + 2;

} // namespace marginal::TableRoles
