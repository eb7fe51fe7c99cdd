// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A hybrid pricing package, as data (docs/MODEL.md section 5): base fee and seats,
// included credits and how usage burns them, rollover, top-up packs, overage,
// commit, what happens at a zero balance, outcome pricing and payment fees.
#include <QJsonObject>
#include <QString>
#include <limits>
#include <utility>
#include <vector>

namespace marginal {

class JsonNode;

// Credits burned per 1M tokens of each class (cache writes of both TTLs alike).
struct CreditRates {
    double input = 0.0;
    double cachedInput = 0.0;
    double cacheWrite = 0.0;
    double output = 0.0;
    bool operator==(const CreditRates&) const = default;
};

struct BurnRule {
    enum class Type { PerToken, CostPlus };
    Type type = Type::CostPlus;
    double creditsPerUsd = 1.0;                            // cost-plus: credits = cost x this
    std::vector<std::pair<QString, CreditRates>> perModel; // per-token: rates by model id
    CreditRates defaultRates;                              // per-token: models not listed
    bool hasDefaultRates = false;
    double creditsPerRequest = 0.0; // added to either rule
    // The rates for a model, or nullptr when the rule does not price it.
    const CreditRates* ratesFor(const QString& model) const;
};

struct Rollover {
    enum class Mode { None, Capped, Expiry };
    Mode mode = Mode::None;
    double maxBalance = 0.0; // capped: the most rolled-over credits carried
    int expiryMonths = 0;    // expiry: usable in the grant month and this many after
};

struct OverageTier {
    double upTo = std::numeric_limits<double>::infinity(); // overage credits in the month
    double price = 0.0;                                    // USD per credit
};

struct TopUpPack {
    double credits = 0.0;
    double price = 0.0;       // USD per pack
    double threshold = 0.0;   // buy when the balance falls below this
    int maxPacksPerMonth = 0; // monthly recharge limit
    bool expiresAtMonthEnd = false;
};

struct Outcomes {
    double ratePerRequest = 0.0; // outcomes (e.g. resolutions) per served request
    double price = 0.0;          // USD per outcome
};

struct PaymentFees {
    double percent = 0.0; // of the month's charges
    double fixed = 0.0;   // USD per non-zero invoice
};

class PricingPackage {
public:
    enum class Enforcement { Overage, Block, Throttle, AutoTopUp };
    enum class AfterLimit { Block, Overage };

    QString name;
    QString description;
    double baseFee = 0.0;
    double seatFee = 0.0;
    int seats = 0;
    double includedCredits = 0.0;
    BurnRule burn;
    Rollover rollover;
    std::vector<OverageTier> overage; // graduated; one tier is a flat price
    TopUpPack topUp;
    double commit = 0.0; // minimum monthly spend
    Enforcement enforcement = Enforcement::Overage;
    QString throttleModel;
    AfterLimit afterLimit = AfterLimit::Block;
    Outcomes outcomes;
    PaymentFees fees;

    static PricingPackage fromJson(const JsonNode& root);
    QJsonObject toJson() const;

    // Overage charge in USD for `credits` overage credits within one month.
    double overageCharge(double credits) const;

    static QString enforcementName(Enforcement e);
};

} // namespace marginal
