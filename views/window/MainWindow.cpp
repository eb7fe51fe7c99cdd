// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the window itself: its pages, menus, status bar, recent files, drops.
#include "views/window/MainWindow.h"
#include "models/json/JsonNode.h"
#include "views/charts/ChartRegistry.h"
#include "views/charts/ChartWidget.h"
#include "views/dialogs/FileDialogs.h"
#include "views/dialogs/HelpDialogs.h"
#include "views/editors/CatalogEditor.h"
#include "views/editors/LineupEditor.h"
#include "views/editors/MixEditor.h"
#include "views/editors/PackageEditor.h"
#include "views/editors/ScenarioEdits.h"
#include "views/editors/ScenarioSettingsEditor.h"
#include "views/jobs/RunController.h"
#include "views/pages/CohortsPage.h"
#include "views/pages/DataPage.h"
#include "views/pages/DecisionTablePage.h"
#include "views/pages/PriceSearchPage.h"
#include "views/pages/RunsPage.h"
#include "views/pages/SummaryPage.h"
#include "views/tables/DecisionTableModel.h"
#include "views/window/AppResources.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <thread>

namespace marginal {

namespace {
const char* const kRecentKey = "recentScenarios";
const char* const kRecentProjectsKey = "recentProjects";
constexpr int kMaxRecent = 8;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), runs_(new RunController(this)), whatIf_(new RunController(this)),
      refit_(new Job(this)), decisionModel_(new DecisionTableModel(this)),
      undo_(new QUndoStack(this)), sinceEdit_(new QElapsedTimer) {
    loadAppResources();
    setWindowTitle(tr("Marginal[*]"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/marginal.svg")));
    setAcceptDrops(true);
    buildPages();
    buildMenus();
    buildToolBar();
    connect(undo_, &QUndoStack::cleanChanged, this,
            [this](bool clean) { setWindowModified(!clean); });
    connectRuns();
    connectRefits();
    showScenario(); // says "No scenario open" until one is
    updateCustomerChoices();
    if (!restoreGeometry(QSettings().value(QStringLiteral("geometry")).toByteArray()))
        resize(1280, 800);
    updateStatus();
}

MainWindow::~MainWindow() {
    // Jobs first: their work may still use the project.
    for (Job* job : std::initializer_list<Job*>{runs_, whatIf_, refit_}) {
        job->cancel();
        job->wait();
    }
    priceSearch_->stop();
    delete sinceEdit_;
}

QString MainWindow::projectFile() const {
    return project_ ? project_->fileName() : QString();
}

void MainWindow::showPage(Page page) {
    navigator_->setCurrentRow(int(page));
}

QString MainWindow::bundledSample() {
    // Installed beside the program (bin/../share/marginal), where a user can read and
    // copy it; else the copy compiled into the app (resources/marginal.qrc).
    const QString installed =
        QDir(QCoreApplication::applicationDirPath())
            .filePath(QStringLiteral("../share/marginal/sample_data/scenario.json"));
    if (QFileInfo::exists(installed))
        return QFileInfo(installed).canonicalFilePath();
    loadAppResources();
    return QStringLiteral(":/sample_data/scenario.json");
}

void MainWindow::buildPages() {
    navigator_ = new QListWidget;
    navigator_->addItems({tr("Summary"), tr("Data"), tr("Scenario"), tr("Cohorts"), tr("Catalog"),
                          tr("Packages"), tr("Model mixes"), tr("Lineups"), tr("Decision table"),
                          tr("Charts"), tr("Price search"), tr("Runs")});
    // Wide enough for every name (at 1024 px too), never wider than it needs.
    navigator_->setFixedWidth(navigator_->sizeHintForColumn(0) + 4 * navigator_->frameWidth() + 24);
    pages_ = new QStackedWidget;
    buildEditors();
    buildProjectPages();
    summaryPage_ = new SummaryPage;
    connect(summaryPage_, &SummaryPage::sampleRequested, this,
            [this] { (void)openScenario(bundledSample()); });
    connect(summaryPage_, &SummaryPage::newProjectRequested, this, [this] { newProjectDialog(); });
    connect(summaryPage_, &SummaryPage::importRequested, this, [this] { importUsage(); });
    connect(summaryPage_, &SummaryPage::runRequested, this, &MainWindow::runSimulation);
    connect(summaryPage_, &SummaryPage::decisionTableRequested, this,
            [this] { showPage(DecisionPage); });
    decisionPage_ = new DecisionTablePage(*decisionModel_);
    priceSearch_ =
        new PriceSearchPage([this](std::int64_t trials) { return searchRequest(trials); });
    connect(&priceSearch_->grid(), &PriceGridPanel::applyRequested, this,
            &MainWindow::applySearchValues);
    connect(&priceSearch_->optimise(), &OptimisePanel::applyRequested, this,
            &MainWindow::applySearchValues);
    // In the navigator's order.
    pages_->addWidget(summaryPage_);
    pages_->addWidget(dataPage_);
    pages_->addWidget(buildScenarioPage());
    pages_->addWidget(cohortsPage_);
    pages_->addWidget(catalogEditor_);
    pages_->addWidget(packageEditor_);
    pages_->addWidget(mixEditor_);
    pages_->addWidget(lineupEditor_);
    pages_->addWidget(decisionPage_);
    pages_->addWidget(buildChartsPage());
    pages_->addWidget(priceSearch_);
    pages_->addWidget(runsPage_);
    connect(navigator_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);
    navigator_->setCurrentRow(int(SummaryPageIndex));
    auto* results = new QWidget;
    auto* resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(buildWhatIfBanner());
    resultsLayout->addWidget(pages_, 1);
    auto* splitter = new QSplitter;
    splitter->addWidget(navigator_);
    splitter->addWidget(results);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    splitter->setSizes({navigator_->width(), 1100});
    setCentralWidget(splitter);
    statusLabel_ = new QLabel;
    statusBar()->addWidget(statusLabel_, 1);
}

QWidget* MainWindow::buildWhatIfBanner() {
    whatIfBanner_ = new QFrame;
    whatIfBanner_->setObjectName(QStringLiteral("whatIfBanner"));
    whatIfBanner_->setStyleSheet(
        QStringLiteral("#whatIfBanner { background: #fff4c2; border: 1px solid #e0b400; } "
                       "#whatIfBanner QLabel { color: #4a3b00; }"));
    whatIfText_ = new QLabel;
    whatIfText_->setWordWrap(true);
    auto* runFull = new QPushButton(tr("Run the full simulation"));
    auto* backToRun = new QPushButton(tr("Show the last full run"));
    backToRun->setObjectName(QStringLiteral("showFullRun"));
    connect(runFull, &QPushButton::clicked, this, &MainWindow::runSimulation);
    connect(backToRun, &QPushButton::clicked, this, [this] {
        if (runs_->lastRecord())
            showResults(runs_->lastRecord());
    });
    auto* layout = new QHBoxLayout(whatIfBanner_);
    layout->addWidget(whatIfText_, 1);
    layout->addWidget(backToRun);
    layout->addWidget(runFull);
    whatIfBanner_->hide();
    return whatIfBanner_;
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setMovable(false);
    bar->addAction(runAction_);
    bar->addAction(cancelAction_);
    bar->addSeparator();
    for (QAction* action : actions())
        if (action->objectName() == QLatin1String("import") ||
            action->objectName() == QLatin1String("exportTable") ||
            action->objectName() == QLatin1String("exportChart"))
            bar->addAction(action);
}

QWidget* MainWindow::buildScenarioPage() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
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

    customersFrom_ = new QComboBox;
    customersFrom_->setToolTip(
        tr("Where the run's customers come from: the cohorts fitted to the open project's "
           "usage, its customers' own monthly histories (resampled whole), or the scenario's "
           "cohorts"));
    connect(customersFrom_, &QComboBox::currentIndexChanged, this, [this] {
        showScenario();
        sinceEdit_->start();
        startWhatIf();
    });
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
    auto* form = new QFormLayout;
    form->addRow(tr("C&ustomers from"), customersFrom_);
    form->addRow(tr("&Trials"), trials_);
    form->addRow(tr("&Seed"), seed_);
    form->addRow(tr("T&hreads"), threads_);

    runButton_ = new QPushButton(tr("&Run"));
    cancelButton_ = new QPushButton(tr("Cancel"));
    cancelButton_->setEnabled(false);
    progress_ = new QProgressBar;
    progress_->setValue(0);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(runButton_);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(progress_, 1);
    connect(runButton_, &QPushButton::clicked, this, &MainWindow::runSimulation);
    connect(cancelButton_, &QPushButton::clicked, this, &MainWindow::cancelRun);

    auto* overview = new QWidget;
    auto* overviewLayout = new QVBoxLayout(overview);
    overviewLayout->setContentsMargins(0, 0, 0, 0);
    overviewLayout->addWidget(new QLabel(tr("Cohorts (the run's customers)")));
    overviewLayout->addWidget(cohorts_, 1);
    overviewLayout->addWidget(new QLabel(tr("Packages (each simulated under every model mix)")));
    overviewLayout->addWidget(packages_, 1);
    auto* split = new QSplitter;
    split->addWidget(overview);
    split->addWidget(settingsEditor_);
    split->setSizes({600, 500});
    layout->addWidget(scenarioTitle_);
    layout->addWidget(split, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    return page;
}

QWidget* MainWindow::buildChartsPage() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    chartCohort_ = new QComboBox;
    chartMix_ = new QComboBox;
    chartPackage_ = new QComboBox;
    chartPackage_->setObjectName(QStringLiteral("chartPackage"));
    auto* bar = new QHBoxLayout;
    const auto addPicker = [&](const QString& label, QComboBox* box) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        auto* text = new QLabel(label);
        text->setBuddy(box);
        bar->addWidget(text);
        bar->addWidget(box);
        connect(box, &QComboBox::currentTextChanged, this, [this] { redrawCharts(); });
    };
    addPicker(tr("C&ohort"), chartCohort_);
    addPicker(tr("&Mix"), chartMix_);
    addPicker(tr("&Package"), chartPackage_);
    bar->addStretch(1);
    chartTabs_ = new QTabWidget;
    chartTabs_->setObjectName(QStringLiteral("chartTabs"));
    charts_ = ChartRegistry::create(chartTabs_);
    for (ChartWidget* chart : charts_)
        chartTabs_->addTab(chart, chart->tabTitle());
    // A picker that the chart in view does not read is disabled.
    const auto enablePickers = [this] {
        const auto* chart = static_cast<ChartWidget*>(chartTabs_->currentWidget());
        const int uses = chart ? chart->pickers() : 0;
        chartCohort_->setEnabled(uses & ChartWidget::PicksCohort);
        chartMix_->setEnabled(uses & ChartWidget::PicksMix);
        chartPackage_->setEnabled(uses & ChartWidget::PicksPackage);
    };
    connect(chartTabs_, &QTabWidget::currentChanged, this, enablePickers);
    enablePickers();
    layout->addLayout(bar);
    layout->addWidget(chartTabs_, 1);
    return page;
}

void MainWindow::buildEditors() {
    settingsEditor_ = new ScenarioSettingsEditor(*undo_);
    connect(settingsEditor_, &ScenarioSettingsEditor::scenarioChanged, this,
            &MainWindow::applyScenarioJson);
    // Edits start from the scenario as it is now, whichever editor changed it last.
    settingsEditor_->setSource([this] { return scenario_ ? scenario_->toJson() : QJsonObject(); });
    // Lineups, the baseline and churn: edits of the scenario, checked and undone as the
    // settings' are.
    lineupEditor_ =
        new LineupEditor([this] { return scenario_ ? scenario_->toJson() : QJsonObject(); },
                         [this](const QJsonObject& after, const QString& key, const QString& text) {
                             return settingsEditor_->propose(after, key, text);
                         });
    packageEditor_ = new PackageEditor(*undo_);
    connect(packageEditor_, &PackageEditor::packagesChanged, this,
            [this](const std::vector<PricingPackage>& packages) {
                if (!scenario_)
                    return;
                scenario_->packages = packages;
                showScenario();
                sinceEdit_->start();
                startWhatIf();
            });
    // A package list is checked as part of its scenario: a per-token package must price
    // every model the mixes use, a throttle must name a catalog model.
    packageEditor_->setValidator([this](const std::vector<QJsonObject>& packages) {
        return checkScenarioWith(QStringLiteral("packages"), packages);
    });
    // A renamed package is renamed where lineups and the baseline name it, in one step.
    packageEditor_->setRenameHandler([this](const std::vector<QJsonObject>& packages,
                                            const QString& from, const QString& to,
                                            const QString& key, const QString& text) {
        if (!scenario_)
            return Status::failure(tr("No scenario open"));
        QJsonObject after = scenario_->toJson();
        QJsonArray list;
        for (const QJsonObject& p : packages)
            list.append(p);
        after.insert(QStringLiteral("packages"), list);
        return settingsEditor_->propose(ScenarioEdits::renamePackageReferences(after, from, to),
                                        QStringLiteral("packages/") + key, text);
    });
    catalogEditor_ = new CatalogEditor(*undo_);
    connect(catalogEditor_, &CatalogEditor::catalogChanged, this,
            [this](const PriceCatalog& catalog) {
                if (!scenario_)
                    return;
                scenario_->catalog = catalog;
                packageEditor_->setCatalog(catalog);
                fillMixEditor(); // the models a mix can add
                sinceEdit_->start();
                startWhatIf();
            });
    mixEditor_ = new MixEditor(*undo_);
    connect(mixEditor_, &MixEditor::mixesChanged, this, [this](const std::vector<ModelMix>& mixes) {
        if (!scenario_)
            return;
        scenario_->mixes = mixes;
        sinceEdit_->start();
        startWhatIf();
    });
    mixEditor_->setValidator([this](const std::vector<QJsonObject>& mixes) {
        return checkScenarioWith(QStringLiteral("mixes"), mixes);
    });
}

Status MainWindow::checkScenarioWith(const QString& key,
                                     const std::vector<QJsonObject>& items) const {
    if (!scenario_)
        return Status::failure(tr("no scenario open"));
    return catchingErrors([&] {
        QJsonObject json = scenario_->toJson();
        QJsonArray array;
        for (const QJsonObject& item : items)
            array.append(item);
        json.insert(key, array);
        (void)Scenario::fromJson(JsonNode(json, QStringLiteral("$"), scenario_->name), QString());
        return Status::success();
    });
}

void MainWindow::buildProjectPages() {
    cohortsPage_ = new CohortsPage;
    connect(cohortsPage_, &CohortsPage::cutsChanged, this, [this](double lower, double upper) {
        refitCohorts(std::vector<double>{lower, upper});
    });
    dataPage_ = new DataPage;
    connect(dataPage_, &DataPage::newProjectRequested, this, [this] { newProjectDialog(); });
    connect(dataPage_, &DataPage::openProjectRequested, this, [this] {
        const QString name = FileDialogs::open(this, tr("Open project"),
                                               tr("Marginal projects (*.marginal);;All files (*)"));
        if (!name.isEmpty())
            (void)openProject(name);
    });
    connect(dataPage_, &DataPage::importRequested, this, [this] { importUsage(); });
    connect(dataPage_, &DataPage::scenarioRequested, this,
            [this](const QString& name) { (void)openStoredScenario(name); });
    runsPage_ = new RunsPage;
    connect(runsPage_, &RunsPage::openRequested, this, [this](qint64 id) {
        if (const Status shown = showStoredRun(id); !shown)
            complain(shown.error());
    });
    connect(runsPage_, &RunsPage::compareRequested, this, [this](qint64 older, qint64 newer) {
        if (const Status compared = compareRuns(older, newer); !compared)
            complain(compared.error());
    });
    connect(runsPage_, &RunsPage::deleteRequested, this, [this](qint64 id) {
        if (interactive_ &&
            QMessageBox::question(
                this, tr("Delete run"),
                tr("Delete run %1 from the project? This cannot be undone.").arg(id)) !=
                QMessageBox::Yes)
            return;
        if (const Status deleted = deleteRun(id); !deleted)
            complain(deleted.error());
    });
    connect(runsPage_, &RunsPage::labelChanged, this,
            [this](qint64 id, const QString& name, const QString& notes) {
                if (const Status labelled = labelRun(id, name, notes); !labelled)
                    complain(labelled.error());
            });
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Scenario..."), this, [this] {
        const QString name =
            FileDialogs::open(this, tr("Open scenario"), tr("Scenarios (*.json);;All files (*)"));
        if (!name.isEmpty())
            (void)openScenario(name);
    });
    open->setShortcut(QKeySequence::Open);
    QAction* newProjectAction =
        file->addAction(tr("&New Project..."), this, [this] { newProjectDialog(); });
    newProjectAction->setShortcut(QKeySequence::New);
    QAction* openProjectAction = file->addAction(tr("Open &Project..."), this, [this] {
        const QString name = FileDialogs::open(this, tr("Open project"),
                                               tr("Marginal projects (*.marginal);;All files (*)"));
        if (!name.isEmpty())
            (void)openProject(name);
    });
    openProjectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addAction(tr("Save Project As..."), this, [this] {
        QString name = FileDialogs::save(this, tr("Save project as"), QString(),
                                         tr("Marginal projects (*.marginal)"),
                                         QFileDialog::DontConfirmOverwrite);
        if (name.isEmpty())
            return;
        if (!name.endsWith(QLatin1String(".marginal")))
            name += QStringLiteral(".marginal");
        (void)saveProjectAs(name);
    });
    QAction* importAction =
        file->addAction(tr("&Import Usage..."), this, [this] { importUsage(); });
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importAction->setObjectName(QStringLiteral("import"));
    importAction->setToolTip(tr("Import a usage export into the open project (Ctrl+I)"));
    addAction(importAction);
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
        const QString name = FileDialogs::save(this, tr("Export decision table"),
                                               QStringLiteral("decision_table.xlsx"),
                                               tr("Excel (*.xlsx);;CSV (*.csv);;Markdown (*.md)"));
        if (!name.isEmpty())
            (void)reported(exportTable(name));
    });
    exportTableAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportTableAction->setObjectName(QStringLiteral("exportTable"));
    exportTableAction->setIconText(tr("Export Table"));
    addAction(exportTableAction);
    QAction* exportChartAction = file->addAction(tr("Export &Chart..."), this, [this] {
        const QString name =
            FileDialogs::save(this, tr("Export chart"), QStringLiteral("margin.png"),
                              tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"));
        if (!name.isEmpty())
            (void)reported(exportChart(name));
    });
    exportChartAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportChartAction->setObjectName(QStringLiteral("exportChart"));
    exportChartAction->setIconText(tr("Export Chart"));
    addAction(exportChartAction);
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
    runAction_ = run->addAction(tr("&Run Simulation"), this, &MainWindow::runSimulation);
    runAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    runAction_->setIconText(tr("Run"));
    runAction_->setToolTip(tr("Run the full simulation (Ctrl+R)"));
    cancelAction_ = run->addAction(tr("&Cancel"), this, &MainWindow::cancelRun);
    cancelAction_->setShortcut(QKeySequence(Qt::Key_Escape));
    cancelAction_->setEnabled(false);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        QList<QAction*> all;
        for (QMenu* menu : menuBar()->findChildren<QMenu*>())
            for (QAction* action : menu->actions())
                if (!all.contains(action))
                    all.append(action);
        HelpDialogs::showShortcuts(this, all);
    });
    QAction* glossary =
        help->addAction(tr("Column &Glossary"), this, [this] { HelpDialogs::showGlossary(this); });
    glossary->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Marginal"), this, [this] { HelpDialogs::showAbout(this); });
}

Status MainWindow::openFile(const QString& fileName) {
    if (fileName.endsWith(QLatin1String(".marginal"), Qt::CaseInsensitive))
        return openProject(fileName);
    QFile file(fileName);
    const QByteArray head = file.open(QIODevice::ReadOnly) ? file.peek(4096) : QByteArray();
    // A scenario is a JSON object with "packages" and "cohorts"; usage exports are not.
    if (fileName.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) &&
        head.contains("\"packages\"") && head.contains("\"cohorts\""))
        return openScenario(fileName);
    if (!project_)
        return reported(Status::failure(
            tr("%1: a usage export goes into a project: start or open one first (Ctrl+N)")
                .arg(fileName)));
    if (interactive_)
        importUsage(fileName);
    return Status::success();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            (void)openFile(url.toLocalFile());
    event->acceptProposedAction();
}

void MainWindow::updateStatus() {
    QString text = scenario_ ? tr("%1: %2 cohorts, %3 packages, %4 mixes")
                                   .arg(scenario_->name)
                                   .arg(scenario_->cohorts.size())
                                   .arg(scenario_->packages.size())
                                   .arg(scenario_->mixes.size())
                             : tr("No scenario open");
    if (project_)
        text += tr("  |  project: %1").arg(QFileInfo(project_->fileName()).fileName());
    if (shown_)
        text +=
            tr("  |  shown: %1 trials, seed %2%3")
                .arg(shown_->trialsDone)
                .arg(shown_->seed)
                .arg(shownKind_.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(shownKind_));
    statusLabel_->setText(text);
    summaryPage_->update(scenario_ ? &*scenario_ : nullptr, project_.get(), shown_.get(),
                         showsWhatIf());
}

void MainWindow::rememberRecent(const QString& fileName) {
    // Scenarios and projects are kept apart: the app reopens the last of each.
    const char* key =
        fileName.endsWith(QLatin1String(".marginal")) ? kRecentProjectsKey : kRecentKey;
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(key)).toStringList();
    recent.removeAll(fileName);
    recent.prepend(fileName);
    settings.setValue(QLatin1String(key), recent.mid(0, kMaxRecent));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList scenarios = QSettings().value(QLatin1String(kRecentKey)).toStringList();
    const QStringList projects =
        QSettings().value(QLatin1String(kRecentProjectsKey)).toStringList();
    for (const QStringList* list : {&scenarios, &projects}) {
        if (list == &projects && !projects.isEmpty() && !scenarios.isEmpty())
            recentMenu_->addSeparator();
        for (const QString& name : *list)
            recentMenu_->addAction(QFileInfo(name).fileName() + QStringLiteral("  (") + name +
                                       QLatin1Char(')'),
                                   this, [this, name] { (void)openFile(name); });
    }
    recentMenu_->setEnabled(!scenarios.isEmpty() || !projects.isEmpty());
}

void MainWindow::complain(const QString& message) {
    statusBar()->showMessage(message, 10000);
    if (interactive_)
        QMessageBox::critical(this, tr("Marginal"), message);
}

Status MainWindow::reported(Status status) {
    if (!status)
        complain(status.error());
    return status;
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
