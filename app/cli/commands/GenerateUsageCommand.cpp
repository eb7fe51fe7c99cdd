// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/GenerateUsageCommand.h"
#include "app/cli/Flags.h"
#include "models/common/OutputSet.h"
#include "models/domain/Scenario.h"
#include "simulator/analysis/SampleUsageGenerator.h"

namespace marginal {

QString GenerateUsageCommand::synopsis() const {
    return QStringLiteral("--scenario FILE --out FILE [--customers N] [--months M] [--seed S]");
}

QString GenerateUsageCommand::help() const {
    return QStringLiteral("writes a seeded, realistic usage export (generic CSV, daily rows) "
                          "from a scenario's\n"
                          "cohorts and first model mix (default 800 customers, 6 months, seed "
                          "1).\n");
}

int GenerateUsageCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags =
        Flags::parse(args, {"--scenario", "--out", "--customers", "--months", "--seed"});
    if (!flags)
        return cli.fail(flags.error());
    SampleUsageOptions options;
    const Result<std::int64_t> customers =
        flags->integer("--customers", 1, 10000000, options.customers);
    const Result<std::int64_t> months = flags->integer("--months", 1, 120, options.months);
    const Result<std::optional<std::uint64_t>> seed = flags->unsignedValue("--seed");
    for (const QString& error : {customers.error(), months.error(), seed.error()})
        if (!error.isEmpty())
            return cli.fail(error);
    if (const Status s = flags->require({"--scenario FILE", "--out FILE"}, "generate-usage"); !s)
        return cli.fail(s.error());
    options.customers = int(*customers);
    options.months = int(*months);
    options.seed = seed->value_or(options.seed);
    return reportingErrors(cli, [&]() -> int {
        const Scenario scenario = Scenario::loadFile(flags->value("--scenario"));
        std::int64_t rows = 0;
        const Status written = OutputSet::writeStreamed(flags->value("--out"), [&](QIODevice& out) {
            rows = SampleUsageGenerator::writeCsv(scenario, options, out, &cli.cancel);
            return true;
        });
        if (!written)
            return cli.fail(written.error(), kExitOutputFailed);
        cli.out << QStringLiteral(
                       "%1: %2 rows of daily usage, %3 customers, %4 months from %5 (seed %6)\n")
                       .arg(flags->value("--out"))
                       .arg(rows)
                       .arg(options.customers)
                       .arg(options.months)
                       .arg(scenario.startMonth.toString(QStringLiteral("yyyy-MM")))
                       .arg(options.seed);
        return kExitOk;
    });
}

} // namespace marginal
