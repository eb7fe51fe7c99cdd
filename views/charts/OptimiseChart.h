// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The price search converging: every evaluation the optimiser makes, in order. A
// search for the best objective (mean margin or revenue per customer) shows each
// evaluation's objective, feasible ones as dots, those breaking a constraint as grey
// crosses, and the best feasible so far as a step line; a search for where a figure
// equals a target (GM% = 30) shows that figure closing in on the target's line.
#include "views/charts/PlotWidget.h"

#include <optional>
#include <vector>

class QCPGraph;

namespace marginal {

class OptimiseChart : public PlotWidget {
    Q_OBJECT
public:
    explicit OptimiseChart(QWidget* parent = nullptr);
    // Starts a new search; `what` names the figure drawn, `target` the value it is to
    // reach (none: the figure is maximised).
    void clear(const QString& what, std::optional<double> target = std::nullopt);
    void addEvaluation(double value, bool feasible);
    QCPGraph& feasible() const { return *feasible_; }
    QCPGraph& infeasible() const { return *infeasible_; }
    QCPGraph& best() const { return *best_; }
    QCPGraph& target() const { return *target_; }

private:
    QCPGraph *feasible_, *infeasible_, *best_, *target_;
    std::optional<double> targetValue_;
    int count_ = 0;
    double lowest_ = 0, highest_ = 0; // of the objectives so far
};

} // namespace marginal
