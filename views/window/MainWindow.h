// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The desktop window: a navigator beside the pages (data, scenario and run settings,
// cohorts, catalog, packages, mixes, decision table, charts, runs), menus with
// shortcuts, undo and redo, recent files and window state in QSettings, a status bar
// saying what is loaded. It wires the pieces together; the work is done by the
// session layer (simulator/session) in background jobs (views/jobs), the project
// layer (models/project), the editors and the charts.
//
// Split by concern over four files: MainWindow.cpp (the window, its pages and menus),
// MainWindowProject.cpp (open, new, import, refits, stored runs), MainWindowScenario.cpp
// (the scenario, its edits, runs and what-ifs) and MainWindowResults.cpp (the table,
// the charts, exports).
#include "models/common/Result.h"
#include "models/domain/Scenario.h"
#include "models/project/StoredRun.h"
#include "simulator/results/RunRecord.h"
#include "simulator/session/Session.h"
#include "views/pages/CohortCharts.h"

#include <QJsonObject>
#include <QMainWindow>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QElapsedTimer;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTreeWidget;
class QUndoStack;

namespace marginal {

class CatalogEditor;
class ChartWidget;
class CohortsPage;
class DataPage;
class DecisionTablePage;
class DecisionTableModel;
class Job;
class LineupEditor;
class MixEditor;
class PackageEditor;
class PriceSearchPage;
class RunController;
class RunsPage;
class RunComparisonDialog;
class ScenarioSettingsEditor;
class SummaryPage;
struct RunRecord;
struct SearchRequest;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Every action below returns why it failed (also shown in a dialog when
    // interactive) and then leaves what was open as it was.
    Status openScenario(const QString& fileName);
    // Loads a scenario kept in the open project (saved there with Ctrl+S).
    Status openStoredScenario(const QString& name);
    // Opens a project (*.marginal) and fits its cohorts in the background.
    Status openProject(const QString& fileName);
    // Creates a project (never over an existing file) holding the open scenario's
    // catalog, and opens it.
    Status newProject(const QString& fileName);
    // Writes the scenario, edits included, as one inline JSON file (and into the open
    // project); marks the edits saved.
    Status saveScenario(const QString& fileName);
    // Shows run `id` of the open project.
    Status showStoredRun(qint64 id);
    // A run stored in the open project, read back.
    struct StoredRecord {
        RunSummary summary;
        RunRecord record;
    };
    Result<StoredRecord> storedRecord(qint64 id) const;
    // The Runs page's actions on stored runs.
    Status compareRuns(qint64 older, qint64 newer);
    Status deleteRun(qint64 id);
    Status labelRun(qint64 id, const QString& name, const QString& notes);
    // The comparison window last opened (nullptr: none yet).
    RunComparisonDialog* lastComparison() const { return comparison_; }
    Status exportTable(const QString& fileName);
    Status exportChart(const QString& fileName);
    // What a dropped or command-line file is: a project is opened, a scenario loaded,
    // anything else goes to the import wizard (when a project is open).
    Status openFile(const QString& fileName);
    // Copies the open project to `fileName` and continues in the copy.
    Status saveProjectAs(const QString& fileName);
    // Copies the decision table's selected rows (all when none is selected) to the
    // clipboard, tab-separated with the header; returns the text.
    QString copyDecisionTable();

    // Dialogs off for tests and scripted use.
    void setInteractive(bool interactive) { interactive_ = interactive; }
    // The bundled sample scenario: installed beside the program, else in the sources.
    static QString bundledSample();
    // Builds the sample project the quick start builds (usage generated from the
    // bundled sample scenario: 800 customers, 6 months, seed 1; imported; the sample
    // catalog) at `fileName`.
    static Status createSampleProject(const QString& fileName);

    const std::optional<Scenario>& scenario() const { return scenario_; }
    const Project* project() const { return project_.get(); }
    QString projectFile() const;
    // The open project's customers as the last refit left them (none: no fit yet).
    const std::optional<ProjectCustomers>& projectCustomers() const { return customers_; }
    RunController& runs() const { return *runs_; }
    RunController& whatIfRuns() const { return *whatIf_; }
    ScenarioSettingsEditor& settingsEditor() const { return *settingsEditor_; }
    PackageEditor& packageEditor() const { return *packageEditor_; }
    MixEditor& mixEditor() const { return *mixEditor_; }
    LineupEditor& lineupEditor() const { return *lineupEditor_; }
    CatalogEditor& catalogEditor() const { return *catalogEditor_; }
    DataPage& dataPage() const { return *dataPage_; }
    RunsPage& runsPage() const { return *runsPage_; }
    PriceSearchPage& priceSearchPage() const { return *priceSearch_; }
    // What the Price search page runs on: the scenario with its edits, the seed (one is
    // drawn and shown when none is set), the customers chosen; why not (no scenario).
    Result<SearchRequest> searchRequest(std::int64_t trials);
    CohortsPage& cohortsPage() const { return *cohortsPage_; }
    SummaryPage& summaryPage() const { return *summaryPage_; }
    DecisionTablePage& decisionPage() const { return *decisionPage_; }
    // The banner over the results while a what-if preview is shown.
    QWidget& whatIfBanner() const { return *whatIfBanner_; }
    // What the shown figures are: a full run, or a what-if preview of the edits.
    bool showsWhatIf() const { return shown_ && !shownKind_.isEmpty(); }
    QUndoStack& undoStack() const { return *undo_; }
    DecisionTableModel& decisionModel() const { return *decisionModel_; }
    QSpinBox& trialsBox() const { return *trials_; }
    QLineEdit& seedEdit() const { return *seed_; }
    // Where the next run's customers come from (the open project's fitted cohorts or
    // histories, or the scenario's cohorts).
    QComboBox& customersBox() const { return *customersFrom_; }
    CustomerSource customerSource() const;
    // The charts, in their tabs' order (views/charts/ChartRegistry.cpp).
    const std::vector<ChartWidget*>& charts() const { return charts_; }
    template <typename C> C& chart() const {
        for (ChartWidget* c : charts_)
            if (auto* found = dynamic_cast<C*>(c))
                return *found;
        throw Error(QStringLiteral("no such chart"));
    }
    bool isRefitting() const;
    // Milliseconds from the last edit to its what-if results drawn.
    qint64 lastWhatIfMilliseconds() const { return lastWhatIfMs_; }
    // Trials of a what-if run (a full run uses the Trials box).
    static constexpr int kWhatIfTrials = 24;
    enum Page {
        SummaryPageIndex,
        DataPageIndex,
        ScenarioPage,
        CohortsPageIndex,
        CatalogPage,
        PackagesPage,
        MixesPage,
        LineupsPage,
        DecisionPage,
        ChartsPage,
        PriceSearchPageIndex,
        RunsPageIndex
    };
    void showPage(Page page);

public Q_SLOTS:
    void runSimulation();
    void cancelRun();
    // The import wizard, into the open project.
    void importUsage(const QString& fileName = QString());
    // Refreshes the Data page and refits the cohorts after an import.
    void afterImport();

Q_SIGNALS:
    // The cohorts page shows a refit (after a project opened, an import, new cut points).
    void cohortsRefitted();
    // A run's results (full or what-if) are in the table and drawn in the charts.
    void resultsShown();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // The window (MainWindow.cpp).
    void buildPages();
    QWidget* buildScenarioPage();
    QWidget* buildChartsPage();
    void buildEditors();
    void buildProjectPages();
    void buildMenus();
    void buildToolBar();
    QWidget* buildWhatIfBanner();
    void connectRuns();
    void updateStatus();
    void rememberRecent(const QString& fileName);
    void rebuildRecentMenu();
    void complain(const QString& message);
    Status reported(Status status); // complains when it failed

    // The project (MainWindowProject.cpp).
    void newProjectDialog();
    void connectRefits();
    // Fits the open project's cohorts in the background, with new cut points when
    // given (else the project's); a request during a refit runs when it ends.
    void refitCohorts(std::optional<std::vector<double>> cuts);
    void storeRunInProject();
    void adoptProject(std::unique_ptr<Project> project,
                      const std::optional<CohortFitResult>& lastFit, const CohortCharts& charts);

    // The scenario (MainWindowScenario.cpp).
    void showScenario();
    void applyScenarioJson(const QJsonObject& json);
    // Reads the scenario back with its `key` list ("packages", "mixes") replaced.
    Status checkScenarioWith(const QString& key, const std::vector<QJsonObject>& items) const;
    void adoptScenario(); // after scenario_ changed: editors, settings, status
    bool saveScenarioDialog(bool askName);
    void fillMixEditor();
    void startWhatIf();
    RunRequest runRequest(std::optional<std::uint64_t> seed, std::int64_t trials) const;
    void updateCustomerChoices();
    // A price search's values written into a package: one undo step.
    void applySearchValues(const QString& package, const QStringList& paths,
                           const std::vector<double>& values);

    // The results (MainWindowResults.cpp).
    // `kind` says what is shown in the status bar: empty for a full run.
    void showResults(const std::shared_ptr<const RunRecord>& record,
                     const QString& kind = QString());
    void redrawCharts();

    bool interactive_ = true;
    int searchApplies_ = 0; // numbers each price-search Apply: one undo step each
    std::optional<Scenario> scenario_;
    std::unique_ptr<Project> project_;
    std::optional<ProjectCustomers> customers_;
    RunController* runs_;
    RunController* whatIf_;
    Job* refit_;
    // A refit asked for during one: runs when it ends (with these cuts, when set).
    std::optional<std::optional<std::vector<double>>> pendingRefit_;
    bool opening_ = false; // openProject's worker is checking a file
    DecisionTableModel* decisionModel_;
    QUndoStack* undo_;
    QElapsedTimer* sinceEdit_;
    bool whatIfPending_ = false;
    // A project was just opened: its fitted cohorts become the run's customers once
    // they are fitted (a choice made after that is kept).
    bool fittedJustArrived_ = false;
    qint64 lastWhatIfMs_ = -1;
    std::shared_ptr<const RunRecord> shown_;
    QString shownKind_;
    // The scenario and customer choice the last full run was started with: inputs
    // back in that state (Undo) show that run again instead of a what-if.
    QJsonObject fullRunScenario_, startedRunScenario_;
    CustomerSource fullRunCustomers_ = CustomerSource::Scenario,
                   startedRunCustomers_ = CustomerSource::Scenario;

    QListWidget* navigator_;
    SummaryPage* summaryPage_;
    DecisionTablePage* decisionPage_;
    QWidget* whatIfBanner_;
    QLabel* whatIfText_;
    QAction* runAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QStackedWidget* pages_;
    DataPage* dataPage_;
    CohortsPage* cohortsPage_;
    RunsPage* runsPage_;
    PriceSearchPage* priceSearch_;
    RunComparisonDialog* comparison_ = nullptr;
    ScenarioSettingsEditor* settingsEditor_;
    PackageEditor* packageEditor_;
    MixEditor* mixEditor_;
    LineupEditor* lineupEditor_;
    CatalogEditor* catalogEditor_;
    QLabel* scenarioTitle_;
    QTreeWidget* cohorts_;
    QTreeWidget* packages_;
    QComboBox* customersFrom_;
    QSpinBox* trials_;
    QLineEdit* seed_;
    QSpinBox* threads_;
    QPushButton* runButton_;
    QPushButton* cancelButton_;
    QProgressBar* progress_;
    QComboBox* chartCohort_;
    QComboBox* chartMix_;
    QComboBox* chartPackage_;
    QTabWidget* chartTabs_;
    std::vector<ChartWidget*> charts_;
    QLabel* statusLabel_;
    QMenu* recentMenu_;
};

} // namespace marginal
