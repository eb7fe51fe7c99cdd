// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/ScenarioEdits.h"

#include <QJsonArray>
#include <QSet>

namespace marginal {

namespace {

const QString kCohorts = QStringLiteral("cohorts");
const QString kMixes = QStringLiteral("mixes");
const QString kName = QStringLiteral("name");
const QString kRepricing = QStringLiteral("repricing");
const QString kLineups = QStringLiteral("lineups");
const QString kAssignment = QStringLiteral("assignment");
const QString kMap = QStringLiteral("map");

QString cohortName(const QJsonObject& scenario, int index) {
    return scenario.value(kCohorts).toArray().at(index).toObject().value(kName).toString();
}

// Applies `edit` to every object keyed by cohort name: each mix's shares and each
// by-cohort lineup's map (a lineup places every cohort on a package by its name).
template <typename Edit> QJsonObject withCohortKeyed(QJsonObject scenario, Edit edit) {
    QJsonArray mixes = scenario.value(kMixes).toArray();
    for (qsizetype m = 0; m < mixes.size(); ++m) {
        QJsonObject mix = mixes.at(m).toObject();
        QJsonObject cohorts = mix.value(kCohorts).toObject();
        edit(cohorts);
        mix.insert(kCohorts, cohorts);
        mixes.replace(m, mix);
    }
    scenario.insert(kMixes, mixes);
    if (!scenario.contains(kLineups))
        return scenario;
    QJsonArray lineups = scenario.value(kLineups).toArray();
    for (qsizetype l = 0; l < lineups.size(); ++l) {
        QJsonObject lineup = lineups.at(l).toObject();
        QJsonObject assignment = lineup.value(kAssignment).toObject();
        if (!assignment.contains(kMap))
            continue;
        QJsonObject map = assignment.value(kMap).toObject();
        edit(map);
        assignment.insert(kMap, map);
        lineup.insert(kAssignment, assignment);
        lineups.replace(l, lineup);
    }
    scenario.insert(kLineups, lineups);
    return scenario;
}

} // namespace

QString ScenarioEdits::unusedCohortName(const QJsonObject& scenario, const QString& stem) {
    QSet<QString> names;
    for (const QJsonValue& c : scenario.value(kCohorts).toArray())
        names.insert(c.toObject().value(kName).toString());
    for (int n = 1;; ++n)
        if (const QString name = QStringLiteral("%1_%2").arg(stem).arg(n); !names.contains(name))
            return name;
}

QJsonObject ScenarioEdits::addCohort(QJsonObject scenario, int from, const QString& name,
                                     int customers) {
    QJsonArray cohorts = scenario.value(kCohorts).toArray();
    if (from < 0 || from >= cohorts.size())
        return scenario;
    const QString source = cohortName(scenario, from);
    QJsonObject copy = cohorts.at(from).toObject();
    copy.insert(kName, name);
    copy.insert(QStringLiteral("customers"), customers);
    cohorts.append(copy);
    scenario.insert(kCohorts, cohorts);
    return withCohortKeyed(std::move(scenario), [&](QJsonObject& shares) {
        if (shares.contains(source))
            shares.insert(name, shares.value(source));
    });
}

QJsonObject ScenarioEdits::removeCohort(QJsonObject scenario, int index) {
    QJsonArray cohorts = scenario.value(kCohorts).toArray();
    if (index < 0 || index >= cohorts.size())
        return scenario;
    const QString name = cohortName(scenario, index);
    cohorts.removeAt(index);
    scenario.insert(kCohorts, cohorts);
    return withCohortKeyed(std::move(scenario), [&](QJsonObject& shares) { shares.remove(name); });
}

QJsonObject ScenarioEdits::renameCohort(QJsonObject scenario, int index, const QString& name) {
    QJsonArray cohorts = scenario.value(kCohorts).toArray();
    if (index < 0 || index >= cohorts.size())
        return scenario;
    const QString old = cohortName(scenario, index);
    QJsonObject cohort = cohorts.at(index).toObject();
    cohort.insert(kName, name);
    cohorts.replace(index, cohort);
    scenario.insert(kCohorts, cohorts);
    return withCohortKeyed(std::move(scenario), [&](QJsonObject& shares) {
        if (shares.contains(old))
            shares.insert(name, shares.take(old));
    });
}

QJsonObject ScenarioEdits::renamePackageReferences(QJsonObject scenario, const QString& from,
                                                   const QString& to) {
    if (scenario.value(QStringLiteral("baseline")).toString() == from)
        scenario.insert(QStringLiteral("baseline"), to);
    if (!scenario.contains(kLineups))
        return scenario;
    QJsonArray lineups = scenario.value(kLineups).toArray();
    for (qsizetype l = 0; l < lineups.size(); ++l) {
        QJsonObject lineup = lineups.at(l).toObject();
        QJsonArray packages = lineup.value(QStringLiteral("packages")).toArray();
        for (qsizetype p = 0; p < packages.size(); ++p)
            if (packages.at(p).toString() == from)
                packages.replace(p, to);
        lineup.insert(QStringLiteral("packages"), packages);
        QJsonObject assignment = lineup.value(kAssignment).toObject();
        if (assignment.contains(kMap)) {
            QJsonObject map = assignment.value(kMap).toObject();
            for (auto it = map.begin(); it != map.end(); ++it)
                if (it.value().toString() == from)
                    it.value() = to;
            assignment.insert(kMap, map);
            lineup.insert(kAssignment, assignment);
        }
        lineups.replace(l, lineup);
    }
    scenario.insert(kLineups, lineups);
    return scenario;
}

QJsonObject ScenarioEdits::addRepricing(QJsonObject scenario, int month, const QString& model) {
    QJsonArray events = scenario.value(kRepricing).toArray();
    events.append(
        QJsonObject{{QStringLiteral("month"), month},
                    {QStringLiteral("model"), model},
                    {QStringLiteral("scale"), QJsonObject{{QStringLiteral("output"), 1.0}}},
                    {QStringLiteral("note"), QStringLiteral("new repricing event")}});
    scenario.insert(kRepricing, events);
    return scenario;
}

QJsonObject ScenarioEdits::removeRepricing(QJsonObject scenario, int index) {
    QJsonArray events = scenario.value(kRepricing).toArray();
    if (index >= 0 && index < events.size())
        events.removeAt(index);
    if (events.isEmpty()) // as the scenario writes itself: no key for no events
        scenario.remove(kRepricing);
    else
        scenario.insert(kRepricing, events);
    return scenario;
}

} // namespace marginal
