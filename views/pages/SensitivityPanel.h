// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Sensitivity tab of the Price search page: which factors move margin most
// (docs/MODEL.md section 12). Runs SensitivityAnalysis in the background with
// progress and Cancel; draws the tornado of the package and mix picked; exports
// tornado.csv, the same file as `marginal-cli sensitivity`.
#include "simulator/search/SensitivityAnalysis.h"
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
class TornadoChart;

class SensitivityPanel : public QWidget {
    Q_OBJECT
public:
    explicit SensitivityPanel(SearchRequestSource source, QWidget* parent = nullptr);
    // Starts the analysis; why not when there is nothing to run or one is running.
    Status start();
    void cancel();
    Job& job() const;
    const std::optional<SensitivityResult>& result() const { return result_; }
    Status exportCsv(const QString& fileName) const;

    TornadoChart& chart() const { return *chart_; }
    QComboBox& packageBox() const { return *package_; }
    QComboBox& mixBox() const { return *mix_; }
    QDoubleSpinBox& rangeBox() const { return *range_; }
    QSpinBox& trialsBox() const { return *trials_; }
    QLabel& status() const;

Q_SIGNALS:
    void finished();

private:
    void show(const SensitivityResult& result, const QString& footnote);
    void drawPicked();

    SearchRequestSource source_;
    SearchRun* run_;
    std::optional<SensitivityResult> result_;
    QString footnote_;
    QDoubleSpinBox* range_;
    QSpinBox* trials_;
    QComboBox *package_, *mix_;
    QPushButton* export_;
    TornadoChart* chart_;
};

} // namespace marginal
