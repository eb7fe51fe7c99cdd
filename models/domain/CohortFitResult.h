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

// The heavy-tail fit of a cohort's monthly totals (simulator/analysis/TailFit.h).
struct TailFitReport {
    bool fitted = false; // enough active months for a tail (TailFit::kMinTailMonths)
    double xMin = 0.0, alpha = 0.0;
    // The lognormal body under that tail, fitted with the months above x_min censored:
    // the cohort's mu and sigma when the tail is chosen.
    double bodyMu = 0.0, bodySigma = 0.0;
    std::int64_t tailMonths = 0; // months at or above x_min
    double ksDistance = 0.0;     // of those months to their Pareto
    double vuongStatistic = 0.0; // > 0: the data favour the Pareto tail over the lognormal's
    double vuongPValue = 1.0;    // two-sided
    TailModel::Kind favoured = TailModel::Kind::LogNormal; // the model simulations draw from

    QJsonObject toJson() const;
    static TailFitReport fromJson(const JsonNode& node);
};

struct FittedCohort {
    CohortProfile profile; // ready for a scenario (customers = customers seen)
    // The lognormal fitted to all active months: the profile's mu and sigma, unless the
    // profile draws from a Pareto tail (then the body's, TailFitReport).
    double logNormalMu = 0.0, logNormalSigma = 0.0;
    double muStandardError = 0.0;
    double sigmaStandardError = 0.0;
    double ksStatistic = 0.0; // Kolmogorov-Smirnov distance, log-normal fit vs data
    // Calibrated by a parametric bootstrap of whole customers (TailFit), with
    // ksReplicates samples; 0 replicates: a fit stored before calibration.
    double ksPValue = 0.0;
    int ksReplicates = 0;
    TailFitReport tail;

    // The profile drawing its months from `kind`: the log-normal fitted to all months,
    // or the censored body with its Pareto tail (when one was fitted with a finite mean
    // a cohort accepts, alpha in (1.01, 20]; else the profile as it is).
    CohortProfile profileWith(TailModel::Kind kind) const;
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
