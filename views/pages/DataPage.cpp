// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/DataPage.h"
#include "models/project/Project.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginal {

DataPage::DataPage(QWidget* parent)
    : QWidget(parent), title_(new QLabel), imports_(new QTableWidget), scenarios_(new QListWidget),
      import_(new QPushButton(tr("&Import Usage..."))) {
    title_->setWordWrap(true);
    title_->setTextFormat(Qt::PlainText);
    imports_->setColumnCount(9);
    imports_->setHorizontalHeaderLabels({tr("Import"), tr("Source"), tr("Format"),
                                         tr("Customer field"), tr("Imported at (UTC)"), tr("Read"),
                                         tr("Added"), tr("Duplicates"), tr("Rejected")});
    imports_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    imports_->setSelectionBehavior(QAbstractItemView::SelectRows);
    imports_->verticalHeader()->hide();
    imports_->horizontalHeader()->setStretchLastSection(true);
    auto* newProject = new QPushButton(tr("&New Project..."));
    auto* openProject = new QPushButton(tr("&Open Project..."));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(newProject);
    buttons->addWidget(openProject);
    buttons->addWidget(import_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addLayout(buttons);
    layout->addWidget(imports_, 1);
    layout->addWidget(new QLabel(tr("Scenarios kept in this project (saved with Ctrl+S while "
                                    "it is open); Enter or double-click opens one")));
    scenarios_->setMaximumHeight(120);
    layout->addWidget(scenarios_);
    connect(scenarios_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { Q_EMIT scenarioRequested(item->text()); });
    connect(newProject, &QPushButton::clicked, this, &DataPage::newProjectRequested);
    connect(openProject, &QPushButton::clicked, this, &DataPage::openProjectRequested);
    connect(import_, &QPushButton::clicked, this, &DataPage::importRequested);
    setProject(nullptr);
}

void DataPage::setProject(const Project* project) {
    imports_->setRowCount(0);
    scenarios_->clear();
    import_->setEnabled(project != nullptr);
    if (!project) {
        title_->setText(tr("No project open. A project (*.marginal) holds your usage exports, "
                           "the cohorts fitted from them and your runs: start a new one or "
                           "open one."));
        return;
    }
    try {
        const std::vector<ImportSummary> imports = project->imports();
        title_->setText(tr("%1\n%2 usage records from %3 imports; %4 rejected rows kept")
                            .arg(QFileInfo(project->fileName()).absoluteFilePath())
                            .arg(QLocale().toString(project->usageCount()))
                            .arg(imports.size())
                            .arg(QLocale().toString(project->rejectedCount())));
        imports_->setRowCount(int(imports.size()));
        for (int i = 0; i < int(imports.size()); ++i) {
            const ImportSummary& m = imports[std::size_t(i)];
            const QStringList cells = {QString::number(m.id),
                                       m.sourceName,
                                       m.format,
                                       m.customerField,
                                       m.importedAt,
                                       QLocale().toString(m.rowsRead),
                                       QLocale().toString(m.rowsAdded),
                                       QLocale().toString(m.rowsDuplicate),
                                       QLocale().toString(m.rowsRejected)};
            for (int c = 0; c < cells.size(); ++c) {
                auto* item = new QTableWidgetItem(cells[c]);
                if (c >= 5)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                imports_->setItem(i, c, item);
            }
        }
        imports_->resizeColumnsToContents();
        scenarios_->addItems(project->scenarios());
    } catch (const Error& e) {
        title_->setText(e.message());
    }
}

} // namespace marginal
