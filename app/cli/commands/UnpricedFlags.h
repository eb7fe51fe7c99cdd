// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// --allow-unpriced and --unpriced-limit PCT, shared by cohorts, replay and simulate:
// usage of models the catalog lacks would cost 0, so above a share of tokens the
// command stops (exit 2) unless told to go on.
#include "app/cli/Flags.h"
#include "models/domain/UnpricedUsage.h"

#include <cmath>

namespace marginal {

inline const QString kUnpricedHelp = QStringLiteral(
    "  --unpriced-limit PCT  stop (exit 2), naming them, when more than PCT% of tokens are on\n"
    "                   models the catalog lacks (they would cost 0; default 1)\n"
    "  --allow-unpriced go on whatever the share (the models are listed, at 0)\n");

// The share above which the command stops; none with --allow-unpriced.
inline Result<std::optional<double>> unpricedLimit(const Flags& flags) {
    using R = Result<std::optional<double>>;
    if (flags.has("--allow-unpriced") && flags.has("--unpriced-limit"))
        return R::failure(QStringLiteral("--allow-unpriced and --unpriced-limit: give one (no "
                                         "limit, or this one)"));
    if (flags.has("--allow-unpriced"))
        return R(std::optional<double>());
    if (!flags.has("--unpriced-limit"))
        return R(std::optional<double>(UnpricedUsage::kDefaultThreshold));
    bool ok = false;
    const double percent = flags.value("--unpriced-limit").toDouble(&ok);
    if (!ok || !std::isfinite(percent) || percent < 0.0 || percent > 100.0)
        return R::failure(QStringLiteral("--unpriced-limit: expected a percentage from 0 to 100, "
                                         "got \"%1\"")
                              .arg(flags.value("--unpriced-limit")));
    return R(std::optional<double>(percent / 100.0));
}

} // namespace marginal
