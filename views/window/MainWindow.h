#pragma once
// The desktop window: a navigator beside the pages (scenario and run settings,
// cohorts, package editor, decision table, charts), menus with shortcuts, undo and
// redo, recent files and window state in QSettings, a status bar saying what is
// loaded. It wires the pieces together; the work is done by RunController (full runs
// and quick what-if runs after each edit), the models, the editor and the charts.
#include "models/domain/Scenario.h"

#include <QMainWindow>
#include <memory>
#include <optional>
#include <thread>

class QElapsedTimer;
class QJsonObject;

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTreeWidget;
class QComboBox;
class QSortFilterProxyModel;
class QMenu;
class QTabWidget;
class QUndoStack;

namespace marginal {

class CohortsPage;
class CreditBurnChart;
class DataPage;
class MarginUsageChart;
class RunsPage;
class ScenarioSettingsEditor;
class DecisionTableModel;
class GmSpreadChart;
class MarginComparisonChart;
class MarginHorizonChart;
class CatalogEditor;
class MixEditor;
class PackageEditor;
class RunController;
struct RunRecord;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a scenario file. On error returns the message (also shown in a dialog
    // when interactive) and keeps the scenario that was open.
    QString openScenario(const QString& fileName);
    // Loads a scenario kept in the open project (saved there with Ctrl+S).
    QString openStoredScenario(const QString& name);
    // Opens a project (*.marginal) read-only and shows its cohorts, fitted from its
    // usage at its catalog's prices. Returns an error message, empty on success.
    QString openProject(const QString& fileName);
    // Creates a project (never over an existing file) holding the open scenario's
    // catalog, and opens it. Returns an error message, empty on success.
    QString newProject(const QString& fileName);
    // Writes the scenario, edits included, as one inline JSON file (and into the open
    // project); marks the edits saved. Returns an error message, empty on success.
    QString saveScenario(const QString& fileName);
    ScenarioSettingsEditor& settingsEditor() const { return *settingsEditor_; }
    const QString& projectFile() const { return projectFile_; }
    DataPage& dataPage() const { return *dataPage_; }
    RunsPage& runsPage() const { return *runsPage_; }
    // Shows run `id` of the open project; returns an error message, empty on success.
    QString showStoredRun(qint64 id);
    // Dialogs off for tests and scripted use.
    void setInteractive(bool interactive) { interactive_ = interactive; }
    // The bundled sample scenario, looked for beside the executable and in the sources.
    static QString bundledSample();
    // Builds the sample project the quick start builds (usage generated from the
    // bundled sample scenario: 800 customers, 6 months, seed 1; imported; the sample
    // catalog) at `fileName`. Returns an error message, empty on success.
    static QString createSampleProject(const QString& fileName);

    const std::optional<Scenario>& scenario() const { return scenario_; }
    RunController& runs() const { return *runs_; }
    RunController& whatIfRuns() const { return *whatIf_; }
    PackageEditor& packageEditor() const { return *packageEditor_; }
    MixEditor& mixEditor() const { return *mixEditor_; }
    CatalogEditor& catalogEditor() const { return *catalogEditor_; }
    QUndoStack& undoStack() const { return *undo_; }
    GmSpreadChart& spreadChart() const { return *spreadChart_; }
    MarginHorizonChart& horizonChart() const { return *horizonChart_; }
    CreditBurnChart& burnChart() const { return *burnChart_; }
    MarginUsageChart& usageChart() const { return *usageChart_; }
    // Milliseconds from the last package edit to its what-if results drawn.
    qint64 lastWhatIfMilliseconds() const { return lastWhatIfMs_; }
    // Trials of a what-if run (a full run uses the Trials box).
    static constexpr int kWhatIfTrials = 24;
    enum Page {
        DataPageIndex,
        ScenarioPage,
        CohortsPageIndex,
        CatalogPage,
        PackagesPage,
        MixesPage,
        DecisionPage,
        ChartsPage,
        RunsPageIndex
    };
    void showPage(Page page);
    DecisionTableModel& decisionModel() const { return *decisionModel_; }
    MarginComparisonChart& chart() const { return *chart_; }
    CohortsPage& cohortsPage() const { return *cohortsPage_; }
    bool isRefitting() const { return refitting_; }
    QSpinBox& trialsBox() const { return *trials_; }
    QLineEdit& seedEdit() const { return *seed_; }

    QString exportTable(const QString& fileName);
    // Copies the decision table's selected rows (all when none is selected) to the
    // clipboard, tab-separated with the header; returns the text.
    QString copyDecisionTable();
    QString exportChart(const QString& fileName);

    // What a dropped or command-line file is: a project is opened, a scenario loaded,
    // anything else goes to the import wizard (when a project is open).
    QString openFile(const QString& fileName);
    // Copies the open project to `fileName` and continues in the copy.
    QString saveProjectAs(const QString& fileName);

public Q_SLOTS:
    void runSimulation();
    void cancelRun();
    // The import wizard, into the open project.
    void importUsage(const QString& fileName = QString());
    // Refreshes the Data page and refits the cohorts after an import.
    void afterImport();

Q_SIGNALS:
    // The cohorts page shows a refit with new cut points.
    void cohortsRefitted();
    // A run's results (full or what-if) are in the table and drawn in the charts.
    void resultsShown();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildPages();
    void buildMenus();
    void showScenario();
    // `kind` says what is shown in the status bar: empty for a full run.
    void showResults(const std::shared_ptr<const RunRecord>& record,
                     const QString& kind = QString());
    void redrawCharts();
    void startWhatIf();
    void newProjectDialog();
    void applyScenarioJson(const QJsonObject& json);
    void adoptScenario(); // after scenario_ changed: editors, settings, status
    bool saveScenarioDialog(bool askName);
    void storeRunInProject();
    void updateStatus();
    void rememberRecent(const QString& fileName);
    void rebuildRecentMenu();
    void complain(const QString& message);

    bool interactive_ = true;
    std::optional<Scenario> scenario_;
    RunController* runs_;
    DecisionTableModel* decisionModel_;
    QSortFilterProxyModel* sortedDecisions_;
    MarginComparisonChart* chart_;
    QListWidget* navigator_;
    CohortsPage* cohortsPage_;
    QString projectFile_;
    QStackedWidget* pages_;
    QLabel* scenarioTitle_;
    QTreeWidget* cohorts_;
    QTreeWidget* packages_;
    QSpinBox* trials_;
    QLineEdit* seed_;
    QSpinBox* threads_;
    QPushButton* runButton_;
    QPushButton* cancelButton_;
    QProgressBar* progress_;
    QTableView* table_;
    QComboBox* chartCohort_;
    QComboBox* chartMix_;
    QComboBox* chartPackage_;
    CreditBurnChart* burnChart_;
    MarginUsageChart* usageChart_;
    QTabWidget* chartTabs_;
    GmSpreadChart* spreadChart_;
    MarginHorizonChart* horizonChart_;
    PackageEditor* packageEditor_;
    MixEditor* mixEditor_;
    CatalogEditor* catalogEditor_;
    void fillMixEditor();
    DataPage* dataPage_;
    ScenarioSettingsEditor* settingsEditor_;
    RunsPage* runsPage_;
    QUndoStack* undo_;
    RunController* whatIf_;
    bool whatIfPending_ = false;
    QElapsedTimer* sinceEdit_;
    qint64 lastWhatIfMs_ = -1;
    std::shared_ptr<const RunRecord> shown_;
    QString shownKind_;
    // Cohort refits run on a thread of their own (reading the project's usage takes
    // a while); a change of cut points during one is applied when it ends.
    std::thread refit_;
    std::optional<std::pair<double, double>> pendingCuts_;
    bool refitting_ = false;
    void refitCohorts(double lower, double upper);
    QLabel* statusLabel_;
    QMenu* recentMenu_;
};

} // namespace marginal
