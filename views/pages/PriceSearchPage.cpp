// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/PriceSearchPage.h"
#include "views/jobs/Job.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace marginal {

PriceSearchPage::PriceSearchPage(SearchRequestSource source, QWidget* parent)
    : QWidget(parent), tabs_(new QTabWidget), sensitivity_(new SensitivityPanel(source)),
      grid_(new PriceGridPanel(source)), optimise_(new OptimisePanel(source)) {
    tabs_->addTab(grid_, tr("Price grid"));
    tabs_->addTab(optimise_, tr("Optimise"));
    tabs_->addTab(sensitivity_, tr("Sensitivity"));
    auto* note = new QLabel(tr("Runs on the open scenario with its edits, with the customers and "
                               "seed set on the Scenario page."));
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(tabs_, 1);
}

void PriceSearchPage::setScenario(const Scenario* scenario) {
    grid_->setScenario(scenario);
    optimise_->setScenario(scenario);
}

void PriceSearchPage::stop() {
    for (Job* job : {&sensitivity_->job(), &grid_->job(), &optimise_->job()}) {
        job->cancel();
        job->wait();
    }
}

} // namespace marginal
