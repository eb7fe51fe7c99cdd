// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/SensitivityPanel.h"
#include "models/common/OutputSet.h"
#include "views/charts/TornadoChart.h"
#include "views/dialogs/FileDialogs.h"
#include "views/editors/EditorParts.h"
#include "views/jobs/Job.h"
#include "views/pages/SearchRun.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace marginal {

namespace {

struct Computed {
    SensitivityResult result;
    QString footnote;
};

} // namespace

SensitivityPanel::SensitivityPanel(SearchRequestSource source, QWidget* parent)
    : QWidget(parent), source_(std::move(source)),
      run_(new SearchRun(this, tr("Run sensitivity"),
                         tr("Cancelled; the tornado shown is the last finished one."),
                         tr("Sets each model's prices and each cohort's usage, spread, activity, "
                            "growth and token shares to its low and high end, on the same draws, "
                            "and shows which move margin most."))) {
    range_ = new QDoubleSpinBox;
    range_->setObjectName(QStringLiteral("sensitivityRange"));
    range_->setRange(1, 90);
    range_->setValue(20);
    range_->setSuffix(QStringLiteral(" %"));
    range_->setPrefix(QStringLiteral("\u00b1 "));
    range_->setToolTip(
        tr("Each factor is set to its value \u00d7 (1 \u2212 r) and \u00d7 (1 + r)"));
    trials_ = new QSpinBox;
    trials_->setRange(10, 100000);
    trials_->setValue(100);
    trials_->setToolTip(tr("Trials of every end of every factor (all on the same draws)"));
    package_ = EditorParts::narrowComboBox();
    package_->setObjectName(QStringLiteral("sensitivityPackage"));
    mix_ = EditorParts::narrowComboBox();
    mix_->setObjectName(QStringLiteral("sensitivityMix"));
    run_->runButton().setObjectName(QStringLiteral("runSensitivity"));
    export_ = new QPushButton(tr("Export tornado.csv\u2026"));
    export_->setEnabled(false);
    chart_ = new TornadoChart;

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Range")));
    controls->addWidget(range_);
    controls->addWidget(new QLabel(tr("Trials")));
    controls->addWidget(trials_);
    controls->addWidget(&run_->runButton());
    controls->addWidget(&run_->cancelButton());
    controls->addWidget(&run_->progress(), 1);
    auto* picks = new QHBoxLayout;
    picks->addWidget(new QLabel(tr("Package")));
    picks->addWidget(package_, 1);
    picks->addWidget(new QLabel(tr("Mix")));
    picks->addWidget(mix_, 1);
    picks->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(&run_->status());
    layout->addLayout(picks);
    layout->addWidget(chart_, 1);

    connect(run_, &SearchRun::runRequested, this, [this] {
        if (const Status s = start(); !s)
            QMessageBox::information(this, tr("Sensitivity"), s.error());
    });
    connect(run_, &SearchRun::finished, this, &SensitivityPanel::finished);
    connect(package_, &QComboBox::currentIndexChanged, this, [this] { drawPicked(); });
    connect(mix_, &QComboBox::currentIndexChanged, this, [this] { drawPicked(); });
    connect(export_, &QPushButton::clicked, this, [this] {
        SearchRun::exportFile(this, tr("Export tornado"), QStringLiteral("tornado.csv"),
                              [this](const QString& file) { return exportCsv(file); });
    });
}

Status SensitivityPanel::start() {
    if (run_->job().isRunning())
        return Status::failure(tr("The analysis is already running."));
    const Result<SearchRequest> request = source_(trials_->value());
    if (!request)
        return Status::failure(request.error());
    const double range = range_->value() / 100.0;
    const bool started = run_->job().start<Computed>(
        [request = *request, range](Job::Context& context) {
            const RunInputs inputs = request.prepare();
            const RunOptions options = request.optionsFor(
                inputs, context.cancel,
                [&context](std::int64_t done, std::int64_t all) { context.progress(done, all); });
            Computed out{SensitivityAnalysis::run(inputs.scenario, range, options),
                         request.footnote};
            if (!out.result.complete())
                throw Cancelled();
            return out;
        },
        [this](Computed computed) {
            show(computed.result, computed.footnote);
            run_->succeeded(tr("%1 factors, each end on the same %2 trials as the base; bars "
                               "show the change in mean margin per customer with its 95% "
                               "interval (paired).")
                                .arg(computed.result.factors)
                                .arg(computed.result.trials));
        });
    if (!started)
        return Status::failure(tr("The analysis is already running."));
    run_->started();
    return Status::success();
}

Job& SensitivityPanel::job() const {
    return run_->job();
}

QLabel& SensitivityPanel::status() const {
    return run_->status();
}

void SensitivityPanel::cancel() {
    run_->job().cancel();
}

void SensitivityPanel::show(const SensitivityResult& result, const QString& footnote) {
    result_ = result;
    footnote_ = footnote;
    QStringList packages, mixes;
    for (const TornadoRow& r : result.rows) {
        if (!packages.contains(r.package))
            packages << r.package;
        if (!mixes.contains(r.mix))
            mixes << r.mix;
    }
    EditorParts::refill(*package_, packages);
    EditorParts::refill(*mix_, mixes);
    export_->setEnabled(true);
    drawPicked();
}

void SensitivityPanel::drawPicked() {
    if (!result_)
        return;
    std::vector<TornadoRow> rows;
    for (const TornadoRow& r : result_->rows)
        if (r.package == package_->currentText() && r.mix == mix_->currentText())
            rows.push_back(r);
    chart_->setRows(rows);
    chart_->setFootnote(footnote_);
}

Status SensitivityPanel::exportCsv(const QString& fileName) const {
    if (!result_)
        return Status::failure(tr("Run the analysis first."));
    return OutputSet::writeFile(fileName, result_->csv());
}

} // namespace marginal
