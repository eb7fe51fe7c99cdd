// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What one customer-month under one package comes to (docs/MODEL.md section 6,
// steps 4-8): invoice lines, credits, served tokens. Apart from the billing step
// (MonthBilling.h) so that the statistics and the tables that read an outcome do not
// recompile with every change to the billing rules.

namespace marginal {

// Every field is set by billMonth (no default member initialisers: zeroing this
// struct for each of billions of customer-months was a measurable cost).
struct MonthOutcome {
    // Invoice lines (USD).
    double fixedCharge;
    double overageCharge;
    double topUpCharge;
    double outcomeCharge;
    double trueUp;
    double fees;
    double revenue; // charges - fees
    double cost;    // supplier cost of served tokens
    double margin;
    // Credits.
    double demanded;    // credits the month's usage would burn
    double fromBalance; // burned from the balance
    double overageCredits;
    double blockedCredits;
    double throttledCredits; // demand served on the throttle model
    // Included credits: granted this month; used from any month's grant (rolled over
    // or this month's); expired unused (breakage). Top-up credits that expired unused
    // are apart (docs/MODEL.md section 8, "Credit columns").
    double includedGranted;
    double includedUsed;
    double breakage;
    double topUpExpired;
    int packsBought;
    // Tokens served on the package's models (not blocked, not throttled).
    double tokensServed;
    // Days 1..30; 0 = did not happen.
    int includedRunOutDay;
    int blockedDays;
    bool capHit; // demand was blocked or throttled
};

// What the customer is invoiced for the month (before the payment fees the business
// pays): the bill that lineups compare and migration measures.
inline double invoiceOf(const MonthOutcome& o) {
    return o.revenue + o.fees;
}

} // namespace marginal
