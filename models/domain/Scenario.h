// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A simulation scenario: horizon, cohorts, trials, seed, the packages and model mixes
// to compare, the price catalog and repricing events. Loaded from a JSON file whose
// catalog, packages and mixes are either inline or paths relative to it.
#include "models/domain/CohortProfile.h"
#include "models/domain/Lineup.h"
#include "models/domain/ModelMix.h"
#include "models/domain/PriceCatalog.h"
#include "models/domain/PricingPackage.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace marginal {

// From `month` (0-based index into the horizon) on, the model's prices are scaled:
// a provider cutting output prices by 67% is {"output": 0.33}.
struct RepricingEvent {
    int month = 0;
    QString model;
    TokenPrices factors{1.0, 1.0, 1.0, 1.0, 1.0, 1.0}; // batchMultiplier unused
};

class Scenario {
public:
    QString name;
    QString fileName; // the file it was read from (empty when built in memory)
    QDate startMonth;
    int horizonMonths = 12;
    int trials = 100;
    std::optional<quint64> seed; // none: the run draws one and records it
    PriceCatalog catalog;
    std::vector<PricingPackage> packages;
    std::vector<ModelMix> mixes;
    std::vector<CohortProfile> cohorts;
    std::vector<RepricingEvent> repricing;
    // Lineups evaluated beside the single packages, on the same draws.
    std::vector<Lineup> lineups;
    // Migration (docs/MODEL.md, "Migration, bill shock, churn"): the package or lineup
    // customers are on today (empty: none), how churn responds to a bill rise over it,
    // and the bill jump that counts as a shock.
    QString baseline;
    double billElasticity = 0.0;
    std::optional<double> shockFactor; // none: 2
    double shockFactorOr2() const { return shockFactor.value_or(2.0); }
    // Bill change, shock and churn figures are computed only when asked for (a
    // baseline, a churn rate or a shock factor): they cost a pass over each customer.
    bool migrationAnalysis() const;
    const Lineup* findLineup(const QString& name) const;
    // The scenario's "growth" (monthly usage growth): overrides every cohort's, the
    // cohorts fitted from a project's usage included.
    std::optional<double> growth;
    QStringList inputFiles; // every file read, for the run record's hashes

    static constexpr int kMaxHorizon = 120;
    static constexpr qint64 kMaxSeed = 9007199254740991; // 2^53-1: exact in JSON

    static Scenario loadFile(const QString& fileName);
    // Everything inline (catalog, packages, mixes, cohorts, repricing): a file that
    // fromJson() reads back to the same scenario, whatever files it came from.
    QJsonObject toJson() const;
    // `baseDir` resolves relative file references.
    static Scenario fromJson(const JsonNode& root, const QString& baseDir);

    // The month index's calendar date (first of the month).
    QDate monthDate(int month) const { return startMonth.addMonths(month); }
    // Replaces the cohorts (e.g. with those fitted from a project's data) and adds
    // `extraMix` (the mix observed in the data) when given. Throws InputError, naming
    // `source`, when a mix has no shares for a cohort or a mixed model has no price.
    void useCohorts(std::vector<CohortProfile> fitted, const ModelMix* extraMix,
                    const QString& source);

    // Prices of a model in force at a horizon month, repricing applied; throws
    // InputError naming the scenario when the catalog has no price then.
    TokenPrices pricesAt(const QString& model, int month) const;

private:
    void checkReferences(const JsonNode& root) const;
    void readMigration(const JsonNode& root);
    // A by_cohort lineup's first cohort without a package; empty when none.
    QString unassignedCohort(const Lineup& lineup) const;
    // Every by_cohort lineup names a package for every cohort; throws InputError.
    void checkLineupCohorts(const QString& source) const;
};

} // namespace marginal
