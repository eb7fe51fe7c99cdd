// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/OptimisePanel.h"
#include "simulator/search/PackageField.h"
#include "views/charts/OptimiseChart.h"
#include "views/editors/EditorParts.h"
#include "views/jobs/Job.h"
#include "views/pages/SearchRun.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace marginal {

namespace {

const QString kNone = QStringLiteral("(none)");

struct Computed {
    OptimizeResult result;
    OptimizeRequest request; // fields, bounds, constraints, objective (no callbacks)
    QString package;
};

QString money(double x) {
    return (x < 0 ? QStringLiteral("\u2212$") : QStringLiteral("$")) +
           QLocale(QLocale::English).toString(std::fabs(x), 'f', 2);
}

} // namespace

OptimisePanel::OptimisePanel(SearchRequestSource source, QWidget* parent)
    : QWidget(parent), source_(std::move(source)),
      run_(new SearchRun(this, tr("Optimise"), tr("Cancelled; nothing was changed."),
                         tr("Finds the values that maximise the objective within the "
                            "constraints, on fixed draws; an equality (e.g. GM% = 60) with one "
                            "field is solved by a root finder."))) {
    package_ = EditorParts::narrowComboBox();
    package_->setObjectName(QStringLiteral("optimisePackage"));
    mix_ = EditorParts::narrowComboBox();
    cohort_ = EditorParts::narrowComboBox();
    objective_ = EditorParts::narrowComboBox();
    // In OptimizeRequest::Objective's order.
    objective_->addItems({tr("mean margin per customer"), tr("mean revenue per customer"),
                          tr("mean margin with churn per customer")});
    trials_ = new QSpinBox;
    trials_->setRange(10, 100000);
    trials_->setValue(100);
    trials_->setToolTip(tr("Trials of every evaluation (all on the same draws)"));
    auto* fieldsBox = new QGroupBox(tr("Vary (between)"));
    auto* fieldGrid = new QGridLayout(fieldsBox);
    for (int i = 0; i < kFields; ++i) {
        FieldRow& f = fields_[i];
        f.field = EditorParts::narrowComboBox();
        f.field->setObjectName(QStringLiteral("optimiseField%1").arg(i + 1));
        f.lo = EditorParts::numberBox();
        f.hi = EditorParts::numberBox();
        fieldGrid->addWidget(f.field, i, 0);
        fieldGrid->addWidget(f.lo, i, 1);
        fieldGrid->addWidget(new QLabel(tr("and")), i, 2);
        fieldGrid->addWidget(f.hi, i, 3);
        connect(f.field, &QComboBox::currentIndexChanged, this, [this, i] { suggestBounds(i); });
    }
    fieldGrid->setColumnStretch(0, 1);
    auto* constraintsBox = new QGroupBox(tr("Constraints (all customers of the cohort)"));
    auto* constraintGrid = new QGridLayout(constraintsBox);
    for (int i = 0; i < kConstraints; ++i) {
        ConstraintRow& c = constraints_[i];
        c.metric = EditorParts::narrowComboBox();
        // After "(none)", in SearchConstraint::Metric's order.
        c.metric->addItems({kNone, tr("GM%"), tr("P(margin < 0)"), tr("mean margin per customer"),
                            tr("share with the bill up > 10%")});
        c.op = EditorParts::narrowComboBox();
        c.op->addItems({QStringLiteral("\u2265"), QStringLiteral("\u2264"), QStringLiteral("=")});
        c.bound = EditorParts::numberBox();
        constraintGrid->addWidget(c.metric, i, 0);
        constraintGrid->addWidget(c.op, i, 1);
        constraintGrid->addWidget(c.bound, i, 2);
    }
    constraintGrid->setColumnStretch(0, 1);
    // A sensible first constraint: GM% at least 60.
    constraints_[0].metric->setCurrentIndex(1);
    constraints_[0].bound->setValue(60);
    run_->runButton().setObjectName(QStringLiteral("runOptimise"));
    run_->progress().setTextVisible(false);
    apply_ = new QPushButton(tr("Apply to package"));
    apply_->setObjectName(QStringLiteral("applyOptimum"));
    apply_->setEnabled(false);
    resultText_ = new QLabel;
    resultText_->setWordWrap(true);
    resultText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    chart_ = new OptimiseChart;

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Package")));
    top->addWidget(package_, 1);
    top->addWidget(new QLabel(tr("Mix")));
    top->addWidget(mix_, 1);
    top->addWidget(new QLabel(tr("Cohort")));
    top->addWidget(cohort_, 1);
    top->addWidget(new QLabel(tr("Maximise")));
    top->addWidget(objective_, 1);
    auto* boxes = new QHBoxLayout;
    boxes->addWidget(fieldsBox, 3);
    boxes->addWidget(constraintsBox, 2);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(new QLabel(tr("Trials")));
    runRow->addWidget(trials_);
    runRow->addWidget(&run_->runButton());
    runRow->addWidget(&run_->cancelButton());
    runRow->addWidget(&run_->progress(), 1);
    auto* resultRow = new QHBoxLayout;
    resultRow->addWidget(resultText_, 1);
    resultRow->addWidget(apply_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(boxes);
    layout->addLayout(runRow);
    layout->addWidget(&run_->status());
    layout->addWidget(chart_, 1);
    layout->addLayout(resultRow);

    connect(package_, &QComboBox::currentIndexChanged, this, [this] { fillFields(); });
    connect(run_, &SearchRun::runRequested, this, [this] {
        if (const Status s = start(); !s)
            QMessageBox::information(this, tr("Optimise"), s.error());
    });
    connect(run_, &SearchRun::finished, this, &OptimisePanel::finished);
    connect(apply_, &QPushButton::clicked, this, [this] {
        if (result_ && result_->feasible)
            Q_EMIT applyRequested(resultPackage_, resultPaths_, result_->values);
    });
}

void OptimisePanel::setScenario(const Scenario* scenario) {
    packages_ = scenario ? scenario->packages : std::vector<PricingPackage>();
    QStringList packages, mixes, cohorts{QStringLiteral("all")};
    for (const PricingPackage& p : packages_)
        packages << p.name;
    if (scenario) {
        for (const ModelMix& m : scenario->mixes)
            mixes << m.name;
        for (const CohortProfile& c : scenario->cohorts)
            cohorts << c.name;
    }
    const QString kept = package_->currentText();
    EditorParts::refill(*package_, packages);
    EditorParts::refill(*mix_, mixes);
    EditorParts::refill(*cohort_, cohorts);
    if (package_->currentText() != kept || fields_[0].field->count() == 0)
        fillFields();
}

void OptimisePanel::fillFields() {
    const int index = package_->currentIndex();
    const QStringList paths = index >= 0 && index < int(packages_.size())
                                  ? PackageField::numericPaths(packages_[std::size_t(index)])
                                  : QStringList();
    for (int i = 0; i < kFields; ++i) {
        QComboBox* box = fields_[i].field;
        {
            const QSignalBlocker quiet(box);
            box->clear();
            if (i > 0)
                box->addItem(kNone);
            box->addItems(paths);
            if (i == 0)
                box->setCurrentText(paths.contains(QStringLiteral("base_fee"))
                                        ? QStringLiteral("base_fee")
                                        : paths.value(0));
        }
        suggestBounds(i);
    }
}

void OptimisePanel::suggestBounds(int i) {
    FieldRow& f = fields_[i];
    const bool none = f.field->currentText() == kNone || f.field->currentText().isEmpty();
    f.lo->setEnabled(!none);
    f.hi->setEnabled(!none);
    const int index = package_->currentIndex();
    if (none || index < 0 || index >= int(packages_.size()))
        return;
    const Result<PackageField> field =
        PackageField::resolve(f.field->currentText(), packages_[std::size_t(index)]);
    const double now = field ? field->current() : 0.0;
    // From nothing to three times today's value (0 to 10 for a field at 0).
    f.lo->setValue(std::min(0.0, 3 * now));
    f.hi->setValue(now == 0 ? 10.0 : std::max(0.0, 3 * now));
}

Result<OptimizeRequest> OptimisePanel::request() const {
    using R = Result<OptimizeRequest>;
    OptimizeRequest request;
    for (const FieldRow& f : fields_) {
        if (f.field->currentText() == kNone || f.field->currentText().isEmpty())
            continue;
        SearchAxis axis;
        axis.path = f.field->currentText();
        axis.lo = f.lo->value();
        axis.hi = f.hi->value();
        if (!(axis.lo < axis.hi))
            return R::failure(tr("%1: the lower bound must be below the upper (got %2 and %3).")
                                  .arg(axis.path)
                                  .arg(axis.lo)
                                  .arg(axis.hi));
        for (const SearchAxis& other : request.bounds)
            if (other.path == axis.path)
                return R::failure(tr("%1 is chosen twice.").arg(axis.path));
        request.bounds.push_back(axis);
    }
    if (request.bounds.empty())
        return R::failure(tr("Choose a field to vary."));
    static const char* const kOps[] = {">=", "<=", "="};
    int equalities = 0;
    for (const ConstraintRow& c : constraints_) {
        if (c.metric->currentIndex() <= 0)
            continue;
        const auto metric = SearchConstraint::Metric(c.metric->currentIndex() - 1);
        const QString text = SearchConstraint::metricName(metric) +
                             QLatin1String(kOps[c.op->currentIndex()]) +
                             QString::number(c.bound->value(), 'g', 10);
        const Result<SearchConstraint> parsed = SearchConstraint::parse(text);
        if (!parsed)
            return R::failure(parsed.error());
        equalities += parsed->op == SearchConstraint::Op::Equal ? 1 : 0;
        request.constraints.push_back(*parsed);
    }
    if (equalities > 1 || (equalities == 1 && request.bounds.size() != 1))
        return R::failure(tr("An equality (=) needs exactly one field to vary and no other "
                             "equality."));
    request.objective = OptimizeRequest::Objective(objective_->currentIndex());
    return request;
}

Status OptimisePanel::start() {
    if (run_->job().isRunning())
        return Status::failure(tr("The search is already running."));
    if (package_->currentIndex() < 0)
        return Status::failure(tr("Open a scenario with a package first."));
    const Result<OptimizeRequest> asked = request();
    if (!asked)
        return Status::failure(asked.error());
    const Result<SearchRequest> search = source_(trials_->value());
    if (!search)
        return Status::failure(search.error());
    const int generation = ++generation_;
    evaluations_ = 0;
    // An equality is solved for: its figure is drawn closing in on the target; else
    // the objective climbing.
    std::optional<SearchConstraint> equality;
    for (const SearchConstraint& c : asked->constraints)
        if (c.op == SearchConstraint::Op::Equal)
            equality = c;
    static const QString kMetricLabels[] = {tr("GM%"), tr("P(margin < 0)"),
                                            tr("mean margin per customer"),
                                            tr("share with the bill up > 10%")};
    if (equality)
        chart_->clear(kMetricLabels[int(equality->metric)], equality->bound);
    else
        chart_->clear(objective_->currentText());
    QPointer<OptimisePanel> self(this);
    const bool started = run_->job().start<Computed>(
        [search = *search, asked = *asked, package = package_->currentText(),
         mix = mix_->currentText(), cohort = cohort_->currentText(), self, generation,
         equality](Job::Context& context) {
            const RunInputs inputs = search.prepare();
            int mixIndex = -1;
            for (int m = 0; m < int(inputs.scenario.mixes.size()); ++m)
                if (inputs.scenario.mixes[std::size_t(m)].name == mix)
                    mixIndex = m;
            if (mixIndex < 0)
                throw Error(tr("The scenario has no mix \"%1\".").arg(mix));
            OptimizeRequest request = asked;
            QStringList cohorts;
            for (int c = 0; c < int(inputs.scenario.cohorts.size()); ++c) {
                cohorts << inputs.scenario.cohorts[std::size_t(c)].name;
                if (cohorts.back() == cohort)
                    request.cohort = c;
            }
            if (request.cohort < 0 && cohort != QLatin1String("all"))
                throw Error(tr("The customers simulated have no cohort \"%1\" (they have: %2).")
                                .arg(cohort, cohorts.join(QStringLiteral(", "))));
            const PackageGrid grid(inputs.scenario, package, mixIndex);
            for (const SearchAxis& axis : request.bounds) {
                const Result<PackageField> f = PackageField::resolve(axis.path, grid.package());
                if (!f)
                    throw Error(f.error());
                request.fields.push_back(*f);
            }
            request.run = search.optionsFor(inputs, context.cancel);
            request.checkSeed = inputs.seed + 1;
            // Each evaluation drawn as it is made, on the GUI thread.
            request.onEvaluation = [self, generation, equality, asked](const std::vector<double>&,
                                                                       const GroupFigures& g,
                                                                       bool feasible) {
                const double objective = equality ? equality->value(g) : asked.objectiveOf(g);
                QMetaObject::invokeMethod(
                    self,
                    [self, generation, objective, feasible] {
                        if (!self || self->generation_ != generation)
                            return;
                        self->chart_->addEvaluation(objective, feasible);
                        ++self->evaluations_;
                        self->run_->setCancelledText(
                            tr("Cancelled after %1 evaluations; nothing was changed.")
                                .arg(self->evaluations_));
                        self->run_->status().setText(
                            tr("Searching: %1 evaluations").arg(self->evaluations_));
                    },
                    Qt::QueuedConnection);
            };
            Computed out{PriceOptimizer::optimise(grid, request), request, package};
            out.request.onEvaluation = nullptr;
            out.request.run.cancel = nullptr;
            return out;
        },
        [this](Computed computed) {
            resultPackage_ = computed.package;
            show(computed.result, computed.request);
            run_->succeeded(tr("%1: %2 evaluations on the same %3 trials.")
                                .arg(computed.result.method)
                                .arg(computed.result.evaluations.size())
                                .arg(computed.request.run.trials));
        });
    if (!started)
        return Status::failure(tr("The search is already running."));
    apply_->setEnabled(false);
    run_->setCancelledText(tr("Cancelled; nothing was changed."));
    run_->started(true); // busy: the number of evaluations is not known ahead
    return Status::success();
}

void OptimisePanel::cancel() {
    run_->job().cancel();
}

Job& OptimisePanel::job() const {
    return run_->job();
}

QLabel& OptimisePanel::status() const {
    return run_->status();
}

void OptimisePanel::show(const OptimizeResult& result, const OptimizeRequest& request) {
    result_ = result;
    resultPaths_.clear();
    for (const PackageField& f : request.fields)
        resultPaths_ << f.path();
    const auto objectiveOf = [&request](const GroupFigures& g) { return request.objectiveOf(g); };
    if (!result.feasible) {
        resultText_->setText(tr("No values meet the constraints: %1.").arg(result.why));
        apply_->setEnabled(false);
        return;
    }
    QStringList values, constraints;
    for (std::size_t i = 0; i < result.values.size(); ++i)
        values << (result.valueSe[i] > 0 ? QStringLiteral("%1 = %2 \u00b1 %3")
                                               .arg(resultPaths_[qsizetype(i)])
                                               .arg(result.values[i], 0, 'g', 6)
                                               .arg(result.valueSe[i], 0, 'g', 2)
                                         : QStringLiteral("%1 = %2")
                                               .arg(resultPaths_[qsizetype(i)])
                                               .arg(result.values[i], 0, 'g', 6));
    for (std::size_t c = 0; c < request.constraints.size(); ++c)
        constraints << tr("%1: %2%3")
                           .arg(request.constraints[c].text)
                           .arg(request.constraints[c].value(result.figures), 0, 'g', 5)
                           .arg(result.binds[c] ? tr(" (binds)") : QString());
    resultText_->setText(
        tr("%1 gives %2 %3 \u00b1 %4 (on fresh draws: %5), GM %6%. %7")
            .arg(values.join(QStringLiteral(", ")), objective_->itemText(int(request.objective)),
                 money(objectiveOf(result.figures)), money(request.objectiveSeOf(result.figures)),
                 money(objectiveOf(result.check)))
            .arg(result.figures.gmPercent, 0, 'f', 1)
            .arg(constraints.isEmpty()
                     ? QString()
                     : tr("Constraints: %1.").arg(constraints.join(QStringLiteral("; ")))));
    apply_->setEnabled(true);
}

} // namespace marginal
