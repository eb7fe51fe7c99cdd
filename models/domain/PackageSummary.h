// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One plain-language line that says what a package charges and what happens at a zero
// balance, generated from its fields so it can never go stale after an edit (a
// hand-written description did: "$19/month" after the fee became 39).
#include <QString>

namespace marginal {

class PricingPackage;

class PackageSummary {
public:
    static QString sentence(const PricingPackage& package);
    // "$1,125", "$0.30", "$0.0125": the fewest decimals (at least 2 unless whole) that
    // show the amount exactly, up to 6.
    static QString money(double usd);
    // "2,900", "0.5": English digits with thousands separators.
    static QString number(double value);
};

} // namespace marginal
