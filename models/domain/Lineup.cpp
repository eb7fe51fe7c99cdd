// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/Lineup.h"
#include "models/json/JsonNode.h"

#include <QJsonArray>

namespace marginal {

Lineup Lineup::fromJson(const JsonNode& node) {
    node.requireOnlyKeys({QStringLiteral("name"), QStringLiteral("packages"),
                          QStringLiteral("assignment"), QStringLiteral("notes")});
    Lineup l;
    l.name = node[QStringLiteral("name")].toString();
    if (l.name.trimmed().isEmpty())
        node[QStringLiteral("name")].fail(QStringLiteral("a non-empty name"));
    const JsonNode packages = node[QStringLiteral("packages")];
    if (packages.size() == 0 || packages.size() > kMaxPackages)
        packages.fail(QStringLiteral("a list of 1 to %1 package names").arg(kMaxPackages));
    packages.forEach([&](const JsonNode& p) {
        const QString name = p.toString();
        if (l.packages.contains(name))
            p.reject(QStringLiteral("package \"%1\" is listed twice").arg(name));
        l.packages.append(name);
    });
    const JsonNode assignment = node[QStringLiteral("assignment")];
    const QString rule = assignment[QStringLiteral("rule")].toEnum(
        {QStringLiteral("by_cohort"), QStringLiteral("cheapest")});
    if (rule == QLatin1String("by_cohort")) {
        assignment.requireOnlyKeys({QStringLiteral("rule"), QStringLiteral("map")});
        l.rule = Rule::ByCohort;
        const JsonNode map = assignment[QStringLiteral("map")];
        for (const QString& cohort : map.keys()) {
            const JsonNode package = map[cohort];
            if (!l.packages.contains(package.toString()))
                package.reject(QStringLiteral("package \"%1\" is not in the lineup's packages")
                                   .arg(package.toString()));
            l.cohortPackage.emplace_back(cohort, package.toString());
        }
        if (l.cohortPackage.empty())
            map.fail(QStringLiteral("an object naming a package for each cohort"));
    } else {
        assignment.requireOnlyKeys({QStringLiteral("rule"), QStringLiteral("review_every"),
                                    QStringLiteral("lookback"),
                                    QStringLiteral("switch_threshold")});
        l.rule = Rule::Cheapest;
        l.reviewEvery = assignment.optional(QStringLiteral("review_every")).toIntOr(3, 0, 120);
        l.lookback = assignment.optional(QStringLiteral("lookback")).toIntOr(3, 1, 120);
        l.switchThreshold =
            assignment.optional(QStringLiteral("switch_threshold")).toNumberOr(0.1, 0.0, 1.0);
    }
    return l;
}

QJsonObject Lineup::toJson() const {
    QJsonObject assignment;
    if (rule == Rule::ByCohort) {
        QJsonObject map;
        for (const auto& [cohort, package] : cohortPackage)
            map.insert(cohort, package);
        assignment = {{QStringLiteral("rule"), QStringLiteral("by_cohort")},
                      {QStringLiteral("map"), map}};
    } else {
        assignment = {{QStringLiteral("rule"), QStringLiteral("cheapest")},
                      {QStringLiteral("review_every"), reviewEvery},
                      {QStringLiteral("lookback"), lookback},
                      {QStringLiteral("switch_threshold"), switchThreshold}};
    }
    return {{QStringLiteral("name"), name},
            {QStringLiteral("packages"), QJsonArray::fromStringList(packages)},
            {QStringLiteral("assignment"), assignment}};
}

QString Lineup::packageFor(const QString& cohort) const {
    for (const auto& [c, package] : cohortPackage)
        if (c == cohort)
            return package;
    return {};
}

} // namespace marginal
