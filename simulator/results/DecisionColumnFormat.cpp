// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/DecisionColumnFormat.h"

#include <QHash>
#include <QLocale>
#include <cmath>

namespace marginal {

namespace {

using Kind = DecisionColumnFormat::Kind;

struct Entry {
    Kind kind;
    const char* label;
};

// One line per machine column of ResultSummary::decisionColumns(), and the baseline
// difference columns DecisionTableModel adds. A column missing here shows its machine
// name as plain text (tst_DecisionTableModel checks that none is missing).
const QHash<QString, Entry>& entries() {
    static const QHash<QString, Entry> table = {
        {"package", {Kind::Text, "Package"}},
        {"mix", {Kind::Text, "Model mix"}},
        {"cohort", {Kind::Text, "Cohort"}},
        {"customers", {Kind::Count, "Customers"}},
        {"samples", {Kind::Count, "Samples"}},
        {"mean_revenue_usd", {Kind::Usd, "Revenue / customer ($)"}},
        {"mean_revenue_se", {Kind::UsdSe, "± revenue ($)"}},
        {"mean_cost_usd", {Kind::Usd, "Cost / customer ($)"}},
        {"mean_cost_se", {Kind::UsdSe, "± cost ($)"}},
        {"mean_margin_usd", {Kind::Usd, "Margin / customer ($)"}},
        {"mean_margin_se", {Kind::UsdSe, "± margin ($)"}},
        {"gm_pct", {Kind::Percent, "GM %"}},
        {"gm_pct_se", {Kind::PercentSe, "± GM (pp)"}},
        {"gm_pct_p5", {Kind::Percent, "GM % P5"}},
        {"gm_pct_p50", {Kind::Percent, "GM % median"}},
        {"gm_pct_p95", {Kind::Percent, "GM % P95"}},
        {"p_margin_negative", {Kind::Share, "P(margin < 0)"}},
        {"p_margin_negative_se", {Kind::ShareSe, "± P(margin < 0) (pp)"}},
        {"zero_revenue_share", {Kind::Share, "Billed nothing"}},
        {"overage_share", {Kind::Share, "Overage share of charges"}},
        {"credit_utilisation", {Kind::Share, "Credit utilisation"}},
        {"mean_breakage_credits", {Kind::Credits, "Breakage / customer (credits)"}},
        {"mean_topup_expired_credits", {Kind::Credits, "Top-up expired / customer (credits)"}},
        {"runout_share", {Kind::Share, "Months credits ran out"}},
        {"runout_day_p10", {Kind::Day, "Run-out day P10"}},
        {"runout_day_p50", {Kind::Day, "Run-out day median"}},
        {"cap_hit_share", {Kind::Share, "Customers capped"}},
        {"mean_blocked_credits", {Kind::Credits, "Blocked / customer (credits)"}},
        {"mean_blocked_days", {Kind::Days, "Blocked days / customer"}},
        {"margin_var5_usd", {Kind::Usd, "Margin VaR 5% ($)"}},
        {"margin_var5_se", {Kind::UsdSe, "± VaR ($)"}},
        {"margin_cvar5_usd", {Kind::Usd, "Margin CVaR 5% ($)"}},
        {"margin_cvar5_se", {Kind::UsdSe, "± CVaR ($)"}},
        {"bill_rise_10_share", {Kind::Share, "Bill up > 10%"}},
        {"bill_rise_50_share", {Kind::Share, "Bill up > 50%"}},
        {"bill_fall_share", {Kind::Share, "Bill down"}},
        {"bill_change_pct_p50", {Kind::Percent, "Bill change median %"}},
        {"bill_change_pct_p95", {Kind::Percent, "Bill change P95 %"}},
        {"shock_share", {Kind::Share, "Customers with a bill shock"}},
        {"shocks_per_customer_year", {Kind::Days, "Shocks / customer-year"}},
        {"retained_share", {Kind::Share, "Retained"}},
        {"mean_revenue_with_churn_usd", {Kind::Usd, "Revenue with churn ($)"}},
        {"mean_margin_with_churn_usd", {Kind::Usd, "Margin with churn ($)"}},
        {"mean_margin_with_churn_se", {Kind::UsdSe, "± margin with churn ($)"}},
        {"margin_vs_baseline_usd", {Kind::Usd, "Δ margin vs baseline ($)"}},
        {"margin_vs_baseline_se", {Kind::UsdSe, "± Δ margin ($)"}},
    };
    return table;
}

QString grouped(double value, int decimals) {
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}

QString usd(double value) {
    const QString digits = grouped(std::abs(value), 2);
    return value < 0 && digits != QLatin1String("0.00") ? QStringLiteral("-$") + digits
                                                        : QStringLiteral("$") + digits;
}

} // namespace

DecisionColumnFormat DecisionColumnFormat::of(const QString& name) {
    const auto found = entries().constFind(name);
    if (found == entries().constEnd())
        return DecisionColumnFormat(Kind::Text, name);
    return DecisionColumnFormat(found->kind, QString::fromUtf8(found->label));
}

QString DecisionColumnFormat::display(const QString& machineText) const {
    bool ok = false;
    const double v = machineText.toDouble(&ok);
    if (kind_ == Kind::Text || !ok) // blank (undefined GM%, never ran out) stays blank
        return machineText;
    switch (kind_) {
    case Kind::Count:
        return grouped(v, 0);
    case Kind::Usd:
        return usd(v);
    case Kind::UsdSe:
        return QStringLiteral("±") + usd(v);
    case Kind::Percent:
        return grouped(v, 1) + QLatin1Char('%');
    case Kind::PercentSe:
        return QStringLiteral("±%1 pp").arg(grouped(v, 2));
    case Kind::Share:
        return grouped(100.0 * v, 1) + QLatin1Char('%');
    case Kind::ShareSe:
        return QStringLiteral("±%1 pp").arg(grouped(100.0 * v, 2));
    case Kind::Credits:
        return grouped(v, 1);
    case Kind::Day:
        return grouped(v, 0);
    case Kind::Days:
        return grouped(v, 2);
    case Kind::Text:
        break;
    }
    return machineText;
}

} // namespace marginal
