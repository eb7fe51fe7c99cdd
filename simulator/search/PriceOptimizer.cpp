// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/PriceOptimizer.h"
#include "models/common/Cancelled.h"
#include "models/common/InputError.h"

#include <QJsonArray>
#include <algorithm>
#include <boost/math/tools/roots.hpp>
#include <cmath>

namespace marginal {

namespace {

constexpr int kMaxEvaluations = 600;

class Evaluator {
public:
    Evaluator(const PackageGrid& grid, const OptimizeRequest& request, OptimizeResult& result)
        : grid_(grid), request_(request), result_(result) {}

    std::vector<GroupFigures> figures(const std::vector<std::vector<double>>& points,
                                      std::uint64_t seed, bool record = true) {
        const std::vector<SimulationPlan> plans{grid_.compile(request_.fields, points)};
        RunOptions options = request_.run;
        options.seed = seed;
        options.progress = nullptr;
        const PairedEvaluator::Result r = PairedEvaluator(plans).run(options);
        if (r.trialsDone < options.trials)
            throw Cancelled();
        const int c = request_.cohort < 0 ? r.cohorts : request_.cohort;
        std::vector<GroupFigures> out;
        for (std::size_t i = 0; i < points.size(); ++i) {
            out.push_back(r.arms[i][c]);
            if (record) {
                result_.evaluations.push_back(
                    {points[i], objective(out.back()), feasible(out.back())});
                if (request_.onEvaluation)
                    request_.onEvaluation(points[i], out.back(),
                                          result_.evaluations.back().feasible);
            }
        }
        return out;
    }
    GroupFigures at(const std::vector<double>& point) {
        return figures({point}, request_.run.seed)[0];
    }
    double objective(const GroupFigures& g) const { return request_.objectiveOf(g); }
    bool feasible(const GroupFigures& g) const {
        for (const SearchConstraint& c : request_.constraints)
            if (c.op != SearchConstraint::Op::Equal && !c.holds(g))
                return false;
        return true;
    }

private:
    const PackageGrid& grid_;
    const OptimizeRequest& request_;
    OptimizeResult& result_;
};

void rootOnOneField(Evaluator& eval, const OptimizeRequest& request, const SearchConstraint& eq,
                    OptimizeResult& result) {
    const SearchAxis& axis = request.bounds[0];
    result.method = QStringLiteral("toms748");
    const auto f = [&](double x) { return eq.value(eval.at({x})) - eq.bound; };
    const double fLo = f(axis.lo), fHi = f(axis.hi);
    double root;
    if (fLo == 0.0) {
        root = axis.lo;
    } else if (fHi == 0.0) {
        root = axis.hi;
    } else if ((fLo < 0) == (fHi < 0)) {
        result.why = QStringLiteral("%1 is %2 at %3=%4 and %5 at %3=%6: no value in the bounds "
                                    "reaches %7")
                         .arg(SearchConstraint::metricName(eq.metric))
                         .arg(fLo + eq.bound, 0, 'g', 8)
                         .arg(axis.path)
                         .arg(axis.lo, 0, 'g', 10)
                         .arg(fHi + eq.bound, 0, 'g', 8)
                         .arg(axis.hi, 0, 'g', 10)
                         .arg(eq.bound, 0, 'g', 10);
        return;
    } else {
        boost::uintmax_t iterations = 60;
        const double width = std::max(axis.hi - axis.lo, 1e-300);
        const auto [a, b] = boost::math::tools::toms748_solve(
            f, axis.lo, axis.hi, fLo, fHi,
            [&](double x, double y) { return std::fabs(x - y) <= 1e-10 * width; }, iterations);
        root = 0.5 * (a + b);
    }
    result.values = {root};
    result.figures = eval.at({root});
    // SE of the root: the metric's SE over its slope there (delta method).
    const double h = 1e-3 * std::max(axis.hi - axis.lo, std::fabs(root) * 1e-3);
    const std::vector<GroupFigures> side = eval.figures({{root - h}, {root + h}}, request.run.seed);
    const double slope = (eq.value(side[1]) - eq.value(side[0])) / (2 * h);
    const double se = SearchConstraint::standardError(eq.metric, result.figures);
    result.valueSe = {slope != 0.0 ? se / std::fabs(slope) : 0.0};
    result.feasible = eval.feasible(result.figures);
    if (!result.feasible)
        result.why = QStringLiteral("at %1=%2, where %3, another constraint fails")
                         .arg(axis.path)
                         .arg(root, 0, 'g', 10)
                         .arg(eq.text);
    for (const SearchConstraint& c : request.constraints)
        result.binds.push_back(c.op == SearchConstraint::Op::Equal || !c.holds(result.figures));
}

void patternSearch(Evaluator& eval, const OptimizeRequest& request, OptimizeResult& result) {
    const int k = int(request.bounds.size());
    result.method = QStringLiteral("grid + pattern search");
    std::vector<SearchAxis> coarse = request.bounds;
    const int steps = k == 1 ? 21 : k == 2 ? 11 : 5;
    for (SearchAxis& a : coarse)
        a.steps = a.hi > a.lo ? steps : 1;
    const std::vector<std::vector<double>> points = gridPoints(coarse);
    const std::vector<GroupFigures> g = eval.figures(points, request.run.seed);
    int best = -1;
    for (int i = 0; i < int(points.size()); ++i)
        if (eval.feasible(g[i]) && (best < 0 || eval.objective(g[i]) > eval.objective(g[best])))
            best = i;
    if (best < 0) {
        result.why = QStringLiteral("no point of a %1-point grid over the bounds meets the "
                                    "constraints")
                         .arg(points.size());
        return;
    }
    std::vector<double> x = points[best];
    GroupFigures fx = g[best];
    std::vector<double> step(k);
    for (int i = 0; i < k; ++i)
        step[i] = (coarse[i].hi - coarse[i].lo) / std::max(1, coarse[i].steps - 1);
    std::vector<bool> blocked(request.constraints.size(), false);
    while (int(result.evaluations.size()) < kMaxEvaluations) {
        std::vector<std::vector<double>> around;
        for (int i = 0; i < k; ++i)
            for (const double dir : {-1.0, 1.0}) {
                std::vector<double> y = x;
                y[i] = std::clamp(x[i] + dir * step[i], request.bounds[i].lo, request.bounds[i].hi);
                if (y[i] != x[i])
                    around.push_back(y);
            }
        if (around.empty())
            break;
        const std::vector<GroupFigures> ga = eval.figures(around, request.run.seed);
        int move = -1;
        std::fill(blocked.begin(), blocked.end(), false);
        for (int j = 0; j < int(around.size()); ++j) {
            if (eval.objective(ga[j]) <= eval.objective(fx))
                continue;
            if (eval.feasible(ga[j])) {
                if (move < 0 || eval.objective(ga[j]) > eval.objective(ga[move]))
                    move = j;
            } else {
                for (std::size_t c = 0; c < request.constraints.size(); ++c)
                    if (!request.constraints[c].holds(ga[j]))
                        blocked[c] = true;
            }
        }
        if (move >= 0) {
            x = around[move];
            fx = ga[move];
            continue;
        }
        bool small = true;
        for (int i = 0; i < k; ++i) {
            step[i] *= 0.5;
            small = small &&
                    step[i] <= 1e-6 * std::max(request.bounds[i].hi - request.bounds[i].lo, 1e-300);
        }
        if (small)
            break;
    }
    result.feasible = true;
    result.values = x;
    result.valueSe.assign(k, 0.0);
    result.figures = fx;
    result.binds = blocked;
}

QJsonObject figuresJson(const OptimizeRequest& request, const GroupFigures& g) {
    QJsonArray constraints;
    for (const SearchConstraint& c : request.constraints)
        constraints.append(QJsonObject{
            {QStringLiteral("constraint"), c.text},
            {QStringLiteral("value"), c.value(g)},
            {QStringLiteral("se"), SearchConstraint::standardError(c.metric, g)},
            {QStringLiteral("holds"),
             c.op == SearchConstraint::Op::Equal ? QJsonValue() : QJsonValue(c.holds(g))}});
    return QJsonObject{
        {QStringLiteral("objective"), request.objectiveOf(g)},
        {QStringLiteral("objective_se"), request.objectiveSeOf(g)},
        {QStringLiteral("mean_margin_usd"), g.meanMargin},
        {QStringLiteral("mean_margin_se"), g.meanMarginSe},
        {QStringLiteral("mean_revenue_usd"), g.meanRevenue},
        {QStringLiteral("gm_pct"), g.gmDefined ? QJsonValue(g.gmPercent) : QJsonValue()},
        {QStringLiteral("gm_pct_se"), g.gmPercentSe},
        {QStringLiteral("p_margin_negative"), g.pNegative},
        {QStringLiteral("bill_rise_10_share"),
         g.baselineDefined ? QJsonValue(g.billRise10Share) : QJsonValue()},
        {QStringLiteral("mean_margin_with_churn_usd"),
         g.migrationDefined ? QJsonValue(g.meanMarginWithChurn) : QJsonValue()},
        {QStringLiteral("constraints"), constraints}};
}

} // namespace

double OptimizeRequest::objectiveOf(const GroupFigures& g) const {
    switch (objective) {
    case Objective::Revenue:
        return g.meanRevenue;
    case Objective::MarginWithChurn:
        // Without churn nobody leaves: the margin with churn is the margin.
        return g.migrationDefined ? g.meanMarginWithChurn : g.meanMargin;
    case Objective::Margin:
        break;
    }
    return g.meanMargin;
}

double OptimizeRequest::objectiveSeOf(const GroupFigures& g) const {
    switch (objective) {
    case Objective::Revenue:
        return g.meanRevenueSe;
    case Objective::MarginWithChurn:
        return g.migrationDefined ? g.meanMarginWithChurnSe : g.meanMarginSe;
    case Objective::Margin:
        break;
    }
    return g.meanMarginSe;
}

QString OptimizeRequest::objectiveName() const {
    switch (objective) {
    case Objective::Revenue:
        return QStringLiteral("revenue");
    case Objective::MarginWithChurn:
        return QStringLiteral("margin_with_churn");
    case Objective::Margin:
        break;
    }
    return QStringLiteral("margin");
}

std::optional<OptimizeRequest::Objective> OptimizeRequest::objectiveFromName(const QString& name) {
    for (const Objective o : {Objective::Margin, Objective::Revenue, Objective::MarginWithChurn}) {
        OptimizeRequest r;
        r.objective = o;
        if (r.objectiveName() == name)
            return o;
    }
    return std::nullopt;
}

OptimizeResult PriceOptimizer::optimise(const PackageGrid& grid, const OptimizeRequest& request) {
    // Without a baseline no bill rises: such a bound would hold for nothing.
    for (const SearchConstraint& c : request.constraints)
        if (c.metric == SearchConstraint::Metric::BillRise10 && grid.scenario().baseline.isEmpty())
            throw InputError(grid.scenario().fileName, QStringLiteral("constraint %1").arg(c.text),
                             QStringLiteral("the scenario has no baseline to compare bills with "
                                            "(\"baseline\": a package or lineup, today's plan; "
                                            "in the app, on the Lineups page)"));
    OptimizeResult result;
    Evaluator eval(grid, request, result);
    const SearchConstraint* equality = nullptr;
    for (const SearchConstraint& c : request.constraints)
        if (c.op == SearchConstraint::Op::Equal)
            equality = &c;
    if (equality)
        rootOnOneField(eval, request, *equality, result);
    else
        patternSearch(eval, request, result);
    if (!result.values.empty())
        result.check = eval.figures({result.values}, request.checkSeed, false)[0];
    return result;
}

QJsonObject OptimizeResult::toJson(const OptimizeRequest& request, const QString& package,
                                   const QString& mix, const QString& cohort) const {
    QJsonArray fields;
    for (std::size_t i = 0; i < request.fields.size(); ++i) {
        QJsonObject f{{QStringLiteral("field"), request.fields[i].path()},
                      {QStringLiteral("lo"), request.bounds[i].lo},
                      {QStringLiteral("hi"), request.bounds[i].hi},
                      {QStringLiteral("current"), request.fields[i].current()}};
        if (i < values.size()) {
            f.insert(QStringLiteral("value"), values[i]);
            f.insert(QStringLiteral("value_se"), valueSe[i]);
        }
        fields.append(f);
    }
    QJsonArray bindsJson;
    for (std::size_t c = 0; c < binds.size(); ++c)
        if (binds[c])
            bindsJson.append(request.constraints[c].text);
    QJsonArray evals;
    for (const Evaluation& e : evaluations) {
        QJsonArray v;
        for (const double x : e.values)
            v.append(x);
        evals.append(QJsonObject{{QStringLiteral("values"), v},
                                 {QStringLiteral("objective"), e.objective},
                                 {QStringLiteral("feasible"), e.feasible}});
    }
    QJsonObject root{{QStringLiteral("package"), package},
                     {QStringLiteral("mix"), mix},
                     {QStringLiteral("cohort"), cohort},
                     {QStringLiteral("objective"), request.objectiveName()},
                     {QStringLiteral("seed"), QString::number(request.run.seed)},
                     {QStringLiteral("trials"), qint64(request.run.trials)},
                     {QStringLiteral("method"), method},
                     {QStringLiteral("feasible"), feasible},
                     {QStringLiteral("fields"), fields},
                     {QStringLiteral("binding_constraints"), bindsJson},
                     {QStringLiteral("evaluation_count"), qint64(evaluations.size())},
                     {QStringLiteral("evaluations"), evals}};
    if (!why.isEmpty())
        root.insert(QStringLiteral("why"), why);
    if (!values.empty()) {
        root.insert(QStringLiteral("at_optimum"), figuresJson(request, figures));
        QJsonObject c = figuresJson(request, check);
        c.insert(QStringLiteral("seed"), QString::number(request.checkSeed));
        root.insert(QStringLiteral("fresh_draws"), c);
    }
    return root;
}

} // namespace marginal
