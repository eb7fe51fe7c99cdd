#include "views/window/MainWindow.h"
#include "views/editors/CatalogEditor.h"
#include "views/pages/CohortsPage.h"
#include "views/charts/CreditBurnChart.h"
#include "views/pages/DataPage.h"
#include "views/tables/DecisionTableModel.h"
#include "views/charts/GmSpreadChart.h"
#include "views/dialogs/ImportDialog.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"
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
const char* const kRecentKey = "recentScenarios";
const char* const kRecentProjectsKey = "recentProjects";
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

MainWindow::~MainWindow() {
    if (refit_.joinable())
        refit_.join();
    delete sinceEdit_;
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
    connect(dataPage_, &DataPage::scenarioRequested, this,
            [this](const QString& name) { openStoredScenario(name); });
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
                                   this, [this, name] { openFile(name); });
    }
    recentMenu_->setEnabled(!scenarios.isEmpty() || !projects.isEmpty());
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
