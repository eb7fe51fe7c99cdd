// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Cell escaping for the tables Marginal exports (CSV for spreadsheets, Markdown).
#include <QString>
#include <QStringList>

namespace marginal {

class TableText {
public:
    // RFC 4180 quoting, and spreadsheet formula injection neutralised: a text cell
    // starting with = + - @ (or tab / carriage return) gets a leading apostrophe so
    // Excel shows it as text instead of running it. Numbers are left as they are.
    static QString csvField(const QString& text);
    static QString csvLine(const QStringList& fields);
    // A tab-separated line for the clipboard (what spreadsheets paste into cells):
    // formulas neutralised as in CSV, tabs and line breaks inside a cell made spaces.
    static QString tsvLine(const QStringList& fields);
    // Pipes and newlines escaped for a Markdown table cell.
    static QString markdownCell(const QString& text);
    static QString markdownTable(const QStringList& header, const QList<QStringList>& rows);
};

} // namespace marginal
