// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/MergeCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/SimulateCommand.h"
#include "models/common/InputError.h"
#include "models/common/OutputSet.h"
#include "simulator/search/PartialSensitivity.h"
#include "simulator/search/PartialSweep.h"
#include "simulator/session/PartialRun.h"
#include "simulator/session/Session.h"

#include <QFile>
#include <cmath>
#include <functional>

namespace marginal {

namespace {

// The shares of a grid or a tornado, read as `Share`s and merged by `table` into the
// one file `name` in `dir`; `said` is the summary line for the user.
template <typename Share>
int mergeTable(const std::vector<QByteArray>& files, const QStringList& names, const QString& dir,
               const QString& name, CliContext& cli,
               const std::function<QByteArray(const std::vector<Share>&, QString& said)>& table) {
    std::vector<Share> shares;
    for (std::size_t i = 0; i < files.size(); ++i)
        shares.push_back(Share::fromBytes(files[i], names[qsizetype(i)]));
    QString said;
    const QByteArray bytes = table(shares, said);
    Cancelled::check(&cli.cancel);
    OutputSet out(dir);
    out.add(name, bytes);
    if (const Status written = out.commit(); !written)
        return cli.fail(written.error(), kExitOutputFailed);
    cli.out << QStringLiteral("merged %1 shares: %2\nwrote: %3/%4\n")
                   .arg(shares.size())
                   .arg(said, dir, name);
    return kExitOk;
}

int mergeSweep(const std::vector<QByteArray>& files, const QStringList& names, const QString& dir,
               CliContext& cli) {
    return mergeTable<PartialSweep>(files, names, dir, QStringLiteral("grid.csv"), cli,
                                    [&](const std::vector<PartialSweep>& shares, QString& said) {
                                        said = QStringLiteral("%1 points of the grid of %2")
                                                   .arg(shares.front().points)
                                                   .arg(shares.front().package);
                                        return PartialSweep::merge(shares, names);
                                    });
}

int mergeTornado(const std::vector<QByteArray>& files, const QStringList& names, const QString& dir,
                 CliContext& cli) {
    return mergeTable<PartialSensitivity>(
        files, names, dir, QStringLiteral("tornado.csv"), cli,
        [&](const std::vector<PartialSensitivity>& shares, QString& said) {
            const SensitivityResult tornado = PartialSensitivity::merge(shares, names);
            said = QStringLiteral("%1 factors x 2 ends x %2 variants")
                       .arg(tornado.factors)
                       .arg(tornado.variants);
            return tornado.csv();
        });
}

} // namespace

QString MergeCommand::help() const {
    return QStringLiteral(
        "merges the shares of one run, each written by simulate --trial-range A:B --partial\n"
        "FILE (on this machine or others), and writes the run's files to DIR as simulate\n"
        "does: the same figures, byte for byte, as one run of all the trials. The shares must\n"
        "be of the same run (same scenario, customers, seed and trials) and their ranges must\n"
        "cover the trials once each; otherwise it names the file and the trials at fault\n"
        "(exit 2). Nothing but the files is read: the inputs travel inside them.\n"
        "Shares of a price grid (sweep --point-range A:B --partial FILE) merge the same way\n"
        "into DIR/grid.csv, byte for byte the grid.csv of one sweep, and shares of a tornado\n"
        "(sensitivity --factor-range A:B --partial FILE) into DIR/tornado.csv.\n"
        "  --out DIR        output folder\n"
        "  --gm-target PCT  the GM% portfolio.csv counts trials below (default 50)\n"
        "Recipes for GNU parallel, Slurm and Kubernetes: docs/CLUSTER.md.\n");
}

int MergeCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags = Flags::parse(args, {"--out", "--gm-target"}, {}, true);
    if (!flags)
        return cli.fail(flags.error());
    if (const Status s = flags->require({"--out DIR"}, QStringLiteral("merge")); !s)
        return cli.fail(s.error());
    if (flags->positional().isEmpty())
        return cli.fail(QStringLiteral("merge needs the partial run files (FILE...)"));
    double gmTarget = 50.0;
    if (flags->has("--gm-target")) {
        bool ok = false;
        gmTarget = flags->value("--gm-target").toDouble(&ok);
        if (!ok || !std::isfinite(gmTarget) || gmTarget < -1000.0 || gmTarget > 100.0)
            return cli.fail(QStringLiteral("--gm-target: expected a GM% from -1000 to 100, got "
                                           "\"%1\"")
                                .arg(flags->value("--gm-target")));
    }
    return reportingErrors(cli, [&]() -> int {
        std::vector<QByteArray> files;
        for (const QString& path : flags->positional()) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                throw InputError(path, QString(),
                                 QStringLiteral("a readable file (%1)").arg(file.errorString()));
            files.push_back(file.readAll());
            Cancelled::check(&cli.cancel);
        }
        if (PartialSweep::isShare(files.front()))
            return mergeSweep(files, flags->positional(), flags->value("--out"), cli);
        if (PartialSensitivity::isShare(files.front()))
            return mergeTornado(files, flags->positional(), flags->value("--out"), cli);
        std::vector<PartialRun> shares;
        for (std::size_t i = 0; i < files.size(); ++i)
            shares.push_back(PartialRun::fromBytes(files[i], flags->positional()[qsizetype(i)]));
        const RunInputs inputs = shares.front().inputs;
        const std::size_t count = shares.size();
        const RunStatistics stats = PartialRun::merge(std::move(shares), flags->positional());
        RunControl control;
        control.threads = 1; // recorded in results.json: the merge ran on one
        control.gmTargetPercent = gmTarget;
        control.portfolioTrials = 1'000'000; // as simulate
        const RunRecord record = Session::recordFrom(inputs, stats, control);
        Cancelled::check(&cli.cancel);
        if (const Status written = record.writeTo(flags->value("--out")); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        SimulateCommand::printTable(cli.out, record);
        cli.out << QStringLiteral("\nmerged %1 shares: %2 trials, seed %3\nwrote: %4\n")
                       .arg(count)
                       .arg(inputs.trials)
                       .arg(inputs.seed)
                       .arg(flags->value("--out"));
        return kExitOk;
    });
}

} // namespace marginal
