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
               "  marginal-cli simulate --scenario FILE --out DIR [--project P] [--trials N] [--seed S]\n"
               "                        [--threads N] [--quiet]\n"
               "  marginal-cli import --project P FILE... [--format F] [--customer-field X] [--mapping M.json]\n"
               "                      [--keep-invalid] [--quiet]\n"
               "  marginal-cli cohorts --project P [--catalog FILE] [--cuts 50,90] [--out DIR]\n"
               "  marginal-cli generate-usage --scenario FILE --out FILE [--customers N] [--months M] [--seed S]\n"
               "  marginal-cli --help | --version\n"
               "\n"
               "simulate: runs the scenario's cohorts against every package x model mix (Monte Carlo,\n"
               "common random numbers) and writes the decision tables to DIR.\n"
               "  --scenario FILE  scenario JSON (see docs/FILE_FORMATS.md); its catalog, packages and\n"
               "                   mixes may be paths relative to it\n"
               "  --out DIR        output folder (created when missing; files in it are replaced)\n"
               "  --project P      use the cohorts fitted from P's usage (marginal-cli cohorts) instead of\n"
               "                   the scenario's, add the mix observed in the data, and store the run in P\n"
               "  --trials N       trials (default: the scenario's \"trials\", else 100)\n"
               "  --seed S         seed, 0 to 2^64-1 (default: the scenario's \"seed\", else a random\n"
               "                   one); the seed used is printed and recorded in results.json\n"
               "  --threads N      worker threads (default: all cores); results do not depend on it\n"
               "  --quiet          no progress on stderr\n"
               "\n"
               "import: loads usage exports into the project P (a *.marginal file, created when missing).\n"
               "Each file is one transaction: a file with any bad row is rejected whole and P is left as\n"
               "it was; records already in P (same event id, or same content) are not added again.\n"
               "  --format F          csv | openai | anthropic (default: detected from the content)\n"
               "  --customer-field X  the source field that is the customer, where several fit (CSV: a\n"
               "                      column such as org_id; OpenAI: project_id, user_id, api_key_id;\n"
               "                      Anthropic: api_key_id, workspace_id)\n"
               "  --mapping M.json    CSV column names for the canonical fields, e.g. {\"customer_id\": \"acct\"}\n"
               "  --keep-invalid      import the valid rows; keep every rejected row and its reason in P\n"
               "Prints per file the records read, added, duplicates and rejected. Problems are listed\n"
               "as file:line:field: expected ... (the first 50, then a count).\n"
               "\n"
               "cohorts: ranks P's customers by mean monthly supplier cost (at the catalog's prices in\n"
               "force each month), cuts them into low / medium / heavy at the --cuts percentiles, reports\n"
               "concentration (top-10% shares, Gini) and fits each cohort's profile (p_active, log-normal\n"
               "mu and sigma by maximum likelihood with standard errors and a Kolmogorov-Smirnov test,\n"
               "AR(1) rho, growth, token-class shares, tokens per request, daily profile and bursts).\n"
               "  --catalog FILE  price catalog (Marginal's or LiteLLM's); stored in P for next time\n"
               "  --out DIR       also write cohorts.json, cohort_summary.csv and lorenz.csv\n"
               "\n"
               "generate-usage: writes a seeded, realistic usage export (generic CSV, daily rows) from a\n"
               "scenario's cohorts and first model mix (default 800 customers, 6 months, seed 1).\n"
               "\n"
               "Output files of simulate, in DIR:\n"
               "  decision_table.csv  one row per package x mix x cohort, plus cohort \"all\"\n"
               "  decision_table.md   the same rows, main columns, as a Markdown table\n"
               "  monthly.csv         one row per package x mix x cohort x month\n"
               "  results.json        every figure, the seed, trials, input file SHA-256s, version\n"
               "\n"
               "decision_table.csv columns (per customer over the whole horizon; USD):\n%2"
               "\n"
               "monthly.csv columns (per customer-month):\n%3"
               "\n"
               "Exit status: 0 success; 2 bad input or usage (the message says file, line or JSON path,\n"
               "field and what was expected; for import: some file was rejected); 3 output could not be\n"
               "written; 130 cancelled (Ctrl+C; nothing written, the project unchanged).\n")
        .arg(QStringLiteral(MARGINAL_VERSION), describeColumns(ResultSummary::decisionColumns()),
             describeColumns(ResultSummary::monthlyColumns()));
}

} // namespace marginal
