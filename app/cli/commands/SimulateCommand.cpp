// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/SimulateCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/RunProgress.h"
#include "app/cli/commands/ShareRangeFlag.h"
#include "app/cli/commands/UnpricedFlags.h"
#include "models/common/OutputSet.h"
#include "simulator/engine/SimulationPlan.h"
#include "simulator/session/PartialRun.h"
#include "simulator/session/Session.h"
#include <cmath>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <thread>

namespace marginal {

namespace {

struct SimulateArgs {
    QString scenario, out, project;
    QString partial;                           // with a trial range: the share's file
    std::int64_t rangeFirst = 0, rangeEnd = 0; // [first, end); end 0: every trial
    CustomerSource customers = CustomerSource::Scenario;
    std::optional<std::int64_t> trials;
    std::optional<std::uint64_t> seed;
    int threads = 0;
    double gmTarget = 50.0; // percent, for portfolio.csv
    bool quiet = false;
    std::optional<double> unpricedLimit;      // none: --allow-unpriced
    std::optional<TailModel::Kind> tailModel; // none: as each cohort's fit favours
};

Result<SimulateArgs> parse(const QStringList& args) {
    using R = Result<SimulateArgs>;
    const Result<Flags> flags = Flags::parse(
        args,
        {"--scenario", "--out", "--project", "--customers", "--trials", "--seed", "--threads",
         "--gm-target", "--trial-range", "--partial", "--unpriced-limit", "--tail-model"},
        {"--empirical", "--quiet", "--allow-unpriced"});
    if (!flags)
        return R::failure(flags.error());
    const Result<std::optional<double>> limit = unpricedLimit(*flags);
    if (!limit)
        return R::failure(limit.error());
    const bool share = flags->has("--trial-range") || flags->has("--partial");
    if (const Status s = flags->require(
            share ? QStringList{"--scenario FILE", "--trial-range A:B", "--partial FILE"}
                  : QStringList{"--scenario FILE", "--out DIR"},
            QStringLiteral("simulate"));
        !s)
        return R::failure(s.error());
    SimulateArgs a;
    if (share) {
        if (flags->has("--out"))
            return R::failure(QStringLiteral("--partial writes the share of the run only; "
                                             "marginal-cli merge writes the tables (--out)"));
        a.partial = flags->value("--partial");
        const Result<ShareRange> range =
            ShareRange::parse(QStringLiteral("--trial-range"), flags->value("--trial-range"),
                              QStringLiteral("trials"));
        if (!range)
            return R::failure(range.error());
        a.rangeFirst = range->first;
        a.rangeEnd = range->end;
    }
    a.scenario = flags->value("--scenario");
    a.out = flags->value("--out");
    a.project = flags->value("--project");
    a.quiet = flags->has("--quiet");
    const Result<std::int64_t> trials = flags->integer("--trials", 1, 100000000, 0);
    const Result<std::int64_t> threads = flags->integer("--threads", 1, 1024, 0);
    const Result<std::optional<std::uint64_t>> seed = flags->unsignedValue("--seed");
    for (const QString& error : {trials.error(), threads.error(), seed.error()})
        if (!error.isEmpty())
            return R::failure(error);
    if (*trials > 0)
        a.trials = *trials;
    a.threads = int(*threads);
    a.seed = *seed;
    if (flags->has("--gm-target")) {
        bool ok = false;
        const QString text = flags->value("--gm-target");
        a.gmTarget = text.toDouble(&ok);
        if (!ok || !std::isfinite(a.gmTarget) || a.gmTarget < -1000.0 || a.gmTarget > 100.0)
            return R::failure(
                QStringLiteral("--gm-target: expected a GM% from -1000 to 100, got \"%1\"")
                    .arg(text));
    }
    // With a project the customers are the project's (fitted) unless said otherwise.
    a.customers = a.project.isEmpty() ? CustomerSource::Scenario : CustomerSource::Fitted;
    if (flags->has("--customers")) {
        const std::optional<CustomerSource> chosen =
            customerSourceFromName(flags->value("--customers"));
        if (!chosen)
            return R::failure(
                QStringLiteral("--customers: expected scenario, fitted or empirical, got \"%1\"")
                    .arg(flags->value("--customers")));
        a.customers = *chosen;
    }
    if (flags->has("--empirical"))
        a.customers = CustomerSource::Empirical;
    a.unpricedLimit = *limit;
    if (flags->has("--tail-model")) {
        const QString model = flags->value("--tail-model");
        if (model != QLatin1String("lognormal") && model != QLatin1String("pareto_tail"))
            return R::failure(
                QStringLiteral("--tail-model: expected lognormal or pareto_tail, got \"%1\"")
                    .arg(model));
        if (a.customers != CustomerSource::Fitted)
            return R::failure(QStringLiteral("--tail-model needs --project P with fitted "
                                             "customers (the tails are fitted to its usage)"));
        a.tailModel = model == QLatin1String("lognormal") ? TailModel::Kind::LogNormal
                                                          : TailModel::Kind::ParetoTail;
    }
    if (a.customers != CustomerSource::Scenario && a.project.isEmpty())
        return R::failure(QStringLiteral("%1 customers need --project P (they come from its "
                                         "usage)")
                              .arg(customerSourceName(a.customers)));
    return a;
}

} // namespace

void SimulateCommand::printTable(QTextStream& out, const RunRecord& record) {
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

QString SimulateCommand::synopsis() const {
    return QStringLiteral(
        "--scenario FILE --out DIR [--project P [--customers C] [--empirical] [--tail-model M]]\n"
        "                        [--trials N] [--seed S] [--threads N] "
        "[--gm-target PCT] [--quiet]\n"
        "  marginal-cli simulate --scenario FILE --trial-range A:B --partial FILE\n"
        "                        [--project P ...] [--trials N] [--seed S] "
        "[--threads N] [--quiet]");
}

QString SimulateCommand::help() const {
    return QStringLiteral(
        "runs the scenario's packages and lineups x model mixes against the same simulated\n"
        "customers (Monte Carlo, common random numbers) and writes the decision tables to DIR:\n"
        "decision_table.csv, .md and .xlsx (with Columns and Run sheets), monthly.csv,\n"
        "portfolio.csv, lineup_shares.csv (with lineups), results.json.\n"
        "  --scenario FILE  scenario JSON (see docs/FILE_FORMATS.md); its catalog, packages "
        "and\n"
        "                   mixes may be paths relative to it\n"
        "  --out DIR        output folder (created when missing; files in it are replaced)\n"
        "  --project P      simulate P's customers (see --customers), add the mix observed in "
        "the\n"
        "                   data, and store the run in P with all its inputs (marginal-cli runs)\n"
        "  --customers C    with --project: fitted (default: the cohorts fitted to P's usage with\n"
        "                   P's cut points, refitted when out of date), empirical (P's customers'\n"
        "                   own monthly histories, resampled whole) or scenario (the scenario's\n"
        "                   cohorts)\n"
        "  --empirical      the same as --customers empirical\n"
        "  --trials N       trials (default: the scenario's \"trials\", else 100)\n"
        "  --seed S         seed, 0 to 2^64-1 (default: the scenario's \"seed\", else a random\n"
        "                   one); the seed used is printed and recorded in results.json\n"
        "  --threads N      worker threads (default: all cores); results do not depend on it\n"
        "  --gm-target PCT  the GM% portfolio.csv counts trials below (default 50)\n"
        "  --quiet          no progress on stderr\n"
        "  --unpriced-limit PCT  with --project: stop (exit 2), naming them, when more than\n"
        "                   PCT% of the customers' tokens are on models the scenario's catalog\n"
        "                   lacks (default 1)\n"
        "  --tail-model M   with --project (fitted customers): draw every cohort's monthly\n"
        "                   totals from M, lognormal or pareto_tail (where a tail was fitted),\n"
        "                   instead of the model each cohort's fit favours (marginal-cli cohorts)\n"
        "  --allow-unpriced with --project: go on, simulating their traffic on the mix's other\n"
        "                   models; results.json lists them under \"unpriced_models\"\n"
        "  --trial-range A:B  run only trials A to B - 1 (counted from 0) of the run's N, for a\n"
        "                   run split across machines; with --partial FILE, which it writes\n"
        "                   (the share: its inputs, range and statistics) instead of --out.\n"
        "                   Every share needs the same seed (--seed S or the scenario's), the\n"
        "                   same --trials and inputs; marginal-cli merge FILE... --out DIR\n"
        "                   writes what one run would, byte for byte (docs/CLUSTER.md)\n"
        "portfolio.csv (up to 1,000,000 trials), per package or lineup x mix: each trial is one\n"
        "possible horizon of the whole customer\n"
        "base; columns package, mix, trials, customers, total_margin_mean_usd (+ _se),\n"
        "total_margin_p5_usd (+ _se), total_margin_cvar5_usd (mean of the worst 5% of\n"
        "trials, + _se), total_gm_pct_mean, total_gm_pct_p5 (+ _se), gm_target_pct,\n"
        "p_total_gm_below_target (+ _se).\n");
}

namespace {

// simulate --trial-range A:B --partial FILE: trials [A, B) of the run, written as a share
// for marginal-cli merge.
int runShare(const SimulateArgs& a, const RunRequest& request, const RunInputs& inputs,
             const RunControl& control, RunProgress& progress, CliContext& cli) {
    if (!request.seed && !request.scenario.seed)
        return cli.fail(QStringLiteral("--trial-range: every share must use the same seed: give "
                                       "--seed S (or a \"seed\" in the scenario)"));
    if (a.rangeEnd > inputs.trials)
        return cli.fail(QStringLiteral("--trial-range %1:%2: the run has %3 trials (0:%3)")
                            .arg(a.rangeFirst)
                            .arg(a.rangeEnd)
                            .arg(inputs.trials));
    QElapsedTimer timer;
    timer.start();
    PartialRun share;
    share.inputs = inputs;
    share.inputsJson = QJsonDocument(inputs.toJson()).toJson(QJsonDocument::Compact);
    share.first = a.rangeFirst;
    share.count = a.rangeEnd - a.rangeFirst;
    share.stats = Session::runTrials(inputs, control, share.first, share.count);
    progress.finish();
    if (share.stats.trialsDone < share.count)
        return cli.fail(progress.cancelledMessage(), kExitCancelled);
    Cancelled::check(&cli.cancel);
    const QFileInfo file(a.partial);
    OutputSet out(file.absolutePath());
    out.add(file.fileName(), share.toBytes());
    if (const Status written = out.commit(); !written)
        return cli.fail(written.error(), kExitOutputFailed);
    cli.out << QStringLiteral("trials %1:%2 of %3 (seed %4) in %5 s, threads: %6\nwrote: %7\n")
                   .arg(share.first)
                   .arg(a.rangeEnd)
                   .arg(inputs.trials)
                   .arg(inputs.seed)
                   .arg(timer.nsecsElapsed() / 1e9, 0, 'f', 2)
                   .arg(control.threads)
                   .arg(a.partial);
    return kExitOk;
}

} // namespace

int SimulateCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<SimulateArgs> parsed = parse(args);
    if (!parsed)
        return cli.fail(parsed.error());
    const SimulateArgs& a = *parsed;
    return reportingErrors(cli, [&]() -> int {
        RunRequest request;
        request.scenario = Scenario::loadFile(a.scenario);
        request.customers = a.customers;
        request.seed = a.seed;
        request.trials = a.trials;
        request.source = QStringLiteral("cli");
        request.unpricedLimit = a.unpricedLimit;
        request.tailModel = a.tailModel;
        std::unique_ptr<Project> project;
        std::optional<ProjectCustomers> customers;
        if (!a.project.isEmpty()) {
            project = Project::open(a.project);
            if (a.customers != CustomerSource::Scenario)
                customers = Session::projectCustomers(*project, &cli.cancel);
        }
        const RunInputs inputs = Session::prepare(request, customers ? &*customers : nullptr);

        RunControl control;
        control.threads =
            a.threads > 0 ? a.threads : int(std::max(1u, std::thread::hardware_concurrency()));
        control.cancel = &cli.cancel;
        control.gmTargetPercent = a.gmTarget;
        control.portfolioTrials = 1'000'000; // 16 bytes per trial and variant
        control.detail = project ? RunControl::Detail::Full : RunControl::Detail::None;
        RunProgress progress(cli.err, a.quiet);
        control.progress = progress.callback();
        QElapsedTimer timer;
        timer.start();
        if (!a.partial.isEmpty())
            return runShare(a, request, inputs, control, progress, cli);
        const std::optional<RunRecord> record = Session::run(inputs, control);
        progress.finish();
        if (!record)
            return cli.fail(progress.cancelledMessage(), kExitCancelled);
        const double seconds = timer.nsecsElapsed() / 1e9;
        Cancelled::check(&cli.cancel); // a Ctrl+C after the last trial: still nothing written
        if (const Status written = record->writeTo(a.out); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        if (project) {
            Session::keepScenario(*project, request.scenario);
            const std::int64_t id = Session::record(*project, inputs, *record);
            cli.out << QStringLiteral("stored as run %1 in %2\n").arg(id).arg(a.project);
        }
        printTable(cli.out, *record);
        const SimulationPlan plan = SimulationPlan::compile(inputs.scenario);
        const double customerMonths =
            double(plan.customersPerTrial()) * plan.months * double(inputs.trials);
        cli.out << QStringLiteral(
                       "\nseed: %1\ntrials: %2, customers per trial: %3 (from %4), months: %5, "
                       "variants: %6\nsimulated %7 customer-months in %8 s on %9 threads\n")
                       .arg(inputs.seed)
                       .arg(inputs.trials)
                       .arg(plan.customersPerTrial())
                       .arg(customerSourceName(inputs.customersFrom))
                       .arg(plan.months)
                       .arg(plan.variantCount())
                       .arg(customerMonths, 0, 'g', 4)
                       .arg(seconds, 0, 'f', 2)
                       .arg(control.threads)
                << QStringLiteral("wrote: %1\n").arg(a.out);
        return kExitOk;
    });
}

} // namespace marginal
