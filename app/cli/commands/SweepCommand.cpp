// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/SweepCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/RepeatedFlag.h"
#include "app/cli/commands/RunProgress.h"
#include "app/cli/commands/SearchRunFlags.h"
#include "app/cli/commands/ShareRangeFlag.h"
#include "models/common/OutputSet.h"
#include "simulator/search/GridSweep.h"
#include "simulator/search/PartialSweep.h"
#include "simulator/session/Session.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <thread>

namespace marginal {

QString SweepCommand::synopsis() const {
    return QStringLiteral("--scenario FILE --package NAME --vary FIELD=LO:HI:N [--vary ...]\n"
                          "                        --out DIR [--trials N] [--seed S] "
                          "[--threads N] [--quiet]\n"
                          "  marginal-cli sweep --scenario FILE --package NAME --vary ... "
                          "--seed S\n"
                          "                        --point-range A:B --partial FILE");
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
        "  --trials N, --seed S, --threads N, --quiet: as for simulate\n"
        "  --point-range A:B  run only points A to B - 1 (counted from 0, the first --vary's\n"
        "                   values slowest) of the grid, for a grid split across machines;\n"
        "                   with --partial FILE, which it writes instead of --out, and --seed\n"
        "                   S; marginal-cli merge FILE... --out DIR then writes the grid.csv\n"
        "                   of one sweep, byte for byte (docs/CLUSTER.md)\n");
}

int SweepCommand::run(const QStringList& argsIn, CliContext& cli) const {
    QStringList args = argsIn;
    bool missing = false;
    const QStringList varies = takeRepeated(args, QStringLiteral("--vary"), missing);
    if (missing)
        return cli.fail(QStringLiteral("--vary needs a value FIELD=LO:HI:N"));
    const Result<Flags> flags = Flags::parse(args,
                                             {"--scenario", "--out", "--package", "--trials",
                                              "--seed", "--threads", "--point-range", "--partial"},
                                             {"--quiet"});
    if (!flags)
        return cli.fail(flags.error());
    const bool share = flags->has("--point-range") || flags->has("--partial");
    if (const Status s =
            flags->require(share ? QStringList{"--scenario FILE", "--package NAME",
                                               "--point-range A:B", "--partial FILE", "--seed S"}
                                 : QStringList{"--scenario FILE", "--package NAME", "--out DIR"},
                           QStringLiteral("sweep"));
        !s)
        return cli.fail(s.error());
    if (share && flags->has("--out"))
        return cli.fail(QStringLiteral("--partial writes the share of the grid only; merge the "
                                       "shares with marginal-cli merge FILE... --out DIR"));
    std::int64_t rangeFirst = 0, rangeEnd = 0;
    if (share) {
        const Result<ShareRange> range =
            ShareRange::parse(QStringLiteral("--point-range"), flags->value("--point-range"),
                              QStringLiteral("points"));
        if (!range)
            return cli.fail(range.error());
        rangeFirst = range->first;
        rangeEnd = range->end;
    }
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
        const std::size_t gridPoints = marginal::gridPoints(axes).size();
        if (share && rangeEnd > std::int64_t(gridPoints))
            return cli.fail(QStringLiteral("--point-range %1:%2: the grid has %3 points (0:%3)")
                                .arg(rangeFirst)
                                .arg(rangeEnd)
                                .arg(gridPoints));
        QElapsedTimer timer;
        timer.start();
        const GridSweepResult result =
            GridSweep::run(grid, fields, axes, options, std::size_t(rangeFirst),
                           std::size_t(rangeEnd - rangeFirst));
        progress.finish();
        if (!result.complete())
            return cli.fail(progress.cancelledMessage(), kExitCancelled);
        const double seconds = timer.nsecsElapsed() / 1e9;
        Cancelled::check(&cli.cancel);
        QString written;
        if (share) {
            PartialSweep part;
            part.inputsJson = QJsonDocument(inputs.toJson()).toJson(QJsonDocument::Compact);
            part.package = flags->value("--package");
            part.varies = varies;
            part.points = std::int64_t(gridPoints);
            part.first = rangeFirst;
            part.count = rangeEnd - rangeFirst;
            part.header = result.csvHeader();
            part.lines = result.csvLines();
            const QFileInfo file(flags->value("--partial"));
            OutputSet out(file.absolutePath());
            out.add(file.fileName(), part.toBytes());
            if (const Status done = out.commit(); !done)
                return cli.fail(done.error(), kExitOutputFailed);
            written = flags->value("--partial");
        } else {
            OutputSet out(flags->value("--out"));
            out.add(QStringLiteral("grid.csv"), result.csv());
            if (const Status done = out.commit(); !done)
                return cli.fail(done.error(), kExitOutputFailed);
            written = flags->value("--out") + QStringLiteral("/grid.csv");
        }
        const std::size_t ran = share ? std::size_t(rangeEnd - rangeFirst) : result.points;
        const double evaluations = double(ran) * grid.mixCount();
        cli.out << QStringLiteral("seed: %1, trials: %2\n%3 points x %4 mixes in %5 s on %6 "
                                  "threads: %7 evaluations/s\nwrote: %8\n")
                       .arg(inputs.seed)
                       .arg(inputs.trials)
                       .arg(ran)
                       .arg(grid.mixCount())
                       .arg(seconds, 0, 'f', 2)
                       .arg(options.threads)
                       .arg(evaluations / std::max(seconds, 1e-9), 0, 'f', 1)
                       .arg(written);
        return kExitOk;
    });
}

} // namespace marginal
