// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Usage records gathered into customers, month by month, priced at the prices in
// force in each month: what the cohort fit reads. A project gives its records
// customer by customer (ids ascending), so only one customer is held at a time, and
// the fit's memory does not grow with the number of rows.
#include "models/domain/CohortProfile.h"
#include "models/domain/PriceCatalog.h"
#include "models/domain/UnpricedUsage.h"
#include "models/domain/UsageSource.h"

#include <QStringList>
#include <array>
#include <functional>
#include <limits>
#include <map>
#include <string>

namespace marginal {

struct MonthUsage {
    double uncached = 0, cached = 0, write5m = 0, write1h = 0, output = 0, batch = 0;
    double requests = 0, tokensWithRequests = 0, cost = 0;
    // Per-request rows (one request, one instant): count, and sums of the log of their
    // input size and its square, for the spread of request sizes.
    double singleRequests = 0, requestLogSum = 0, requestLogSquares = 0;
    std::array<double, CohortProfile::kDaysPerMonth> byDay{};
    bool dayResolution = true;
    double total() const { return uncached + cached + write5m + write1h + output; }
};

struct CustomerUsage {
    std::string id;
    std::map<int, MonthUsage> months; // month index (year * 12 + month - 1) -> usage
    std::map<std::string, double> modelTokens;
};

// What a pass over the records counted.
struct UsageTally {
    std::int64_t records = 0, customers = 0;
    int firstMonth = std::numeric_limits<int>::max();
    int lastMonth = std::numeric_limits<int>::min();
    UnpricedUsage unpriced; // models not in the catalog: priced at 0
};

class CustomerUsageReader {
public:
    // Thrown by forEachCustomer when the records are not grouped by customer in
    // ascending id order (sorted() gives a source that is).
    struct NotGrouped {};

    // visit(customer) for every customer, ids ascending (byte order, as SQLite's BINARY
    // collation sorts the project's ids), each with all its records.
    static UsageTally forEachCustomer(const UsageSource& source, const PriceCatalog& catalog,
                                      const std::function<void(const CustomerUsage&)>& visit);

    // The records of `source` in memory, grouped by customer in ascending id order,
    // each customer's in their order: for sources that are not (a test's list).
    static UsageSource sorted(const UsageSource& source);
};

} // namespace marginal
