// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The starting points of a new package, one per common shape of AI pricing: a seat
// plan, credits with overage, a commit with true-up, pay-as-you-go at a markup, a hard
// cap, auto top-ups and a throttle. Each is a complete, valid package (cost-plus burn,
// 100 credits per $1 of inference cost, so it prices any model mix) with card-processing
// fees of 2.9% + $0.30 that a pricing person then edits.
#include <QJsonObject>
#include <QString>
#include <vector>

namespace marginal {

class PriceCatalog;

class PackageTemplates {
public:
    struct Template {
        QString id;    // "credits_overage": also the stem of the new package's name
        QString title; // "Credits + overage"
    };
    static const std::vector<Template>& all();
    // The package template `id` named `name`; a throttle serves on the catalog's
    // cheapest model by output price. Empty when `id` is unknown.
    static QJsonObject make(const QString& id, const QString& name, const PriceCatalog& catalog);
    // The catalog model with the lowest output price in force on its as-of date.
    static QString cheapestModel(const PriceCatalog& catalog);
};

} // namespace marginal
