// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/LineupEdits.h"
#include "models/json/JsonNode.h"

#include <QJsonArray>

namespace marginal {

std::vector<Lineup> LineupEdits::lineupsOf(const QJsonObject& scenario) {
    std::vector<Lineup> out;
    const QJsonArray list = scenario.value(QStringLiteral("lineups")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i)
        out.push_back(Lineup::fromJson(JsonNode(list.at(i), QStringLiteral("$.lineups[%1]").arg(i),
                                                QStringLiteral("scenario"))));
    return out;
}

QStringList LineupEdits::packageNames(const QJsonObject& scenario) {
    QStringList names;
    for (const QJsonValue& p : scenario.value(QStringLiteral("packages")).toArray())
        names << p.toObject().value(QStringLiteral("name")).toString();
    return names;
}

QStringList LineupEdits::cohortNames(const QJsonObject& scenario) {
    QStringList names;
    for (const QJsonValue& c : scenario.value(QStringLiteral("cohorts")).toArray())
        names << c.toObject().value(QStringLiteral("name")).toString();
    return names;
}

QJsonObject LineupEdits::withLineups(QJsonObject scenario, const std::vector<Lineup>& lineups) {
    if (lineups.empty()) {
        scenario.remove(QStringLiteral("lineups"));
        return scenario;
    }
    QJsonArray list;
    for (const Lineup& l : lineups)
        list.append(l.toJson());
    scenario.insert(QStringLiteral("lineups"), list);
    return scenario;
}

QString LineupEdits::unusedName(const std::vector<Lineup>& lineups, const QString& stem) {
    const auto taken = [&](const QString& name) {
        return std::any_of(lineups.begin(), lineups.end(),
                           [&](const Lineup& l) { return l.name == name; });
    };
    if (!taken(stem))
        return stem;
    for (int i = 2;; ++i)
        if (const QString name = QStringLiteral("%1_%2").arg(stem).arg(i); !taken(name))
            return name;
}

QJsonObject LineupEdits::added(const QJsonObject& scenario) {
    std::vector<Lineup> lineups = lineupsOf(scenario);
    Lineup l;
    l.name = unusedName(lineups, QStringLiteral("lineup"));
    l.packages = packageNames(scenario).mid(0, 2);
    l.rule = Lineup::Rule::Cheapest;
    lineups.push_back(l);
    return withLineups(scenario, lineups);
}

QJsonObject LineupEdits::duplicated(const QJsonObject& scenario, int index) {
    std::vector<Lineup> lineups = lineupsOf(scenario);
    Lineup copy = lineups.at(std::size_t(index));
    copy.name = unusedName(lineups, copy.name + QStringLiteral("_copy"));
    lineups.insert(lineups.begin() + index + 1, copy);
    return withLineups(scenario, lineups);
}

QJsonObject LineupEdits::removed(QJsonObject scenario, int index) {
    std::vector<Lineup> lineups = lineupsOf(scenario);
    const QString name = lineups.at(std::size_t(index)).name;
    lineups.erase(lineups.begin() + index);
    if (scenario.value(QStringLiteral("baseline")).toString() == name)
        scenario.remove(QStringLiteral("baseline"));
    return withLineups(scenario, lineups);
}

QJsonObject LineupEdits::renamed(QJsonObject scenario, int index, const QString& name) {
    std::vector<Lineup> lineups = lineupsOf(scenario);
    const QString before = lineups.at(std::size_t(index)).name;
    lineups[std::size_t(index)].name = name;
    if (scenario.value(QStringLiteral("baseline")).toString() == before)
        scenario.insert(QStringLiteral("baseline"), name);
    return withLineups(scenario, lineups);
}

QJsonObject LineupEdits::withPackages(const QJsonObject& scenario, int index,
                                      const QStringList& packages) {
    std::vector<Lineup> lineups = lineupsOf(scenario);
    Lineup& l = lineups.at(std::size_t(index));
    l.packages = packages;
    for (auto& [cohort, package] : l.cohortPackage)
        if (!packages.contains(package))
            package = packages.value(0);
    return withLineups(scenario, lineups);
}

QJsonObject LineupEdits::withRule(const QJsonObject& scenario, int index, Lineup::Rule rule) {
    std::vector<Lineup> lineups = lineupsOf(scenario);
    Lineup& l = lineups.at(std::size_t(index));
    if (l.rule == rule)
        return scenario;
    l.rule = rule;
    l.cohortPackage.clear();
    if (rule == Lineup::Rule::ByCohort)
        for (const QString& cohort : cohortNames(scenario))
            l.cohortPackage.emplace_back(cohort, l.packages.value(0));
    return withLineups(scenario, lineups);
}

QJsonObject LineupEdits::withCohortPackage(const QJsonObject& scenario, int index,
                                           const QString& cohort, const QString& package) {
    std::vector<Lineup> lineups = lineupsOf(scenario);
    Lineup& l = lineups.at(std::size_t(index));
    bool found = false;
    for (auto& [c, p] : l.cohortPackage)
        if (c == cohort) {
            p = package;
            found = true;
        }
    if (!found)
        l.cohortPackage.emplace_back(cohort, package);
    return withLineups(scenario, lineups);
}

QJsonObject LineupEdits::withCheapest(const QJsonObject& scenario, int index, int reviewEvery,
                                      int lookback, double switchThreshold) {
    std::vector<Lineup> lineups = lineupsOf(scenario);
    Lineup& l = lineups.at(std::size_t(index));
    l.reviewEvery = reviewEvery;
    l.lookback = lookback;
    l.switchThreshold = switchThreshold;
    return withLineups(scenario, lineups);
}

QJsonObject LineupEdits::withBaseline(QJsonObject scenario, const QString& name) {
    if (name.isEmpty())
        scenario.remove(QStringLiteral("baseline"));
    else
        scenario.insert(QStringLiteral("baseline"), name);
    return scenario;
}

QJsonObject LineupEdits::withElasticity(QJsonObject scenario, double elasticity) {
    if (elasticity == 0.0)
        scenario.remove(QStringLiteral("bill_elasticity"));
    else
        scenario.insert(QStringLiteral("bill_elasticity"), elasticity);
    return scenario;
}

QJsonObject LineupEdits::withShockFactor(QJsonObject scenario, double factor) {
    scenario.insert(QStringLiteral("shock_factor"), factor);
    return scenario;
}

QJsonObject LineupEdits::withChurn(QJsonObject scenario, int cohort, double monthly) {
    QJsonArray cohorts = scenario.value(QStringLiteral("cohorts")).toArray();
    QJsonObject c = cohorts.at(cohort).toObject();
    if (monthly == 0.0)
        c.remove(QStringLiteral("churn_monthly"));
    else
        c.insert(QStringLiteral("churn_monthly"), monthly);
    cohorts[cohort] = c;
    scenario.insert(QStringLiteral("cohorts"), cohorts);
    return scenario;
}

} // namespace marginal
