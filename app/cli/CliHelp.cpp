#include "CliHelp.h"
#include "ResultSummary.h"

namespace marginal {

template <typename Row> static QString describeColumns(const std::vector<Column<Row>>& columns) {
    QString text;
    for (const auto& c : columns)
        text += QStringLiteral("    %1  %2\n").arg(c.name, -22).arg(c.help);
    return text;
}

QString cliHelpText() {
    return QStringLiteral(
               "marginal-cli %1: what a pricing package does to gross margin per customer.\n"
               "\n"
               "Usage:\n"
               "  marginal-cli simulate --scenario FILE --out DIR [--trials N] [--seed S] "
               "[--threads N] [--quiet]\n"
               "  marginal-cli --help | --version\n"
               "\n"
               "simulate: runs the scenario's cohorts against every package x model mix (Monte "
               "Carlo,\n"
               "common random numbers) and writes the decision tables to DIR.\n"
               "  --scenario FILE  scenario JSON (see docs/FILE_FORMATS.md); its catalog, packages "
               "and\n"
               "                   mixes may be paths relative to it\n"
               "  --out DIR        output folder (created when missing; files in it are replaced)\n"
               "  --trials N       trials (default: the scenario's \"trials\", else 100)\n"
               "  --seed S         seed, 0 to 2^64-1 (default: the scenario's \"seed\", else a "
               "random\n"
               "                   one); the seed used is printed and recorded in results.json\n"
               "  --threads N      worker threads (default: all cores); results do not depend on "
               "it\n"
               "  --quiet          no progress on stderr\n"
               "\n"
               "Output files in DIR:\n"
               "  decision_table.csv  one row per package x mix x cohort, plus cohort \"all\"\n"
               "  decision_table.md   the same rows, main columns, as a Markdown table\n"
               "  monthly.csv         one row per package x mix x cohort x month\n"
               "  results.json        every figure, the seed, trials, input file SHA-256s, "
               "version\n"
               "\n"
               "decision_table.csv columns (per customer over the whole horizon; USD):\n%2"
               "\n"
               "monthly.csv columns (per customer-month):\n%3"
               "\n"
               "Exit status: 0 success; 2 bad input or usage (the message says file, field and "
               "what\n"
               "was expected); 3 output could not be written; 130 cancelled (Ctrl+C; nothing "
               "written).\n")
        .arg(QStringLiteral(MARGINAL_VERSION), describeColumns(ResultSummary::decisionColumns()),
             describeColumns(ResultSummary::monthlyColumns()));
}

} // namespace marginal
