// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads pydantic's genai-prices table (MIT; the `prices/data.json` the npm package
// @pydantic/genai-prices bundles): providers, their models, dated price changes
// (`constraint.start_date`), the cache classes and tiers by request size, in USD per
// 1M tokens. docs/FILE_FORMATS.md, "genai-prices".
#include "models/domain/PriceCatalog.h"

#include <atomic>
#include <vector>

namespace marginal {

class GenaiPricesReader {
public:
    // A price without a start date has been in force since before the table's first
    // dated change; it is dated this day, before any usage Marginal reads (and before
    // any dated change, however early).
    static QDate undatedEffective() { return QDate(1970, 1, 1); }

    // One model to take: `[provider:]model[=id]` (the id it gets in Marginal's catalog).
    struct Selection {
        QString provider; // empty: the provider whose own models match the id, else the only one
        QString model;
        QString id;
        QString whole; // the text before "=": the model's name when no provider has the prefix
        static Selection parse(const QString& text);
    };

    // An array of providers, each with `id` and `models`.
    static bool looksLike(const JsonNode& root);
    // Every model priced per token (or only `selection`, in its order), dated `asOf`.
    // Models priced only per image, second or page are left out; a selection naming one
    // is refused, as is a name the table lacks.
    // A model several providers list, none its maker, is refused unless one is named.
    // `cancel` (Ctrl+C) is looked at between models: Cancelled.
    static PriceCatalog read(const JsonNode& root, const QDate& asOf,
                             const std::vector<Selection>& selection = {},
                             const std::atomic<bool>* cancel = nullptr);
};

} // namespace marginal
