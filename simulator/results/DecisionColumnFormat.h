// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a decision-table column reads on screen: a header with its unit, and the value
// in the unit a finance reader expects (currency with thousands separators, shares and
// GM% in percent). The machine text of decision_table.csv is parsed and re-rendered,
// so the screen can never show a different number from the file, only a rounder one.
#include <QString>

namespace marginal {

class DecisionColumnFormat {
public:
    enum class Kind {
        Text,      // package, mix, cohort
        Count,     // customers, samples: 12,345
        Usd,       // $1,234.56 (negative: -$1,234.56)
        UsdSe,     // ±$1.23
        Percent,   // a GM% already in percent: 61.2%
        PercentSe, // ±0.12 pp
        Share,     // a 0-1 share shown as 12.3%
        ShareSe,   // ±0.4 pp
        Credits,   // 12,345.6
        Day,       // day of the month, blank: never
        Days       // 0.42
    };

    // The format of machine column `name` (decision_table.csv's header).
    static DecisionColumnFormat of(const QString& name);

    Kind kind() const { return kind_; }
    // The on-screen header: "Margin / customer ($)", "P(margin < 0)", ...
    QString label() const { return label_; }
    // `machineText` as decision_table.csv writes it, rendered for the screen.
    QString display(const QString& machineText) const;
    bool isNumeric() const { return kind_ != Kind::Text; }

private:
    DecisionColumnFormat(Kind kind, QString label) : kind_(kind), label_(std::move(label)) {}
    Kind kind_;
    QString label_;
};

} // namespace marginal
