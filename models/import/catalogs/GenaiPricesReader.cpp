// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/catalogs/GenaiPricesReader.h"
#include "models/common/Cancelled.h"
#include "models/domain/Limits.h"
#include "models/domain/ModelNameRule.h"
#include "models/json/JsonNode.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTime>
#include <algorithm>
#include <map>
#include <optional>

namespace marginal {

namespace {

// One class's price: a number, or {base, tiers: [{start, price}]}.
struct ClassPrice {
    double base = 0.0;
    std::vector<std::pair<double, double>> tiers; // (start, price), ascending

    double at(double start) const { // the price a request above `start` pays
        double price = base;
        for (const auto& [s, p] : tiers)
            if (s <= start)
                price = p;
        return price;
    }
};

std::optional<ClassPrice> classPrice(const JsonNode& prices, const QString& key) {
    const JsonNode node = prices.optional(key);
    if (node.isNull())
        return std::nullopt;
    ClassPrice c;
    if (!node.isObject()) {
        c.base = node.toNumber(0.0, limits::kPricePerMillionTokens);
        return c;
    }
    c.base = node[QStringLiteral("base")].toNumber(0.0, limits::kPricePerMillionTokens);
    node[QStringLiteral("tiers")].forEach([&](const JsonNode& tier) {
        c.tiers.emplace_back(
            tier[QStringLiteral("start")].toNumber(0.0, 1e12),
            tier[QStringLiteral("price")].toNumber(0.0, limits::kPricePerMillionTokens));
    });
    std::sort(c.tiers.begin(), c.tiers.end());
    return c;
}

// Marginal's prices from one genai-prices price set; nullopt when it has no input price
// (a model priced per image, second or page).
std::optional<TokenPrices> tokenPrices(const JsonNode& prices) {
    const auto input = classPrice(prices, QStringLiteral("input_mtok"));
    if (!input)
        return std::nullopt;
    const ClassPrice output =
        classPrice(prices, QStringLiteral("output_mtok")).value_or(ClassPrice{}); // embeddings
    // As in Marginal's own format, classes the table leaves out are billed as input, and
    // 1-hour writes as 5-minute ones.
    const ClassPrice cached =
        classPrice(prices, QStringLiteral("cache_read_mtok")).value_or(*input);
    const ClassPrice write5m =
        classPrice(prices, QStringLiteral("cache_write_mtok")).value_or(*input);
    const ClassPrice write1h =
        classPrice(prices, QStringLiteral("cache_write_1h_mtok")).value_or(write5m);
    const auto classesAt = [&](double start) {
        return ClassPrices{input->at(start), cached.at(start), write5m.at(start), write1h.at(start),
                           output.at(start)};
    };
    const ClassPrices base = classesAt(-1.0);
    TokenPrices p{base.input, base.cachedInput, base.cacheWrite5m, base.cacheWrite1h, base.output};
    QSet<double> starts;
    for (const ClassPrice* c : {&*input, &cached, &write5m, &write1h, &output})
        for (const auto& tier : c->tiers)
            starts.insert(tier.first);
    std::vector<double> sorted(starts.begin(), starts.end());
    std::sort(sorted.begin(), sorted.end());
    for (double start : sorted)
        p.tiers.push_back(PriceTier{start, classesAt(start)});
    return p;
}

// Whether a provider's or model's match rule (ModelNameRule) takes `id`.
bool matches(const JsonNode& rule, const QString& id) {
    return ModelNameRule::fromJson(rule).matches(id);
}

struct Found {
    JsonNode provider;
    JsonNode model;
};

// Where `model` is listed: under `provider` when given, else under the provider whose
// own models match it (Anthropic's "claude", OpenAI's "gpt-"), else the first listing.
std::optional<Found> locate(const JsonNode& root, const QString& provider, const QString& model) {
    std::optional<Found> first;
    for (int i = 0; i < root.size(); ++i) {
        const JsonNode p = root.at(i);
        const QString providerId = p[QStringLiteral("id")].toString();
        if (!provider.isEmpty() && providerId != provider)
            continue;
        const JsonNode models = p[QStringLiteral("models")];
        for (int j = 0; j < models.size(); ++j) {
            const JsonNode m = models.at(j);
            if (m[QStringLiteral("id")].toString() != model)
                continue;
            if (!provider.isEmpty() || matches(p.optional(QStringLiteral("model_match")), model))
                return Found{p, m};
            if (!first)
                first = Found{p, m};
        }
    }
    return first;
}

// The share of the day inside a time-of-day window ("00:30:00Z" to "16:30:00Z"); the
// length does not depend on the offset, so the zone is not read.
double dayShare(const JsonNode& constraint) {
    const auto time = [&](const char* key) {
        const JsonNode node = constraint[QString::fromLatin1(key)];
        const QTime t = QTime::fromString(node.toString().left(8), QStringLiteral("HH:mm:ss"));
        if (!t.isValid())
            node.fail(QStringLiteral("a time of day HH:MM:SS"));
        return t.msecsSinceStartOfDay() / 1000.0;
    };
    double seconds = time("end_time") - time("start_time");
    if (seconds <= 0)
        seconds += 86400.0; // the window wraps past midnight
    return seconds / 86400.0;
}

// (1 - share) of `a` and `share` of `b`, class by class; `a`'s tiers stay.
void blendInto(TokenPrices& a, const TokenPrices& b, double share) {
    const auto mix = [&](double& x, double y) { x = (1.0 - share) * x + share * y; };
    mix(a.input, b.input);
    mix(a.cachedInput, b.cachedInput);
    mix(a.cacheWrite5m, b.cacheWrite5m);
    mix(a.cacheWrite1h, b.cacheWrite1h);
    mix(a.output, b.output);
}

// Adds the model's dated prices; false when it has no price per token.
bool addModel(PriceCatalog& catalog, const Found& found, const QString& id, const QString& file) {
    const JsonNode urls = found.model.has(QStringLiteral("pricing_urls"))
                              ? found.model[QStringLiteral("pricing_urls")]
                              : found.provider.optional(QStringLiteral("pricing_urls"));
    const QString source = urls.isArray() && urls.size() > 0
                               ? urls.at(0).toString()
                               : QStringLiteral("genai-prices %1").arg(file);
    const QString provider = found.provider[QStringLiteral("id")].toString();
    const JsonNode prices = found.model[QStringLiteral("prices")];
    std::vector<PricePoint> points;
    const auto add = [&](const JsonNode& set, const QDate& effective) {
        if (const auto p = tokenPrices(set))
            points.push_back(PricePoint{effective, *p});
    };
    if (!prices.isArray())
        add(prices, GenaiPricesReader::undatedEffective());
    for (int i = 0; prices.isArray() && i < prices.size(); ++i) {
        const JsonNode entry = prices.at(i);
        const JsonNode constraint = entry.optional(QStringLiteral("constraint"));
        if (constraint.isNull()) {
            add(entry[QStringLiteral("prices")], GenaiPricesReader::undatedEffective());
        } else if (constraint.has(QStringLiteral("start_time"))) {
            // Prices for hours of the day (DeepSeek's): Marginal's rows are days, so the
            // window's price is blended into the price listed before it by the share of
            // the day it covers, as if traffic were spread evenly over the day.
            const auto windowPrices = tokenPrices(entry[QStringLiteral("prices")]);
            if (windowPrices && !points.empty())
                blendInto(points.back().prices, *windowPrices, dayShare(constraint));
        } else {
            add(entry[QStringLiteral("prices")], constraint[QStringLiteral("start_date")].toDate());
        }
    }
    for (const PricePoint& point : points)
        catalog.addPrice(id, provider, source, point);
    if (!points.empty()) // the names usage reports for it (dated versions)
        catalog.setMatch(id,
                         ModelNameRule::fromJson(found.model.optional(QStringLiteral("match"))));
    return !points.empty();
}

} // namespace

GenaiPricesReader::Selection GenaiPricesReader::Selection::parse(const QString& text) {
    Selection s;
    QString rest = text.trimmed();
    const qsizetype equals = rest.indexOf(QLatin1Char('='));
    if (equals >= 0) {
        s.id = rest.mid(equals + 1).trimmed();
        rest = rest.left(equals).trimmed();
    }
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    s.whole = rest;
    if (colon >= 0) {
        s.provider = rest.left(colon).trimmed();
        rest = rest.mid(colon + 1).trimmed();
    }
    s.model = rest;
    if (s.id.isEmpty())
        s.id = s.model;
    return s;
}

// The providers listing `model`, by id.
static QStringList providersOf(const JsonNode& root, const QString& model) {
    QStringList found;
    for (int i = 0; i < root.size(); ++i) {
        const JsonNode models = root.at(i)[QStringLiteral("models")];
        for (int j = 0; j < models.size(); ++j)
            if (models.at(j)[QStringLiteral("id")].toString() == model) {
                found.append(root.at(i)[QStringLiteral("id")].toString());
                break;
            }
    }
    return found;
}

static bool hasProvider(const JsonNode& root, const QString& provider) {
    for (int i = 0; i < root.size(); ++i)
        if (root.at(i)[QStringLiteral("id")].toString() == provider)
            return true;
    return false;
}

bool GenaiPricesReader::looksLike(const JsonNode& root) {
    if (!root.isArray() || root.size() == 0)
        return false;
    const JsonNode first = root.at(0);
    return first.isObject() && first.has(QStringLiteral("id")) &&
           first.has(QStringLiteral("models"));
}

PriceCatalog GenaiPricesReader::read(const JsonNode& root, const QDate& asOf,
                                     const std::vector<Selection>& selection,
                                     const std::atomic<bool>* cancel) {
    if (!looksLike(root))
        root.fail(QStringLiteral("a genai-prices table (an array of providers, each with "
                                 "\"id\" and \"models\")"));
    const QString file = QFileInfo(root.file()).fileName();
    PriceCatalog catalog;
    catalog.name = QStringLiteral("genai-prices %1").arg(file);
    catalog.asOf = asOf;
    if (!selection.empty()) {
        for (Selection s : selection) {
            Cancelled::check(cancel);
            if (!s.provider.isEmpty() && !hasProvider(root, s.provider)) {
                s.model = s.whole; // "amazon.nova-lite-v1:0": a colon in the name
                s.provider.clear();
                if (s.id == s.whole.mid(s.whole.indexOf(QLatin1Char(':')) + 1))
                    s.id = s.whole;
            }
            const auto found = locate(root, s.provider, s.model);
            if (found && s.provider.isEmpty() &&
                !matches(found->provider.optional(QStringLiteral("model_match")), s.model)) {
                const QStringList listing = providersOf(root, s.model);
                if (listing.size() > 1)
                    root.reject(QStringLiteral("model \"%1\" is listed by %2, none of them its "
                                               "maker: name one (provider:model)")
                                    .arg(s.model, listing.join(QStringLiteral(", "))));
            }
            const QString named =
                s.provider.isEmpty() ? s.model : QStringLiteral("%1:%2").arg(s.provider, s.model);
            if (!found)
                root.reject(QStringLiteral("model \"%1\" is not in the table").arg(named));
            if (catalog.findExact(s.id))
                root.reject(QStringLiteral("\"%1\" is chosen twice").arg(s.id));
            if (!addModel(catalog, *found, s.id, file))
                found->model.reject(
                    QStringLiteral("model \"%1\" is not priced per token (no input_mtok)")
                        .arg(named));
        }
        return catalog;
    }
    // One pass over the table: each id's first listing, replaced by its maker's (as
    // locate() chooses), in the order ids first appear.
    QStringList order;
    std::map<QString, std::pair<Found, bool>> chosen; // id -> listing, from its maker
    for (int i = 0; i < root.size(); ++i) {
        const JsonNode provider = root.at(i);
        const ModelNameRule rule =
            ModelNameRule::fromJson(provider.optional(QStringLiteral("model_match")));
        const JsonNode models = provider[QStringLiteral("models")];
        Cancelled::check(cancel);
        for (int j = 0; j < models.size(); ++j) {
            const JsonNode model = models.at(j);
            const QString id = model[QStringLiteral("id")].toString();
            const auto known = chosen.find(id);
            if (known != chosen.end() && known->second.second)
                continue;
            const bool maker = rule.matches(id);
            if (known == chosen.end()) {
                order.append(id);
                chosen.emplace(id, std::pair{Found{provider, model}, maker});
            } else if (maker) {
                known->second = {Found{provider, model}, true};
            }
        }
    }
    for (const QString& id : order)
        addModel(catalog, chosen.find(id)->second.first, id, file);
    if (catalog.models().empty())
        root.fail(QStringLiteral("at least one model priced per token"));
    return catalog;
}

} // namespace marginal
