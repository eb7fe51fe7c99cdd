// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every chart of the Charts page, in its tabs' order.
#include <QWidget>
#include <vector>

namespace marginal {

class ChartWidget;

class ChartRegistry {
public:
    // A new instance of every chart, children of `parent`.
    static std::vector<ChartWidget*> create(QWidget* parent);
};

} // namespace marginal
