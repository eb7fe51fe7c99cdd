#pragma once
// Cohorts from data (DOMAIN.md section 4): customers ranked by mean monthly supplier
// cost at catalog prices and cut into low / medium / heavy at settable percentiles
// (default P50 / P90); concentration (top-10% shares, Gini, Lorenz curve); and per
// cohort a fitted usage profile the simulator can run (Boost.Math for the
// distributions and the goodness of fit).
#include "models/domain/CohortProfile.h"
#include "models/domain/ModelMix.h"
#include "models/domain/PriceCatalog.h"
#include "models/domain/UsageRecord.h"

#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace marginal {

struct FittedCohort {
    CohortProfile profile; // ready for a scenario (customers = customers seen)
    double muStandardError = 0.0;
    double sigmaStandardError = 0.0;
    double ksStatistic = 0.0; // Kolmogorov-Smirnov distance, log-normal fit vs data
    double ksPValue = 0.0;    // asymptotic (Kolmogorov distribution); parameters fitted
    std::int64_t activeMonths = 0;
    std::int64_t customerMonths = 0;
    std::int64_t rhoPairs = 0;           // consecutive active month pairs behind rho
    double meanMonthlyCost = 0.0;        // USD per customer-month (active or not)
    double minCost = 0.0, maxCost = 0.0; // range of customers' mean monthly cost
};

struct Concentration {
    double top10TokenShare = 0.0;
    double top10CostShare = 0.0;
    double giniTokens = 0.0;
    double giniCost = 0.0;
    // Lorenz curve of cost: (share of customers, share of cost), customers ascending.
    std::vector<std::pair<double, double>> lorenzCost;
};

struct CohortFitResult {
    std::vector<FittedCohort> cohorts; // low, medium, heavy (those with customers)
    Concentration concentration;
    ModelMix observedMix;              // token shares by model per cohort
    int firstMonth = 0, lastMonth = 0; // month indexes (year * 12 + month - 1)
    std::int64_t customers = 0, records = 0;
    QStringList unpricedModels; // not in the catalog: priced at 0
    std::int64_t unpricedTokens = 0;
    std::vector<double> cutPoints; // percentiles, e.g. {50, 90}

    QJsonObject toJson() const;
};

class CohortFit {
public:
    // `forEachRecord` visits every usage record (in any order). Prices are those in
    // force in each record's month.
    static CohortFitResult
    fit(const std::function<void(const std::function<void(const UsageRecord&)>&)>& forEachRecord,
        const PriceCatalog& catalog, std::vector<double> cutPercentiles = {50.0, 90.0});

    // The three cohort names for two cut points (more cuts: "cohort1", ...).
    static QStringList cohortNames(int cuts);
};

} // namespace marginal
