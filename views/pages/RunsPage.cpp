// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/RunsPage.h"
#include "models/domain/PackageSummary.h"
#include "models/project/Project.h"
#include "simulator/results/RunHeadline.h"
#include "simulator/results/RunRecord.h"
#include "views/jobs/Job.h"
#include "views/tables/DecisionTableModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace marginal {

namespace {

// Reading a run's results for its headline costs a few ms each: the newest this many.
constexpr int kHeadlinedRuns = 50;

} // namespace

RunsPage::RunsPage(QWidget* parent)
    : QWidget(parent), title_(new QLabel), runs_(new QTableWidget),
      open_(new QPushButton(tr("&Show Run"))), compare_(new QPushButton(tr("Com&pare Two"))),
      delete_(new QPushButton(tr("&Delete Run"))), headlines_(new Job(this)) {
    title_->setWordWrap(true);
    runs_->setColumnCount(10);
    runs_->setHorizontalHeaderLabels({tr("Run"), tr("Name"), tr("Best package (margin/customer)"),
                                      tr("Created (UTC)"), tr("Source"), tr("Scenario"),
                                      tr("Customers from"), tr("Seed"), tr("Trials"), tr("Notes")});
    runs_->horizontalHeaderItem(NameColumn)->setToolTip(tr("Double-click or F2 to name the run"));
    runs_->horizontalHeaderItem(NotesColumn)->setToolTip(tr("Double-click or F2 to add notes"));
    runs_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    runs_->setSelectionBehavior(QAbstractItemView::SelectRows);
    runs_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    runs_->verticalHeader()->hide();
    runs_->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open_);
    buttons->addWidget(compare_);
    buttons->addWidget(delete_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(runs_, 1);
    layout->addLayout(buttons);
    connect(open_, &QPushButton::clicked, this, [this] {
        if (const QList<qint64> ids = selectedRuns(); ids.size() == 1)
            Q_EMIT openRequested(ids.front());
    });
    connect(compare_, &QPushButton::clicked, this, [this] {
        const QList<qint64> ids = selectedRuns();
        if (ids.size() == 2)
            Q_EMIT compareRequested(ids[0], ids[1]);
    });
    connect(delete_, &QPushButton::clicked, this, [this] {
        // The selected run, not the current row: Ctrl+click can leave them apart.
        if (const QList<qint64> ids = selectedRuns(); ids.size() == 1)
            Q_EMIT deleteRequested(ids.front());
    });
    auto* deleteKey = new QAction(runs_);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteKey, &QAction::triggered, delete_, &QPushButton::click);
    runs_->addAction(deleteKey);
    connect(runs_, &QTableWidget::cellActivated, this, [this](int row, int column) {
        if (column != NameColumn && column != NotesColumn)
            openRow(row);
    });
    connect(runs_, &QTableWidget::itemSelectionChanged, this, &RunsPage::updateButtons);
    connect(runs_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (filling_ || (item->column() != NameColumn && item->column() != NotesColumn))
            return;
        const int row = item->row();
        const QString name = runs_->item(row, NameColumn)->text().trimmed();
        filling_ = true; // the cell shows the name as kept
        runs_->item(row, NameColumn)->setText(name);
        filling_ = false;
        Q_EMIT labelChanged(runIdAt(row), name, runs_->item(row, NotesColumn)->text());
    });
    setProject(nullptr);
}

void RunsPage::startHeadlines(const Project& project, const std::vector<qint64>& runIds) {
    if (headlines_->isRunning()) { // another project's, or this one's before an edit
        headlines_->cancel();
        headlines_->wait();
    }
    if (runIds.empty())
        return;
    // Its own connection: this one stays with the GUI thread.
    std::shared_ptr<Project> own;
    try {
        own = project.openAgain();
    } catch (const Error&) {
        return; // the project cannot be opened again now: no headlines, the list stands
    }
    headlines_->start<std::vector<QString>>(
        [own, runIds](Job::Context& context) {
            std::vector<QString> texts;
            for (const qint64 id : runIds) {
                Cancelled::check(&context.cancel);
                texts.push_back(headlineOf(*own, id));
            }
            return texts;
        },
        [this, runIds](std::vector<QString> texts) {
            for (int row = 0; row < runs_->rowCount(); ++row)
                for (std::size_t i = 0; i < runIds.size(); ++i)
                    if (runIdAt(row) == runIds[i])
                        runs_->item(row, HeadlineColumn)->setText(texts[i]);
            runs_->resizeColumnToContents(HeadlineColumn);
            Q_EMIT headlinesShown();
        });
}

QString RunsPage::headlineOf(const Project& project, qint64 runId) {
    const std::optional<StoredRun> stored = project.run(runId);
    const QJsonDocument doc = stored ? QJsonDocument::fromJson(stored->results) : QJsonDocument();
    if (!doc.isObject())
        return tr("(results unreadable)");
    const RunRecord record = RunRecord::fromJson(doc.object());
    const RunHeadline headline =
        RunHeadline::of(record.decision, DecisionTableModel::kRiskyNegativeShare);
    QStringList parts;
    for (const RunHeadline::Best& best : headline.best)
        parts << tr("%1 %2 (%3)")
                     .arg(best.package,
                          PackageSummary::money(std::round(best.meanMargin * 100) / 100), best.mix);
    return parts.join(QStringLiteral("; "));
}

void RunsPage::setProject(const Project* project) {
    filling_ = true;
    runs_->setRowCount(0);
    if (!project) {
        title_->setText(tr("No project open: runs are kept in a project (File > New Project)."));
        filling_ = false;
        updateButtons();
        return;
    }
    try {
        const auto runs = project->runs();
        title_->setText(runs.empty()
                            ? tr("No runs stored yet: a full run (Ctrl+R) with this "
                                 "project open is kept here.")
                            : tr("%1 runs. Enter shows one; select two (Ctrl+click) to compare "
                                 "them; F2 names a run or adds notes.")
                                  .arg(runs.size()));
        runs_->setRowCount(int(runs.size()));
        std::vector<qint64> headlined;
        for (int i = 0; i < int(runs.size()); ++i) {
            const auto& run = runs[std::size_t(i)];
            if (i < kHeadlinedRuns)
                headlined.push_back(run.id);
            const QStringList cells = {QString::number(run.id),
                                       run.name,
                                       i < kHeadlinedRuns ? tr("...") : QString(),
                                       run.createdAt,
                                       run.source,
                                       run.scenario,
                                       run.customersFrom,
                                       run.seed,
                                       QLocale().toString(run.trials),
                                       run.notes};
            for (int c = 0; c < cells.size(); ++c) {
                auto* item = new QTableWidgetItem(cells[c]);
                if (c != NameColumn && c != NotesColumn)
                    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
                runs_->setItem(i, c, item);
            }
        }
        runs_->resizeColumnsToContents();
        if (!runs.empty())
            runs_->selectRow(0);
        startHeadlines(*project, headlined);
    } catch (const Error& e) {
        title_->setText(e.message());
    }
    filling_ = false;
    updateButtons();
}

qint64 RunsPage::runIdAt(int row) const {
    return row >= 0 && row < runs_->rowCount() ? runs_->item(row, IdColumn)->text().toLongLong()
                                               : 0;
}

QList<qint64> RunsPage::selectedRuns() const {
    QList<qint64> ids;
    for (const QModelIndex& index : runs_->selectionModel()->selectedRows())
        ids << runIdAt(index.row());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void RunsPage::updateButtons() {
    const int selected = int(runs_->selectionModel()->selectedRows().size());
    open_->setEnabled(selected == 1);
    delete_->setEnabled(selected == 1); // one at a time: a delete cannot be undone
    compare_->setEnabled(selected == 2);
}

void RunsPage::openRow(int row) {
    if (row < 0 || row >= runs_->rowCount())
        return;
    Q_EMIT openRequested(runIdAt(row));
}

} // namespace marginal
