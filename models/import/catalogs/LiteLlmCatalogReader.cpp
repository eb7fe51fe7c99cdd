// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/catalogs/LiteLlmCatalogReader.h"
#include "models/domain/Limits.h"
#include "models/json/JsonNode.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <map>

namespace marginal {

static double perMillion(const JsonNode& entry, const QString& key, double fallback) {
    const JsonNode node = entry.optional(key);
    // USD per token -> USD per 1M tokens.
    return node.isNull() ? fallback
                         : node.toNumber(0.0, limits::kPricePerMillionTokens / 1e6) * 1e6;
}

// LiteLLM's long-context prices: "<class key>_above_<N>k_tokens" (e.g.
// input_cost_per_token_above_200k_tokens), each a tier above N thousand input tokens.
// A class without its own price above N keeps the base one.
static std::vector<PriceTier> longContextTiers(const JsonNode& entry, const TokenPrices& base) {
    static const QRegularExpression above(QStringLiteral("^(.+)_above_(\\d+)k_tokens$"));
    std::map<double, ClassPrices> tiers;
    for (const QString& key : entry.keys()) {
        const QRegularExpressionMatch m = above.match(key);
        if (!m.hasMatch())
            continue;
        const double start = m.captured(2).toDouble() * 1000.0;
        auto [it, added] = tiers.try_emplace(start, base.base());
        ClassPrices& c = it->second;
        const QString cls = m.captured(1);
        const double price = perMillion(entry, key, 0.0);
        if (cls == QLatin1String("input_cost_per_token"))
            c.input = price;
        else if (cls == QLatin1String("output_cost_per_token"))
            c.output = price;
        else if (cls == QLatin1String("cache_read_input_token_cost"))
            c.cachedInput = price;
        else if (cls == QLatin1String("cache_creation_input_token_cost"))
            c.cacheWrite5m = price;
        else if (cls == QLatin1String("cache_creation_input_token_cost_above_1hr"))
            c.cacheWrite1h = price;
        else if (added)
            tiers.erase(it); // a class Marginal does not price (audio, images)
    }
    std::vector<PriceTier> out;
    for (const auto& [start, prices] : tiers)
        out.push_back(PriceTier{start, prices});
    return out;
}

PriceCatalog LiteLlmCatalogReader::read(const JsonNode& root, const QDate& effective) {
    if (!root.isObject())
        root.fail(QStringLiteral("a LiteLLM price catalog (an object keyed by model name)"));
    PriceCatalog catalog;
    catalog.name = QStringLiteral("LiteLLM catalog %1").arg(QFileInfo(root.file()).fileName());
    catalog.asOf = effective;
    const QString source = QFileInfo(root.file()).fileName();
    for (const QString& key : root.keys()) {
        if (key == QLatin1String("sample_spec"))
            continue;
        const JsonNode entry = root[key];
        if (!entry.isObject())
            entry.fail(QStringLiteral("an object with the model's prices"));
        const QString mode = entry.optional(QStringLiteral("mode")).isString()
                                 ? entry[QStringLiteral("mode")].value().toString()
                                 : QString();
        if (mode != QLatin1String("chat") && mode != QLatin1String("completion"))
            continue;
        if (!entry.has(QStringLiteral("input_cost_per_token")) ||
            !entry.has(QStringLiteral("output_cost_per_token")))
            continue; // priced per character, second or image: not a token model
        TokenPrices p;
        p.input = perMillion(entry, QStringLiteral("input_cost_per_token"), 0.0);
        p.output = perMillion(entry, QStringLiteral("output_cost_per_token"), 0.0);
        p.cachedInput = perMillion(entry, QStringLiteral("cache_read_input_token_cost"), p.input);
        p.cacheWrite5m =
            perMillion(entry, QStringLiteral("cache_creation_input_token_cost"), p.input);
        p.cacheWrite1h = perMillion(
            entry, QStringLiteral("cache_creation_input_token_cost_above_1hr"), p.cacheWrite5m);
        // Newer files say "_batches", older ones "_batch_requests".
        for (const QString& batchKey : {QStringLiteral("input_cost_per_token_batches"),
                                        QStringLiteral("input_cost_per_token_batch_requests")}) {
            const JsonNode batchInput = entry.optional(batchKey);
            if (!batchInput.isNull() && p.input > 0.0)
                p.batchMultiplier = std::min(1.0, batchInput.toNumber(0.0) * 1e6 / p.input);
        }
        p.tiers = longContextTiers(entry, p);
        const QString provider =
            entry.optional(QStringLiteral("litellm_provider")).toStringOr(QString());
        catalog.addPrice(key, provider, source, PricePoint{effective, p});
    }
    if (catalog.models().empty())
        root.fail(QStringLiteral("at least one chat or completion model priced per token"));
    return catalog;
}

} // namespace marginal
