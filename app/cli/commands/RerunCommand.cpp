// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/RerunCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/RunProgress.h"
#include "app/cli/commands/SimulateCommand.h"
#include "simulator/session/Session.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <thread>

namespace marginal {

QString RerunCommand::help() const {
    return QStringLiteral(
        "computes run ID of P again from the inputs stored with it (the scenario with its\n"
        "customers, the seed, the trials; nothing outside P is read) and writes the same files\n"
        "as simulate to DIR. Says whether decision_table.csv matches the stored run's byte "
        "for\n"
        "byte, on the columns the stored run has (exit 0), or not (exit 1). The run is not\n"
        "stored again. Writes portfolio.csv too.\n"
        "  --threads N      worker threads (default: all cores); results do not depend on it\n"
        "  --quiet          no progress on stderr\n");
}

int RerunCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags =
        Flags::parse(args, {"--project", "--run", "--out", "--threads"}, {"--quiet"});
    if (!flags)
        return cli.fail(flags.error());
    if (const Status s = flags->require({"--project P", "--run ID", "--out DIR"}, "rerun"); !s)
        return cli.fail(s.error());
    const Result<std::int64_t> id =
        flags->integer("--run", 1, std::numeric_limits<std::int64_t>::max(), 0);
    const Result<std::int64_t> threads = flags->integer("--threads", 1, 1024, 0);
    for (const QString& error : {id.error(), threads.error()})
        if (!error.isEmpty())
            return cli.fail(error);
    return reportingErrors(cli, [&]() -> int {
        const auto project = Project::open(flags->value("--project"), Project::Mode::ReadOnly);
        const RunInputs inputs = Session::storedInputs(*project, *id);
        RunControl control;
        control.threads =
            *threads > 0 ? int(*threads) : int(std::max(1u, std::thread::hardware_concurrency()));
        control.cancel = &cli.cancel;
        control.portfolioTrials = 1'000'000; // portfolio.csv, as simulate writes it
        RunProgress progress(cli.err, flags->has("--quiet"));
        control.progress = progress.callback();
        const std::optional<RunRecord> record = Session::run(inputs, control);
        progress.finish();
        if (!record)
            return cli.fail(progress.cancelledMessage(), kExitCancelled);
        Cancelled::check(&cli.cancel);
        if (const Status written = record->writeTo(flags->value("--out")); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        SimulateCommand::printTable(cli.out, *record);
        const QJsonObject storedJson = QJsonDocument::fromJson(project->run(*id)->results).object();
        const RunRecord stored = RunRecord::fromJson(storedJson);
        // Compared on the stored run's columns: a run stored before a column was added
        // still matches when every figure it has is reproduced.
        const QStringList storedColumns = storedJson.value("decision_columns").toObject().keys();
        const bool same = stored.decisionCsv(storedColumns) == record->decisionCsv(storedColumns);
        cli.out << QStringLiteral("\nrun %1 (%2, %3 customers, seed %4, %5 trials): "
                                  "decision_table.csv %6 the stored run's\nwrote: %7\n")
                       .arg(*id)
                       .arg(inputs.source.isEmpty() ? QStringLiteral("?") : inputs.source,
                            customerSourceName(inputs.customersFrom))
                       .arg(inputs.seed)
                       .arg(inputs.trials)
                       .arg(same ? QStringLiteral("matches") : QStringLiteral("DIFFERS from"),
                            flags->value("--out"));
        return same ? kExitOk : kExitDiffers;
    });
}

} // namespace marginal
