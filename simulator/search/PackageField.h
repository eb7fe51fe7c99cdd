// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A numeric field of a pricing package named by a JSON path into the package's file
// form (docs/FILE_FORMATS.md): `base_fee`, `included_credits`, `overage.price` (a flat
// overage price), `overage.tiers[1].price` (tier 1, counted from 0), `top_up.price`,
// `burn.credits_per_usd`, ... Variants are made by editing the package's JSON and
// reading it back with PricingPackage::fromJson, so each passes the same validation
// as a scenario's package.
#include "models/common/Result.h"
#include "models/domain/PricingPackage.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace marginal {

class PackageField {
public:
    // The field, or why not: the path does not exist in the package, or is not a number.
    static Result<PackageField> resolve(const QString& path, const PricingPackage& package);

    // Every numeric field of `package` by the path resolve() takes, in its JSON
    // form's order: what a price search can vary.
    static QStringList numericPaths(const PricingPackage& package);
    const QString& path() const { return path_; }
    double current() const { return current_; }
    // The package with this field set to `value`; throws InputError when the edited
    // package is invalid (naming the field and the value).
    static PricingPackage withValues(const PricingPackage& package,
                                     const std::vector<PackageField>& fields,
                                     const std::vector<double>& values);

private:
    QString path_;
    QStringList steps_; // into PricingPackage::toJson(): keys and [index] entries
    double current_ = 0.0;
};

} // namespace marginal
