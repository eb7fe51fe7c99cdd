// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/SweepCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/RepeatedFlag.h"
#include "app/cli/commands/RunProgress.h"
#include "app/cli/commands/SearchRunFlags.h"
#include "models/common/OutputSet.h"
#include "models/common/TableText.h"
#include "simulator/search/PackageGrid.h"
#include "simulator/search/PairedEvaluator.h"
#include "simulator/search/SearchAxis.h"
#include "simulator/session/Session.h"

#include <QElapsedTimer>
#include <thread>

namespace marginal {

QString SweepCommand::synopsis() const {
    return QStringLiteral("--scenario FILE --package NAME --vary FIELD=LO:HI:N [--vary ...]\n"
                          "                        --out DIR [--trials N] [--seed S] "
                          "[--threads N] [--quiet]");
}

QString SweepCommand::help() const {
    return QStringLiteral(
        "runs one package over a grid of one or two of its numeric fields, every point on the\n"
        "same draws (common random numbers), and writes DIR/grid.csv: one row per point x mix x\n"
        "cohort (and \"all\") with mean margin, its SE, GM% and P(margin < 0).\n"
        "  --package NAME   the scenario's package to vary\n"
        "  --vary F=LO:HI:N a JSON path into the package (base_fee, included_credits,\n"
        "                   overage.price, overage.tiers[1].price, ...) and N values from LO to\n"
        "                   HI (1 to 1000); at most two --vary\n"
        "  --trials N, --seed S, --threads N, --quiet: as for simulate\n");
}

int SweepCommand::run(const QStringList& argsIn, CliContext& cli) const {
    QStringList args = argsIn;
    bool missing = false;
    const QStringList varies = takeRepeated(args, QStringLiteral("--vary"), missing);
    if (missing)
        return cli.fail(QStringLiteral("--vary needs a value FIELD=LO:HI:N"));
    const Result<Flags> flags = Flags::parse(
        args, {"--scenario", "--out", "--package", "--trials", "--seed", "--threads"}, {"--quiet"});
    if (!flags)
        return cli.fail(flags.error());
    if (const Status s = flags->require({"--scenario FILE", "--package NAME", "--out DIR"},
                                        QStringLiteral("sweep"));
        !s)
        return cli.fail(s.error());
    if (varies.isEmpty())
        return cli.fail(QStringLiteral("sweep needs --vary FIELD=LO:HI:N"));
    if (varies.size() > 2)
        return cli.fail(QStringLiteral("sweep: at most two --vary (got %1)").arg(varies.size()));
    std::vector<SearchAxis> axes;
    for (const QString& v : varies) {
        const Result<SearchAxis> axis = SearchAxis::parse(v, true);
        if (!axis)
            return cli.fail(axis.error());
        axes.push_back(*axis);
    }
    const Result<SearchRunFlags> runFlags = SearchRunFlags::parse(*flags);
    if (!runFlags)
        return cli.fail(runFlags.error());
    return reportingErrors(cli, [&]() -> int {
        const RunInputs inputs = runFlags->prepare(flags->value("--scenario"));
        const PackageGrid grid(inputs.scenario, flags->value("--package"));
        std::vector<PackageField> fields;
        for (const SearchAxis& axis : axes) {
            const Result<PackageField> f = PackageField::resolve(axis.path, grid.package());
            if (!f)
                return cli.fail(f.error());
            fields.push_back(*f);
        }
        const std::vector<std::vector<double>> points = gridPoints(axes);
        // Points run in batches of kBatch (one compiled plan each, drawn once per trial
        // for the whole batch), which bounds memory for large grids; every batch uses
        // the same seed, so the numbers do not depend on the batching.
        constexpr std::size_t kBatch = 256;
        const std::int64_t batches = std::int64_t((points.size() + kBatch - 1) / kBatch);
        RunOptions options;
        options.seed = inputs.seed;
        options.trials = inputs.trials;
        options.threads = runFlags->threadCount();
        options.cancel = &cli.cancel;
        RunProgress progress(cli.err, flags->has("--quiet"));
        const auto report = progress.callback();
        QElapsedTimer timer;
        timer.start();

        QByteArray csv;
        QStringList header;
        for (const SearchAxis& a : axes)
            header << a.path;
        header << QStringLiteral("mix") << QStringLiteral("cohort")
               << QStringLiteral("mean_margin_usd") << QStringLiteral("mean_margin_se")
               << QStringLiteral("gm_pct") << QStringLiteral("gm_pct_se")
               << QStringLiteral("p_margin_negative");
        csv += TableText::csvLine(header).toUtf8();
        for (std::int64_t b = 0; b < batches; ++b) {
            const std::vector<std::vector<double>> batch(
                points.begin() + std::ptrdiff_t(b * kBatch),
                points.begin() +
                    std::ptrdiff_t(std::min(points.size(), std::size_t(b + 1) * kBatch)));
            const std::vector<SimulationPlan> plans{grid.compile(fields, batch)};
            options.progress = [&](std::int64_t done, std::int64_t all) {
                if (report)
                    report(b * all + done, batches * all);
            };
            const PairedEvaluator::Result result = PairedEvaluator(plans).run(options);
            if (result.trialsDone < inputs.trials) {
                progress.finish();
                return cli.fail(progress.cancelledMessage(), kExitCancelled);
            }
            const SimulationPlan& plan = plans[0];
            for (int v = 0; v < plan.variantCount(); ++v) {
                const std::vector<double>& point = batch[plan.variants[v].package];
                for (int c = 0; c <= result.cohorts; ++c) {
                    const GroupFigures& g = result.arms[v][c];
                    QStringList row;
                    for (const double x : point)
                        row << QString::number(x, 'g', 12);
                    row << plan.variants[v].mixName
                        << (c < result.cohorts ? plan.cohorts[c].name : QStringLiteral("all"))
                        << QString::number(g.meanMargin, 'f', 4)
                        << QString::number(g.meanMarginSe, 'f', 4)
                        << (g.gmDefined ? QString::number(g.gmPercent, 'f', 3) : QString())
                        << (g.gmDefined ? QString::number(g.gmPercentSe, 'f', 4) : QString())
                        << QString::number(g.pNegative, 'f', 5);
                    csv += TableText::csvLine(row).toUtf8();
                }
            }
        }
        progress.finish();
        const double seconds = timer.nsecsElapsed() / 1e9;
        Cancelled::check(&cli.cancel);
        OutputSet out(flags->value("--out"));
        out.add(QStringLiteral("grid.csv"), csv);
        if (const Status written = out.commit(); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        const double evaluations = double(points.size()) * grid.mixCount();
        cli.out << QStringLiteral("seed: %1, trials: %2\n%3 points x %4 mixes in %5 s on %6 "
                                  "threads: %7 evaluations/s\nwrote: %8/grid.csv\n")
                       .arg(inputs.seed)
                       .arg(inputs.trials)
                       .arg(points.size())
                       .arg(grid.mixCount())
                       .arg(seconds, 0, 'f', 2)
                       .arg(options.threads)
                       .arg(evaluations / std::max(seconds, 1e-9), 0, 'f', 1)
                       .arg(flags->value("--out"));
        return kExitOk;
    });
}

} // namespace marginal
