// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Optimise tab of the Price search page (docs/MODEL.md section 13): up to three
// numeric fields of a package between bounds, maximising mean margin or revenue per
// customer of a cohort under a mix, within up to three constraints (GM%, P(margin <
// 0), mean margin: at least, at most, or equal for one field, found by a root
// finder). Runs PriceOptimizer in the background, drawing each evaluation as it is
// made; the optimum, checked on fresh draws, is written into the package by Apply
// (one undo step).
#include "simulator/search/PriceOptimizer.h"
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
class OptimiseChart;

class OptimisePanel : public QWidget {
    Q_OBJECT
public:
    explicit OptimisePanel(SearchRequestSource source, QWidget* parent = nullptr);
    void setScenario(const Scenario* scenario);

    static constexpr int kFields = 3, kConstraints = 3;
    struct FieldRow {
        QComboBox* field;
        QDoubleSpinBox *lo, *hi;
    };
    struct ConstraintRow {
        QComboBox *metric, *op; // metric "(none)": no constraint
        QDoubleSpinBox* bound;
    };
    const FieldRow& field(int i) const { return fields_[i]; }
    const ConstraintRow& constraint(int i) const { return constraints_[i]; }

    // Starts the search; why not (nothing to run, a bad request, one running).
    Status start();
    void cancel();
    Job& job() const;
    const std::optional<OptimizeResult>& result() const { return result_; }
    // The fields the result's values are for.
    const QStringList& resultPaths() const { return resultPaths_; }

    OptimiseChart& chart() const { return *chart_; }
    QComboBox& packageBox() const { return *package_; }
    QComboBox& mixBox() const { return *mix_; }
    QComboBox& cohortBox() const { return *cohort_; }
    QComboBox& objectiveBox() const { return *objective_; }
    QSpinBox& trialsBox() const { return *trials_; }
    QPushButton& applyButton() const { return *apply_; }
    QLabel& status() const;
    QLabel& resultText() const { return *resultText_; }

Q_SIGNALS:
    void finished();
    void applyRequested(const QString& package, const QStringList& paths,
                        const std::vector<double>& values);

private:
    void fillFields();
    void suggestBounds(int i);
    Result<OptimizeRequest> request() const;
    void show(const OptimizeResult& result, const OptimizeRequest& request);

    SearchRequestSource source_;
    SearchRun* run_;
    std::vector<PricingPackage> packages_;
    std::optional<OptimizeResult> result_;
    QStringList resultPaths_;
    QString resultPackage_;
    int generation_ = 0; // evaluations of an earlier search arriving late are dropped
    int evaluations_ = 0;
    QComboBox *package_, *mix_, *cohort_, *objective_;
    QSpinBox* trials_;
    FieldRow fields_[kFields];
    ConstraintRow constraints_[kConstraints];
    QPushButton* apply_;
    QLabel* resultText_;
    OptimiseChart* chart_;
};

} // namespace marginal
