// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits of a scenario's JSON that touch more than one place, so the scenario stays
// readable: a cohort added, removed or renamed carries the mixes' shares and the
// by-cohort lineups' packages for it along (both name cohorts); repricing events added
// and removed.
// Each returns the whole scenario after the edit; the caller checks it by reading it
// back.
#include <QJsonObject>
#include <QString>

namespace marginal {

class ScenarioEdits {
public:
    // A copy of cohort `from` named `name` with `customers` customers, appended; every
    // mix gives it the shares of `from`, every by-cohort lineup its package.
    static QJsonObject addCohort(QJsonObject scenario, int from, const QString& name,
                                 int customers);
    static QJsonObject removeCohort(QJsonObject scenario, int index);
    static QJsonObject renameCohort(QJsonObject scenario, int index, const QString& name);
    // An event in `month` for `model` that leaves its prices as they are (scale 1),
    // for the user to edit.
    static QJsonObject addRepricing(QJsonObject scenario, int month, const QString& model);
    static QJsonObject removeRepricing(QJsonObject scenario, int index);
    // The package named `from` in a lineup or as the baseline named `to` there.
    static QJsonObject renamePackageReferences(QJsonObject scenario, const QString& from,
                                               const QString& to);
    // "cohort_4": the first unused "stem_N".
    static QString unusedCohortName(const QJsonObject& scenario, const QString& stem);
};

} // namespace marginal
