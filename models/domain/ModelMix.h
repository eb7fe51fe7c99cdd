// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A model mix: for each cohort, the share of its traffic served by each model
// ("route 30% of heavy users' traffic to the premium model"). Shares sum to 1.
#include <QJsonObject>
#include <QString>
#include <utility>
#include <vector>

namespace marginal {

class JsonNode;

using ModelShares = std::vector<std::pair<QString, double>>; // model id, share

class ModelMix {
public:
    QString name;
    QString description;

    static ModelMix fromJson(const JsonNode& root);
    QJsonObject toJson() const;

    // Shares for a cohort; falls back to the "default" entry. nullptr when neither.
    const ModelShares* sharesFor(const QString& cohort) const;
    void setShares(const QString& cohort, ModelShares shares);
    const std::vector<std::pair<QString, ModelShares>>& cohorts() const { return cohorts_; }

    // Tolerance for shares summing to 1 (files are hand-edited with 2-3 decimals).
    static constexpr double kShareTolerance = 1e-6;

private:
    std::vector<std::pair<QString, ModelShares>> cohorts_;
};

} // namespace marginal
