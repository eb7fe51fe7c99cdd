// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Price search page: what moves margin (Sensitivity, a tornado) and which prices
// keep it safe (Price grid, a heatmap with the GM% target's frontier), both run on the
// open scenario with its edits and the run settings of the Scenario page; and the price
// that meets a target (Optimise).
#include "views/pages/OptimisePanel.h"
#include "views/pages/PriceGridPanel.h"
#include "views/pages/SensitivityPanel.h"

#include <QWidget>

class QTabWidget;

namespace marginal {

class PriceSearchPage : public QWidget {
    Q_OBJECT
public:
    explicit PriceSearchPage(SearchRequestSource source, QWidget* parent = nullptr);
    void setScenario(const Scenario* scenario);
    SensitivityPanel& sensitivity() const { return *sensitivity_; }
    PriceGridPanel& grid() const { return *grid_; }
    OptimisePanel& optimise() const { return *optimise_; }
    QTabWidget& tabs() const { return *tabs_; }
    // Asks running work to stop and waits for it (before the window goes).
    void stop();

private:
    QTabWidget* tabs_;
    SensitivityPanel* sensitivity_;
    PriceGridPanel* grid_;
    OptimisePanel* optimise_;
};

} // namespace marginal
