// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Historical replay (deterministic): every package applied to every customer's actual
// usage, month by month, from the customer's first month to the end of the data,
// through the same billing step as the simulator. Traceable: each customer-month
// line goes from tokens to credits to invoice lines.
#include "models/domain/PriceCatalog.h"
#include "models/domain/PricingPackage.h"
#include "models/domain/UsageRecord.h"
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

struct ReplayResult {
    std::vector<ReplayCustomer> customers; // customer-major, then package
    int firstMonth = 0, lastMonth = 0;
    QStringList unpricedModels; // usage of these models costs 0 and burns no credits
};

class HistoryReplay {
public:
    // `lines` (optional) receives every customer-month line, in customer order.
    // Throws InputError when a package burns per token and has no rates for a model
    // in the data, or a throttle model has no price.
    static ReplayResult
    run(const std::function<void(const std::function<void(const UsageRecord&)>&)>& forEachRecord,
        const PriceCatalog& catalog, const std::vector<PricingPackage>& packages,
        const std::function<void(const ReplayLine&)>& lines = {});
};

} // namespace marginal
