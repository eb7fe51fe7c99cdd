// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliHelp.h"
#include "app/cli/CommandRegistry.h"
#include "simulator/results/ResultSummary.h"

namespace marginal {

template <typename Row> static QString describeColumns(const std::vector<Column<Row>>& columns) {
    QString text;
    for (const auto& c : columns)
        text += QStringLiteral("    %1  %2\n").arg(c.name, -22).arg(c.help);
    return text;
}

QString cliHelpText() {
    QString usage, sections;
    for (const auto& command : CommandRegistry::commands()) {
        usage += QStringLiteral("  marginal-cli %1 %2\n").arg(command->name(), command->synopsis());
        sections += QStringLiteral("\n%1: %2").arg(command->name(), command->help());
    }
    return QStringLiteral("marginal-cli %1: what a pricing package does to gross margin per "
                          "customer.\n\nUsage:\n%2  marginal-cli --help | --version\n%3")
               .arg(QStringLiteral(MARGINAL_VERSION), usage, sections) +
           QStringLiteral(
               "\n"
               "Output files of simulate and rerun, in DIR (written whole or not at all: a "
               "failure\n"
               "leaves the previous files as they were):\n"
               "  decision_table.csv  one row per package x mix x cohort, plus cohort \"all\"\n"
               "  decision_table.md   the same rows, main columns, as a Markdown table\n"
               "  monthly.csv         one row per package x mix x cohort x month\n"
               "  lineup_shares.csv   with lineups: per lineup x mix x cohort x package, the "
               "share\n"
               "                      of customer-months on it and switches per customer-year\n"
               "  results.json        every figure, the seed, trials, where the customers came "
               "from,\n"
               "                      input file SHA-256s, catalog version, version\n"
               "\n"
               "decision_table.csv columns (per customer over the whole horizon; USD; a lineup's\n"
               "rows carry its name in package; the bill-change, shock and churn columns are\n"
               "blank unless the scenario names a baseline, a churn_monthly or a shock_factor):\n%1"
               "\n"
               "monthly.csv columns (per customer-month):\n%2"
               "\n"
               "Exit status: 0 success; 1 rerun: the decision table differs from the stored "
               "run's;\n"
               "2 bad input or usage (the message says file, line or JSON path, field and what "
               "was\n"
               "expected; for import: some file was rejected); 3 output or project could not be "
               "written;\n"
               "130 cancelled (Ctrl+C or SIGTERM; nothing written, the project unchanged).\n")
               .arg(describeColumns(ResultSummary::decisionColumns()),
                    describeColumns(ResultSummary::monthlyColumns()));
}

} // namespace marginal
