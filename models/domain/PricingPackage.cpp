// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/PricingPackage.h"
#include "models/domain/Limits.h"
#include "models/json/JsonNode.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace marginal {

namespace {

const QStringList kEnforcementNames = {QStringLiteral("overage"), QStringLiteral("block"),
                                       QStringLiteral("throttle"), QStringLiteral("auto_topup")};

CreditRates readRates(const JsonNode& node) {
    node.requireOnlyKeys({QStringLiteral("input"), QStringLiteral("cached_input"),
                          QStringLiteral("cache_write"), QStringLiteral("output")});
    CreditRates r;
    r.input = node[QStringLiteral("input")].toNumber(0.0, limits::kCreditRate);
    r.output = node[QStringLiteral("output")].toNumber(0.0, limits::kCreditRate);
    r.cachedInput =
        node.optional(QStringLiteral("cached_input")).toNumberOr(r.input, 0.0, limits::kCreditRate);
    r.cacheWrite =
        node.optional(QStringLiteral("cache_write")).toNumberOr(r.input, 0.0, limits::kCreditRate);
    return r;
}

QJsonObject ratesJson(const CreditRates& r) {
    return {{QStringLiteral("input"), r.input},
            {QStringLiteral("cached_input"), r.cachedInput},
            {QStringLiteral("cache_write"), r.cacheWrite},
            {QStringLiteral("output"), r.output}};
}

BurnRule readBurn(const JsonNode& node) {
    BurnRule burn;
    const QString type = node[QStringLiteral("type")].toEnum(
        {QStringLiteral("cost_plus"), QStringLiteral("per_token")});
    burn.creditsPerRequest = node.optional(QStringLiteral("credits_per_request"))
                                 .toNumberOr(0.0, 0.0, limits::kCreditRate);
    if (type == QLatin1String("cost_plus")) {
        node.requireOnlyKeys({QStringLiteral("type"), QStringLiteral("credits_per_usd"),
                              QStringLiteral("credits_per_request")});
        burn.type = BurnRule::Type::CostPlus;
        burn.creditsPerUsd =
            node[QStringLiteral("credits_per_usd")].toNumber(0.0, limits::kCreditRate);
        return burn;
    }
    node.requireOnlyKeys(
        {QStringLiteral("type"), QStringLiteral("rates"), QStringLiteral("credits_per_request")});
    burn.type = BurnRule::Type::PerToken;
    const JsonNode rates = node[QStringLiteral("rates")];
    for (const QString& model : rates.keys()) {
        if (model == QLatin1String("*")) {
            burn.defaultRates = readRates(rates[model]);
            burn.hasDefaultRates = true;
        } else {
            burn.perModel.emplace_back(model, readRates(rates[model]));
        }
    }
    if (burn.perModel.empty() && !burn.hasDefaultRates)
        rates.fail(QStringLiteral("credit rates for at least one model (or \"*\" for all)"));
    return burn;
}

} // namespace

const CreditRates* BurnRule::ratesFor(const QString& model) const {
    for (const auto& [id, rates] : perModel)
        if (id == model)
            return &rates;
    return hasDefaultRates ? &defaultRates : nullptr;
}

PricingPackage PricingPackage::fromJson(const JsonNode& root) {
    root.requireOnlyKeys(
        {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("base_fee"),
         QStringLiteral("seat_fee"), QStringLiteral("seats"), QStringLiteral("included_credits"),
         QStringLiteral("burn"), QStringLiteral("rollover"), QStringLiteral("overage"),
         QStringLiteral("topup"), QStringLiteral("commit"), QStringLiteral("enforcement"),
         QStringLiteral("throttle_model"), QStringLiteral("after_limit"),
         QStringLiteral("outcomes"), QStringLiteral("payment_fees")});
    PricingPackage p;
    p.name = root[QStringLiteral("name")].toString();
    p.description = root.optional(QStringLiteral("description")).toStringOr(QString());
    p.baseFee = root.optional(QStringLiteral("base_fee")).toNumberOr(0.0, 0.0, limits::kMonthlyUsd);
    p.seatFee = root.optional(QStringLiteral("seat_fee")).toNumberOr(0.0, 0.0, limits::kMonthlyUsd);
    p.seats = root.optional(QStringLiteral("seats")).toIntOr(p.seatFee > 0.0 ? 1 : 0, 0, 1000000);
    p.includedCredits =
        root.optional(QStringLiteral("included_credits")).toNumberOr(0.0, 0.0, limits::kCredits);
    p.burn = readBurn(root[QStringLiteral("burn")]);
    p.commit = root.optional(QStringLiteral("commit")).toNumberOr(0.0, 0.0, limits::kMonthlyUsd);

    const JsonNode rollover = root.optional(QStringLiteral("rollover"));
    if (!rollover.isNull()) {
        const QString mode = rollover[QStringLiteral("mode")].toEnum(
            {QStringLiteral("none"), QStringLiteral("capped"), QStringLiteral("expiry")});
        if (mode == QLatin1String("capped")) {
            rollover.requireOnlyKeys({QStringLiteral("mode"), QStringLiteral("max_balance")});
            p.rollover.mode = Rollover::Mode::Capped;
            p.rollover.maxBalance =
                rollover[QStringLiteral("max_balance")].toNumber(0.0, limits::kCredits);
        } else if (mode == QLatin1String("expiry")) {
            rollover.requireOnlyKeys({QStringLiteral("mode"), QStringLiteral("months")});
            p.rollover.mode = Rollover::Mode::Expiry;
            p.rollover.expiryMonths = rollover[QStringLiteral("months")].toInt(0, 24);
        } else {
            rollover.requireOnlyKeys({QStringLiteral("mode")});
        }
    }

    const JsonNode overage = root.optional(QStringLiteral("overage"));
    if (!overage.isNull()) {
        if (overage.isObject()) { // {"price": 0.01}: one flat tier
            overage.requireOnlyKeys({QStringLiteral("price")});
            p.overage.push_back(OverageTier{
                std::numeric_limits<double>::infinity(),
                overage[QStringLiteral("price")].toNumber(0.0, limits::kOveragePricePerCredit)});
        } else {
            const int n = overage.size();
            if (n == 0)
                overage.fail(QStringLiteral("at least one tier"));
            double previous = 0.0;
            for (int i = 0; i < n; ++i) {
                const JsonNode tier = overage.at(i);
                tier.requireOnlyKeys({QStringLiteral("up_to"), QStringLiteral("price")});
                OverageTier t;
                t.price =
                    tier[QStringLiteral("price")].toNumber(0.0, limits::kOveragePricePerCredit);
                if (i + 1 < n) {
                    t.upTo = tier[QStringLiteral("up_to")].toNumber(0.0, limits::kCredits);
                    if (t.upTo <= previous)
                        tier[QStringLiteral("up_to")].fail(
                            QStringLiteral("a bound above the previous tier's (%1)").arg(previous));
                    previous = t.upTo;
                } else if (tier.has(QStringLiteral("up_to"))) {
                    tier[QStringLiteral("up_to")].fail(
                        QStringLiteral("no bound on the last tier (it has no upper limit)"));
                }
                p.overage.push_back(t);
            }
        }
    }

    const JsonNode topUp = root.optional(QStringLiteral("topup"));
    if (!topUp.isNull()) {
        topUp.requireOnlyKeys({QStringLiteral("pack_credits"), QStringLiteral("pack_price"),
                               QStringLiteral("threshold"), QStringLiteral("max_packs_per_month"),
                               QStringLiteral("expires_at_month_end")});
        p.topUp.credits = topUp[QStringLiteral("pack_credits")].toNumber(1e-9, limits::kCredits);
        if (p.topUp.credits <= 0.0)
            topUp[QStringLiteral("pack_credits")].fail(QStringLiteral("a number > 0"));
        p.topUp.price = topUp[QStringLiteral("pack_price")].toNumber(0.0, limits::kMonthlyUsd);
        p.topUp.threshold =
            topUp.optional(QStringLiteral("threshold")).toNumberOr(0.0, 0.0, limits::kCredits);
        p.topUp.maxPacksPerMonth = topUp[QStringLiteral("max_packs_per_month")].toInt(0, 10000);
        p.topUp.expiresAtMonthEnd =
            topUp.optional(QStringLiteral("expires_at_month_end")).toBoolOr(false);
    }

    const QString enforcement = root.optional(QStringLiteral("enforcement"))
                                    .toEnumOr(kEnforcementNames, QStringLiteral("overage"));
    p.enforcement = Enforcement(kEnforcementNames.indexOf(enforcement));
    const JsonNode afterLimit = root.optional(QStringLiteral("after_limit"));
    p.afterLimit = afterLimit.toEnumOr({QStringLiteral("block"), QStringLiteral("overage")},
                                       QStringLiteral("block")) == QLatin1String("overage")
                       ? AfterLimit::Overage
                       : AfterLimit::Block;
    const JsonNode throttleModel = root.optional(QStringLiteral("throttle_model"));
    if (p.enforcement == Enforcement::Throttle)
        p.throttleModel = root[QStringLiteral("throttle_model")].toString();
    else if (!throttleModel.isNull())
        throttleModel.fail(QStringLiteral("no throttle_model unless enforcement is \"throttle\""));
    const bool billsOverage =
        p.enforcement == Enforcement::Overage ||
        (p.enforcement == Enforcement::AutoTopUp && p.afterLimit == AfterLimit::Overage);
    if (billsOverage && p.overage.empty())
        (void)root[QStringLiteral("overage")]; // required here: throws "the member is missing"
    if (p.enforcement == Enforcement::AutoTopUp && topUp.isNull())
        (void)root[QStringLiteral("topup")]; // required for auto_topup

    const JsonNode outcomes = root.optional(QStringLiteral("outcomes"));
    if (!outcomes.isNull()) {
        outcomes.requireOnlyKeys({QStringLiteral("rate_per_request"), QStringLiteral("price")});
        p.outcomes.ratePerRequest = outcomes[QStringLiteral("rate_per_request")].toNumber(0.0, 1.0);
        p.outcomes.price = outcomes[QStringLiteral("price")].toNumber(0.0, limits::kMonthlyUsd);
    }
    const JsonNode fees = root.optional(QStringLiteral("payment_fees"));
    if (!fees.isNull()) {
        fees.requireOnlyKeys({QStringLiteral("percent"), QStringLiteral("fixed")});
        p.fees.percent = fees.optional(QStringLiteral("percent")).toNumberOr(0.0, 0.0, 100.0);
        p.fees.fixed =
            fees.optional(QStringLiteral("fixed")).toNumberOr(0.0, 0.0, limits::kMonthlyUsd);
    }
    return p;
}

QJsonObject PricingPackage::toJson() const {
    QJsonObject burnJson{{QStringLiteral("type"), burn.type == BurnRule::Type::CostPlus
                                                      ? QStringLiteral("cost_plus")
                                                      : QStringLiteral("per_token")}};
    if (burn.type == BurnRule::Type::CostPlus) {
        burnJson.insert(QStringLiteral("credits_per_usd"), burn.creditsPerUsd);
    } else {
        QJsonObject rates;
        for (const auto& [model, r] : burn.perModel)
            rates.insert(model, ratesJson(r));
        if (burn.hasDefaultRates)
            rates.insert(QStringLiteral("*"), ratesJson(burn.defaultRates));
        burnJson.insert(QStringLiteral("rates"), rates);
    }
    if (burn.creditsPerRequest > 0.0)
        burnJson.insert(QStringLiteral("credits_per_request"), burn.creditsPerRequest);

    QJsonObject root{{QStringLiteral("name"), name},
                     {QStringLiteral("base_fee"), baseFee},
                     {QStringLiteral("included_credits"), includedCredits},
                     {QStringLiteral("burn"), burnJson},
                     {QStringLiteral("enforcement"), enforcementName(enforcement)}};
    if (!description.isEmpty())
        root.insert(QStringLiteral("description"), description);
    if (seatFee > 0.0 || seats > 0) {
        root.insert(QStringLiteral("seat_fee"), seatFee);
        root.insert(QStringLiteral("seats"), seats);
    }
    if (rollover.mode == Rollover::Mode::Capped)
        root.insert(QStringLiteral("rollover"),
                    QJsonObject{{QStringLiteral("mode"), QStringLiteral("capped")},
                                {QStringLiteral("max_balance"), rollover.maxBalance}});
    else if (rollover.mode == Rollover::Mode::Expiry)
        root.insert(QStringLiteral("rollover"),
                    QJsonObject{{QStringLiteral("mode"), QStringLiteral("expiry")},
                                {QStringLiteral("months"), rollover.expiryMonths}});
    if (!overage.empty()) {
        QJsonArray tiers;
        for (const OverageTier& t : overage) {
            QJsonObject tier{{QStringLiteral("price"), t.price}};
            if (std::isfinite(t.upTo))
                tier.insert(QStringLiteral("up_to"), t.upTo);
            tiers.append(tier);
        }
        root.insert(QStringLiteral("overage"), tiers);
    }
    if (topUp.credits > 0.0)
        root.insert(QStringLiteral("topup"),
                    QJsonObject{{QStringLiteral("pack_credits"), topUp.credits},
                                {QStringLiteral("pack_price"), topUp.price},
                                {QStringLiteral("threshold"), topUp.threshold},
                                {QStringLiteral("max_packs_per_month"), topUp.maxPacksPerMonth},
                                {QStringLiteral("expires_at_month_end"), topUp.expiresAtMonthEnd}});
    if (commit > 0.0)
        root.insert(QStringLiteral("commit"), commit);
    if (enforcement == Enforcement::Throttle)
        root.insert(QStringLiteral("throttle_model"), throttleModel);
    if (enforcement == Enforcement::AutoTopUp)
        root.insert(QStringLiteral("after_limit"), afterLimit == AfterLimit::Overage
                                                       ? QStringLiteral("overage")
                                                       : QStringLiteral("block"));
    if (outcomes.price > 0.0)
        root.insert(QStringLiteral("outcomes"),
                    QJsonObject{{QStringLiteral("rate_per_request"), outcomes.ratePerRequest},
                                {QStringLiteral("price"), outcomes.price}});
    if (fees.percent > 0.0 || fees.fixed > 0.0)
        root.insert(QStringLiteral("payment_fees"),
                    QJsonObject{{QStringLiteral("percent"), fees.percent},
                                {QStringLiteral("fixed"), fees.fixed}});
    return root;
}

double PricingPackage::overageCharge(double credits) const {
    double charge = 0.0;
    double lower = 0.0;
    for (const OverageTier& tier : overage) {
        if (credits <= lower)
            break;
        charge += (std::min(credits, tier.upTo) - lower) * tier.price;
        lower = tier.upTo;
    }
    return charge;
}

QString PricingPackage::enforcementName(Enforcement e) {
    return kEnforcementNames.at(int(e));
}

} // namespace marginal
