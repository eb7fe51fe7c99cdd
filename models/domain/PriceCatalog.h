// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A dated price catalog: for each model, its token prices and the date each price
// took effect, so old usage is priced at the prices in force then and a repricing
// (a provider cutting output prices) can happen inside a horizon.
#include "models/domain/ModelNameRule.h"
#include "models/domain/TokenPrices.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <memory>
#include <mutex>
#include <vector>

namespace marginal {

class JsonNode;

struct PricePoint {
    QDate effective;
    TokenPrices prices;
};

struct CatalogModel {
    QString id;
    QString provider;
    QString source;                  // where the price was read (URL or file), for audit
    std::vector<PricePoint> history; // sorted by effective date, ascending
    ModelNameRule match;             // other names it prices (dated versions); may be empty
};

class PriceCatalog {
public:
    QString name;
    QDate asOf;

    // Reads Marginal's catalog format (see docs/FILE_FORMATS.md).
    static PriceCatalog fromJson(const JsonNode& root);
    // Reads Marginal's format, pydantic's genai-prices table or LiteLLM's
    // model_prices_and_context_window.json (detected by content). LiteLLM's undated
    // prices take effect on `litellmEffective`, which is also the as-of date of both.
    static PriceCatalog loadFile(const QString& fileName, const QDate& litellmEffective);
    // For usage already past: undated prices (LiteLLM's, genai-prices' first) in force
    // from the start, the catalog as of today unless it says otherwise.
    static PriceCatalog loadForUsage(const QString& fileName);
    // The same, from a file already parsed.
    static PriceCatalog fromAnyFormat(const JsonNode& root, const QDate& litellmEffective);
    QJsonObject toJson() const;

    // A warning when the catalog is older than `date` (the data's last month, a
    // scenario's start) by more than 3 months: prices may have changed since; else empty.
    QString stalenessAgainst(const QDate& date, const QString& what) const;

    // Adds a price point, creating the model when new; keeps history sorted.
    void addPrice(const QString& modelId, const QString& provider, const QString& source,
                  const PricePoint& point);
    // Sets the names a model prices besides its id (the model must exist).
    void setMatch(const QString& modelId, const ModelNameRule& match);
    const std::vector<CatalogModel>& models() const { return models_; }
    // The model of this id, else the one whose name rule takes it (of several, the one
    // whose id shares the longest start with the name, then the first listed): usage
    // reports claude-sonnet-4-20250514 where the catalog lists claude-sonnet-4.
    const CatalogModel* find(const QString& modelId) const;
    // The model of exactly this id.
    const CatalogModel* findExact(const QString& modelId) const;
    // The catalog's id for a reported name (find()), or the name itself when no model
    // takes it: usage is counted, priced and rated (credit rates, repricing events,
    // sensitivity factors) under the catalog's id, whatever the provider called it.
    QString idOf(const QString& name) const;
    // The prices in force on `date` (the latest point effective on or before it),
    // or nullptr when the model is unknown or has no price yet on that date.
    const TokenPrices* pricesAt(const QString& modelId, const QDate& date) const;

private:
    const CatalogModel* resolve(const QString& modelId) const; // find() without the cache
    std::vector<CatalogModel> models_;
    // Names already resolved (to a model's index, or -1): pricing asks per customer,
    // month and model. Shared by copies, which have the same models; replaced (not
    // cleared) when the models change, so a copy's answers stay its own.
    struct ResolvedNames {
        std::mutex mutex;
        QHash<QString, int> index;
    };
    std::shared_ptr<ResolvedNames> resolved_ = std::make_shared<ResolvedNames>();
};

} // namespace marginal
