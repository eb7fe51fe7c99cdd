// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Help menu's windows: the keyboard shortcuts (read from the window's own actions,
// so the list cannot go stale), a glossary of every decision-table column (its screen
// header, machine name in decision_table.csv, and meaning), and the About box
// (version, licence, the libraries' versions).
#include <QList>
#include <QString>

class QAction;
class QWidget;

namespace marginal {

class HelpDialogs {
public:
    // "Ctrl+R<tab>Run Simulation" lines, one per action with a shortcut.
    static QString shortcutsText(const QList<QAction*>& actions);
    // HTML: one table row per column.
    static QString glossaryHtml();
    // HTML: resources/help/about.html with the versions filled in.
    static QString aboutHtml();

    static void showShortcuts(QWidget* parent, const QList<QAction*>& actions);
    static void showGlossary(QWidget* parent);
    static void showAbout(QWidget* parent);
};

} // namespace marginal
