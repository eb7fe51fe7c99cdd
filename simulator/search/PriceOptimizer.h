// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The price search of docs/MODEL.md section 13 on fixed draws (the same seed and
// trials for every evaluation, so the objective is a deterministic function of the
// fields): one field with an equality constraint by TOMS 748 (Boost.Math); otherwise
// the best feasible point of a coarse grid, then a compass pattern search from it
// (step halved when no neighbour improves). The optimum is evaluated again on fresh
// draws (another seed) as a check.
#include "simulator/search/PackageGrid.h"
#include "simulator/search/SearchAxis.h"
#include "simulator/search/SearchConstraint.h"

#include <QJsonObject>
#include <functional>
#include <optional>
#include <vector>

namespace marginal {

struct OptimizeRequest {
    std::vector<PackageField> fields;
    std::vector<SearchAxis> bounds;
    // What is maximised, per customer: mean margin, mean revenue, or mean margin with
    // churn (the customers who leave pay and cost nothing after; docs/MODEL.md s. 10).
    enum class Objective { Margin, Revenue, MarginWithChurn };
    Objective objective = Objective::Margin;
    double objectiveOf(const GroupFigures& g) const;
    double objectiveSeOf(const GroupFigures& g) const;
    // "margin", "revenue", "margin_with_churn" (--objective)
    QString objectiveName() const;
    static std::optional<Objective> objectiveFromName(const QString& name);
    int cohort = -1; // -1: all cohorts
    std::vector<SearchConstraint> constraints;
    RunOptions run; // seed, trials, threads, cancel
    std::uint64_t checkSeed = 0;
    // Told of each evaluation as it is made (on the optimiser's thread): for a view of
    // the search converging. Optional.
    std::function<void(const std::vector<double>& values, const GroupFigures& figures,
                       bool feasible)>
        onEvaluation;
};

struct OptimizeResult {
    bool feasible = false;
    QString method, why; // why: what made it infeasible
    std::vector<double> values;
    std::vector<double> valueSe; // one field at an equality: SE of the root, else 0
    GroupFigures figures, check;
    std::vector<bool> binds; // per constraint
    struct Evaluation {
        std::vector<double> values;
        double objective = 0;
        bool feasible = false;
    };
    std::vector<Evaluation> evaluations;

    QJsonObject toJson(const OptimizeRequest& request, const QString& package, const QString& mix,
                       const QString& cohort) const;
};

class PriceOptimizer {
public:
    // `grid` has one mix. Throws Cancelled when request.run.cancel is set, InputError for
    // a bill-rise constraint in a scenario with no baseline.
    static OptimizeResult optimise(const PackageGrid& grid, const OptimizeRequest& request);
};

} // namespace marginal
