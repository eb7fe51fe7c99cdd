// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/RunsPage.h"
#include "models/project/Project.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginal {

RunsPage::RunsPage(QWidget* parent)
    : QWidget(parent), title_(new QLabel), runs_(new QTableWidget),
      open_(new QPushButton(tr("&Show Run"))) {
    title_->setWordWrap(true);
    runs_->setColumnCount(7);
    runs_->setHorizontalHeaderLabels({tr("Run"), tr("Created (UTC)"), tr("Source"), tr("Scenario"),
                                      tr("Customers from"), tr("Seed"), tr("Trials")});
    runs_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    runs_->setSelectionBehavior(QAbstractItemView::SelectRows);
    runs_->setSelectionMode(QAbstractItemView::SingleSelection);
    runs_->verticalHeader()->hide();
    runs_->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(runs_, 1);
    layout->addLayout(buttons);
    connect(open_, &QPushButton::clicked, this, [this] { openRow(runs_->currentRow()); });
    connect(runs_, &QTableWidget::cellActivated, this, [this](int row, int) { openRow(row); });
    setProject(nullptr);
}

void RunsPage::setProject(const Project* project) {
    runs_->setRowCount(0);
    open_->setEnabled(false);
    if (!project) {
        title_->setText(tr("No project open: runs are kept in a project (File > New Project)."));
        return;
    }
    try {
        const auto runs = project->runs();
        title_->setText(runs.empty()
                            ? tr("No runs stored yet: a full run (Ctrl+R) with this "
                                 "project open is kept here.")
                            : tr("%1 runs; Enter or double-click shows one.").arg(runs.size()));
        runs_->setRowCount(int(runs.size()));
        for (int i = 0; i < int(runs.size()); ++i) {
            const auto& run = runs[std::size_t(i)];
            const QStringList cells = {QString::number(run.id),
                                       run.createdAt,
                                       run.source,
                                       run.scenario,
                                       run.customersFrom,
                                       run.seed,
                                       QLocale().toString(run.trials)};
            for (int c = 0; c < cells.size(); ++c)
                runs_->setItem(i, c, new QTableWidgetItem(cells[c]));
        }
        runs_->resizeColumnsToContents();
        if (!runs.empty()) {
            runs_->selectRow(0);
            open_->setEnabled(true);
        }
    } catch (const Error& e) {
        title_->setText(e.message());
    }
}

void RunsPage::openRow(int row) {
    if (row < 0 || row >= runs_->rowCount())
        return;
    Q_EMIT openRequested(runs_->item(row, 0)->text().toLongLong());
}

} // namespace marginal
