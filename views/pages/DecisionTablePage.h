// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Decision page: the decision table as a CFO reads it. Package, mix and cohort stay
// in view while the figures scroll; a filter by cohort and mix; a baseline package to
// compare every row with; a column chooser (remembered); a colour legend; and a pivot
// of packages x cohorts (GM% or margin per customer) for one mix. Before the first run
// it says how to make one.
#include "simulator/results/ResultSummary.h"

#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;

namespace marginal {

class DecisionFilterModel;
class DecisionPivotModel;
class DecisionTableModel;
class FrozenColumnsTableView;

class DecisionTablePage : public QWidget {
    Q_OBJECT
public:
    DecisionTablePage(DecisionTableModel& model, QWidget* parent = nullptr);
    // Shows `rows` (a run's decision table); the filters keep their choice when the
    // new rows have it.
    // `scenarioBaseline`: the scenario's "baseline", selected when none is chosen.
    void setRows(const std::vector<DecisionRow>& rows, const QString& scenarioBaseline = {});

    DecisionFilterModel& filtered() const { return *filtered_; }
    FrozenColumnsTableView& table() const { return *table_; }
    DecisionPivotModel& pivot() const { return *pivot_; }
    QTableView& pivotView() const { return *pivotView_; }
    QComboBox& cohortFilter() const { return *cohort_; }
    QComboBox& mixFilter() const { return *mix_; }
    QComboBox& baselineBox() const { return *baseline_; }
    QComboBox& pivotMixBox() const { return *pivotMix_; }
    QComboBox& pivotMeasureBox() const { return *pivotMeasure_; }
    // Hides or shows a column by its machine name (the chooser's checkboxes do this).
    void setColumnShown(const QString& name, bool shown);
    bool isColumnShown(const QString& name) const;

private:
    void rebuildColumnMenu();
    void applyHiddenColumns();

    DecisionTableModel& model_;
    DecisionFilterModel* filtered_;
    DecisionPivotModel* pivot_;
    QStackedWidget* stack_;
    FrozenColumnsTableView* table_;
    QTableView* pivotView_;
    QTabWidget* tabs_;
    QComboBox* cohort_;
    QComboBox* mix_;
    QComboBox* baseline_;
    QComboBox* pivotMix_;
    QComboBox* pivotMeasure_;
    QToolButton* columns_;
    QStringList hidden_; // machine names, kept in QSettings
};

} // namespace marginal
