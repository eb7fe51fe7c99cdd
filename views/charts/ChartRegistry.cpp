// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/ChartRegistry.h"
#include "views/charts/CreditBurnChart.h"
#include "views/charts/GmSpreadChart.h"
#include "views/charts/MarginComparisonChart.h"
#include "views/charts/MarginHorizonChart.h"
#include "views/charts/MarginUsageChart.h"
#include "views/charts/MigrationChart.h"

namespace marginal {

std::vector<ChartWidget*> ChartRegistry::create(QWidget* parent) {
    return {new MarginComparisonChart(parent), new GmSpreadChart(parent),
            new MarginHorizonChart(parent),    new CreditBurnChart(parent),
            new MarginUsageChart(parent),      new MigrationChart(parent)};
}

} // namespace marginal
