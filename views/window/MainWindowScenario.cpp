// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the scenario side: open and save scenarios, their edits, where a run's
// customers come from, full runs and the quick what-if runs after each edit.
#include "models/json/JsonNode.h"
#include "simulator/search/PackageField.h"
#include "views/dialogs/FileDialogs.h"
#include "views/editors/CatalogEditor.h"
#include "views/editors/LineupEditor.h"
#include "views/editors/MixEditor.h"
#include "views/editors/PackageEditor.h"
#include "views/editors/ScenarioSettingsEditor.h"
#include "views/jobs/RunController.h"
#include "views/pages/DataPage.h"
#include "views/pages/PriceSearchPage.h"
#include "views/window/MainWindow.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <cmath>

namespace marginal {

void MainWindow::connectRuns() {
    connect(runs_, &Job::progressed, this, [this](qint64 done, qint64 total) {
        progress_->setMaximum(int(std::min<qint64>(total, 1000000)));
        progress_->setValue(int(std::min<qint64>(done, 1000000)));
    });
    const auto runEnded = [this] {
        runButton_->setEnabled(scenario_.has_value());
        cancelButton_->setEnabled(false);
        cancelAction_->setEnabled(false);
    };
    connect(runs_, &Job::finished, this, [this, runEnded] {
        fullRunScenario_ = startedRunScenario_;
        fullRunCustomers_ = startedRunCustomers_;
        storeRunInProject();
        showResults(runs_->lastRecord());
        runEnded();
        showPage(DecisionPage);
    });
    connect(runs_, &Job::cancelled, this, [this, runEnded] {
        runEnded();
        progress_->setValue(0);
        statusBar()->showMessage(tr("Run cancelled; the previous results are kept."), 5000);
    });
    connect(runs_, &Job::failed, this, [this, runEnded](const QString& message) {
        runEnded();
        complain(message);
    });
    // What-if runs: a quick run after each edit; an edit during one cancels it and
    // starts over, so only the latest edit's results are drawn.
    const auto afterWhatIf = [this] {
        if (whatIfPending_) {
            whatIfPending_ = false;
            startWhatIf();
        }
    };
    connect(whatIf_, &Job::finished, this, [this, afterWhatIf] {
        if (!whatIfPending_) {
            showResults(whatIf_->lastRecord(), tr("what-if"));
            lastWhatIfMs_ = sinceEdit_->elapsed();
            statusBar()->showMessage(tr("What-if: %1 trials, drawn %2 ms after the edit (Ctrl+R "
                                        "for a full run)")
                                         .arg(kWhatIfTrials)
                                         .arg(lastWhatIfMs_),
                                     8000);
        }
        afterWhatIf();
    });
    connect(whatIf_, &Job::cancelled, this, afterWhatIf);
    connect(whatIf_, &Job::failed, this, [this](const QString& message) {
        whatIfPending_ = false;
        statusBar()->showMessage(message, 10000);
    });
}

Status MainWindow::openScenario(const QString& fileName) {
    const Status loaded = catchingErrors([&] {
        scenario_ = Scenario::loadFile(fileName);
        return Status::success();
    });
    if (!loaded)
        return reported(loaded);
    rememberRecent(QFileInfo(fileName).absoluteFilePath());
    adoptScenario();
    return Status::success();
}

Status MainWindow::openStoredScenario(const QString& name) {
    const Status loaded = catchingErrors([&] {
        const std::optional<QJsonObject> json =
            project_ ? project_->document(DocumentKind::Scenario, name) : std::nullopt;
        if (!json)
            return Status::failure(
                tr("%1: no scenario \"%2\" in the project").arg(projectFile(), name));
        scenario_ = Scenario::fromJson(
            JsonNode(*json, QStringLiteral("$"),
                     QStringLiteral("%1 (scenario %2)").arg(projectFile(), name)),
            QString()); // no file: Save asks for one
        return Status::success();
    });
    if (!loaded)
        return reported(loaded);
    adoptScenario();
    showPage(ScenarioPage);
    return Status::success();
}

void MainWindow::adoptScenario() {
    undo_->clear(); // edits belonged to the scenario that was open
    packageEditor_->setCatalog(scenario_->catalog);
    packageEditor_->setPackages(scenario_->packages);
    catalogEditor_->setCatalog(scenario_->catalog);
    fillMixEditor();
    trials_->setValue(scenario_->trials);
    seed_->setText(scenario_->seed ? QString::number(*scenario_->seed) : QString());
    showScenario();
    updateStatus();
}

CustomerSource MainWindow::customerSource() const {
    return CustomerSource(customersFrom_->currentData().toInt());
}

void MainWindow::updateCustomerChoices() {
    const QSignalBlocker block(customersFrom_);
    if (customersFrom_->count() == 0)
        for (CustomerSource s :
             {CustomerSource::Fitted, CustomerSource::Empirical, CustomerSource::Scenario})
            customersFrom_->addItem(QString(), int(s));
    const bool fitted = customers_.has_value();
    const QString project = QFileInfo(projectFile()).fileName();
    const qint64 customers = fitted ? customers_->fit.customers : 0;
    customersFrom_->setItemText(
        0, fitted ? tr("Fitted cohorts of %1 (%2 customers)").arg(project).arg(customers)
                  : tr("Fitted cohorts of a project (open one with usage)"));
    customersFrom_->setItemText(
        1, fitted ? tr("Own histories of %1's %2 customers (bootstrap)").arg(project).arg(customers)
                  : tr("Customers' own histories (bootstrap; needs a project)"));
    customersFrom_->setItemText(2, tr("The scenario's cohorts"));
    auto* items = static_cast<QStandardItemModel*>(customersFrom_->model());
    items->item(0)->setEnabled(fitted);
    items->item(1)->setEnabled(fitted);
    // The project's fitted cohorts are the default as soon as there are some.
    if (!fitted)
        customersFrom_->setCurrentIndex(2);
    else if (customerSource() == CustomerSource::Scenario && fittedJustArrived_)
        customersFrom_->setCurrentIndex(0);
    fittedJustArrived_ = false;
    showScenario();
}

void MainWindow::showScenario() {
    priceSearch_->setScenario(scenario_ ? &*scenario_ : nullptr);
    lineupEditor_->refresh();
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
    // The cohorts the next run simulates: the project's when they are chosen.
    std::vector<CohortProfile> shown = s.cohorts;
    if (customers_ && customerSource() != CustomerSource::Scenario) {
        shown.clear();
        for (const FittedCohort& f : customers_->fit.cohorts)
            shown.push_back(f.profile);
    }
    for (const CohortProfile& c : shown)
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

RunRequest MainWindow::runRequest(std::optional<std::uint64_t> seed, std::int64_t trials) const {
    RunRequest request;
    request.scenario = *scenario_;
    request.customers = customers_ ? customerSource() : CustomerSource::Scenario;
    request.seed = seed;
    request.trials = trials;
    request.source = QStringLiteral("desktop");
    return request;
}

Result<SearchRequest> MainWindow::searchRequest(std::int64_t trials) {
    if (!scenario_)
        return Result<SearchRequest>::failure(
            tr("Open a scenario first (File > Open Scenario, or the sample on the Summary page)."));
    bool ok = false;
    std::uint64_t seed = seed_->text().toULongLong(&ok);
    if (!ok) { // as for a run: drawn and shown, so the search can be repeated
        seed = Session::randomSeed();
        seed_->setText(QString::number(seed));
    }
    SearchRequest request;
    request.run = runRequest(seed, trials);
    request.customers = customers_;
    request.threads = threads_->value();
    request.footnote = tr("%1%2, customers from %3, seed %4, %5 trials")
                           .arg(scenario_->name, undo_->isClean() ? QString() : tr(" (edited)"),
                                customerSourceName(request.run.customers))
                           .arg(seed)
                           .arg(trials);
    return request;
}

void MainWindow::applySearchValues(const QString& package, const QStringList& paths,
                                   const std::vector<double>& values) {
    if (!scenario_)
        return;
    const Status applied = catchingErrors([&] {
        for (std::size_t i = 0; i < scenario_->packages.size(); ++i) {
            const PricingPackage& p = scenario_->packages[i];
            if (p.name != package)
                continue;
            std::vector<PackageField> fields;
            for (const QString& path : paths) {
                const Result<PackageField> f = PackageField::resolve(path, p);
                if (!f)
                    return Status::failure(f.error());
                fields.push_back(*f);
            }
            // Each Apply its own step (a shared key would merge two into one).
            return packageEditor_->replace(int(i), PackageField::withValues(p, fields, values),
                                           QStringLiteral("price search %1").arg(++searchApplies_));
        }
        return Status::failure(tr("The package \"%1\" is no longer in the scenario.").arg(package));
    });
    if (!applied)
        complain(applied.error());
}

void MainWindow::runSimulation() {
    if (!scenario_ || runs_->isRunning())
        return;
    bool ok = false;
    std::uint64_t seed = seed_->text().toULongLong(&ok);
    if (!ok) { // no seed given: draw one and show it, so the run can be repeated
        seed = Session::randomSeed();
        seed_->setText(QString::number(seed));
    }
    runButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    cancelAction_->setEnabled(true);
    progress_->setValue(0);
    startedRunScenario_ = scenario_->toJson();
    startedRunCustomers_ = customerSource();
    runs_->start(runRequest(seed, trials_->value()), customers_, threads_->value());
}

void MainWindow::cancelRun() {
    runs_->cancel();
}

void MainWindow::applyScenarioJson(const QJsonObject& json) {
    if (!scenario_)
        return;
    const Status read = catchingErrors([&] {
        Scenario edited =
            Scenario::fromJson(JsonNode(json, QStringLiteral("$"), scenario_->name), QString());
        edited.fileName = scenario_->fileName;
        edited.inputFiles = scenario_->inputFiles;
        scenario_ = std::move(edited);
        return Status::success();
    });
    if (!read) // checked before the edit was taken: not expected
        return complain(read.error());
    packageEditor_->setCatalog(scenario_->catalog);
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

Status MainWindow::saveScenario(const QString& fileName) {
    if (!scenario_)
        return Status::failure(tr("no scenario open"));
    const QJsonObject json = scenario_->toJson();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(json).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
        return reported(Status::failure(
            tr("%1: cannot write the scenario: %2").arg(fileName, file.errorString())));
    scenario_->fileName = QFileInfo(fileName).absoluteFilePath();
    undo_->setClean();
    rememberRecent(scenario_->fileName);
    if (project_) { // the project keeps the scenarios it was used with
        (void)reported(catchingErrors([&] {
            Session::keepScenario(*project_, *scenario_);
            return Status::success();
        }));
        dataPage_->setProject(project_.get());
    }
    statusBar()->showMessage(tr("Saved %1").arg(fileName), 5000);
    updateStatus();
    return Status::success();
}

bool MainWindow::saveScenarioDialog(bool askName) {
    if (!scenario_)
        return false;
    QString name = scenario_->fileName;
    // The bundled sample is not overwritten: its first save asks for a file.
    if (askName || name.isEmpty() || name == bundledSample()) {
        name = FileDialogs::save(this, tr("Save scenario"),
                                 QFileInfo(scenario_->fileName).completeBaseName() +
                                     QStringLiteral("-edited.json"),
                                 tr("Scenarios (*.json)"));
        if (name.isEmpty())
            return false;
    }
    return saveScenario(name).ok();
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
    // Inputs back where the last full run had them (an Undo): that run is the answer.
    if (runs_->lastRecord() && !runs_->isRunning() && customerSource() == fullRunCustomers_ &&
        scenario_->toJson() == fullRunScenario_) {
        if (whatIf_->isRunning()) {
            whatIfPending_ = false;
            whatIf_->cancel();
        }
        showResults(runs_->lastRecord());
        return;
    }
    if (whatIf_->isRunning()) {
        whatIfPending_ = true;
        whatIf_->cancel();
        return;
    }
    bool ok = false;
    const std::uint64_t seed = seed_->text().toULongLong(&ok);
    // A fixed seed: what-if results differ only by the edit (common random numbers).
    whatIf_->start(runRequest(ok ? seed : 1, kWhatIfTrials), customers_, threads_->value(), true);
}

} // namespace marginal
