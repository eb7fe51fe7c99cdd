// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/PackageTemplates.h"
#include "models/domain/PriceCatalog.h"

#include <QJsonArray>
#include <limits>

namespace marginal {

namespace {

QJsonObject costPlus() {
    return {{QStringLiteral("type"), QStringLiteral("cost_plus")},
            {QStringLiteral("credits_per_usd"), 100}};
}

QJsonObject cardFees() {
    return {{QStringLiteral("percent"), 2.9}, {QStringLiteral("fixed"), 0.3}};
}

QJsonArray flatOverage(double price) {
    return {QJsonObject{{QStringLiteral("price"), price}}};
}

} // namespace

const std::vector<PackageTemplates::Template>& PackageTemplates::all() {
    static const std::vector<Template> templates = {
        {QStringLiteral("seat_plan"), QStringLiteral("Seat plan")},
        {QStringLiteral("credits_overage"), QStringLiteral("Credits + overage")},
        {QStringLiteral("commit_true_up"), QStringLiteral("Commit with true-up")},
        {QStringLiteral("payg_markup"), QStringLiteral("Pay-as-you-go markup")},
        {QStringLiteral("hard_cap"), QStringLiteral("Hard cap")},
        {QStringLiteral("auto_topup"), QStringLiteral("Auto top-up")},
        {QStringLiteral("throttle"), QStringLiteral("Throttle")},
    };
    return templates;
}

QString PackageTemplates::cheapestModel(const PriceCatalog& catalog) {
    QString cheapest;
    double lowest = std::numeric_limits<double>::infinity();
    for (const CatalogModel& m : catalog.models())
        if (const TokenPrices* prices = catalog.pricesAt(m.id, catalog.asOf);
            prices && prices->output < lowest) {
            lowest = prices->output;
            cheapest = m.id;
        }
    if (cheapest.isEmpty() && !catalog.models().empty())
        cheapest = catalog.models().front().id; // none priced yet on the as-of date
    return cheapest;
}

QJsonObject PackageTemplates::make(const QString& id, const QString& name,
                                   const PriceCatalog& catalog) {
    QJsonObject p{{QStringLiteral("name"), name},
                  {QStringLiteral("base_fee"), 0},
                  {QStringLiteral("included_credits"), 0},
                  {QStringLiteral("burn"), costPlus()},
                  {QStringLiteral("enforcement"), QStringLiteral("overage")},
                  {QStringLiteral("payment_fees"), cardFees()}};
    const auto set = [&p](std::initializer_list<std::pair<QString, QJsonValue>> fields) {
        for (const auto& [key, value] : fields)
            p.insert(key, value);
    };
    if (id == QLatin1String("seat_plan")) {
        set({{QStringLiteral("seat_fee"), 25},
             {QStringLiteral("seats"), 3},
             {QStringLiteral("included_credits"), 6000},
             {QStringLiteral("enforcement"), QStringLiteral("block")}});
    } else if (id == QLatin1String("credits_overage")) {
        set({{QStringLiteral("base_fee"), 29},
             {QStringLiteral("included_credits"), 2900},
             {QStringLiteral("overage"), flatOverage(0.012)}});
    } else if (id == QLatin1String("commit_true_up")) {
        set({{QStringLiteral("commit"), 500},
             {QStringLiteral("burn"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("cost_plus")},
                          {QStringLiteral("credits_per_usd"), 1}}},
             {QStringLiteral("overage"), flatOverage(1.25)},
             {QStringLiteral("payment_fees"),
              QJsonObject{{QStringLiteral("percent"), 0.8}, {QStringLiteral("fixed"), 0}}}});
    } else if (id == QLatin1String("payg_markup")) {
        set({{QStringLiteral("burn"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("cost_plus")},
                          {QStringLiteral("credits_per_usd"), 1}}},
             {QStringLiteral("overage"), flatOverage(1.3)}});
    } else if (id == QLatin1String("hard_cap")) {
        set({{QStringLiteral("base_fee"), 29},
             {QStringLiteral("included_credits"), 2900},
             {QStringLiteral("enforcement"), QStringLiteral("block")}});
    } else if (id == QLatin1String("auto_topup")) {
        set({{QStringLiteral("base_fee"), 10},
             {QStringLiteral("included_credits"), 1000},
             {QStringLiteral("topup"),
              QJsonObject{{QStringLiteral("pack_credits"), 1000},
                          {QStringLiteral("pack_price"), 12},
                          {QStringLiteral("threshold"), 100},
                          {QStringLiteral("max_packs_per_month"), 5},
                          {QStringLiteral("expires_at_month_end"), false}}},
             {QStringLiteral("enforcement"), QStringLiteral("auto_topup")},
             {QStringLiteral("after_limit"), QStringLiteral("block")}});
    } else if (id == QLatin1String("throttle")) {
        set({{QStringLiteral("base_fee"), 40},
             {QStringLiteral("included_credits"), 3000},
             {QStringLiteral("enforcement"), QStringLiteral("throttle")},
             {QStringLiteral("throttle_model"), cheapestModel(catalog)}});
    } else {
        return {};
    }
    return p;
}

} // namespace marginal
