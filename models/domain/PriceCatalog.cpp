// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/PriceCatalog.h"
#include "models/common/InputError.h"
#include "models/domain/Limits.h"
#include "models/import/catalogs/GenaiPricesReader.h"
#include "models/import/catalogs/LiteLlmCatalogReader.h"
#include "models/json/JsonNode.h"

#include <QJsonArray>
#include <algorithm>

namespace marginal {

// One set of class prices; a class left out falls back as providers bill it: cached
// input and cache writes at the input price, 1-hour writes at the 5-minute price.
static ClassPrices readClassPrices(const JsonNode& node) {
    ClassPrices p;
    p.input = node[QStringLiteral("input")].toNumber(0.0, limits::kPricePerMillionTokens);
    p.output = node[QStringLiteral("output")].toNumber(0.0, limits::kPricePerMillionTokens);
    p.cachedInput = node.optional(QStringLiteral("cached_input"))
                        .toNumberOr(p.input, 0.0, limits::kPricePerMillionTokens);
    p.cacheWrite5m = node.optional(QStringLiteral("cache_write_5m"))
                         .toNumberOr(p.input, 0.0, limits::kPricePerMillionTokens);
    p.cacheWrite1h = node.optional(QStringLiteral("cache_write_1h"))
                         .toNumberOr(p.cacheWrite5m, 0.0, limits::kPricePerMillionTokens);
    return p;
}

static std::vector<PriceTier> readTiers(const JsonNode& node) {
    std::vector<PriceTier> tiers;
    if (node.isNull())
        return tiers;
    node.forEach([&](const JsonNode& tier) {
        tier.requireOnlyKeys({QStringLiteral("above_input_tokens"), QStringLiteral("input"),
                              QStringLiteral("cached_input"), QStringLiteral("cache_write_5m"),
                              QStringLiteral("cache_write_1h"), QStringLiteral("output")});
        const JsonNode start = tier[QStringLiteral("above_input_tokens")];
        PriceTier t{start.toNumber(1.0, 1e12), readClassPrices(tier)};
        if (!tiers.empty() && t.startInputTokens <= tiers.back().startInputTokens)
            start.fail(QStringLiteral("a size above the previous tier's (%1), tiers ascending")
                           .arg(tiers.back().startInputTokens));
        tiers.push_back(t);
    });
    return tiers;
}

static TokenPrices readPrices(const JsonNode& node) {
    node.requireOnlyKeys({QStringLiteral("effective"), QStringLiteral("input"),
                          QStringLiteral("cached_input"), QStringLiteral("cache_write_5m"),
                          QStringLiteral("cache_write_1h"), QStringLiteral("output"),
                          QStringLiteral("batch_multiplier"), QStringLiteral("tiers")});
    const ClassPrices base = readClassPrices(node);
    TokenPrices p{base.input, base.cachedInput, base.cacheWrite5m, base.cacheWrite1h, base.output};
    p.batchMultiplier = node.optional(QStringLiteral("batch_multiplier")).toNumberOr(1.0, 0.0, 1.0);
    p.tiers = readTiers(node.optional(QStringLiteral("tiers")));
    return p;
}

static QJsonObject classPricesJson(const ClassPrices& p) {
    return QJsonObject{{QStringLiteral("input"), p.input},
                       {QStringLiteral("cached_input"), p.cachedInput},
                       {QStringLiteral("cache_write_5m"), p.cacheWrite5m},
                       {QStringLiteral("cache_write_1h"), p.cacheWrite1h},
                       {QStringLiteral("output"), p.output}};
}

PriceCatalog PriceCatalog::fromJson(const JsonNode& root) {
    root.requireOnlyKeys({QStringLiteral("catalog"), QStringLiteral("as_of"),
                          QStringLiteral("currency"), QStringLiteral("unit"),
                          QStringLiteral("notes"), QStringLiteral("models")});
    PriceCatalog catalog;
    catalog.name = root[QStringLiteral("catalog")].toString();
    catalog.asOf = root[QStringLiteral("as_of")].toDate();
    const JsonNode currency = root.optional(QStringLiteral("currency"));
    if (!currency.isNull())
        currency.toEnum({QStringLiteral("USD")});
    const JsonNode unit = root.optional(QStringLiteral("unit"));
    if (!unit.isNull())
        unit.toEnum({QStringLiteral("USD per 1M tokens")});
    const JsonNode models = root[QStringLiteral("models")];
    if (models.size() == 0)
        models.fail(QStringLiteral("at least one model"));
    models.forEach([&](const JsonNode& model) {
        model.requireOnlyKeys({QStringLiteral("id"), QStringLiteral("provider"),
                               QStringLiteral("source"), QStringLiteral("prices"),
                               QStringLiteral("match")});
        const QString id = model[QStringLiteral("id")].toString();
        if (catalog.findExact(id))
            model[QStringLiteral("id")].reject(
                QStringLiteral("model \"%1\" is listed twice").arg(id));
        const QString provider = model.optional(QStringLiteral("provider")).toStringOr(QString());
        const QString source = model.optional(QStringLiteral("source")).toStringOr(QString());
        const JsonNode prices = model[QStringLiteral("prices")];
        if (prices.size() == 0)
            prices.fail(QStringLiteral("at least one dated price"));
        prices.forEach([&](const JsonNode& price) {
            const QDate effective = price[QStringLiteral("effective")].toDate();
            const CatalogModel* existing = catalog.findExact(id);
            if (existing &&
                std::any_of(existing->history.begin(), existing->history.end(),
                            [&](const PricePoint& p) { return p.effective == effective; }))
                price[QStringLiteral("effective")].reject(
                    QStringLiteral("model \"%1\" has two prices effective %2")
                        .arg(id, effective.toString(Qt::ISODate)));
            catalog.addPrice(id, provider, source, PricePoint{effective, readPrices(price)});
        });
        catalog.setMatch(id, ModelNameRule::fromJson(model.optional(QStringLiteral("match"))));
    });
    return catalog;
}

PriceCatalog PriceCatalog::loadFile(const QString& fileName, const QDate& litellmEffective) {
    return fromAnyFormat(JsonNode::parseFile(fileName), litellmEffective);
}

PriceCatalog PriceCatalog::loadForUsage(const QString& fileName) {
    PriceCatalog catalog = loadFile(fileName, GenaiPricesReader::undatedEffective());
    if (catalog.asOf == GenaiPricesReader::undatedEffective())
        catalog.asOf = QDate::currentDate();
    return catalog;
}

PriceCatalog PriceCatalog::fromAnyFormat(const JsonNode& root, const QDate& litellmEffective) {
    if (root.isObject() && root.has(QStringLiteral("models")) &&
        root.has(QStringLiteral("catalog")))
        return fromJson(root);
    if (GenaiPricesReader::looksLike(root))
        return GenaiPricesReader::read(root, litellmEffective);
    return LiteLlmCatalogReader::read(root, litellmEffective);
}

QJsonObject PriceCatalog::toJson() const {
    QJsonArray models;
    for (const CatalogModel& model : models_) {
        QJsonArray prices;
        for (const PricePoint& point : model.history) {
            const TokenPrices& p = point.prices;
            QJsonObject price = classPricesJson(p.base());
            price.insert(QStringLiteral("effective"), point.effective.toString(Qt::ISODate));
            price.insert(QStringLiteral("batch_multiplier"), p.batchMultiplier);
            if (!p.tiers.empty()) { // catalogs without tiers keep their form
                QJsonArray tiers;
                for (const PriceTier& tier : p.tiers) {
                    QJsonObject t = classPricesJson(tier.prices);
                    t.insert(QStringLiteral("above_input_tokens"), tier.startInputTokens);
                    tiers.append(t);
                }
                price.insert(QStringLiteral("tiers"), tiers);
            }
            prices.append(price);
        }
        QJsonObject entry{{QStringLiteral("id"), model.id}, {QStringLiteral("prices"), prices}};
        if (!model.provider.isEmpty())
            entry.insert(QStringLiteral("provider"), model.provider);
        if (!model.source.isEmpty())
            entry.insert(QStringLiteral("source"), model.source);
        if (!model.match.empty())
            entry.insert(QStringLiteral("match"), model.match.toJson());
        models.append(entry);
    }
    return QJsonObject{{QStringLiteral("catalog"), name},
                       {QStringLiteral("as_of"), asOf.toString(Qt::ISODate)},
                       {QStringLiteral("currency"), QStringLiteral("USD")},
                       {QStringLiteral("unit"), QStringLiteral("USD per 1M tokens")},
                       {QStringLiteral("models"), models}};
}

QString PriceCatalog::stalenessAgainst(const QDate& date, const QString& what) const {
    if (!asOf.isValid() || !date.isValid() || asOf.addMonths(3) >= date)
        return QString();
    return QStringLiteral("the price catalog \"%1\" is as of %2, more than 3 months before %3 "
                          "(%4): prices may have changed since")
        .arg(name, asOf.toString(Qt::ISODate), what, date.toString(Qt::ISODate));
}

void PriceCatalog::addPrice(const QString& modelId, const QString& provider, const QString& source,
                            const PricePoint& point) {
    auto it = std::find_if(models_.begin(), models_.end(),
                           [&](const CatalogModel& m) { return m.id == modelId; });
    if (it == models_.end()) {
        models_.push_back(CatalogModel{modelId, provider, source, {}, {}});
        it = models_.end() - 1;
        resolved_ = std::make_shared<ResolvedNames>();
    }
    auto& history = it->history;
    auto pos =
        std::upper_bound(history.begin(), history.end(), point.effective,
                         [](const QDate& d, const PricePoint& p) { return d < p.effective; });
    history.insert(pos, point);
}

void PriceCatalog::setMatch(const QString& modelId, const ModelNameRule& match) {
    for (CatalogModel& model : models_)
        if (model.id == modelId)
            model.match = match;
    resolved_ = std::make_shared<ResolvedNames>();
}

const CatalogModel* PriceCatalog::findExact(const QString& modelId) const {
    for (const CatalogModel& model : models_)
        if (model.id == modelId)
            return &model;
    return nullptr;
}

const CatalogModel* PriceCatalog::resolve(const QString& modelId) const {
    if (const CatalogModel* exact = findExact(modelId))
        return exact;
    // No id is the name: the rules decide, the most specific first.
    const CatalogModel* found = nullptr;
    qsizetype longest = -1;
    for (const CatalogModel& model : models_) {
        if (!model.match.matches(modelId))
            continue;
        qsizetype shared = 0;
        while (shared < model.id.size() && shared < modelId.size() &&
               model.id[shared] == modelId[shared])
            ++shared;
        if (shared > longest) {
            longest = shared;
            found = &model;
        }
    }
    return found;
}

const CatalogModel* PriceCatalog::find(const QString& modelId) const {
    if (!resolved_) // moved from
        return resolve(modelId);
    std::lock_guard lock(resolved_->mutex);
    if (const auto known = resolved_->index.constFind(modelId); known != resolved_->index.cend())
        return *known < 0 ? nullptr : &models_[std::size_t(*known)];
    const CatalogModel* found = resolve(modelId);
    resolved_->index.insert(modelId, found ? int(found - models_.data()) : -1);
    return found;
}

QString PriceCatalog::idOf(const QString& name) const {
    const CatalogModel* model = find(name);
    return model ? model->id : name;
}

const TokenPrices* PriceCatalog::pricesAt(const QString& modelId, const QDate& date) const {
    const CatalogModel* model = find(modelId);
    if (!model)
        return nullptr;
    const TokenPrices* inForce = nullptr;
    for (const PricePoint& point : model->history) {
        if (point.effective > date)
            break;
        inForce = &point.prices;
    }
    return inForce;
}

} // namespace marginal
