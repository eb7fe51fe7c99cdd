// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Price grid tab of the Price search page (docs/MODEL.md section 13): one or two
// numeric fields of a package varied over a grid, every point on the same draws,
// drawn as a heatmap (or a line) of margin, GM% or P(margin < 0) with the GM% target's
// frontier. Runs GridSweep in the background with progress and Cancel; a click on a
// cell chooses its values, which Apply writes into the package (one undo step).
#include "simulator/search/GridSweep.h"
#include "views/charts/PriceGridChart.h"
#include "views/pages/SearchRequest.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace marginal {

class Job;
class SearchRun;

class PriceGridPanel : public QWidget {
    Q_OBJECT
public:
    explicit PriceGridPanel(SearchRequestSource source, QWidget* parent = nullptr);
    // The packages, mixes and cohorts to offer (the open scenario's).
    void setScenario(const Scenario* scenario);

    // One varied field: its path, bounds and number of values.
    struct Axis {
        QComboBox* field;
        QDoubleSpinBox *lo, *hi;
        QSpinBox* steps;
    };
    const Axis& axis(int i) const { return axes_[i]; }
    // Starts the grid; why not when there is nothing to run or one is running.
    Status start();
    void cancel();
    Job& job() const;
    const std::optional<GridSweepResult>& result() const { return result_; }
    // Chooses the values of a grid point (what a click on the chart does).
    void choose(const std::vector<double>& values);
    const std::vector<double>& chosen() const { return chosen_; }
    Status exportCsv(const QString& fileName) const;

    PriceGridChart& chart() const { return *chart_; }
    QComboBox& packageBox() const { return *package_; }
    QComboBox& mixBox() const { return *mix_; }
    QComboBox& cohortBox() const { return *cohort_; }
    QComboBox& metricBox() const { return *metric_; }
    QDoubleSpinBox& targetBox() const { return *target_; }
    QSpinBox& trialsBox() const { return *trials_; }
    QPushButton& applyButton() const { return *apply_; }
    QLabel& status() const;

Q_SIGNALS:
    void finished();
    // Apply: set `paths` of `package` to `values` (the window makes it an undo step).
    void applyRequested(const QString& package, const QStringList& paths,
                        const std::vector<double>& values);

private:
    void fillFields();
    void suggestRange(int i);
    void drawPicked();

    SearchRequestSource source_;
    SearchRun* run_;
    std::vector<PricingPackage> packages_;
    std::optional<GridSweepResult> result_;
    QString resultPackage_, footnote_;
    std::vector<double> chosen_;
    QComboBox *package_, *mix_, *cohort_, *metric_;
    QDoubleSpinBox* target_;
    QSpinBox* trials_;
    Axis axes_[2];
    QPushButton *apply_, *export_;
    QLabel* chosenText_;
    PriceGridChart* chart_;
};

} // namespace marginal
