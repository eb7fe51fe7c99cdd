// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/session/Session.h"
#include "models/common/InputError.h"
#include "simulator/analysis/CohortFit.h"
#include "simulator/engine/SimulationPlan.h"
#include "simulator/results/PortfolioRisk.h"
#include "simulator/results/RunDetail.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTimeZone>
#include <random>

namespace marginal {

namespace {

// The observed mix without the models the scenario's catalog cannot price,
// renormalised per cohort (they cannot be simulated).
ModelMix pricedPart(const ModelMix& observed, const PriceCatalog& catalog) {
    ModelMix priced = observed;
    for (const auto& [cohort, shares] : observed.cohorts()) {
        ModelShares kept;
        double total = 0.0;
        for (const auto& [model, share] : shares)
            if (catalog.find(model)) {
                kept.emplace_back(model, share);
                total += share;
            }
        if (total <= 0.0)
            throw InputError(catalog.name, QString(),
                             QStringLiteral("a price for some model of cohort \"%1\": none of its "
                                            "usage is on a model the scenario's catalog prices, so "
                                            "there is nothing to simulate it on")
                                 .arg(cohort));
        for (auto& [model, share] : kept)
            share /= total;
        priced.setShares(cohort, kept);
    }
    return priced;
}

// The observed mix's models the catalog lacks, with their share of the fitted
// customers' tokens (each cohort weighed by its active months times its lognormal mean).
UnpricedUsage unpricedInMix(const CohortFitResult& fit, const PriceCatalog& catalog) {
    UnpricedUsage unpriced;
    for (const FittedCohort& f : fit.cohorts) {
        const ModelShares* shares = fit.observedMix.sharesFor(f.profile.name);
        const double tokens = double(f.activeMonths) *
                              std::exp(f.profile.mu + 0.5 * f.profile.sigma * f.profile.sigma);
        unpriced.addTotal(tokens);
        for (const auto& [model, share] : shares ? *shares : ModelShares{})
            if (!catalog.find(model))
                unpriced.addUnpriced(model, share * tokens);
    }
    return unpriced;
}

// Replaces the scenario's cohorts with the project's (fitted profiles, or the
// customers' histories) and adds the mix observed in the data.
void useProjectCustomers(const ProjectCustomers& customers, Scenario& scenario,
                         CustomerSource source, std::optional<TailModel::Kind> tailModel) {
    std::vector<CohortProfile> cohorts;
    for (const FittedCohort& f : customers.fit.cohorts) {
        CohortProfile c = tailModel ? f.profileWith(*tailModel) : f.profile;
        if (source == CustomerSource::Empirical)
            c.growth = 0.0; // the histories replay the observed levels and trend
        else
            c.histories.clear(); // the fitted parametric profile
        cohorts.push_back(std::move(c));
    }
    const ModelMix observed = pricedPart(customers.fit.observedMix, scenario.catalog);
    scenario.useCohorts(std::move(cohorts), &observed,
                        customers.basis.value(QStringLiteral("project")).toString());
}

} // namespace

QString Session::whyNoFit(const Project& project) {
    if (!project.catalog())
        return QStringLiteral("no price catalog in the project yet; give one with --catalog FILE "
                              "(marginal-cli cohorts), or in the app start the project with File "
                              "> New Project, which takes the open scenario's");
    if (project.usageCount() == 0)
        return QStringLiteral("no usage imported yet (marginal-cli import, or Import Usage "
                              "in the app)");
    return QString();
}

CohortFitResult Session::fitCohorts(Project& project, const std::atomic<bool>* cancel) {
    if (std::optional<CohortFitResult> current = project.fittedCohorts())
        return std::move(*current);
    return refit(project, project.cohortCuts(), cancel);
}

void Session::checkUsageSpan(const Project& project) {
    const std::optional<Project::UsageSpan> span = project.usageSpan();
    if (!span)
        throw InputError(project.fileName(), QString(),
                         QStringLiteral("no usage imported yet (marginal-cli import, or Import "
                                        "Usage in the app)"));
    const QDate first = QDateTime::fromSecsSinceEpoch(span->first.periodStart, Qt::UTC).date();
    const QDate last = QDateTime::fromSecsSinceEpoch(span->last.periodStart, Qt::UTC).date();
    const int months = (last.year() - first.year()) * 12 + last.month() - first.month() + 1;
    if (months <= kMaxUsageMonths)
        return;
    const auto describe = [](const UsageRecord& r, const QDate& day, const QString& source) {
        return QStringLiteral("customer \"%1\" on %2 (%3, line %4)")
            .arg(QString::fromStdString(r.customerId), day.toString(Qt::ISODate), source)
            .arg(r.sourceLine);
    };
    throw InputError(
        project.fileName(), QString(),
        QStringLiteral("expected usage within %1 years; it spans %2 months, from %3 to %4 (a "
                       "mistyped date?). Re-import the file without that row")
            .arg(kMaxUsageMonths / 12)
            .arg(months)
            .arg(describe(span->first, first, span->firstSource),
                 describe(span->last, last, span->lastSource)));
}

CohortFitResult Session::refit(Project& project, const std::vector<double>& cuts,
                               const std::atomic<bool>* cancel, const PriceCatalog* catalog,
                               std::optional<double> unpricedLimit) {
    if (const QString why = whyNoFit(project); !why.isEmpty() && !(catalog && project.usageCount()))
        throw InputError(project.fileName(), QString(), why);
    if (const Status checked = Project::checkCuts(cuts); !checked)
        throw InputError(project.fileName(), QStringLiteral("cohort cut points"), checked.error());
    checkUsageSpan(project);
    const PriceCatalog prices = catalog ? *catalog : *project.catalog();
    const CohortFitResult fit = CohortFit::fit(cancellable(project.usage(), cancel), prices, cuts);
    Cancelled::check(cancel); // nothing stored once asked to stop
    if (const QString why = fit.unpriced.refusal(unpricedLimit.value_or(1.0)); !why.isEmpty())
        throw InputError(project.fileName(), QString(), why);
    if (catalog)
        project.setCatalog(*catalog);
    project.setCohortCuts(cuts);
    project.storeFit(cuts, fit);
    return fit;
}

std::uint64_t Session::randomSeed() {
    std::random_device entropy;
    return (std::uint64_t(entropy()) << 32) ^ entropy();
}

ProjectCustomers Session::projectCustomers(Project& project, const std::atomic<bool>* cancel) {
    ProjectCustomers customers;
    customers.fit = fitCohorts(project, cancel);
    customers.basis = project.fitBasis(customers.fit.cutPoints);
    customers.basis.insert(QStringLiteral("project"),
                           QFileInfo(project.fileName()).absoluteFilePath());
    return customers;
}

RunInputs Session::prepare(const RunRequest& request, const ProjectCustomers* customers) {
    RunInputs inputs;
    Scenario scenario = request.scenario;
    for (const QString& file : scenario.inputFiles)
        inputs.files.push_back(hashedInput(file));
    if (request.customers != CustomerSource::Scenario) {
        if (!customers)
            throw InputError(scenario.name, QString(),
                             QStringLiteral("expected a project for %1 customers (they come from "
                                            "its usage)")
                                 .arg(customerSourceName(request.customers)));
        const UnpricedUsage unpriced = unpricedInMix(customers->fit, scenario.catalog);
        if (const QString why = unpriced.refusal(request.unpricedLimit.value_or(1.0));
            !why.isEmpty())
            throw InputError(scenario.fileName, QStringLiteral("$.catalog"), why);
        useProjectCustomers(*customers, scenario, request.customers, request.tailModel);
        inputs.customersBasis = customers->basis;
        if (request.tailModel)
            inputs.customersBasis.insert(QStringLiteral("tail_model"),
                                         TailModel::kindName(*request.tailModel));
        if (!unpriced.empty()) // simulated on the other models; said in results.json
            inputs.customersBasis.insert(QStringLiteral("unpriced_models"), unpriced.toJson());
    }
    inputs.customersFrom = request.customers;
    inputs.trials = request.trials.value_or(scenario.trials);
    inputs.seed = request.seed ? *request.seed : scenario.seed ? *scenario.seed : randomSeed();
    inputs.source = request.source;
    inputs.scenario = std::move(scenario);
    // The canonical form: what a re-run will read back from the project.
    return RunInputs::fromJson(inputs.toJson(), inputs.scenario.name);
}

std::optional<RunRecord> Session::run(const RunInputs& inputs, const RunControl& control) {
    const RunStatistics stats = runTrials(inputs, control, 0, inputs.trials);
    if (stats.trialsDone < inputs.trials)
        return std::nullopt;
    return recordFrom(inputs, stats, control);
}

RunStatistics Session::runTrials(const RunInputs& inputs, const RunControl& control,
                                 std::int64_t first, std::int64_t count) {
    const SimulationPlan plan = SimulationPlan::compile(inputs.scenario);
    RunOptions options;
    options.seed = inputs.seed;
    options.firstTrial = first;
    options.trials = count;
    options.threads = control.threads;
    options.progress = control.progress;
    options.cancel = control.cancel;
    // Kept by the run's size, not the share's: every share of a split run keeps them
    // alike, so the merged run has them exactly when one run would.
    options.keepTrialTotals = inputs.trials <= control.portfolioTrials;
    return MonteCarloEngine(plan).run(options);
}

RunRecord Session::recordFrom(const RunInputs& inputs, const RunStatistics& stats,
                              const RunControl& control) {
    const SimulationPlan plan = SimulationPlan::compile(inputs.scenario);
    if (stats.exceeded())
        throw InputError(inputs.scenario.name, QString(),
                         QStringLiteral("figures that Marginal can sum exactly; some customer's "
                                        "revenue, cost or margin is not finite or beyond 1e31 USD "
                                        "(check the catalog's prices, the cohorts' token "
                                        "volumes and the packages' fees)"));
    RunRecord record = RunRecord::fromRun(inputs.scenario, plan, stats, inputs.seed, inputs.trials,
                                          control.threads);
    if (inputs.trials <= control.portfolioTrials)
        record.portfolio = PortfolioRisk::of(plan, stats, control.gmTargetPercent);
    record.inputFiles = inputs.files;
    record.customersFrom = customerSourceName(inputs.customersFrom);
    record.unpricedModels =
        inputs.customersBasis.value(QStringLiteral("unpriced_models")).toArray();
    if (const QString stale = inputs.scenario.catalog.stalenessAgainst(
            inputs.scenario.startMonth, QStringLiteral("the scenario's start"));
        !stale.isEmpty())
        record.warnings.append(stale);
    record.source = inputs.source;
    // The fans and scatter come from the first few trials' draws: enough
    // customer-months for the quantiles, fast next to the run itself.
    if (control.detail == RunControl::Detail::Quick)
        record.detail = RunDetail::compute(plan, inputs.seed, 1, 3000, 150);
    else if (control.detail == RunControl::Detail::Full)
        record.detail =
            RunDetail::compute(plan, inputs.seed, int(std::min<std::int64_t>(inputs.trials, 4)));
    return record;
}

std::int64_t Session::record(Project& project, const RunInputs& inputs, const RunRecord& run) {
    const Scenario& s = inputs.scenario;
    for (const PricingPackage& p : s.packages)
        project.putDocument(DocumentKind::Package, p.name, p.toJson());
    for (const ModelMix& m : s.mixes)
        project.putDocument(DocumentKind::Mix, m.name, m.toJson());
    project.putDocument(
        DocumentKind::Catalog,
        QStringLiteral("%1 (as of %2)").arg(s.catalog.name, s.catalog.asOf.toString(Qt::ISODate)),
        s.catalog.toJson());
    return project.addRun(s.name, inputs.seed, inputs.toJson(), run.toJson());
}

void Session::keepScenario(Project& project, const Scenario& scenario) {
    project.putDocument(DocumentKind::Scenario, scenario.name, scenario.toJson());
}

RunInputs Session::storedInputs(const Project& project, std::int64_t runId) {
    const QString where = QStringLiteral("%1 (run %2)").arg(project.fileName()).arg(runId);
    const std::optional<StoredRun> stored = project.run(runId);
    if (!stored)
        throw InputError(
            project.fileName(), QString(),
            QStringLiteral("expected a run %1; the project has no such run (marginal-cli "
                           "runs lists them)")
                .arg(runId));
    return RunInputs::fromJson(stored->inputs, where);
}

} // namespace marginal
