// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/PriceGridPanel.h"
#include "models/common/OutputSet.h"
#include "simulator/search/PackageField.h"
#include "views/dialogs/FileDialogs.h"
#include "views/editors/EditorParts.h"
#include "views/jobs/Job.h"
#include "views/pages/SearchRun.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace marginal {

namespace {

struct Computed {
    GridSweepResult result;
    QString package, footnote;
};

const QString kNoField = QStringLiteral("(none)");
constexpr int kMaxSteps = 50; // per field: up to 2,500 points, each on every trial

} // namespace

PriceGridPanel::PriceGridPanel(SearchRequestSource source, QWidget* parent)
    : QWidget(parent), source_(std::move(source)),
      run_(new SearchRun(this, tr("Run grid"),
                         tr("Cancelled; the grid shown is the last finished one."),
                         tr("Every point of the grid is billed on the same simulated customers, "
                            "so differences between points are price, not noise."))) {
    package_ = EditorParts::narrowComboBox();
    package_->setObjectName(QStringLiteral("gridPackage"));
    mix_ = EditorParts::narrowComboBox();
    cohort_ = EditorParts::narrowComboBox();
    metric_ = EditorParts::narrowComboBox();
    // In PriceGridChart::Metric's order.
    metric_->addItems({tr("Mean margin per customer"), tr("GM%"), tr("P(margin < 0)"),
                       tr("Share with the bill up > 10% (needs a baseline)"),
                       tr("Mean margin with churn per customer")});
    target_ = new QDoubleSpinBox;
    target_->setRange(-1000, 100);
    target_->setValue(60);
    target_->setSuffix(QStringLiteral(" %"));
    target_->setToolTip(tr("The frontier is drawn where GM% crosses this target"));
    trials_ = new QSpinBox;
    trials_->setRange(10, 100000);
    trials_->setValue(100);
    trials_->setToolTip(tr("Trials of every grid point (all points on the same draws)"));
    auto* fields = new QGridLayout;
    for (int i = 0; i < 2; ++i) {
        Axis& a = axes_[i];
        a.field = EditorParts::narrowComboBox();
        a.field->setObjectName(QStringLiteral("gridField%1").arg(i + 1));
        a.lo = EditorParts::numberBox();
        a.hi = EditorParts::numberBox();
        a.steps = new QSpinBox;
        a.steps->setRange(1, kMaxSteps);
        a.steps->setValue(7);
        fields->addWidget(new QLabel(i == 0 ? tr("Vary") : tr("and")), i, 0);
        fields->addWidget(a.field, i, 1);
        fields->addWidget(new QLabel(tr("from")), i, 2);
        fields->addWidget(a.lo, i, 3);
        fields->addWidget(new QLabel(tr("to")), i, 4);
        fields->addWidget(a.hi, i, 5);
        fields->addWidget(new QLabel(tr("in")), i, 6);
        fields->addWidget(a.steps, i, 7);
        fields->addWidget(new QLabel(tr("values")), i, 8);
        connect(a.field, &QComboBox::currentIndexChanged, this, [this, i] { suggestRange(i); });
    }
    fields->setColumnStretch(1, 1);
    run_->runButton().setObjectName(QStringLiteral("runGrid"));
    export_ = new QPushButton(tr("Export grid.csv\u2026"));
    export_->setEnabled(false);
    apply_ = new QPushButton(tr("Apply to package"));
    apply_->setObjectName(QStringLiteral("applyGridPoint"));
    apply_->setEnabled(false);
    chosenText_ = new QLabel(tr("Click a point of the grid to choose its values."));
    chosenText_->setWordWrap(true);
    chart_ = new PriceGridChart;

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Package")));
    top->addWidget(package_, 1);
    top->addWidget(new QLabel(tr("Trials")));
    top->addWidget(trials_);
    top->addWidget(&run_->runButton());
    top->addWidget(&run_->cancelButton());
    top->addWidget(&run_->progress(), 1);
    auto* picks = new QHBoxLayout;
    picks->addWidget(new QLabel(tr("Show")));
    picks->addWidget(metric_, 1);
    picks->addWidget(new QLabel(tr("Mix")));
    picks->addWidget(mix_, 1);
    picks->addWidget(new QLabel(tr("Cohort")));
    picks->addWidget(cohort_, 1);
    picks->addWidget(new QLabel(tr("GM% target")));
    picks->addWidget(target_);
    picks->addWidget(export_);
    auto* chosen = new QHBoxLayout;
    chosen->addWidget(chosenText_, 1);
    chosen->addWidget(apply_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(fields);
    layout->addWidget(&run_->status());
    layout->addLayout(picks);
    layout->addWidget(chart_, 1);
    layout->addLayout(chosen);

    connect(package_, &QComboBox::currentIndexChanged, this, [this] { fillFields(); });
    for (QComboBox* box : {mix_, cohort_, metric_})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { drawPicked(); });
    connect(target_, &QDoubleSpinBox::valueChanged, this, [this] { drawPicked(); });
    connect(chart_, &PriceGridChart::cellChosen, this, &PriceGridPanel::choose);
    connect(run_, &SearchRun::finished, this, &PriceGridPanel::finished);
    connect(run_, &SearchRun::runRequested, this, [this] {
        if (const Status s = start(); !s)
            QMessageBox::information(this, tr("Price grid"), s.error());
    });
    connect(apply_, &QPushButton::clicked, this, [this] {
        if (!result_ || chosen_.empty())
            return;
        QStringList paths;
        for (const SearchAxis& a : result_->axes)
            paths << a.path;
        Q_EMIT applyRequested(resultPackage_, paths, chosen_);
    });
    connect(export_, &QPushButton::clicked, this, [this] {
        SearchRun::exportFile(this, tr("Export price grid"), QStringLiteral("grid.csv"),
                              [this](const QString& file) { return exportCsv(file); });
    });
}

void PriceGridPanel::setScenario(const Scenario* scenario) {
    packages_ = scenario ? scenario->packages : std::vector<PricingPackage>();
    const QString kept = package_->currentText();
    QStringList names;
    for (const PricingPackage& p : packages_)
        names << p.name;
    EditorParts::refill(*package_, names);
    if (package_->currentText() != kept || axes_[0].field->count() == 0)
        fillFields();
}

void PriceGridPanel::fillFields() {
    const int index = package_->currentIndex();
    const QStringList paths = index >= 0 && index < int(packages_.size())
                                  ? PackageField::numericPaths(packages_[std::size_t(index)])
                                  : QStringList();
    const QString first = paths.contains(QStringLiteral("base_fee")) ? QStringLiteral("base_fee")
                          : paths.isEmpty()                          ? QString()
                                                                     : paths.front();
    const QString second =
        paths.contains(QStringLiteral("included_credits")) && first != "included_credits"
            ? QStringLiteral("included_credits")
            : kNoField;
    for (int i = 0; i < 2; ++i) {
        QComboBox* box = axes_[i].field;
        {
            const QSignalBlocker quiet(box);
            box->clear();
            if (i == 1)
                box->addItem(kNoField);
            box->addItems(paths);
            box->setCurrentText(i == 0 ? first : second);
        }
        suggestRange(i);
    }
}

void PriceGridPanel::suggestRange(int i) {
    Axis& a = axes_[i];
    const bool none = a.field->currentText() == kNoField || a.field->currentText().isEmpty();
    for (QWidget* w : std::initializer_list<QWidget*>{a.lo, a.hi, a.steps})
        w->setEnabled(!none);
    const int index = package_->currentIndex();
    if (none || index < 0 || index >= int(packages_.size()))
        return;
    const Result<PackageField> f =
        PackageField::resolve(a.field->currentText(), packages_[std::size_t(index)]);
    const double now = f ? f->current() : 0.0;
    // Half to one and a half times today's value; from 0 to 10 for a field at 0.
    a.lo->setValue(now == 0 ? 0.0 : std::min(0.5 * now, 1.5 * now));
    a.hi->setValue(now == 0 ? 10.0 : std::max(0.5 * now, 1.5 * now));
}

Status PriceGridPanel::start() {
    if (run_->job().isRunning())
        return Status::failure(tr("The grid is already running."));
    if (package_->currentIndex() < 0)
        return Status::failure(tr("Open a scenario with a package first."));
    std::vector<SearchAxis> axes;
    for (const Axis& a : axes_) {
        if (a.field->currentText() == kNoField || a.field->currentText().isEmpty())
            continue;
        SearchAxis axis;
        axis.path = a.field->currentText();
        axis.lo = a.lo->value();
        axis.hi = a.hi->value();
        axis.steps = a.steps->value();
        if (axis.steps > 1 && !(axis.lo < axis.hi))
            return Status::failure(tr("%1: the first value must be below the last (got %2 to %3).")
                                       .arg(axis.path)
                                       .arg(axis.lo)
                                       .arg(axis.hi));
        axes.push_back(axis);
    }
    if (axes.empty())
        return Status::failure(tr("Choose a field to vary."));
    if (axes.size() == 2 && axes[0].path == axes[1].path)
        return Status::failure(tr("Choose two different fields."));
    const Result<SearchRequest> request = source_(trials_->value());
    if (!request)
        return Status::failure(request.error());
    const bool started = run_->job().start<Computed>(
        [request = *request, axes, package = package_->currentText()](Job::Context& context) {
            const RunInputs inputs = request.prepare();
            const PackageGrid grid(inputs.scenario, package);
            std::vector<PackageField> fields;
            for (const SearchAxis& axis : axes) {
                const Result<PackageField> f = PackageField::resolve(axis.path, grid.package());
                if (!f)
                    throw Error(f.error());
                fields.push_back(*f);
            }
            const RunOptions options = request.optionsFor(
                inputs, context.cancel,
                [&context](std::int64_t done, std::int64_t all) { context.progress(done, all); });
            Computed out{GridSweep::run(grid, fields, axes, options), package, request.footnote};
            if (!out.result.complete())
                throw Cancelled();
            return out;
        },
        [this](Computed computed) {
            result_ = std::move(computed.result);
            resultPackage_ = computed.package;
            footnote_ = computed.footnote;
            QStringList mixes, cohorts;
            for (const GridCell& cell : result_->cells) {
                if (!mixes.contains(cell.mix))
                    mixes << cell.mix;
                if (!cohorts.contains(cell.cohort))
                    cohorts << cell.cohort;
            }
            cohorts.move(cohorts.indexOf(QStringLiteral("all")), 0);
            EditorParts::refill(*mix_, mixes);
            EditorParts::refill(*cohort_, cohorts);
            chosen_.clear();
            apply_->setEnabled(false);
            chosenText_->setText(tr("Click a point of the grid to choose its values."));
            export_->setEnabled(true);
            drawPicked();
            run_->succeeded(tr("%1 points of %2, each under every mix on the same %3 trials.")
                                .arg(result_->points)
                                .arg(resultPackage_)
                                .arg(result_->trials));
        });
    if (!started)
        return Status::failure(tr("The grid is already running."));
    run_->started();
    return Status::success();
}

void PriceGridPanel::cancel() {
    run_->job().cancel();
}

Job& PriceGridPanel::job() const {
    return run_->job();
}

QLabel& PriceGridPanel::status() const {
    return run_->status();
}

void PriceGridPanel::drawPicked() {
    if (!result_)
        return;
    chart_->setGrid(*result_, mix_->currentText(), cohort_->currentText(),
                    PriceGridChart::Metric(metric_->currentIndex()), target_->value());
    chart_->setFootnote(footnote_);
}

void PriceGridPanel::choose(const std::vector<double>& values) {
    if (!result_)
        return;
    const GridCell* cell = nullptr;
    for (const GridCell& c : chart_->cells())
        if (c.values == values)
            cell = &c;
    if (!cell)
        return;
    chosen_ = values;
    chosenText_->setText(
        tr("Chosen for %1: %2")
            .arg(
                resultPackage_,
                chart_->describe(*cell).section(u'\n', 0, 1).replace(u'\n', QStringLiteral("; "))));
    apply_->setEnabled(true);
}

Status PriceGridPanel::exportCsv(const QString& fileName) const {
    if (!result_)
        return Status::failure(tr("Run the grid first."));
    return OutputSet::writeFile(fileName, result_->csv());
}

} // namespace marginal
