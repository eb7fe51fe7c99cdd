// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/Scenario.h"

#include "models/common/InputError.h"
#include "models/json/JsonNode.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <algorithm>

namespace marginal {

namespace {

// A member that is either an inline object or a path to a JSON file.
JsonNode resolve(const JsonNode& node, const QString& baseDir, QStringList& inputFiles) {
    if (!node.isString())
        return node;
    const QString path = QDir(baseDir).filePath(node.toString());
    if (!QFileInfo::exists(path))
        node.reject(QStringLiteral("file not found: %1").arg(path));
    inputFiles.append(QFileInfo(path).absoluteFilePath());
    return JsonNode::parseFile(path);
}

} // namespace

Scenario Scenario::loadFile(const QString& fileName) {
    const JsonNode root = JsonNode::parseFile(fileName);
    Scenario s = fromJson(root, QFileInfo(fileName).absolutePath());
    s.fileName = fileName;
    s.inputFiles.prepend(QFileInfo(fileName).absoluteFilePath());
    return s;
}

QJsonObject Scenario::toJson() const {
    QJsonArray packageArray, mixArray, cohortArray, repricingArray;
    for (const PricingPackage& p : packages)
        packageArray.append(p.toJson());
    for (const ModelMix& m : mixes)
        mixArray.append(m.toJson());
    for (const CohortProfile& c : cohorts)
        cohortArray.append(c.toJson());
    for (const RepricingEvent& e : repricing) {
        QJsonObject scale;
        const auto put = [&](const char* key, double factor) {
            if (factor != 1.0)
                scale.insert(QLatin1String(key), factor);
        };
        put("input", e.factors.input);
        put("cached_input", e.factors.cachedInput);
        put("cache_write_5m", e.factors.cacheWrite5m);
        put("cache_write_1h", e.factors.cacheWrite1h);
        put("output", e.factors.output);
        repricingArray.append(QJsonObject{{QStringLiteral("month"), e.month},
                                          {QStringLiteral("model"), e.model},
                                          {QStringLiteral("scale"), scale}});
    }
    QJsonObject root{
        {QStringLiteral("name"), name},
        {QStringLiteral("start_month"), startMonth.toString(QStringLiteral("yyyy-MM"))},
        {QStringLiteral("horizon_months"), horizonMonths},
        {QStringLiteral("trials"), trials},
        {QStringLiteral("catalog"), catalog.toJson()},
        {QStringLiteral("packages"), packageArray},
        {QStringLiteral("mixes"), mixArray},
        {QStringLiteral("cohorts"), cohortArray}};
    if (seed)
        root.insert(QStringLiteral("seed"), qint64(*seed));
    if (!repricingArray.isEmpty())
        root.insert(QStringLiteral("repricing"), repricingArray);
    if (growth)
        root.insert(QStringLiteral("growth"), *growth);
    if (!lineups.empty()) {
        QJsonArray lineupArray;
        for (const Lineup& l : lineups)
            lineupArray.append(l.toJson());
        root.insert(QStringLiteral("lineups"), lineupArray);
    }
    if (!baseline.isEmpty())
        root.insert(QStringLiteral("baseline"), baseline);
    if (billElasticity != 0.0)
        root.insert(QStringLiteral("bill_elasticity"), billElasticity);
    if (shockFactor)
        root.insert(QStringLiteral("shock_factor"), *shockFactor);
    return root;
}

Scenario Scenario::fromJson(const JsonNode& root, const QString& baseDir) {
    root.requireOnlyKeys(
        {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("start_month"),
         QStringLiteral("horizon_months"), QStringLiteral("trials"), QStringLiteral("seed"),
         QStringLiteral("catalog"), QStringLiteral("packages"), QStringLiteral("mixes"),
         QStringLiteral("cohorts"), QStringLiteral("growth"), QStringLiteral("repricing"),
         QStringLiteral("lineups"), QStringLiteral("baseline"), QStringLiteral("bill_elasticity"),
         QStringLiteral("shock_factor")});
    Scenario s;
    s.name = root[QStringLiteral("name")].toString();
    s.startMonth = root[QStringLiteral("start_month")].toDate();
    s.startMonth = QDate(s.startMonth.year(), s.startMonth.month(), 1);
    s.horizonMonths = root[QStringLiteral("horizon_months")].toInt(1, kMaxHorizon);
    s.trials = root.optional(QStringLiteral("trials")).toIntOr(100, 1, 100000000);
    const JsonNode seed = root.optional(QStringLiteral("seed"));
    if (!seed.isNull())
        s.seed = quint64(seed.toInt64(0, kMaxSeed));

    const JsonNode catalogRef = root[QStringLiteral("catalog")];
    if (catalogRef.isString()) {
        const QString path = QDir(baseDir).filePath(catalogRef.toString());
        if (!QFileInfo::exists(path))
            catalogRef.reject(QStringLiteral("file not found: %1").arg(path));
        s.inputFiles.append(QFileInfo(path).absoluteFilePath());
        s.catalog = PriceCatalog::loadFile(path, s.startMonth);
    } else {
        s.catalog = PriceCatalog::fromJson(catalogRef);
    }

    const JsonNode packages = root[QStringLiteral("packages")];
    if (packages.size() == 0)
        packages.fail(QStringLiteral("at least one package"));
    QSet<QString> packageNames;
    packages.forEach([&](const JsonNode& ref) {
        PricingPackage p = PricingPackage::fromJson(resolve(ref, baseDir, s.inputFiles));
        if (packageNames.contains(p.name))
            ref.reject(QStringLiteral("package name \"%1\" is used twice").arg(p.name));
        packageNames.insert(p.name);
        s.packages.push_back(std::move(p));
    });

    const JsonNode mixes = root[QStringLiteral("mixes")];
    if (mixes.size() == 0)
        mixes.fail(QStringLiteral("at least one model mix"));
    QSet<QString> mixNames;
    mixes.forEach([&](const JsonNode& ref) {
        ModelMix m = ModelMix::fromJson(resolve(ref, baseDir, s.inputFiles));
        if (mixNames.contains(m.name))
            ref.reject(QStringLiteral("mix name \"%1\" is used twice").arg(m.name));
        mixNames.insert(m.name);
        s.mixes.push_back(std::move(m));
    });

    const JsonNode cohorts = root[QStringLiteral("cohorts")];
    if (cohorts.size() == 0)
        cohorts.fail(QStringLiteral("at least one cohort"));
    QSet<QString> cohortNames;
    if (const JsonNode growth = root.optional(QStringLiteral("growth")); !growth.isNull())
        s.growth = growth.toNumber(-0.99, 10.0);
    cohorts.forEach([&](const JsonNode& node) {
        CohortProfile c = CohortProfile::fromJson(node);
        if (cohortNames.contains(c.name) || c.name == QLatin1String("all"))
            node[QStringLiteral("name")].reject(
                QStringLiteral("cohort name \"%1\" is used twice or is the reserved \"all\"")
                    .arg(c.name));
        cohortNames.insert(c.name);
        if (s.growth)
            c.growth = *s.growth;
        if (const QString problem = c.tokenBoundProblem(s.horizonMonths); !problem.isEmpty())
            node[QStringLiteral("mu")].reject(problem);
        s.cohorts.push_back(std::move(c));
    });

    const JsonNode repricing = root.optional(QStringLiteral("repricing"));
    if (!repricing.isNull()) {
        repricing.forEach([&](const JsonNode& node) {
            node.requireOnlyKeys({QStringLiteral("month"), QStringLiteral("model"),
                                  QStringLiteral("scale"), QStringLiteral("note")});
            RepricingEvent e;
            e.month = node[QStringLiteral("month")].toInt(0, s.horizonMonths - 1);
            e.model = node[QStringLiteral("model")].toString();
            if (!s.catalog.find(e.model))
                node[QStringLiteral("model")].reject(
                    QStringLiteral("model \"%1\" is not in the catalog").arg(e.model));
            const JsonNode scale = node[QStringLiteral("scale")];
            scale.requireOnlyKeys({QStringLiteral("input"), QStringLiteral("cached_input"),
                                   QStringLiteral("cache_write_5m"),
                                   QStringLiteral("cache_write_1h"), QStringLiteral("output")});
            e.factors.input = scale.optional(QStringLiteral("input")).toNumberOr(1.0, 0.0);
            e.factors.cachedInput =
                scale.optional(QStringLiteral("cached_input")).toNumberOr(1.0, 0.0);
            e.factors.cacheWrite5m =
                scale.optional(QStringLiteral("cache_write_5m")).toNumberOr(1.0, 0.0);
            e.factors.cacheWrite1h =
                scale.optional(QStringLiteral("cache_write_1h")).toNumberOr(1.0, 0.0);
            e.factors.output = scale.optional(QStringLiteral("output")).toNumberOr(1.0, 0.0);
            s.repricing.push_back(e);
        });
    }
    s.checkReferences(root);
    s.readMigration(root);
    return s;
}

void Scenario::readMigration(const JsonNode& root) {
    const JsonNode lineupNodes = root.optional(QStringLiteral("lineups"));
    if (!lineupNodes.isNull())
        lineupNodes.forEach([&](const JsonNode& node) {
            Lineup l = Lineup::fromJson(node);
            const auto isPackage = [&](const QString& name) {
                return std::any_of(packages.begin(), packages.end(),
                                   [&](const PricingPackage& p) { return p.name == name; });
            };
            if (isPackage(l.name) || findLineup(l.name))
                node[QStringLiteral("name")].reject(
                    QStringLiteral("name \"%1\" is already a package's or a lineup's").arg(l.name));
            for (int i = 0; i < l.packages.size(); ++i)
                if (!isPackage(l.packages[i]))
                    node[QStringLiteral("packages")].at(i).reject(
                        QStringLiteral("package \"%1\" is not in the scenario's packages")
                            .arg(l.packages[i]));
            if (const QString cohort = unassignedCohort(l); !cohort.isEmpty())
                node[QStringLiteral("assignment")][QStringLiteral("map")].reject(
                    QStringLiteral("no package for cohort \"%1\"").arg(cohort));
            lineups.push_back(std::move(l));
        });
    const JsonNode baselineNode = root.optional(QStringLiteral("baseline"));
    if (!baselineNode.isNull()) {
        baseline = baselineNode.toString();
        const bool known = findLineup(baseline) ||
                           std::any_of(packages.begin(), packages.end(),
                                       [&](const PricingPackage& p) { return p.name == baseline; });
        if (!known)
            baselineNode.reject(
                QStringLiteral("\"%1\" is neither a package nor a lineup of the scenario")
                    .arg(baseline));
    }
    billElasticity = root.optional(QStringLiteral("bill_elasticity")).toNumberOr(0.0, 0.0, 100.0);
    if (const JsonNode shock = root.optional(QStringLiteral("shock_factor")); !shock.isNull())
        shockFactor = shock.toNumber(1.0, 1000.0);
}

QString Scenario::unassignedCohort(const Lineup& lineup) const {
    if (lineup.rule == Lineup::Rule::ByCohort)
        for (const CohortProfile& c : cohorts)
            if (lineup.packageFor(c.name).isEmpty())
                return c.name;
    return {};
}

void Scenario::checkLineupCohorts(const QString& source) const {
    for (const Lineup& l : lineups)
        if (const QString cohort = unassignedCohort(l); !cohort.isEmpty())
            throw InputError(source, QString(),
                             QStringLiteral("lineup \"%1\" names no package for cohort \"%2\"")
                                 .arg(l.name, cohort));
}

bool Scenario::migrationAnalysis() const {
    return !baseline.isEmpty() || shockFactor.has_value() ||
           std::any_of(cohorts.begin(), cohorts.end(),
                       [](const CohortProfile& c) { return c.churnMonthly > 0.0; });
}

const Lineup* Scenario::findLineup(const QString& name) const {
    for (const Lineup& l : lineups)
        if (l.name == name)
            return &l;
    return nullptr;
}

void Scenario::checkReferences(const JsonNode& root) const {
    const JsonNode mixesNode = root[QStringLiteral("mixes")];
    for (int m = 0; m < int(mixes.size()); ++m) {
        for (const CohortProfile& cohort : cohorts) {
            const ModelShares* shares = mixes[m].sharesFor(cohort.name);
            if (!shares)
                mixesNode.at(m).reject(
                    QStringLiteral("mix \"%1\" has no shares for cohort \"%2\" (nor \"default\")")
                        .arg(mixes[m].name, cohort.name));
            for (const auto& [model, share] : *shares) {
                if (!catalog.find(model))
                    mixesNode.at(m).reject(
                        QStringLiteral("mix \"%1\": model \"%2\" is not in the catalog")
                            .arg(mixes[m].name, model));
                for (int p = 0; p < int(packages.size()); ++p) {
                    const BurnRule& burn = packages[p].burn;
                    if (burn.type == BurnRule::Type::PerToken && !burn.ratesFor(model))
                        root[QStringLiteral("packages")].at(p).reject(
                            QStringLiteral("package \"%1\" has no credit rates for model \"%2\" "
                                           "(used by mix \"%3\"); add its rates or \"*\"")
                                .arg(packages[p].name, model, mixes[m].name));
                }
            }
        }
    }
    for (int p = 0; p < int(packages.size()); ++p)
        if (packages[p].enforcement == PricingPackage::Enforcement::Throttle &&
            !catalog.find(packages[p].throttleModel))
            root[QStringLiteral("packages")].at(p).reject(
                QStringLiteral("package \"%1\": throttle model \"%2\" is not in the catalog")
                    .arg(packages[p].name, packages[p].throttleModel));
}

void Scenario::useCohorts(std::vector<CohortProfile> fitted, const ModelMix* extraMix,
                          const QString& source) {
    // A fitted cohort keeps the churn rate the scenario gives a cohort of its name; a
    // churn rate for a cohort the fit does not have (other cut points give other
    // names) would be lost without a word: refused.
    QStringList names;
    for (const CohortProfile& c : fitted)
        names << c.name;
    for (const CohortProfile& old : cohorts)
        if (old.churnMonthly > 0.0 && !names.contains(old.name))
            throw InputError(source, QString(),
                             QStringLiteral("the scenario gives cohort \"%1\" a monthly churn of "
                                            "%2, but the customers simulated are in cohorts %3: "
                                            "give the churn under their names")
                                 .arg(old.name)
                                 .arg(old.churnMonthly)
                                 .arg(names.join(QStringLiteral(", "))));
    for (CohortProfile& c : fitted)
        for (const CohortProfile& old : cohorts)
            if (old.name == c.name)
                c.churnMonthly = old.churnMonthly;
    cohorts = std::move(fitted);
    checkLineupCohorts(source);
    if (growth)
        for (CohortProfile& c : cohorts)
            c.growth = *growth;
    for (const CohortProfile& c : cohorts)
        if (const QString problem = c.tokenBoundProblem(horizonMonths); !problem.isEmpty())
            throw InputError(source, QString(), problem);
    if (extraMix) {
        mixes.erase(std::remove_if(mixes.begin(), mixes.end(),
                                   [&](const ModelMix& m) { return m.name == extraMix->name; }),
                    mixes.end());
        mixes.push_back(*extraMix);
    }
    for (const ModelMix& mix : mixes)
        for (const CohortProfile& cohort : cohorts) {
            const ModelShares* shares = mix.sharesFor(cohort.name);
            if (!shares)
                throw InputError(
                    source, QString(),
                    QStringLiteral("mix \"%1\" has no shares for cohort \"%2\" (nor \"default\")")
                        .arg(mix.name, cohort.name));
            for (const auto& [model, share] : *shares) {
                if (!catalog.find(model))
                    throw InputError(
                        source, QString(),
                        QStringLiteral("mix \"%1\": model \"%2\" is not in the catalog")
                            .arg(mix.name, model));
                for (const PricingPackage& p : packages)
                    if (p.burn.type == BurnRule::Type::PerToken && !p.burn.ratesFor(model))
                        throw InputError(
                            source, QString(),
                            QStringLiteral(
                                "package \"%1\" has no credit rates for model \"%2\" (used by "
                                "mix \"%3\"); add its rates or \"*\"")
                                .arg(p.name, model, mix.name));
            }
        }
}

TokenPrices Scenario::pricesAt(const QString& model, int month) const {
    const QDate date = monthDate(month);
    const TokenPrices* listed = catalog.pricesAt(model, date);
    if (!listed)
        throw InputError(
            fileName, QStringLiteral("$.catalog"),
            QStringLiteral(
                "expected a price for model \"%1\" in force on %2 (month %3 of the horizon)")
                .arg(model, date.toString(Qt::ISODate))
                .arg(month));
    TokenPrices p = *listed;
    for (const RepricingEvent& e : repricing) {
        if (e.model != model || e.month > month)
            continue;
        const auto scale = [&](auto& c) {
            c.input *= e.factors.input;
            c.cachedInput *= e.factors.cachedInput;
            c.cacheWrite5m *= e.factors.cacheWrite5m;
            c.cacheWrite1h *= e.factors.cacheWrite1h;
            c.output *= e.factors.output;
        };
        scale(p);
        for (PriceTier& tier : p.tiers) // a cut applies to the long-context rates too
            scale(tier.prices);
    }
    return p;
}

} // namespace marginal
