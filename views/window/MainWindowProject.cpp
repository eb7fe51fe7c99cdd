// MainWindow, the project side: open, new, save as, import, cohort refits on their
// own thread, runs stored in the project and shown again.
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

namespace {

// Why a project's cohorts cannot be fitted yet, or empty when they can.
QString whyNoFit(ProjectStore& store) {
    if (store.document(QStringLiteral("catalog"), QStringLiteral("default")).isEmpty())
        return QObject::tr("No price catalog in this project yet, so no cohorts: a project "
                           "started with File > New Project takes the open scenario's "
                           "catalog; marginal-cli cohorts --catalog FILE stores one.");
    if (store.usageCount() == 0)
        return QObject::tr("No usage in this project yet: Data > Import Usage (Ctrl+I).");
    return QString();
}

} // namespace

void MainWindow::refitCohorts(double lower, double upper) {
    if (projectFile_.isEmpty())
        return;
    if (refitting_) {
        pendingCuts_ = {lower, upper};
        return;
    }
    if (refit_.joinable())
        refit_.join();
    refitting_ = true;
    cohortsPage_->setBusy(true);
    refit_ = std::thread([this, file = projectFile_, lower, upper] {
        // Its own connection to the project: SQLite connections are per thread here.
        std::optional<CohortFitResult> fit;
        QString error, hint;
        try {
            const auto store = ProjectStore::open(file, ProjectStore::Mode::OpenExisting);
            hint = whyNoFit(*store);
            if (!hint.isEmpty())
                throw ProjectError(hint);
            const PriceCatalog catalog = PriceCatalog::fromJson(JsonNode::parseBytes(
                store->document(QStringLiteral("catalog"), QStringLiteral("default")),
                file + QStringLiteral(" (catalog)")));
            fit = CohortFit::fit([&](const auto& visit) { store->forEachUsage(visit); }, catalog,
                                 {lower, upper});
        } catch (const ProjectError& e) {
            error = e.message();
        } catch (const InputError& e) {
            error = e.message();
        }
        QMetaObject::invokeMethod(
            this,
            [this, file, fit = std::move(fit), error, hint] {
                refitting_ = false;
                if (file != projectFile_) { // another project was opened meanwhile
                } else if (fit) {
                    cohortsPage_->setFit(*fit);
                    Q_EMIT cohortsRefitted();
                } else if (!hint.isEmpty()) {
                    cohortsPage_->showHint(hint);
                } else {
                    cohortsPage_->setBusy(false);
                    complain(error);
                }
                if (pendingCuts_) {
                    const auto [l, u] = *pendingCuts_;
                    pendingCuts_.reset();
                    refitCohorts(l, u);
                }
            },
            Qt::QueuedConnection);
    });
}

QString MainWindow::createSampleProject(const QString& fileName) {
    try {
        const Scenario sample = Scenario::loadFile(bundledSample());
        QTemporaryFile csv(QDir::temp().filePath(QStringLiteral("marginal-sample-XXXXXX.csv")));
        if (!csv.open())
            return tr("cannot write a temporary file for the sample usage");
        SampleUsageGenerator::writeCsv(sample, SampleUsageOptions{800, 6, 1}, csv);
        csv.close();
        const auto store = ProjectStore::open(fileName, ProjectStore::Mode::CreateIfMissing);
        store->putDocument(QStringLiteral("catalog"), QStringLiteral("default"),
                           QJsonDocument(sample.catalog.toJson()).toJson());
        const ImportOutcome outcome =
            UsageImport::run(*store, ImportRequest{csv.fileName(), QString(), {}, false});
        if (outcome.status != ImportOutcome::Status::Imported)
            return outcome.error;
    } catch (const InputError& e) {
        return e.message();
    } catch (const ProjectError& e) {
        return e.message();
    }
    return QString();
}

QString MainWindow::openProject(const QString& fileName) {
    QString hint;
    try {
        const auto store = ProjectStore::open(fileName, ProjectStore::Mode::OpenExisting);
        hint = whyNoFit(*store);
        if (hint.isEmpty()) // a catalog that does not read is an error now, not later
            PriceCatalog::fromJson(JsonNode::parseBytes(
                store->document(QStringLiteral("catalog"), QStringLiteral("default")),
                fileName + QStringLiteral(" (catalog)")));
    } catch (const ProjectError& e) {
        complain(e.message());
        return e.message();
    } catch (const InputError& e) {
        complain(e.message());
        return e.message();
    }
    projectFile_ = fileName;
    rememberRecent(QFileInfo(fileName).absoluteFilePath());
    dataPage_->setProject(fileName);
    runsPage_->setProject(fileName);
    if (hint.isEmpty()) {
        // Reading a large project's usage takes a while: fit on the refit thread.
        cohortsPage_->showHint(
            tr("Fitting the cohorts of %1...").arg(QFileInfo(fileName).fileName()));
        showPage(CohortsPageIndex);
        refitCohorts(cohortsPage_->lowerCut().value(), cohortsPage_->upperCut().value());
    } else {
        cohortsPage_->showHint(hint);
        showPage(DataPageIndex);
    }
    updateStatus();
    return QString();
}

void MainWindow::storeRunInProject() {
    const auto record = runs_->lastRecord();
    if (projectFile_.isEmpty() || !record || !scenario_)
        return;
    try {
        const auto store = ProjectStore::open(projectFile_, ProjectStore::Mode::OpenExisting);
        const QJsonObject parameters{{QStringLiteral("scenario_file"), scenario_->fileName},
                                     {QStringLiteral("trials"), qint64(record->trialsRequested)},
                                     {QStringLiteral("threads"), record->threads},
                                     {QStringLiteral("source"), QStringLiteral("desktop")}};
        const std::int64_t id =
            store->addRun(scenario_->name, QString::number(record->seed),
                          QJsonDocument(parameters).toJson(QJsonDocument::Compact),
                          QJsonDocument(record->toJson()).toJson(QJsonDocument::Compact));
        statusBar()->showMessage(
            tr("Run stored in %1 as run %2").arg(QFileInfo(projectFile_).fileName()).arg(id), 8000);
    } catch (const ProjectError& e) {
        complain(e.message());
    }
    runsPage_->setProject(projectFile_);
}

QString MainWindow::showStoredRun(qint64 id) {
    QByteArray json;
    try {
        const auto store = ProjectStore::open(projectFile_, ProjectStore::Mode::OpenExisting);
        json = store->runResults(id);
    } catch (const ProjectError& e) {
        return e.message();
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (json.isEmpty() || !doc.isObject())
        return tr("%1: run %2 cannot be read (%3)")
            .arg(projectFile_)
            .arg(id)
            .arg(json.isEmpty() ? tr("no such run") : error.errorString());
    showResults(std::make_shared<const RunRecord>(RunRecord::fromJson(doc.object())),
                tr("stored run %1").arg(id));
    showPage(DecisionPage);
    statusBar()->showMessage(tr("Showing stored run %1").arg(id), 8000);
    return QString();
}

QString MainWindow::newProject(const QString& fileName) {
    if (QFileInfo::exists(fileName)) {
        const QString message =
            tr("%1 exists already: open it with File > Open Project (a new project never "
               "replaces a file)")
                .arg(fileName);
        complain(message);
        return message;
    }
    try {
        const auto store = ProjectStore::open(fileName, ProjectStore::Mode::CreateIfMissing);
        if (scenario_) // its catalog prices the usage when cohorts are fitted
            store->putDocument(QStringLiteral("catalog"), QStringLiteral("default"),
                               QJsonDocument(scenario_->catalog.toJson()).toJson());
    } catch (const ProjectError& e) {
        complain(e.message());
        return e.message();
    }
    return openProject(fileName);
}

void MainWindow::newProjectDialog() {
    QString name = QFileDialog::getSaveFileName(
        this, tr("New project"), QStringLiteral("project.marginal"),
        tr("Marginal projects (*.marginal)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (name.isEmpty())
        return;
    if (!name.endsWith(QLatin1String(".marginal")))
        name += QStringLiteral(".marginal");
    newProject(name);
}

void MainWindow::importUsage(const QString& fileName) {
    if (projectFile_.isEmpty()) {
        complain(tr("Start or open a project first (File > New Project, Ctrl+N)"));
        return;
    }
    ImportDialog dialog(projectFile_, this);
    if (!fileName.isEmpty())
        dialog.setFile(fileName);
    connect(&dialog, &ImportDialog::imported, this, [this] { afterImport(); });
    dialog.exec();
}

QString MainWindow::saveProjectAs(const QString& fileName) {
    if (projectFile_.isEmpty())
        return tr("no project open");
    if (QFileInfo::exists(fileName)) {
        const QString message =
            tr("%1 exists already: choose a new name (a project never replaces a file)")
                .arg(fileName);
        complain(message);
        return message;
    }
    if (refit_.joinable())
        refit_.join(); // no reader while the file is copied
    if (!QFile::copy(projectFile_, fileName)) {
        const QString message = tr("%1: cannot copy the project there").arg(fileName);
        complain(message);
        return message;
    }
    return openProject(fileName);
}

void MainWindow::afterImport() {
    dataPage_->setProject(projectFile_);
    refitCohorts(cohortsPage_->lowerCut().value(), cohortsPage_->upperCut().value());
}

} // namespace marginal
