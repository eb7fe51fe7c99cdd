// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The usage model of one cohort (docs/MODEL.md section 4): activity, lognormal monthly
// totals with AR(1) persistence and growth, token-class shares, tokens per request,
// and the within-month daily profile with end-of-period bursts.
#include "models/domain/TailModel.h"
#include "models/domain/TieredPricing.h"

#include <QJsonObject>
#include <QString>
#include <vector>

namespace marginal {

class JsonNode;

struct BurstSettings {
    double probability = 0.0; // chance a month is a burst month
    int lastDays = 5;         // the burst lands on the month's last days
    double share = 0.0;       // share of the month's tokens used in those days
};

class CohortProfile {
public:
    static constexpr int kDaysPerMonth = 30; // simulated months have 30 days

    QString name;
    int customers = 0;
    double pActive = 1.0;
    double mu = 0.0;     // log-mean of monthly total tokens when active
    double sigma = 1.0;  // log-sd
    TailModel tail;      // lognormal, or a Pareto tail above x_min
    double rho = 0.0;    // AR(1) persistence of the log-usage state
    double growth = 0.0; // per month, trend of log usage: T scales by (1+g)^t
    double outputShare = 0.2;
    double cachedShare = 0.0;       // of input tokens, cache reads
    double cacheWriteShare = 0.0;   // of input tokens, cache writes
    double cacheWrite1hShare = 0.0; // of cache writes, the 1-hour TTL
    double batchShare = 0.0;        // of traffic, sent through batch APIs
    double tokensPerRequest = 2000.0;
    // Log-sd of request input sizes, for long-context tiers (TieredPricing.h): fitted
    // from per-request rows, else the stated default.
    double requestSizeSigma = RequestSizes::kDefaultSigma;
    // The input sizes of this cohort's requests.
    double meanInputPerRequest() const { return tokensPerRequest * (1.0 - outputShare); }
    // Base monthly churn: the chance an active customer leaves after a month, before
    // any response to the bill (docs/MODEL.md, "Churn").
    double churnMonthly = 0.0;
    std::vector<double> dailyWeights; // kDaysPerMonth weights; empty = flat
    BurstSettings burst;
    // Empirical mode: whole monthly token histories of real customers. When set, a
    // simulated customer replays one of them, drawn at random (bootstrap), cycled
    // when the horizon is longer; p_active, mu, sigma and rho are not used then.
    std::vector<std::vector<double>> histories;

    static CohortProfile fromJson(const JsonNode& node);
    // Why this usage model could draw a customer-month beyond limits::kMonthlyTokens
    // within `horizonMonths` (at six standard deviations, with growth), or empty.
    QString tokenBoundProblem(int horizonMonths) const;
    QJsonObject toJson() const;
};

} // namespace marginal
