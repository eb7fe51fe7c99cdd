// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What fitting cohorts to a project's usage found (docs/MODEL.md section 4): per cohort
// a usage profile the simulator can run and how well it fits, the concentration of
// usage, and the model mix observed in the data. Plain data with its JSON form, so the
// project can keep it and every front end runs on the same fit; the fitting itself is
// simulator/analysis/CohortFit.
#include "models/domain/CohortProfile.h"
#include "models/domain/ModelMix.h"

#include "models/domain/UnpricedUsage.h"

#include <QJsonObject>
#include <QStringList>
#include <cstdint>
#include <utility>
#include <vector>

namespace marginal {

class JsonNode;

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
    UnpricedUsage unpriced;        // models not in the catalog: priced at 0
    std::vector<double> cutPoints; // percentiles, e.g. {50, 90}

    QJsonObject toJson() const;
    // Reads toJson()'s output back; throws InputError naming `root`'s path.
    static CohortFitResult fromJson(const JsonNode& root);
    // "YYYY-MM" of a month index.
    static QString monthText(int monthIndex);
};

} // namespace marginal
