#include "app/cli/commands/SimulateCommand.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"
#include "simulator/engine/MonteCarloEngine.h"
#include "models/project/ProjectStore.h"
#include "simulator/results/RunRecord.h"
#include "models/domain/Scenario.h"
#include "simulator/engine/SimulationPlan.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <random>
#include <thread>

namespace marginal {

namespace {

struct SimulateArgs {
    QString scenario, out, project;
    bool empirical = false;
    std::optional<qint64> trials;
    std::optional<quint64> seed;
    int threads = 0;
    bool quiet = false;
};

// Parses the flags; returns an error message, empty when fine.
QString parse(const QStringList& args, SimulateArgs& a) {
    for (int i = 0; i < args.size(); ++i) {
        const QString flag = args[i];
        const auto value = [&](QString& target) -> QString {
            if (i + 1 >= args.size())
                return QStringLiteral("%1 needs a value").arg(flag);
            target = args[++i];
            return QString();
        };
        QString text;
        QString error;
        bool ok = true;
        if (flag == QLatin1String("--scenario")) {
            error = value(a.scenario);
        } else if (flag == QLatin1String("--out")) {
            error = value(a.out);
        } else if (flag == QLatin1String("--project")) {
            error = value(a.project);
        } else if (flag == QLatin1String("--trials")) {
            error = value(text);
            a.trials = text.toLongLong(&ok);
            if (error.isEmpty() && (!ok || *a.trials < 1 || *a.trials > 100000000))
                error = QStringLiteral(
                            "--trials: expected a whole number from 1 to 100000000, got \"%1\"")
                            .arg(text);
        } else if (flag == QLatin1String("--seed")) {
            error = value(text);
            a.seed = text.toULongLong(&ok);
            if (error.isEmpty() && !ok)
                error = QStringLiteral("--seed: expected a whole number from 0 to "
                                       "18446744073709551615, got \"%1\"")
                            .arg(text);
        } else if (flag == QLatin1String("--threads")) {
            error = value(text);
            a.threads = text.toInt(&ok);
            if (error.isEmpty() && (!ok || a.threads < 1 || a.threads > 1024))
                error =
                    QStringLiteral("--threads: expected a whole number from 1 to 1024, got \"%1\"")
                        .arg(text);
        } else if (flag == QLatin1String("--empirical")) {
            a.empirical = true;
        } else if (flag == QLatin1String("--quiet")) {
            a.quiet = true;
        } else {
            error = QStringLiteral("unknown option \"%1\" (see marginal-cli --help)").arg(flag);
        }
        if (!error.isEmpty())
            return error;
    }
    if (a.scenario.isEmpty())
        return QStringLiteral("simulate needs --scenario FILE (see marginal-cli --help)");
    if (a.out.isEmpty())
        return QStringLiteral("simulate needs --out DIR (see marginal-cli --help)");
    if (a.empirical && a.project.isEmpty())
        return QStringLiteral(
            "--empirical needs --project P (it resamples the project's customer histories)");
    return QString();
}

// Replaces the scenario's cohorts with those fitted from the project's usage
// (marginal-cli cohorts) and adds the model mix observed in the data.
void useFittedCohorts(const ProjectStore& store, Scenario& scenario, bool empirical) {
    const QByteArray fitted = store.document(QStringLiteral("cohorts"), QStringLiteral("fitted"));
    if (fitted.isEmpty())
        throw InputError(
            store.fileName(), QString(),
            QStringLiteral("expected fitted cohorts; run marginal-cli cohorts --project %1 first")
                .arg(store.fileName()));
    const JsonNode root =
        JsonNode::parseBytes(fitted, store.fileName() + QStringLiteral(" (fitted cohorts)"));
    std::vector<CohortProfile> cohorts;
    root[QStringLiteral("cohorts")].forEach([&](const JsonNode& c) {
        cohorts.push_back(CohortProfile::fromJson(c[QStringLiteral("profile")]));
    });
    for (CohortProfile& c : cohorts) {
        if (empirical)
            c.growth = 0.0; // the histories replay the observed levels and trend
        else
            c.histories.clear(); // the fitted parametric profile
    }
    ModelMix observed = ModelMix::fromJson(root[QStringLiteral("observed_mix")]);
    // Models the catalog does not price cannot be simulated: drop them, renormalise.
    const ModelMix original = observed;
    for (const auto& [cohort, shares] : original.cohorts()) {
        ModelShares kept;
        double total = 0.0;
        for (const auto& [model, share] : shares)
            if (scenario.catalog.find(model)) {
                kept.emplace_back(model, share);
                total += share;
            }
        for (auto& [model, share] : kept)
            share /= total;
        observed.setShares(cohort, kept);
    }
    scenario.useCohorts(std::move(cohorts), &observed, store.fileName());
    scenario.inputFiles.append(QFileInfo(store.fileName()).absoluteFilePath());
}

void printTable(QTextStream& out, const RunRecord& record) {
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("package"), -20)
               .arg(QStringLiteral("mix"), -14)
               .arg(QStringLiteral("cohort"), -8)
               .arg(QStringLiteral("revenue"), 10)
               .arg(QStringLiteral("cost"), 10)
               .arg(QStringLiteral("margin +- se"), 20)
               .arg(QStringLiteral("GM%"), 8)
               .arg(QStringLiteral("P(m<0)"), 7);
    for (const DecisionRow& r : record.decision) {
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                   .arg(r.package.left(20), -20)
                   .arg(r.mix.left(14), -14)
                   .arg(r.cohort.left(8), -8)
                   .arg(r.meanRevenue, 10, 'f', 2)
                   .arg(r.meanCost, 10, 'f', 2)
                   .arg(QStringLiteral("%1 +- %2")
                            .arg(r.meanMargin, 0, 'f', 2)
                            .arg(r.meanMarginSe, 0, 'f', 2),
                        20)
                   .arg(r.gmDefined ? QString::number(r.gmPercent, 'f', 1) : QStringLiteral("n/a"),
                        8)
                   .arg(r.pNegative, 7, 'f', 3);
    }
}

} // namespace

int SimulateCommand::run(const QStringList& args) {
    SimulateArgs a;
    if (const QString error = parse(args, a); !error.isEmpty()) {
        err_ << "marginal-cli: " << error << "\n";
        return kExitBadInput;
    }
    return reportingInputErrors(err_, [&]() -> int {
        Scenario scenario = Scenario::loadFile(a.scenario);
        std::unique_ptr<ProjectStore> store;
        if (!a.project.isEmpty()) {
            store = ProjectStore::open(a.project, ProjectStore::Mode::OpenExisting);
            useFittedCohorts(*store, scenario, a.empirical);
        }
        const SimulationPlan plan = SimulationPlan::compile(scenario);
        const std::int64_t trials = a.trials.value_or(scenario.trials);
        std::uint64_t seed = 0;
        if (a.seed)
            seed = *a.seed;
        else if (scenario.seed)
            seed = *scenario.seed;
        else
            seed = (std::uint64_t(std::random_device{}()) << 32) ^ std::random_device{}();
        const int threads =
            a.threads > 0 ? a.threads : int(std::max(1u, std::thread::hardware_concurrency()));

        RunOptions options;
        options.seed = seed;
        options.trials = trials;
        options.threads = threads;
        options.cancel = &cancel_;
        int lastDecile = -1;
        if (!a.quiet)
            options.progress = [&](std::int64_t done, std::int64_t total) {
                const int decile = int(done * 10 / total);
                if (decile != lastDecile) {
                    lastDecile = decile;
                    err_ << QStringLiteral("\rsimulating: %1%").arg(decile * 10) << Qt::flush;
                }
            };
        QElapsedTimer timer;
        timer.start();
        const RunStatistics stats = MonteCarloEngine(plan).run(options);
        if (!a.quiet)
            err_ << "\n";
        if (stats.trialsDone < trials) {
            err_ << QStringLiteral(
                        "marginal-cli: cancelled after %1 of %2 trials; nothing written\n")
                        .arg(stats.trialsDone)
                        .arg(trials);
            return kExitCancelled;
        }
        const double seconds = timer.nsecsElapsed() / 1e9;
        const RunRecord record = RunRecord::fromRun(scenario, plan, stats, seed, trials, threads);
        if (const QString error = record.writeTo(a.out); !error.isEmpty()) {
            err_ << "marginal-cli: " << error << "\n";
            return kExitOutputFailed;
        }
        if (store) {
            // The run's inputs go into the project beside it: packages, mixes, catalog
            // (as a dated version) and the scenario file, so the project tells the story.
            for (const PricingPackage& p : scenario.packages)
                store->putDocument(QStringLiteral("package"), p.name,
                                   QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact));
            for (const ModelMix& m : scenario.mixes)
                store->putDocument(QStringLiteral("mix"), m.name,
                                   QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
            store->putDocument(
                QStringLiteral("catalog"),
                QStringLiteral("%1 (as of %2)")
                    .arg(scenario.catalog.name, scenario.catalog.asOf.toString(Qt::ISODate)),
                QJsonDocument(scenario.catalog.toJson()).toJson(QJsonDocument::Compact));
            QFile scenarioFile(a.scenario);
            if (scenarioFile.open(QIODevice::ReadOnly))
                store->putDocument(QStringLiteral("scenario"), scenario.name,
                                   scenarioFile.readAll());
            const QJsonObject params{{QStringLiteral("scenario_file"), a.scenario},
                                     {QStringLiteral("trials"), qint64(trials)},
                                     {QStringLiteral("threads"), threads}};
            const std::int64_t runId =
                store->addRun(scenario.name, QString::number(seed),
                              QJsonDocument(params).toJson(QJsonDocument::Compact),
                              QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact));
            out_ << QStringLiteral("stored as run %1 in %2\n").arg(runId).arg(a.project);
        }
        printTable(out_, record);
        const double customerMonths =
            double(plan.customersPerTrial()) * plan.months * double(trials);
        out_ << QStringLiteral(
                    "\nseed: %1\ntrials: %2, customers per trial: %3, months: %4, variants: %5\n"
                    "simulated %6 customer-months in %7 s on %8 threads\nwrote: %9\n")
                    .arg(seed)
                    .arg(trials)
                    .arg(plan.customersPerTrial())
                    .arg(plan.months)
                    .arg(plan.variantCount())
                    .arg(customerMonths, 0, 'g', 4)
                    .arg(seconds, 0, 'f', 2)
                    .arg(threads)
                    .arg(a.out);
        return kExitOk;
    });
}

} // namespace marginal
