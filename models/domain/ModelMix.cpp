// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/ModelMix.h"
#include "models/json/JsonNode.h"

#include <cmath>

namespace marginal {

ModelMix ModelMix::fromJson(const JsonNode& root) {
    root.requireOnlyKeys(
        {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("cohorts")});
    ModelMix mix;
    mix.name = root[QStringLiteral("name")].toString();
    mix.description = root.optional(QStringLiteral("description")).toStringOr(QString());
    const JsonNode cohorts = root[QStringLiteral("cohorts")];
    if (cohorts.keys().isEmpty())
        cohorts.fail(QStringLiteral("shares for at least one cohort (or \"default\")"));
    for (const QString& cohort : cohorts.keys()) {
        const JsonNode sharesNode = cohorts[cohort];
        ModelShares shares;
        double total = 0.0;
        for (const QString& model : sharesNode.keys()) {
            const double share = sharesNode[model].toNumber(0.0, 1.0);
            if (share > 0.0)
                shares.emplace_back(model, share);
            total += share;
        }
        if (std::fabs(total - 1.0) > kShareTolerance)
            sharesNode.fail(
                QStringLiteral("model shares that sum to 1 (they sum to %1)").arg(total));
        mix.setShares(cohort, std::move(shares));
    }
    return mix;
}

QJsonObject ModelMix::toJson() const {
    QJsonObject cohorts;
    for (const auto& [cohort, shares] : cohorts_) {
        QJsonObject entry;
        for (const auto& [model, share] : shares)
            entry.insert(model, share);
        cohorts.insert(cohort, entry);
    }
    QJsonObject root{{QStringLiteral("name"), name}, {QStringLiteral("cohorts"), cohorts}};
    if (!description.isEmpty())
        root.insert(QStringLiteral("description"), description);
    return root;
}

const ModelShares* ModelMix::sharesFor(const QString& cohort) const {
    const ModelShares* fallback = nullptr;
    for (const auto& [name, shares] : cohorts_) {
        if (name == cohort)
            return &shares;
        if (name == QLatin1String("default"))
            fallback = &shares;
    }
    return fallback;
}

void ModelMix::setShares(const QString& cohort, ModelShares shares) {
    for (auto& [name, existing] : cohorts_) {
        if (name == cohort) {
            existing = std::move(shares);
            return;
        }
    }
    cohorts_.emplace_back(cohort, std::move(shares));
}

} // namespace marginal
