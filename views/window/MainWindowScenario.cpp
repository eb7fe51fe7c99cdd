// MainWindow, the scenario side: open, edits applied from the editors, save, and
// the full and what-if runs.
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

QString MainWindow::openScenario(const QString& fileName) {
    try {
        Scenario loaded = Scenario::loadFile(fileName);
        scenario_ = std::move(loaded);
    } catch (const InputError& e) {
        complain(e.message());
        return e.message();
    }
    rememberRecent(QFileInfo(fileName).absoluteFilePath());
    adoptScenario();
    return QString();
}

QString MainWindow::openStoredScenario(const QString& name) {
    try {
        const auto store = ProjectStore::open(projectFile_, ProjectStore::Mode::OpenExisting);
        const QByteArray json = store->document(QStringLiteral("scenario"), name);
        if (json.isEmpty())
            throw ProjectError(tr("%1: no scenario \"%2\" in the project").arg(projectFile_, name));
        scenario_ = Scenario::fromJson(
            JsonNode::parseBytes(json, QStringLiteral("%1 (scenario %2)").arg(projectFile_, name)),
            QString()); // no file: Save asks for one
    } catch (const ProjectError& e) {
        complain(e.message());
        return e.message();
    } catch (const InputError& e) {
        complain(e.message());
        return e.message();
    }
    adoptScenario();
    showPage(ScenarioPage);
    return QString();
}

void MainWindow::adoptScenario() {
    undo_->clear(); // edits belonged to the scenario that was open
    packageEditor_->setPackages(scenario_->packages);
    catalogEditor_->setCatalog(scenario_->catalog);
    fillMixEditor();
    trials_->setValue(scenario_->trials);
    seed_->setText(scenario_->seed ? QString::number(*scenario_->seed) : QString());
    showScenario();
    updateStatus();
}

void MainWindow::showScenario() {
    cohorts_->clear();
    packages_->clear();
    runButton_->setEnabled(scenario_.has_value() && !runs_->isRunning());
    if (scenario_)
        settingsEditor_->setScenario(*scenario_);
    if (!scenario_) {
        scenarioTitle_->setText(tr("No scenario open (File > Open Scenario)"));
        return;
    }
    const Scenario& s = *scenario_;
    scenarioTitle_->setText(tr("%1\n%2 months from %3")
                                .arg(s.name)
                                .arg(s.horizonMonths)
                                .arg(s.startMonth.toString(QStringLiteral("yyyy-MM"))));
    for (const CohortProfile& c : s.cohorts)
        cohorts_->addTopLevelItem(new QTreeWidgetItem(
            {c.name, QString::number(c.customers), QString::number(c.pActive, 'f', 2),
             QString::number(c.mu, 'f', 2), QString::number(c.sigma, 'f', 2),
             QString::number(c.rho, 'f', 2), QString::number(c.growth, 'f', 3),
             QLocale().toString(std::exp(c.mu), 'f', 0)}));
    for (const PricingPackage& p : s.packages)
        packages_->addTopLevelItem(
            new QTreeWidgetItem({p.name, QLocale().toCurrencyString(p.baseFee, QStringLiteral("$")),
                                 QLocale().toString(p.includedCredits, 'f', 0),
                                 PricingPackage::enforcementName(p.enforcement), p.description}));
    for (QTreeWidget* tree : {cohorts_, packages_})
        for (int c = 0; c < tree->columnCount() - 1; ++c)
            tree->resizeColumnToContents(c);
}

void MainWindow::runSimulation() {
    if (!scenario_ || runs_->isRunning())
        return;
    bool ok = false;
    std::uint64_t seed = seed_->text().toULongLong(&ok);
    if (!ok) { // no seed given: draw one and show it, so the run can be repeated
        seed = (std::uint64_t(std::random_device{}()) << 32) ^ std::random_device{}();
        seed_->setText(QString::number(seed));
    }
    runButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    progress_->setValue(0);
    runs_->start(*scenario_, trials_->value(), seed, threads_->value());
}

void MainWindow::cancelRun() {
    runs_->cancel();
}

void MainWindow::applyScenarioJson(const QJsonObject& json) {
    if (!scenario_)
        return;
    try {
        Scenario edited = Scenario::fromJson(
            JsonNode::parseBytes(QJsonDocument(json).toJson(QJsonDocument::Compact),
                                 scenario_->name),
            QString());
        edited.fileName = scenario_->fileName;
        edited.inputFiles = scenario_->inputFiles;
        scenario_ = std::move(edited);
    } catch (const InputError& e) { // checked before the edit was taken: not expected
        complain(e.message());
        return;
    }
    packageEditor_->setPackages(scenario_->packages);
    catalogEditor_->setCatalog(scenario_->catalog);
    fillMixEditor();
    trials_->setValue(scenario_->trials);
    if (scenario_->seed)
        seed_->setText(QString::number(*scenario_->seed));
    showScenario();
    updateStatus();
    sinceEdit_->start();
    startWhatIf();
}

QString MainWindow::saveScenario(const QString& fileName) {
    if (!scenario_)
        return tr("no scenario open");
    const QJsonObject json = scenario_->toJson();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(json).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        const QString message =
            tr("%1: cannot write the scenario: %2").arg(fileName, file.errorString());
        complain(message);
        return message;
    }
    scenario_->fileName = QFileInfo(fileName).absoluteFilePath();
    undo_->setClean();
    rememberRecent(scenario_->fileName);
    if (!projectFile_.isEmpty()) { // the project keeps the scenarios it was used with
        try {
            const auto store = ProjectStore::open(projectFile_, ProjectStore::Mode::OpenExisting);
            store->putDocument(QStringLiteral("scenario"), scenario_->name,
                               QJsonDocument(json).toJson(QJsonDocument::Compact));
            dataPage_->setProject(projectFile_);
        } catch (const ProjectError& e) {
            complain(e.message());
        }
    }
    statusBar()->showMessage(tr("Saved %1").arg(fileName), 5000);
    updateStatus();
    return QString();
}

bool MainWindow::saveScenarioDialog(bool askName) {
    if (!scenario_)
        return false;
    QString name = scenario_->fileName;
    // The bundled sample is not overwritten: its first save asks for a file.
    if (askName || name.isEmpty() || name == bundledSample()) {
        name = QFileDialog::getSaveFileName(this, tr("Save scenario"),
                                            QFileInfo(scenario_->fileName).completeBaseName() +
                                                QStringLiteral("-edited.json"),
                                            tr("Scenarios (*.json)"));
        if (name.isEmpty())
            return false;
    }
    return saveScenario(name).isEmpty();
}

void MainWindow::fillMixEditor() {
    QStringList models, cohortNames;
    for (const CatalogModel& m : scenario_->catalog.models())
        models.append(m.id);
    for (const CohortProfile& c : scenario_->cohorts)
        cohortNames.append(c.name);
    mixEditor_->setMixes(scenario_->mixes, models, cohortNames);
}

void MainWindow::startWhatIf() {
    if (!scenario_)
        return;
    if (whatIf_->isRunning()) {
        whatIfPending_ = true;
        whatIf_->cancel();
        return;
    }
    bool ok = false;
    const std::uint64_t seed = seed_->text().toULongLong(&ok);
    // A fixed seed: what-if results differ only by the edit (common random numbers).
    whatIf_->start(*scenario_, kWhatIfTrials, ok ? seed : 1, threads_->value(), true);
}

} // namespace marginal
