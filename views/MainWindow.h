#pragma once
// The desktop window: a navigator beside the pages (scenario and run settings,
// decision table, margin chart), menus with shortcuts, recent files and window state
// in QSettings, a status bar saying what is loaded. It wires the pieces together;
// the work is done by RunController, the models and the charts.
#include "Scenario.h"

#include <QMainWindow>
#include <optional>

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

namespace marginal {

class CohortsPage;
class DecisionTableModel;
class MarginComparisonChart;
class RunController;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a scenario file. On error returns the message (also shown in a dialog
    // when interactive) and keeps the scenario that was open.
    QString openScenario(const QString& fileName);
    // Opens a project (*.marginal) read-only and shows its cohorts, fitted from its
    // usage at its catalog's prices. Returns an error message, empty on success.
    QString openProject(const QString& fileName);
    // Dialogs off for tests and scripted use.
    void setInteractive(bool interactive) { interactive_ = interactive; }
    // The bundled sample scenario, looked for beside the executable and in the sources.
    static QString bundledSample();

    const std::optional<Scenario>& scenario() const { return scenario_; }
    RunController& runs() const { return *runs_; }
    DecisionTableModel& decisionModel() const { return *decisionModel_; }
    MarginComparisonChart& chart() const { return *chart_; }
    CohortsPage& cohortsPage() const { return *cohortsPage_; }
    QSpinBox& trialsBox() const { return *trials_; }
    QLineEdit& seedEdit() const { return *seed_; }

    QString exportTable(const QString& fileName);
    QString exportChart(const QString& fileName);

public Q_SLOTS:
    void runSimulation();
    void cancelRun();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildPages();
    void buildMenus();
    void showScenario();
    void showResults();
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
    QLabel* statusLabel_;
    QMenu* recentMenu_;
};

} // namespace marginal
