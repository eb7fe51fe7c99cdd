// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tornado of one package under one mix (docs/MODEL.md section 12): a factor per
// row, the largest swing on top, a bar from zero to the change in mean margin per
// customer with the factor at its low end and one with it at its high end, each with
// its 95% interval (1.96 paired SE). Hover says the factor's values, the changes and
// their SEs, and the GM% change.
#include "simulator/search/SensitivityAnalysis.h"
#include "views/charts/PlotWidget.h"

#include <vector>

class QCPBars;
class QCPErrorBars;

namespace marginal {

class TornadoChart : public PlotWidget {
    Q_OBJECT
public:
    explicit TornadoChart(QWidget* parent = nullptr);
    // `rows`: one package x mix's, largest swing first (SensitivityResult::rows).
    void setRows(const std::vector<TornadoRow>& rows);
    const std::vector<TornadoRow>& rows() const { return shown_; }
    QCPBars& lowBars() const { return *low_; }
    QCPBars& highBars() const { return *high_; }
    QCPErrorBars& lowErrors() const { return *lowErrors_; }
    QCPErrorBars& highErrors() const { return *highErrors_; }
    // The tooltip text for row `i` (what hover shows).
    QString describe(int i) const;

private:
    std::vector<TornadoRow> shown_;
    QCPBars *low_, *high_;
    QCPErrorBars *lowErrors_, *highErrors_;
};

} // namespace marginal
