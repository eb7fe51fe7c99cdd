// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the project side: open, new, save as, import, cohort refits in the
// background, runs stored in the project and shown again.
#include "models/common/InputError.h"
#include "simulator/analysis/SampleUsageGenerator.h"
#include "views/dialogs/FileDialogs.h"
#include "views/dialogs/ImportDialog.h"
#include "views/dialogs/RunComparisonDialog.h"
#include "views/jobs/Job.h"
#include "views/jobs/RunController.h"
#include "views/pages/CohortsPage.h"
#include "views/pages/DataPage.h"
#include "views/pages/RunsPage.h"
#include "views/window/MainWindow.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStatusBar>
#include <QTemporaryFile>

namespace marginal {

namespace {

// A message from the session layer, shown as a sentence.
QString sentence(QString text) {
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text.endsWith(u'.') ? text : text + QLatin1Char('.');
}

} // namespace

void MainWindow::connectRefits() {
    // Whatever the refit's end, a refit asked for meanwhile runs next.
    const auto next = [this] {
        if (pendingRefit_) {
            std::optional<std::vector<double>> cuts = std::move(*pendingRefit_);
            pendingRefit_.reset();
            refitCohorts(std::move(cuts));
        }
    };
    connect(refit_, &Job::finished, this, next);
    connect(refit_, &Job::cancelled, this, next);
    connect(refit_, &Job::failed, this, [this, next](const QString& message) {
        cohortsPage_->setBusy(false);
        cohortsPage_->showHint(sentence(message));
        complain(message);
        next();
    });
}

bool MainWindow::isRefitting() const {
    return refit_->isRunning();
}

void MainWindow::refitCohorts(std::optional<std::vector<double>> cuts) {
    if (!project_)
        return;
    if (refit_->isRunning()) {
        pendingRefit_ = std::move(cuts);
        return;
    }
    cohortsPage_->setBusy(true);
    const QString file = project_->fileName();
    // The fit and its charts' points are made on the worker: drawing them is quick.
    using Fitted = std::pair<ProjectCustomers, CohortCharts>;
    // Its own connection: a SQLite connection is used by one thread at a time.
    std::shared_ptr<Project> own;
    const Status opened = catchingErrors([&] {
        own = project_->openAgain();
        return Status::success();
    });
    if (!opened) {
        cohortsPage_->setBusy(false);
        cohortsPage_->showHint(sentence(opened.error()));
        return;
    }
    refit_->start<Fitted>(
        [own, cuts](Job::Context& context) {
            if (cuts)
                own->setCohortCuts(*cuts);
            ProjectCustomers customers = Session::projectCustomers(*own, &context.cancel);
            CohortCharts charts = CohortCharts::of(customers.fit);
            return Fitted{std::move(customers), std::move(charts)};
        },
        [this, file](Fitted fitted) {
            auto& [customers, charts] = fitted;
            // Another project was opened meanwhile, or newer cut points wait: this fit
            // is not the one to show.
            if (projectFile() != file || pendingRefit_)
                return;
            cohortsPage_->setFit(customers.fit, charts);
            fittedJustArrived_ = fittedJustArrived_ || !customers_;
            customers_ = std::move(customers);
            // The last full run's fitted customers are not these any more.
            if (fullRunCustomers_ != CustomerSource::Scenario)
                fullRunScenario_ = QJsonObject();
            updateCustomerChoices();
            Q_EMIT cohortsRefitted();
            if (customerSource() != CustomerSource::Scenario) { // the results follow the fit
                sinceEdit_->start();
                startWhatIf();
            }
        });
}

Status MainWindow::createSampleProject(const QString& fileName) {
    return catchingErrors([&] {
        const Scenario sample = Scenario::loadFile(bundledSample());
        QTemporaryFile csv(QDir::temp().filePath(QStringLiteral("sample_usage-XXXXXX.csv")));
        if (!csv.open())
            return Status::failure(tr("cannot write a temporary file for the sample usage"));
        SampleUsageGenerator::writeCsv(sample, SampleUsageOptions{800, 6, 1}, csv);
        csv.close();
        const auto project = Project::open(fileName, Project::Mode::CreateIfMissing);
        project->setCatalog(sample.catalog);
        ImportRequest request{csv.fileName(), QString(), {}, false};
        request.sourceName = QStringLiteral("sample_usage.csv (generated: 800 customers, "
                                            "6 months, seed 1)");
        const ImportOutcome outcome = project->importUsage(request);
        if (outcome.status != ImportOutcome::Status::Imported)
            return Status::failure(outcome.error);
        return Status::success();
    });
}

namespace {

// What opening a project reads, all of it on a worker thread.
struct OpenedProject {
    std::unique_ptr<Project> project;
    std::optional<CohortFitResult> lastFit; // shown while the refit confirms it
    CohortCharts charts;                    // its charts' points
};

} // namespace

Status MainWindow::openProject(const QString& fileName) {
    // Opening reads the whole file once (SQLite's integrity check, about 0.3 s per 100 MB),
    // counts the usage and reads the stored fit (a few MB for 100,000 customers): on a
    // pool thread, the window painting meanwhile (input held off until it is open, so
    // nothing else starts on a half-open project).
    if (opening_) // asked again (a timer, a recent-files signal) while one opens
        return reported(Status::failure(
            tr("%1: another project is being opened").arg(QFileInfo(fileName).fileName())));
    opening_ = true;
    std::optional<OpenedProject> opened;
    Status status = Status::success();
    Job job;
    QEventLoop loop;
    connect(&job, &Job::finished, &loop, &QEventLoop::quit);
    connect(&job, &Job::cancelled, &loop, &QEventLoop::quit);
    connect(&job, &Job::failed, &loop, [&](const QString& message) {
        status = Status::failure(message);
        loop.quit();
    });
    statusBar()->showMessage(tr("Opening %1...").arg(QFileInfo(fileName).fileName()));
    job.start<std::shared_ptr<OpenedProject>>(
        [fileName](Job::Context&) {
            auto opened = std::make_shared<OpenedProject>();
            opened->project = Project::open(fileName);
            if (Session::whyNoFit(*opened->project).isEmpty()) {
                (void)opened->project->catalog(); // a catalog that does not read: an error now
                opened->lastFit = opened->project->lastFit();
                if (opened->lastFit)
                    opened->charts = CohortCharts::of(*opened->lastFit);
            }
            return opened;
        },
        [&opened](std::shared_ptr<OpenedProject> done) { opened = std::move(*done); });
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (job.isRunning()) { // the loop was ended from outside (the application quitting)
        job.cancel();
        job.wait();
    }
    opening_ = false;
    statusBar()->clearMessage();
    if (status && !opened)
        status = Status::failure(tr("%1: not opened (interrupted)").arg(fileName));
    if (!status)
        return reported(status);
    adoptProject(std::move(opened->project), opened->lastFit, opened->charts);
    return Status::success();
}

void MainWindow::adoptProject(std::unique_ptr<Project> project,
                              const std::optional<CohortFitResult>& lastFit,
                              const CohortCharts& charts) {
    project_ = std::move(project);
    customers_.reset();
    rememberRecent(QFileInfo(project_->fileName()).absoluteFilePath());
    dataPage_->setProject(project_.get());
    runsPage_->setProject(project_.get());
    const QString hint = Session::whyNoFit(*project_);
    if (hint.isEmpty()) {
        // Reading a large project's usage takes a while: fit on the refit job. A fit
        // stored with the project is shown at once, and used when it is current.
        if (lastFit)
            cohortsPage_->setFit(*lastFit, charts);
        cohortsPage_->showHint(
            tr("Fitting the cohorts of %1...").arg(QFileInfo(project_->fileName()).fileName()));
        showPage(CohortsPageIndex);
        refitCohorts(std::nullopt);
    } else {
        cohortsPage_->showHint(sentence(hint));
        showPage(DataPageIndex);
    }
    updateCustomerChoices();
    updateStatus();
}

void MainWindow::storeRunInProject() {
    const auto record = runs_->lastRecord();
    const auto inputs = runs_->lastInputs();
    if (!project_ || !record || !inputs)
        return;
    const Status stored = catchingErrors([&] {
        const std::int64_t id = Session::record(*project_, *inputs, *record);
        statusBar()->showMessage(tr("Run stored in %1 as run %2")
                                     .arg(QFileInfo(project_->fileName()).fileName())
                                     .arg(id),
                                 8000);
        return Status::success();
    });
    (void)reported(stored);
    runsPage_->setProject(project_.get());
}

Result<MainWindow::StoredRecord> MainWindow::storedRecord(qint64 id) const {
    using R = Result<StoredRecord>;
    if (!project_)
        return R::failure(tr("no project open"));
    std::optional<StoredRun> stored;
    if (const Status read = catchingErrors([&] {
            stored = project_->run(id);
            return Status::success();
        });
        !read)
        return R::failure(read.error());
    if (!stored)
        return R::failure(tr("%1: no run %2").arg(project_->fileName()).arg(id));
    const QJsonDocument doc = QJsonDocument::fromJson(stored->results);
    if (!doc.isObject())
        return R::failure(
            tr("%1: run %2 cannot be read (not a JSON object)").arg(project_->fileName()).arg(id));
    return StoredRecord{stored->summary, RunRecord::fromJson(doc.object())};
}

Status MainWindow::showStoredRun(qint64 id) {
    const Result<StoredRecord> stored = storedRecord(id);
    if (!stored)
        return Status::failure(stored.error());
    showResults(std::make_shared<const RunRecord>(stored->record), tr("stored run %1").arg(id));
    showPage(DecisionPage);
    statusBar()->showMessage(tr("Showing stored run %1").arg(id), 8000);
    return Status::success();
}

Status MainWindow::compareRuns(qint64 older, qint64 newer) {
    std::vector<RunRecord> records;
    QStringList titles;
    for (qint64 id : {older, newer}) {
        const Result<StoredRecord> stored = storedRecord(id);
        if (!stored)
            return Status::failure(stored.error());
        records.push_back(stored->record);
        const RunSummary& s = stored->summary;
        // One arg() call: a run name holding "%1" is not filled in again.
        titles << tr("run %1%2 (%3, seed %4, %5 trials)")
                      .arg(QString::number(id),
                           s.name.isEmpty() ? QString() : QStringLiteral(" \"") + s.name + '"',
                           s.createdAt, s.seed, QString::number(s.trials));
    }
    delete comparison_;
    comparison_ = new RunComparisonDialog(
        titles[0], titles[1], RunComparison::of(records[0].decision, records[1].decision), this);
    comparison_->show();
    return Status::success();
}

Status MainWindow::deleteRun(qint64 id) {
    if (!project_)
        return Status::failure(tr("no project open"));
    const Status deleted = catchingErrors([&] {
        return project_->deleteRun(id)
                   ? Status::success()
                   : Status::failure(tr("%1: no run %2").arg(project_->fileName()).arg(id));
    });
    runsPage_->setProject(project_.get());
    if (deleted)
        statusBar()->showMessage(tr("Deleted run %1").arg(id), 5000);
    return deleted;
}

Status MainWindow::labelRun(qint64 id, const QString& name, const QString& notes) {
    if (!project_)
        return Status::failure(tr("no project open"));
    return catchingErrors([&] {
        return project_->labelRun(id, name, notes)
                   ? Status::success()
                   : Status::failure(tr("%1: no run %2").arg(project_->fileName()).arg(id));
    });
}

Status MainWindow::newProject(const QString& fileName) {
    if (QFileInfo::exists(fileName))
        return reported(Status::failure(
            tr("%1 exists already: open it with File > Open Project (a new project never "
               "replaces a file)")
                .arg(fileName)));
    const Status created = catchingErrors([&] {
        const auto project = Project::open(fileName, Project::Mode::CreateIfMissing);
        if (scenario_) // its catalog prices the usage when cohorts are fitted
            project->setCatalog(scenario_->catalog);
        return Status::success();
    });
    if (!created)
        return reported(created);
    return openProject(fileName);
}

void MainWindow::newProjectDialog() {
    QString name =
        FileDialogs::save(this, tr("New project"), QStringLiteral("project.marginal"),
                          tr("Marginal projects (*.marginal)"), QFileDialog::DontConfirmOverwrite);
    if (name.isEmpty())
        return;
    if (!name.endsWith(QLatin1String(".marginal")))
        name += QStringLiteral(".marginal");
    (void)newProject(name);
}

void MainWindow::importUsage(const QString& fileName) {
    if (!project_) {
        complain(tr("Start or open a project first (File > New Project, Ctrl+N)"));
        return;
    }
    ImportDialog dialog(project_->fileName(), this);
    if (!fileName.isEmpty())
        dialog.setFile(fileName);
    connect(&dialog, &ImportDialog::imported, this, [this] { afterImport(); });
    dialog.exec();
}

Status MainWindow::saveProjectAs(const QString& fileName) {
    if (!project_)
        return Status::failure(tr("no project open"));
    if (QFileInfo::exists(fileName))
        return reported(Status::failure(
            tr("%1 exists already: choose a new name (a project never replaces a file)")
                .arg(fileName)));
    refit_->wait(); // no writer while the file is copied
    if (!QFile::copy(project_->fileName(), fileName))
        return reported(Status::failure(tr("%1: cannot copy the project there").arg(fileName)));
    return openProject(fileName);
}

void MainWindow::afterImport() {
    dataPage_->setProject(project_.get());
    refitCohorts(std::nullopt);
}

} // namespace marginal
