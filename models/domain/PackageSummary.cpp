// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/PackageSummary.h"
#include "models/domain/PricingPackage.h"

#include <QLocale>
#include <QStringList>
#include <cmath>

namespace marginal {

namespace {

int exactDecimals(double value, int least, int most) {
    for (int d = least; d < most; ++d) {
        const double scaled = value * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, std::abs(scaled)))
            return d;
    }
    return most;
}

QString fees(const PricingPackage& p) {
    QStringList parts;
    if (p.seatFee > 0.0)
        parts << QStringLiteral("%1 seat%2 at %3")
                     .arg(p.seats)
                     .arg(p.seats == 1 ? QString() : QStringLiteral("s"))
                     .arg(PackageSummary::money(p.seatFee));
    if (p.baseFee > 0.0)
        parts << PackageSummary::money(p.baseFee);
    if (parts.isEmpty())
        return QStringLiteral("No monthly fee");
    return parts.join(QStringLiteral(" + ")) + QStringLiteral("/month");
}

QString credits(const PricingPackage& p) {
    QString burn;
    if (p.burn.type == BurnRule::Type::CostPlus)
        burn = QStringLiteral("%1 credit%2 per $1 of inference cost")
                   .arg(PackageSummary::number(p.burn.creditsPerUsd))
                   .arg(p.burn.creditsPerUsd == 1.0 ? QString() : QStringLiteral("s"));
    else if (p.burn.perModel.empty())
        burn = QStringLiteral("credits per 1M tokens, one rate for every model");
    else
        burn = QStringLiteral("credits per 1M tokens set for %1 model%2%3")
                   .arg(p.burn.perModel.size())
                   .arg(p.burn.perModel.size() == 1 ? QString() : QStringLiteral("s"))
                   .arg(p.burn.hasDefaultRates ? QStringLiteral(" and any other") : QString());
    if (p.burn.creditsPerRequest > 0.0)
        burn += QStringLiteral(" + %1 per request")
                    .arg(PackageSummary::number(p.burn.creditsPerRequest));
    const QString included = p.includedCredits > 0.0
                                 ? QStringLiteral("%1 credits included a month")
                                       .arg(PackageSummary::number(p.includedCredits))
                                 : QStringLiteral("no included credits");
    return QStringLiteral("%1 (%2)").arg(included, burn);
}

QString overage(const PricingPackage& p) {
    if (p.overage.empty())
        return QString();
    if (p.overage.size() == 1)
        return QStringLiteral("overage %1 per credit")
            .arg(PackageSummary::money(p.overage[0].price));
    QStringList tiers;
    for (const OverageTier& t : p.overage)
        tiers << (std::isfinite(t.upTo)
                      ? QStringLiteral("%1 up to %2")
                            .arg(PackageSummary::money(t.price), PackageSummary::number(t.upTo))
                      : QStringLiteral("%1 beyond").arg(PackageSummary::money(t.price)));
    return QStringLiteral("overage per credit %1").arg(tiers.join(QStringLiteral(", ")));
}

QString rollover(const PricingPackage& p) {
    switch (p.rollover.mode) {
    case Rollover::Mode::Capped:
        return QStringLiteral("unused credits roll over up to %1")
            .arg(PackageSummary::number(p.rollover.maxBalance));
    case Rollover::Mode::Expiry:
        return QStringLiteral("credits usable for %1 more month%2")
            .arg(p.rollover.expiryMonths)
            .arg(p.rollover.expiryMonths == 1 ? QString() : QStringLiteral("s"));
    case Rollover::Mode::None:
        break;
    }
    return p.includedCredits > 0.0 ? QStringLiteral("unused credits lapse at month end")
                                   : QString();
}

QString atZero(const PricingPackage& p) {
    switch (p.enforcement) {
    case PricingPackage::Enforcement::Overage:
        return QString(); // the overage price says it
    case PricingPackage::Enforcement::Block:
        return QStringLiteral("usage blocked at a zero balance");
    case PricingPackage::Enforcement::Throttle:
        return QStringLiteral("past the balance, traffic served on %1").arg(p.throttleModel);
    case PricingPackage::Enforcement::AutoTopUp:
        return QStringLiteral("packs of %1 credits for %2 bought below %3 credits, at most %4 a "
                              "month, then %5")
            .arg(PackageSummary::number(p.topUp.credits), PackageSummary::money(p.topUp.price),
                 PackageSummary::number(p.topUp.threshold))
            .arg(p.topUp.maxPacksPerMonth)
            .arg(p.afterLimit == PricingPackage::AfterLimit::Overage ? QStringLiteral("overage")
                                                                     : QStringLiteral("blocked"));
    }
    return QString();
}

} // namespace

QString PackageSummary::money(double usd) {
    const bool whole = std::abs(usd - std::round(usd)) < 1e-9;
    const QString digits = QLocale(QLocale::English, QLocale::UnitedStates)
                               .toString(std::abs(usd), 'f', whole ? 0 : exactDecimals(usd, 2, 6));
    return (usd < 0.0 ? QStringLiteral("\u2212$") : QStringLiteral("$")) + digits;
}

QString PackageSummary::number(double value) {
    const bool whole = std::abs(value - std::round(value)) < 1e-9;
    return QLocale(QLocale::English, QLocale::UnitedStates)
        .toString(value, 'f', whole ? 0 : exactDecimals(value, 1, 6));
}

QString PackageSummary::sentence(const PricingPackage& p) {
    QStringList parts{fees(p)};
    if (p.commit > 0.0)
        parts << QStringLiteral("%1 monthly minimum, shortfall billed as a true-up")
                     .arg(money(p.commit));
    parts << credits(p);
    for (const QString& part : {overage(p), rollover(p), atZero(p)})
        if (!part.isEmpty())
            parts << part;
    if (p.topUp.credits > 0.0 && p.enforcement != PricingPackage::Enforcement::AutoTopUp)
        parts << QStringLiteral("top-up packs of %1 credits for %2")
                     .arg(number(p.topUp.credits), money(p.topUp.price));
    if (p.outcomes.price > 0.0)
        parts << QStringLiteral("%1 per outcome (%2 per request)")
                     .arg(money(p.outcomes.price), number(p.outcomes.ratePerRequest));
    if (p.fees.percent > 0.0 || p.fees.fixed > 0.0)
        parts << QStringLiteral("payment fees %1% + %2")
                     .arg(number(p.fees.percent), money(p.fees.fixed));
    return parts.join(QStringLiteral("; ")) + QLatin1Char('.');
}

} // namespace marginal
