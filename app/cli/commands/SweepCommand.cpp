// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/SweepCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/RepeatedFlag.h"
#include "app/cli/commands/RunProgress.h"
#include "app/cli/commands/SearchRunFlags.h"
#include "models/common/OutputSet.h"
#include "simulator/search/GridSweep.h"
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
        "cohort (and \"all\") with mean margin, its SE, GM% and P(margin < 0); with a baseline\n"
        "or churn in the scenario also the share whose bill rises over 10% against the baseline\n"
        "(as the scenario has it) and the margin with churn.\n"
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
        RunOptions options;
        options.seed = inputs.seed;
        options.trials = inputs.trials;
        options.threads = runFlags->threadCount();
        options.cancel = &cli.cancel;
        RunProgress progress(cli.err, flags->has("--quiet"));
        options.progress = progress.callback();
        QElapsedTimer timer;
        timer.start();
        const GridSweepResult result = GridSweep::run(grid, fields, axes, options);
        progress.finish();
        if (!result.complete())
            return cli.fail(progress.cancelledMessage(), kExitCancelled);
        const QByteArray csv = result.csv();
        const double seconds = timer.nsecsElapsed() / 1e9;
        Cancelled::check(&cli.cancel);
        OutputSet out(flags->value("--out"));
        out.add(QStringLiteral("grid.csv"), csv);
        if (const Status written = out.commit(); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        const double evaluations = double(result.points) * grid.mixCount();
        cli.out << QStringLiteral("seed: %1, trials: %2\n%3 points x %4 mixes in %5 s on %6 "
                                  "threads: %7 evaluations/s\nwrote: %8/grid.csv\n")
                       .arg(inputs.seed)
                       .arg(inputs.trials)
                       .arg(result.points)
                       .arg(grid.mixCount())
                       .arg(seconds, 0, 'f', 2)
                       .arg(options.threads)
                       .arg(evaluations / std::max(seconds, 1e-9), 0, 'f', 1)
                       .arg(flags->value("--out"));
        return kExitOk;
    });
}

} // namespace marginal
