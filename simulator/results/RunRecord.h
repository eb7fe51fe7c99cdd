// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a finished run writes to its output folder (the CLI's interface, documented in
// --help and the README):
//   decision_table.csv / decision_table.md  one row per package x mix x cohort (+ all)
//   decision_table.xlsx                     the same rows formatted, with Columns and Run sheets
//   monthly.csv                             one row per package x mix x cohort x month
//   lineup_shares.csv                       where a lineup's customers landed (with lineups)
//   results.json                            every figure, the seed, input file hashes, version
#include "models/common/FileHash.h"
#include "models/common/Result.h"
#include "simulator/results/LineupShares.h"
#include "simulator/results/PortfolioRisk.h"
#include "simulator/results/ResultSummary.h"
#include "simulator/results/RunDetail.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace marginal {

class Scenario;

struct RunRecord {
    QString scenarioName;
    QString startMonth; // YYYY-MM
    std::uint64_t seed = 0;
    std::int64_t trialsRequested = 0;
    std::int64_t trialsDone = 0;
    int threads = 1;
    int months = 0;
    // Provenance: what the figures came from, carried into every export.
    std::vector<InputFile> inputFiles;
    QString customersFrom = QStringLiteral("scenario"); // scenario | fitted | empirical
    QString source;                                     // cli | desktop
    QString catalogName, catalogAsOf;                   // the price catalog's version
    QString createdUtc;                                 // when the run finished
    // A project's models the catalog lacks, simulated on the rest of the mix
    // (--allow-unpriced): [{"model", "tokens", "token_share"}]; empty for most runs.
    QJsonArray unpricedModels;
    // Said about the inputs, e.g. a catalog older than the scenario's start.
    QStringList warnings;
    bool whatIf = false; // a quick what-if run, not a full one
    std::vector<DecisionRow> decision;
    std::vector<MonthlyRow> monthly;
    std::vector<LineupShareRow> lineupShares; // empty: the scenario has no lineups
    // Trial-total risk per package x mix (portfolio.csv); computed by Session::run,
    // not kept in a project's stored runs.
    std::vector<PortfolioRow> portfolio;
    // Credit-burn fans and margin-vs-usage points (RunDetail); the desktop app fills
    // them, the CLI does not. Empty: not computed.
    std::vector<VariantDetail> detail;

    static RunRecord fromRun(const Scenario& scenario, const SimulationPlan& plan,
                             const RunStatistics& stats, std::uint64_t seed,
                             std::int64_t trialsRequested, int threads);

    QString decisionCsv() const;
    // The decision table with only the named columns, in the table's order (a run
    // stored by an earlier version is compared on the columns it has).
    QString decisionCsv(const QStringList& only) const;
    QString decisionMarkdown() const;
    QString monthlyCsv() const;
    QJsonObject toJson() const;
    // A record read back from toJson()'s output (a run stored in a project): the
    // figures at the precision the tables print them.
    static RunRecord fromJson(const QJsonObject& json);
    // Writes the five files. Files are written to temporaries and renamed, so a
    // failure leaves no half-written table.
    Status writeTo(const QString& directory) const;
};

} // namespace marginal
