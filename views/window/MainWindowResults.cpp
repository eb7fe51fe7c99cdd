// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the results side: the decision table and charts of the run shown,
// their exports and the clipboard copy.
#include "views/charts/ChartWidget.h"
#include "views/jobs/RunController.h"
#include "views/pages/DecisionTablePage.h"
#include "views/tables/DecisionFilterModel.h"
#include "views/tables/DecisionTableModel.h"
#include "views/tables/FrozenColumnsTableView.h"
#include "views/tables/TableExport.h"
#include "views/window/MainWindow.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

namespace marginal {

void MainWindow::showResults(const std::shared_ptr<const RunRecord>& record, const QString& kind) {
    if (!record)
        return;
    shown_ = record;
    shownKind_ = kind;
    decisionModel_->setRows(record->decision);
    decisionPage_->setRows(record->decision);
    if (showsWhatIf())
        whatIfText_->setText(
            tr("<b>What-if preview</b>: %1 trials of your edits, seed %2. Not a full run: the "
               "figures are rough and exports say so. Run the full simulation (Ctrl+R) "
               "before deciding.")
                .arg(record->trialsDone)
                .arg(record->seed));
    whatIfBanner_->setVisible(showsWhatIf());
    whatIfBanner_->findChild<QPushButton*>(QStringLiteral("showFullRun"))
        ->setEnabled(runs_->lastRecord() != nullptr);
    const DecisionNames names = DecisionNames::of(record->decision);
    const auto refill = [](QComboBox* box, const QStringList& items, const QString& fallback) {
        const QString previous = box->currentText();
        QSignalBlocker block(box);
        box->clear();
        box->addItems(items);
        box->setCurrentText(items.contains(previous) ? previous : fallback);
    };
    refill(chartCohort_, names.cohorts, QStringLiteral("all"));
    refill(chartMix_, names.mixes, names.mixes.value(0));
    refill(chartPackage_, names.packages, names.packages.value(0));
    redrawCharts();
    updateStatus();
    Q_EMIT resultsShown();
}

void MainWindow::redrawCharts() {
    if (!shown_)
        return;
    ChartSelection selection;
    selection.cohort = chartCohort_->currentText();
    selection.mix = chartMix_->currentText();
    selection.package = chartPackage_->currentText();
    if (scenario_)
        selection.repricing = scenario_->repricing;
    for (ChartWidget* chart : charts_)
        chart->showRun(*shown_, selection);
}

Status MainWindow::exportTable(const QString& fileName) {
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("xlsx"))
        return TableExport::toXlsx(decisionPage_->filtered(), fileName, tr("Decision table"));
    if (suffix == QLatin1String("md"))
        return TableExport::toMarkdown(decisionPage_->filtered(), fileName);
    if (suffix == QLatin1String("csv"))
        return TableExport::toCsv(decisionPage_->filtered(), fileName);
    return Status::failure(tr("%1: expected a .xlsx, .csv or .md file name").arg(fileName));
}

QString MainWindow::copyDecisionTable() {
    QList<int> rows;
    for (const QModelIndex& index : decisionPage_->table().selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    const QString text = TableExport::tsvText(decisionPage_->filtered(), rows);
    QApplication::clipboard()->setText(text);
    statusBar()->showMessage(tr("Copied %1 rows of the decision table")
                                 .arg(rows.isEmpty() ? decisionModel_->rowCount() : rows.size()),
                             4000);
    return text;
}

Status MainWindow::exportChart(const QString& fileName) {
    const auto* chart = static_cast<ChartWidget*>(chartTabs_->currentWidget());
    return chart->exportTo(fileName);
}

} // namespace marginal
