// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/RunsCommand.h"
#include "app/cli/Flags.h"
#include "models/project/Project.h"

namespace marginal {

QString RunsCommand::help() const {
    return QStringLiteral(
        "lists the runs stored in P (by simulate --project or the desktop app), newest first,\n"
        "one per line, tab-separated under a header: id, created_utc, source (cli | desktop),\n"
        "scenario, customers_from (scenario | fitted | empirical), seed, trials. Runs stored "
        "by an\n"
        "older Marginal show an empty source and cannot be re-run.\n");
}

int RunsCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags = Flags::parse(args, {"--project"});
    if (!flags)
        return cli.fail(flags.error());
    if (const Status s = flags->require({"--project P"}, QStringLiteral("runs")); !s)
        return cli.fail(s.error());
    return reportingErrors(cli, [&]() -> int {
        const auto project = Project::open(flags->value("--project"), Project::Mode::ReadOnly);
        cli.out << "id\tcreated_utc\tsource\tscenario\tcustomers_from\tseed\ttrials\n";
        for (const RunSummary& r : project->runs())
            cli.out << QStringList{QString::number(r.id),
                                   r.createdAt,
                                   r.source,
                                   QString(r.scenario).replace(u'\t', u' '),
                                   r.customersFrom,
                                   r.seed,
                                   QString::number(r.trials)}
                           .join(u'\t')
                    << "\n";
        return kExitOk;
    });
}

} // namespace marginal
