// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the results side: the decision table and charts of the run shown,
// their exports and the clipboard copy.
#include "models/common/OutputSet.h"
#include "simulator/results/DecisionWorkbook.h"
#include "simulator/results/RunProvenance.h"
#include "simulator/results/RunRecord.h"
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
#include <QDir>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QJsonDocument>
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
    decisionPage_->setRows(record->decision, scenario_ ? scenario_->baseline : QString());
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
    const QString footnote = RunProvenance::footnote(*shown_);
    for (ChartWidget* chart : charts_) {
        chart->setFootnote(footnote);
        chart->showRun(*shown_, selection);
    }
}

Status MainWindow::exportTable(const QString& fileName) {
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix != QLatin1String("xlsx") && suffix != QLatin1String("md") &&
        suffix != QLatin1String("csv"))
        return Status::failure(tr("%1: expected a .xlsx, .csv or .md file name").arg(fileName));
    if (!shown_)
        return Status::failure(tr("No run to export yet: run the scenario first (Ctrl+R)"));
    const QAbstractItemModel& rows = decisionPage_->filtered();
    if (suffix == QLatin1String("xlsx")) // the Run sheet carries the provenance
        return DecisionWorkbook(TableExport::exportHeader(rows), TableExport::exportRows(rows),
                                *shown_)
            .write(fileName);
    const Status table = suffix == QLatin1String("md") ? TableExport::toMarkdown(rows, fileName)
                                                       : TableExport::toCsv(rows, fileName);
    if (!table)
        return table;
    // A CSV or Markdown table has no room for provenance: name.run.json beside it says
    // which run it is.
    const QFileInfo info(fileName);
    return OutputSet::writeFile(
        info.dir().filePath(info.completeBaseName() + QStringLiteral(".run.json")),
        QJsonDocument(RunProvenance::json(*shown_)).toJson(QJsonDocument::Indented));
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
