// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Historical replay (deterministic): every package applied to every customer's actual
// usage, month by month, from the customer's first month to the end of the data,
// through the same billing step as the simulator. Traceable: each customer-month
// line goes from tokens to credits to invoice lines.
#include "models/domain/PriceCatalog.h"
#include "models/domain/PricingPackage.h"
#include "models/domain/UnpricedUsage.h"
#include "models/domain/UsageRecord.h"
#include "models/domain/UsageSource.h"
#include "simulator/engine/MonthOutcome.h"

#include <functional>
#include <string>
#include <vector>

namespace marginal {

struct ReplayLine {
    std::string customerId;
    int month = 0; // year * 12 + month - 1
    int package = 0;
    double tokens = 0.0;
    MonthOutcome outcome{};
};

struct ReplayCustomer {
    std::string customerId;
    int package = 0;
    int months = 0;
    double tokens = 0, credits = 0, revenue = 0, cost = 0;
    double fixedCharge = 0, overageCharge = 0, topUpCharge = 0, trueUp = 0, outcomeCharge = 0,
           fees = 0;
    double blockedCredits = 0, breakage = 0;
    double margin() const { return revenue - cost; }
};

struct ReplaySpan {
    int firstMonth = 0, lastMonth = 0;
    std::int64_t customers = 0;
    UnpricedUsage unpriced; // usage of these models costs 0 and burns no credits
};

struct ReplayResult : ReplaySpan {
    std::vector<ReplayCustomer> customers; // customer-major, then package
};

class HistoryReplay {
public:
    using CustomerVisitor = std::function<void(const ReplayCustomer&)>;
    using LineVisitor = std::function<void(const ReplayLine&)>;

    // Streams the replay: `source` gives each customer's records together, customers in
    // ascending order of id (a project's order), so only one customer's usage is held;
    // `lastMonth` is the month of the latest record (year * 12 + month - 1), where
    // every customer's replay ends. `customer` receives each customer's totals per
    // package, `line` (optional) every customer-month line, in customer order.
    // Throws InputError when a package burns per token and has no rates for a model
    // in the data, a throttle model has no price, the records are not grouped by
    // customer, or one is after `lastMonth`.
    static ReplaySpan stream(const UsageSource& source, const PriceCatalog& catalog,
                             const std::vector<PricingPackage>& packages, int lastMonth,
                             const CustomerVisitor& customer, const LineVisitor& line = {});

    // The same over records read twice (the first time for the month range), with the
    // customers' totals kept in the result: for small sources.
    static ReplayResult run(const UsageSource& source, const PriceCatalog& catalog,
                            const std::vector<PricingPackage>& packages,
                            const LineVisitor& lines = {});
};

} // namespace marginal
