// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A lineup: the packages a business ships together (Pro, Team, an annual commit) and
// how customers land on them (docs/MODEL.md, "Lineups"): a fixed package per cohort,
// or the cheapest for the customer, reviewed every few months with some inertia.
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace marginal {

class JsonNode;

struct Lineup {
    enum class Rule { ByCohort, Cheapest };
    static constexpr int kMaxPackages = 8;

    QString name;
    QStringList packages; // package names, in the order given
    Rule rule = Rule::ByCohort;
    std::vector<std::pair<QString, QString>> cohortPackage; // by_cohort: cohort -> package
    int reviewEvery = 3;          // cheapest: months between reviews; 0 = nobody moves
    int lookback = 3;             // cheapest: months of bills compared at a review
    double switchThreshold = 0.1; // cheapest: the saving (a fraction) it takes to move

    // Package names are checked against the scenario by Scenario::fromJson.
    static Lineup fromJson(const JsonNode& node);
    QJsonObject toJson() const;
    // by_cohort: the package for a cohort; empty when the map does not name it.
    QString packageFor(const QString& cohort) const;
};

} // namespace marginal
