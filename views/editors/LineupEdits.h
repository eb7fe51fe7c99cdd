// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits of a scenario's lineups and of what decides who moves and who leaves (docs/
// MODEL.md sections 9-10): lineups added, copied, removed and renamed (the baseline
// follows a rename and goes with a removal), their packages and assignment; the
// baseline (today's plan), the bill elasticity, the shock factor and each cohort's
// monthly churn. Each returns the whole scenario after the edit, for the caller to
// check by reading it back and push as one undo step.
#include "models/domain/Lineup.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace marginal {

class LineupEdits {
public:
    static std::vector<Lineup> lineupsOf(const QJsonObject& scenario);
    static QStringList packageNames(const QJsonObject& scenario);
    static QStringList cohortNames(const QJsonObject& scenario);

    // A lineup of the first two packages (one when there is one), each customer on
    // the cheapest, reviewed every 3 months; named "lineup" or the next free name.
    static QJsonObject added(const QJsonObject& scenario);
    static QJsonObject duplicated(const QJsonObject& scenario, int index);
    static QJsonObject removed(QJsonObject scenario, int index);
    static QJsonObject renamed(QJsonObject scenario, int index, const QString& name);
    // A cohort whose package leaves the lineup goes to its first package.
    static QJsonObject withPackages(const QJsonObject& scenario, int index,
                                    const QStringList& packages);
    // By cohort: every cohort on the lineup's first package, to be changed one by one.
    static QJsonObject withRule(const QJsonObject& scenario, int index, Lineup::Rule rule);
    static QJsonObject withCohortPackage(const QJsonObject& scenario, int index,
                                         const QString& cohort, const QString& package);
    static QJsonObject withCheapest(const QJsonObject& scenario, int index, int reviewEvery,
                                    int lookback, double switchThreshold);

    // Empty: no baseline.
    static QJsonObject withBaseline(QJsonObject scenario, const QString& name);
    static QJsonObject withElasticity(QJsonObject scenario, double elasticity);
    static QJsonObject withShockFactor(QJsonObject scenario, double factor);
    static QJsonObject withChurn(QJsonObject scenario, int cohort, double monthly);

private:
    static QJsonObject withLineups(QJsonObject scenario, const std::vector<Lineup>& lineups);
    static QString unusedName(const std::vector<Lineup>& lineups, const QString& stem);
};

} // namespace marginal
