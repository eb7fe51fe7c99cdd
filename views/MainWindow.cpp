#include "MainWindow.h"
#include "CatalogEditor.h"
#include "CohortsPage.h"
#include "CreditBurnChart.h"
#include "DataPage.h"
#include "DecisionTableModel.h"
#include "GmSpreadChart.h"
#include "ImportDialog.h"
#include "InputError.h"
#include "JsonNode.h"
#include "MarginComparisonChart.h"
#include "MarginHorizonChart.h"
#include "MarginUsageChart.h"
#include "MixEditor.h"
#include "PackageEditor.h"
#include "ProjectStore.h"
#include "RunController.h"
#include "RunsPage.h"
#include "SampleUsageGenerator.h"
#include "ScenarioSettingsEditor.h"
#include "TableExport.h"

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
const char* const kRecentKey = "recentScenarios";
constexpr int kMaxRecent = 8;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), runs_(new RunController(this)),
      decisionModel_(new DecisionTableModel(this)),
      sortedDecisions_(new QSortFilterProxyModel(this)), undo_(new QUndoStack(this)),
      whatIf_(new RunController(this)), sinceEdit_(new QElapsedTimer) {
    setWindowTitle(tr("Marginal[*]"));
    setAcceptDrops(true);
    sortedDecisions_->setSourceModel(decisionModel_);
    sortedDecisions_->setSortRole(DecisionTableModel::kSortRole);
    buildPages();
    buildMenus();
    connect(undo_, &QUndoStack::cleanChanged, this,
            [this](bool clean) { setWindowModified(!clean); });
    connect(runs_, &RunController::progressed, this, [this](qint64 done, qint64 total) {
        progress_->setMaximum(int(std::min<qint64>(total, 1000000)));
        progress_->setValue(int(std::min<qint64>(done, 1000000)));
    });
    connect(runs_, &RunController::finished, this, [this] {
        storeRunInProject();
        showResults(runs_->lastRecord());
        runButton_->setEnabled(true);
        cancelButton_->setEnabled(false);
        showPage(DecisionPage);
    });
    // What-if runs: a quick run after each edit; an edit during one cancels it and
    // starts over, so only the latest edit's results are drawn.
    const auto afterWhatIf = [this] {
        if (whatIfPending_) {
            whatIfPending_ = false;
            startWhatIf();
        }
    };
    connect(whatIf_, &RunController::finished, this, [this, afterWhatIf] {
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
    connect(whatIf_, &RunController::cancelled, this, afterWhatIf);
    connect(whatIf_, &RunController::failed, this, [this](const QString& message) {
        whatIfPending_ = false;
        statusBar()->showMessage(message, 10000);
    });
    connect(runs_, &RunController::cancelled, this, [this] {
        runButton_->setEnabled(true);
        cancelButton_->setEnabled(false);
        progress_->setValue(0);
        statusBar()->showMessage(tr("Run cancelled; the previous results are kept."), 5000);
    });
    connect(runs_, &RunController::failed, this, [this](const QString& message) {
        runButton_->setEnabled(true);
        cancelButton_->setEnabled(false);
        complain(message);
    });
    showScenario(); // says "No scenario open" until one is
    if (!restoreGeometry(QSettings().value(QStringLiteral("geometry")).toByteArray()))
        resize(1280, 800);
    updateStatus();
}

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

MainWindow::~MainWindow() {
    if (refit_.joinable())
        refit_.join();
    delete sinceEdit_;
}

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

void MainWindow::showPage(Page page) {
    navigator_->setCurrentRow(int(page));
}

QString MainWindow::bundledSample() {
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString& candidate :
         {appDir.filePath(QStringLiteral("../share/marginal/sample_data/scenario.json")),
          appDir.filePath(QStringLiteral("../../sample_data/scenario.json")),
          QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json")})
        if (QFileInfo::exists(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    return QString();
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

void MainWindow::buildPages() {
    navigator_ = new QListWidget;
    navigator_->addItems({tr("Data"), tr("Scenario"), tr("Cohorts"), tr("Catalog"), tr("Packages"),
                          tr("Model mixes"), tr("Decision table"), tr("Charts"), tr("Runs")});
    navigator_->setMaximumWidth(180);
    pages_ = new QStackedWidget;

    // Scenario and run settings.
    auto* scenarioPage = new QWidget;
    auto* scenarioLayout = new QVBoxLayout(scenarioPage);
    scenarioTitle_ = new QLabel;
    scenarioTitle_->setWordWrap(true);
    scenarioTitle_->setTextFormat(Qt::PlainText);
    QFont titleFont = scenarioTitle_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    scenarioTitle_->setFont(titleFont);
    cohorts_ = new QTreeWidget;
    cohorts_->setHeaderLabels({tr("Cohort"), tr("Customers"), tr("p active"), tr("mu"), tr("sigma"),
                               tr("rho"), tr("Growth / month"), tr("Median tokens / month")});
    cohorts_->setRootIsDecorated(false);
    packages_ = new QTreeWidget;
    packages_->setHeaderLabels({tr("Package"), tr("Base fee"), tr("Included credits"),
                                tr("Enforcement"), tr("Description")});
    packages_->setRootIsDecorated(false);
    auto* settingsForm = new QFormLayout;
    trials_ = new QSpinBox;
    trials_->setRange(1, 100000000);
    trials_->setToolTip(tr("Monte Carlo trials: each simulates every customer over the horizon"));
    seed_ = new QLineEdit;
    seed_->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,20}")), seed_));
    seed_->setPlaceholderText(tr("random"));
    seed_->setToolTip(
        tr("Same scenario and seed give the same numbers, whatever the thread count"));
    threads_ = new QSpinBox;
    threads_->setRange(1, 256);
    threads_->setValue(int(std::max(1u, std::thread::hardware_concurrency())));
    settingsForm->addRow(tr("&Trials"), trials_);
    settingsForm->addRow(tr("&Seed"), seed_);
    settingsForm->addRow(tr("T&hreads"), threads_);
    runButton_ = new QPushButton(tr("&Run"));
    cancelButton_ = new QPushButton(tr("Cancel"));
    cancelButton_->setEnabled(false);
    progress_ = new QProgressBar;
    progress_->setValue(0);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(runButton_);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(progress_, 1);
    scenarioLayout->addWidget(scenarioTitle_);
    auto* overview = new QWidget;
    auto* overviewLayout = new QVBoxLayout(overview);
    overviewLayout->setContentsMargins(0, 0, 0, 0);
    overviewLayout->addWidget(new QLabel(tr("Cohorts")));
    overviewLayout->addWidget(cohorts_, 1);
    overviewLayout->addWidget(new QLabel(tr("Packages (each simulated under every model mix)")));
    overviewLayout->addWidget(packages_, 1);
    settingsEditor_ = new ScenarioSettingsEditor(*undo_);
    connect(settingsEditor_, &ScenarioSettingsEditor::scenarioChanged, this,
            &MainWindow::applyScenarioJson);
    auto* scenarioSplit = new QSplitter;
    scenarioSplit->addWidget(overview);
    scenarioSplit->addWidget(settingsEditor_);
    scenarioSplit->setSizes({600, 500});
    scenarioLayout->addWidget(scenarioSplit, 1);
    scenarioLayout->addLayout(settingsForm);
    scenarioLayout->addLayout(buttons);
    connect(runButton_, &QPushButton::clicked, this, &MainWindow::runSimulation);
    connect(cancelButton_, &QPushButton::clicked, this, &MainWindow::cancelRun);

    // Decision table.
    table_ = new QTableView;
    table_->setModel(sortedDecisions_);
    table_->horizontalHeader()->setSortIndicator(
        -1, Qt::AscendingOrder); // the run's order until a click
    table_->setSortingEnabled(true);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    // Charts: package comparison, GM% spread by cohort, margin over the horizon.
    auto* chartPage = new QWidget;
    auto* chartLayout = new QVBoxLayout(chartPage);
    chartCohort_ = new QComboBox;
    chartCohort_->setToolTip(tr("Cohort shown in the package comparison and the horizon"));
    chartMix_ = new QComboBox;
    chartMix_->setToolTip(tr("Model mix shown in the GM% spread, the horizon, the credit burn "
                             "and the margin vs usage"));
    chartPackage_ = new QComboBox;
    chartPackage_->setToolTip(tr("Package shown in the credit burn and the margin vs usage"));
    for (QComboBox* box : {chartCohort_, chartMix_, chartPackage_})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    burnChart_ = new CreditBurnChart;
    usageChart_ = new MarginUsageChart;
    chart_ = new MarginComparisonChart;
    spreadChart_ = new GmSpreadChart;
    horizonChart_ = new MarginHorizonChart;
    chartTabs_ = new QTabWidget;
    chartTabs_->addTab(chart_, tr("Package comparison"));
    chartTabs_->addTab(spreadChart_, tr("GM% by cohort"));
    chartTabs_->addTab(horizonChart_, tr("Margin over the horizon"));
    chartTabs_->addTab(burnChart_, tr("Credit burn"));
    chartTabs_->addTab(usageChart_, tr("Margin vs usage"));
    auto* chartBar = new QHBoxLayout;
    auto* cohortLabel = new QLabel(tr("C&ohort"));
    cohortLabel->setBuddy(chartCohort_);
    auto* mixLabel = new QLabel(tr("&Mix"));
    mixLabel->setBuddy(chartMix_);
    chartBar->addWidget(cohortLabel);
    chartBar->addWidget(chartCohort_);
    chartBar->addWidget(mixLabel);
    chartBar->addWidget(chartMix_);
    auto* packageLabel = new QLabel(tr("&Package"));
    packageLabel->setBuddy(chartPackage_);
    chartBar->addWidget(packageLabel);
    chartBar->addWidget(chartPackage_);
    chartBar->addStretch(1);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(chartTabs_, 1);
    connect(chartCohort_, &QComboBox::currentTextChanged, this, [this] { redrawCharts(); });
    connect(chartMix_, &QComboBox::currentTextChanged, this, [this] { redrawCharts(); });
    connect(chartPackage_, &QComboBox::currentTextChanged, this, [this] { redrawCharts(); });

    packageEditor_ = new PackageEditor(*undo_);
    connect(packageEditor_, &PackageEditor::packageChanged, this,
            [this](int index, const PricingPackage& package) {
                if (!scenario_ || index >= int(scenario_->packages.size()))
                    return;
                scenario_->packages[std::size_t(index)] = package;
                showScenario();
                sinceEdit_->start();
                startWhatIf();
            });

    cohortsPage_ = new CohortsPage;
    connect(cohortsPage_, &CohortsPage::cutsChanged, this, &MainWindow::refitCohorts);
    dataPage_ = new DataPage;
    connect(dataPage_, &DataPage::newProjectRequested, this, [this] { newProjectDialog(); });
    connect(dataPage_, &DataPage::openProjectRequested, this, [this] {
        const QString name =
            QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                         tr("Marginal projects (*.marginal);;All files (*)"));
        if (!name.isEmpty())
            openProject(name);
    });
    connect(dataPage_, &DataPage::importRequested, this, [this] { importUsage(); });
    pages_->addWidget(dataPage_);
    pages_->addWidget(scenarioPage);
    pages_->addWidget(cohortsPage_);
    catalogEditor_ = new CatalogEditor(*undo_);
    connect(catalogEditor_, &CatalogEditor::catalogChanged, this,
            [this](const PriceCatalog& catalog) {
                if (!scenario_)
                    return;
                scenario_->catalog = catalog;
                fillMixEditor(); // the models a mix can add
                sinceEdit_->start();
                startWhatIf();
            });
    pages_->addWidget(catalogEditor_);
    pages_->addWidget(packageEditor_);
    mixEditor_ = new MixEditor(*undo_);
    connect(mixEditor_, &MixEditor::mixChanged, this, [this](int index, const ModelMix& mix) {
        if (!scenario_ || index >= int(scenario_->mixes.size()))
            return;
        scenario_->mixes[std::size_t(index)] = mix;
        sinceEdit_->start();
        startWhatIf();
    });
    pages_->addWidget(mixEditor_);
    pages_->addWidget(table_);
    pages_->addWidget(chartPage);
    runsPage_ = new RunsPage;
    connect(runsPage_, &RunsPage::openRequested, this, [this](qint64 id) {
        if (const QString error = showStoredRun(id); !error.isEmpty())
            complain(error);
    });
    pages_->addWidget(runsPage_);
    connect(navigator_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);
    navigator_->setCurrentRow(int(ScenarioPage));
    auto* splitter = new QSplitter;
    splitter->addWidget(navigator_);
    splitter->addWidget(pages_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({160, 1100});
    setCentralWidget(splitter);
    statusLabel_ = new QLabel;
    statusBar()->addWidget(statusLabel_, 1);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Scenario..."), this, [this] {
        const QString name = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(),
                                                          tr("Scenarios (*.json);;All files (*)"));
        if (!name.isEmpty())
            openScenario(name);
    });
    open->setShortcut(QKeySequence::Open);
    QAction* newProjectAction =
        file->addAction(tr("&New Project..."), this, [this] { newProjectDialog(); });
    newProjectAction->setShortcut(QKeySequence::New);
    QAction* openProjectAction = file->addAction(tr("Open &Project..."), this, [this] {
        const QString name =
            QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                         tr("Marginal projects (*.marginal);;All files (*)"));
        if (!name.isEmpty())
            openProject(name);
    });
    openProjectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addAction(tr("Save Project As..."), this, [this] {
        QString name = QFileDialog::getSaveFileName(this, tr("Save project as"), QString(),
                                                    tr("Marginal projects (*.marginal)"), nullptr,
                                                    QFileDialog::DontConfirmOverwrite);
        if (name.isEmpty())
            return;
        if (!name.endsWith(QLatin1String(".marginal")))
            name += QStringLiteral(".marginal");
        saveProjectAs(name);
    });
    QAction* importAction =
        file->addAction(tr("&Import Usage..."), this, [this] { importUsage(); });
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction* save =
        file->addAction(tr("&Save Scenario"), this, [this] { saveScenarioDialog(false); });
    save->setShortcut(QKeySequence::Save);
    QAction* saveAs =
        file->addAction(tr("Save Scenario &As..."), this, [this] { saveScenarioDialog(true); });
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    QAction* exportTableAction = file->addAction(tr("&Export Decision Table..."), this, [this] {
        const QString name = QFileDialog::getSaveFileName(
            this, tr("Export decision table"), QStringLiteral("decision_table.xlsx"),
            tr("Excel (*.xlsx);;CSV (*.csv);;Markdown (*.md)"));
        if (!name.isEmpty())
            if (const QString error = exportTable(name); !error.isEmpty())
                complain(error);
    });
    exportTableAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction* exportChartAction = file->addAction(tr("Export &Chart..."), this, [this] {
        const QString name =
            QFileDialog::getSaveFileName(this, tr("Export chart"), QStringLiteral("margin.png"),
                                         tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"));
        if (!name.isEmpty())
            if (const QString error = exportChart(name); !error.isEmpty())
                complain(error);
    });
    exportChartAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undoAction = undo_->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    edit->addAction(undoAction);
    QAction* redoAction = undo_->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    edit->addAction(redoAction);
    edit->addSeparator();
    // Copy is the table view's own when it has focus (its selection); this one
    // copies the decision table with its header, from anywhere.
    QAction* copy =
        edit->addAction(tr("&Copy Decision Table"), this, [this] { copyDecisionTable(); });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    QAction* start = run->addAction(tr("&Run Simulation"), this, &MainWindow::runSimulation);
    start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction* stop = run->addAction(tr("&Cancel"), this, &MainWindow::cancelRun);
    stop->setShortcut(QKeySequence(Qt::Key_Escape));
}

QString MainWindow::openScenario(const QString& fileName) {
    try {
        Scenario loaded = Scenario::loadFile(fileName);
        scenario_ = std::move(loaded);
    } catch (const InputError& e) {
        complain(e.message());
        return e.message();
    }
    undo_->clear(); // edits belonged to the scenario that was open
    packageEditor_->setPackages(scenario_->packages);
    catalogEditor_->setCatalog(scenario_->catalog);
    fillMixEditor();
    trials_->setValue(scenario_->trials);
    seed_->setText(scenario_->seed ? QString::number(*scenario_->seed) : QString());
    rememberRecent(QFileInfo(fileName).absoluteFilePath());
    showScenario();
    updateStatus();
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

QString MainWindow::openFile(const QString& fileName) {
    if (fileName.endsWith(QLatin1String(".marginal"), Qt::CaseInsensitive))
        return openProject(fileName);
    QFile file(fileName);
    const QByteArray head = file.open(QIODevice::ReadOnly) ? file.peek(4096) : QByteArray();
    // A scenario is a JSON object with "packages" and "cohorts"; usage exports are not.
    if (fileName.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) &&
        head.contains("\"packages\"") && head.contains("\"cohorts\""))
        return openScenario(fileName);
    if (projectFile_.isEmpty()) {
        const QString message =
            tr("%1: a usage export goes into a project: start or open one first (Ctrl+N)")
                .arg(fileName);
        complain(message);
        return message;
    }
    if (interactive_)
        importUsage(fileName);
    return QString();
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

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            openFile(url.toLocalFile());
    event->acceptProposedAction();
}

void MainWindow::afterImport() {
    dataPage_->setProject(projectFile_);
    refitCohorts(cohortsPage_->lowerCut().value(), cohortsPage_->upperCut().value());
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

void MainWindow::updateStatus() {
    QString text = scenario_ ? tr("%1: %2 cohorts, %3 packages, %4 mixes")
                                   .arg(scenario_->name)
                                   .arg(scenario_->cohorts.size())
                                   .arg(scenario_->packages.size())
                                   .arg(scenario_->mixes.size())
                             : tr("No scenario open");
    if (!projectFile_.isEmpty())
        text += tr("  |  project: %1").arg(QFileInfo(projectFile_).fileName());
    if (shown_)
        text +=
            tr("  |  shown: %1 trials, seed %2%3")
                .arg(shown_->trialsDone)
                .arg(shown_->seed)
                .arg(shownKind_.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(shownKind_));
    statusLabel_->setText(text);
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

void MainWindow::rememberRecent(const QString& fileName) {
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(kRecentKey)).toStringList();
    recent.removeAll(fileName);
    recent.prepend(fileName);
    settings.setValue(QLatin1String(kRecentKey), recent.mid(0, kMaxRecent));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QLatin1String(kRecentKey)).toStringList();
    for (const QString& name : recent)
        recentMenu_->addAction(QFileInfo(name).fileName() + QStringLiteral("  (") + name +
                                   QLatin1Char(')'),
                               this, [this, name] { openScenario(name); });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::complain(const QString& message) {
    statusBar()->showMessage(message, 10000);
    if (interactive_)
        QMessageBox::critical(this, tr("Marginal"), message);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (interactive_ && scenario_ && !undo_->isClean()) {
        const auto answer = QMessageBox::question(
            this, tr("Marginal"), tr("Save the changes to %1?").arg(scenario_->name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel ||
            (answer == QMessageBox::Save && !saveScenarioDialog(false))) {
            event->ignore();
            return;
        }
    }
    runs_->cancel();
    whatIf_->cancel();
    QSettings().setValue(QStringLiteral("geometry"), saveGeometry());
    event->accept();
}

} // namespace marginal
