// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The use cases both front ends call (marginal-cli and the desktop app), so they
// cannot drift: fit a project's cohorts with its cut points, choose a run's customers
// (the scenario's cohorts, the fitted ones, or the customers' own histories), run it,
// and record it in the project with all its inputs; and run a stored run again from
// those inputs alone.
//
// A run is always computed from its inputs as they read back from their own JSON
// form, so a run and its re-run start from the same bits.
#include "models/project/Project.h"
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/engine/RunStatistics.h"
#include "simulator/results/RunRecord.h"
#include "simulator/session/RunInputs.h"

#include <atomic>
#include <functional>
#include <optional>

namespace marginal {

struct RunRequest {
    Scenario scenario; // as loaded (or edited in the app)
    CustomerSource customers = CustomerSource::Scenario;
    std::optional<std::uint64_t> seed;  // none: the scenario's, else a random one
    std::optional<std::int64_t> trials; // none: the scenario's
    QString source;                     // "cli" or "desktop"
    // With a project's customers: the share of their tokens on models the scenario's
    // catalog lacks above which prepare() stops (none: go on, the run lists them).
    std::optional<double> unpricedLimit;
    // With fitted customers: draw every cohort's months from this tail model instead
    // of the one its fit favours (a Pareto tail only where one was fitted).
    std::optional<TailModel::Kind> tailModel;
};

// A project's customers, ready to simulate: its current fit and what it was made on.
struct ProjectCustomers {
    CohortFitResult fit;
    QJsonObject basis; // the project file and Project::fitBasis()
};

// How a run is carried out; none of it changes the numbers.
struct RunControl {
    int threads = 1;
    // (trials done, trials in all), on the calling thread.
    std::function<void(std::int64_t, std::int64_t)> progress;
    const std::atomic<bool>* cancel = nullptr;
    enum class Detail { None, Quick, Full }; // chart detail (RunDetail): none, light, full
    Detail detail = Detail::None;
    // Portfolio risk (portfolio.csv) kept for up to this many trials; it holds 16 bytes
    // per trial and variant. 0: none (the desktop, rerun).
    std::int64_t portfolioTrials = 0;
    double gmTargetPercent = 50.0; // portfolio.csv: P(a trial's total GM% < this)
};

class Session {
public:
    // The project's cohorts fitted with its cut points: the stored fit when it is
    // current, else fitted now and stored. Throws InputError when the project has no
    // catalog or no usage yet.
    // `cancel` stops it with Cancelled, the project as it was.
    static CohortFitResult fitCohorts(Project& project, const std::atomic<bool>* cancel = nullptr);
    // Fits with `cuts` (and `catalog`, when given, in place of the project's), then
    // stores the cuts, the catalog and the fit; a cancelled refit stores nothing, nor
    // does one with more than `unpricedLimit` of tokens on models the catalog lacks
    // (InputError naming them; none: it goes on and the fit lists them).
    static CohortFitResult refit(Project& project, const std::vector<double>& cuts,
                                 const std::atomic<bool>* cancel = nullptr,
                                 const PriceCatalog* catalog = nullptr,
                                 std::optional<double> unpricedLimit = std::nullopt);
    // Why a project's cohorts cannot be fitted yet (no catalog, no usage), or empty.
    // Phrased to follow the project's file name.
    static QString whyNoFit(const Project& project);
    // Throws InputError when the project has no usage, or usage spanning more than
    // kMaxUsageMonths (a stray date would stretch every fit and replay): names the
    // outlying record and its file.
    static void checkUsageSpan(const Project& project);
    static constexpr int kMaxUsageMonths = 120;

    // The project's fitted cohorts (fitted now when out of date) for runs on its
    // customers.
    static ProjectCustomers projectCustomers(Project& project,
                                             const std::atomic<bool>* cancel = nullptr);
    // The run's inputs: customers chosen, seed and trials settled. Fitted and
    // empirical customers need `customers` (a project's).
    static RunInputs prepare(const RunRequest& request, const ProjectCustomers* customers);
    // Computes a run; none when it was cancelled.
    static std::optional<RunRecord> run(const RunInputs& inputs, const RunControl& control);
    // The statistics of trials [first, first + count) of the run (a share of a run split
    // across machines, docs/MODEL.md section 14); trialsDone < count when cancelled.
    static RunStatistics runTrials(const RunInputs& inputs, const RunControl& control,
                                   std::int64_t first, std::int64_t count);
    // The run's record from the statistics of all its trials (one run, or shares merged):
    // the same whether the trials ran together or apart. Throws InputError when some
    // figure could not be summed exactly.
    static RunRecord recordFrom(const RunInputs& inputs, const RunStatistics& stats,
                                const RunControl& control);
    // Stores the run and its inputs in the project, and keeps its packages, mixes and
    // dated catalog among the project's documents; returns the run's id.
    static std::int64_t record(Project& project, const RunInputs& inputs, const RunRecord& run);
    // Keeps a scenario (inline, as given) among the project's scenarios.
    static void keepScenario(Project& project, const Scenario& scenario);
    // A stored run's inputs; throws InputError when it has none (an older run).
    static RunInputs storedInputs(const Project& project, std::int64_t runId);

    // A seed from the operating system's entropy, for runs that name none.
    static std::uint64_t randomSeed();
};

} // namespace marginal
