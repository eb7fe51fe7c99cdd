// MainWindow, the results side: the decision table and charts of the run shown,
// their exports and the clipboard copy.
#include "views/editors/CatalogEditor.h"
#include "views/pages/CohortsPage.h"
#include "views/charts/CreditBurnChart.h"
#include "views/pages/DataPage.h"
#include "views/tables/DecisionTableModel.h"
#include "views/charts/GmSpreadChart.h"
#include "views/dialogs/ImportDialog.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"
#include "views/window/MainWindow.h"
#include "views/charts/MarginComparisonChart.h"
#include "views/charts/MarginHorizonChart.h"
#include "views/charts/MarginUsageChart.h"
#include "views/editors/MixEditor.h"
#include "views/editors/PackageEditor.h"
#include "models/project/ProjectStore.h"
#include "views/jobs/RunController.h"
#include "views/pages/RunsPage.h"
#include "simulator/analysis/SampleUsageGenerator.h"
#include "views/editors/ScenarioSettingsEditor.h"
#include "views/tables/TableExport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryFile>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <random>
#include <thread>

namespace marginal {

void MainWindow::showResults(const std::shared_ptr<const RunRecord>& record, const QString& kind) {
    if (!record)
        return;
    shown_ = record;
    shownKind_ = kind;
    decisionModel_->setRows(record->decision);
    QStringList cohorts, mixes, packages;
    for (const DecisionRow& r : record->decision) {
        if (!cohorts.contains(r.cohort))
            cohorts.append(r.cohort);
        if (!mixes.contains(r.mix))
            mixes.append(r.mix);
        if (!packages.contains(r.package))
            packages.append(r.package);
    }
    const auto refill = [](QComboBox* box, const QStringList& items, const QString& fallback) {
        const QString previous = box->currentText();
        QSignalBlocker block(box);
        box->clear();
        box->addItems(items);
        box->setCurrentText(items.contains(previous) ? previous : fallback);
    };
    refill(chartCohort_, cohorts, QStringLiteral("all"));
    refill(chartMix_, mixes, mixes.value(0));
    refill(chartPackage_, packages, packages.value(0));
    redrawCharts();
    updateStatus();
    Q_EMIT resultsShown();
}

void MainWindow::redrawCharts() {
    if (!shown_)
        return;
    const QString cohort = chartCohort_->currentText(), mix = chartMix_->currentText();
    chart_->setRows(shown_->decision, cohort);
    spreadChart_->setRows(shown_->decision, mix);
    horizonChart_->setRows(shown_->monthly, cohort, mix,
                           scenario_ ? scenario_->repricing : std::vector<RepricingEvent>());
    const QString package = chartPackage_->currentText();
    burnChart_->setDetail(shown_->detail, package, mix);
    QStringList cohorts;
    if (!shown_->detail.empty())
        for (const BurnFan& fan : shown_->detail.front().fans)
            cohorts.append(fan.cohort);
    usageChart_->setDetail(shown_->detail, cohorts, package, mix);
}

QString MainWindow::exportTable(const QString& fileName) {
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("xlsx"))
        return TableExport::toXlsx(*sortedDecisions_, fileName, tr("Decision table"));
    if (suffix == QLatin1String("md"))
        return TableExport::toMarkdown(*sortedDecisions_, fileName);
    if (suffix == QLatin1String("csv"))
        return TableExport::toCsv(*sortedDecisions_, fileName);
    return tr("%1: expected a .xlsx, .csv or .md file name").arg(fileName);
}

QString MainWindow::copyDecisionTable() {
    QList<int> rows;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    const QString text = TableExport::tsvText(*sortedDecisions_, rows);
    QApplication::clipboard()->setText(text);
    statusBar()->showMessage(tr("Copied %1 rows of the decision table")
                                 .arg(rows.isEmpty() ? decisionModel_->rowCount() : rows.size()),
                             4000);
    return text;
}

QString MainWindow::exportChart(const QString& fileName) {
    if (chartTabs_->currentWidget() == spreadChart_)
        return spreadChart_->exportTo(fileName);
    if (chartTabs_->currentWidget() == horizonChart_)
        return horizonChart_->exportTo(fileName);
    if (chartTabs_->currentWidget() == burnChart_)
        return burnChart_->exportTo(fileName);
    if (chartTabs_->currentWidget() == usageChart_)
        return usageChart_->exportTo(fileName);
    return chart_->exportTo(fileName);
}

} // namespace marginal
