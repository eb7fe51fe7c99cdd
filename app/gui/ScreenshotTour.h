// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal --screenshots DIR`: the README's pictures, made by the app itself so they
// stay current. Once what was opened is fitted, it runs the full simulation, then
// grabs the Summary, the package form, the decision table and two charts into DIR
// (summary.png, package_form.png, decision_table.png, chart_margin_comparison.png,
// chart_credit_burn.png) and quits: exit 0, 3 when a file cannot be written.
#include <QString>

namespace marginal {

class MainWindow;

class ScreenshotTour {
public:
    static void start(MainWindow& window, const QString& directory);
};

} // namespace marginal
