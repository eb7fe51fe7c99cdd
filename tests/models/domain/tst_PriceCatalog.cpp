// SPDX-License-Identifier: GPL-3.0-or-later
// Dated price catalogs: Marginal's format, LiteLLM's (a real 2024 snapshot), and the
// price in force on a date.
#include "models/common/InputError.h"
#include "models/domain/PriceCatalog.h"
#include "models/json/JsonNode.h"

#include <QtTest>

using namespace marginal;

class TestPriceCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsTheSampleCatalog() {
        const PriceCatalog c = PriceCatalog::loadFile(
            QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/catalog.json"), QDate());
        const TokenPrices* opus = c.pricesAt("claude-opus-4-5", QDate(2026, 1, 1));
        QVERIFY(opus);
        QCOMPARE(opus->input, 5.0);
        QCOMPARE(opus->cachedInput, 0.5);
        QCOMPARE(opus->cacheWrite5m, 6.25);
        QCOMPARE(opus->cacheWrite1h, 10.0);
        QCOMPARE(opus->output, 25.0);
        QCOMPARE(opus->batchMultiplier, 0.5);
        // Built from the genai-prices snapshot (catalog import): its date, and Sonnet's
        // long-context tier.
        QCOMPARE(c.asOf, QDate(2026, 9, 23));
        const TokenPrices* sonnet = c.pricesAt("claude-sonnet-4-5", QDate(2026, 1, 1));
        QCOMPARE(sonnet->tiers.size(), std::size_t(1));
        QCOMPARE(sonnet->tiers[0].startInputTokens, 200000.0);
        QCOMPARE(sonnet->tiers[0].prices.output, 22.5);
        QCOMPARE(sonnet->batchMultiplier, 0.5);
        // OpenAI lists no cache-write price: writes cost as input.
        QCOMPARE(c.pricesAt("gpt-5", QDate(2026, 1, 1))->cacheWrite5m, 1.25);
        QVERIFY(!c.find("claude-2"));
    }

    void priceInForceFollowsEffectiveDates() {
        PriceCatalog c;
        c.name = "dated";
        c.asOf = QDate(2025, 6, 1);
        c.addPrice("m", "", "", PricePoint{QDate(2025, 6, 1), TokenPrices{3, 0.3, 3.75, 6, 15, 1}});
        c.addPrice("m", "", "", PricePoint{QDate(2025, 1, 1), TokenPrices{4, 0.4, 5, 8, 20, 1}});
        QCOMPARE(c.pricesAt("m", QDate(2025, 5, 31))->output, 20.0);
        QCOMPARE(c.pricesAt("m", QDate(2025, 6, 1))->output, 15.0);
        QVERIFY(!c.pricesAt("m", QDate(2024, 12, 31)));
        // Round trip keeps both points.
        const PriceCatalog again =
            PriceCatalog::fromJson(JsonNode(QJsonValue(c.toJson()), "$", "memory"));
        QCOMPARE(int(again.find("m")->history.size()), 2);
        QCOMPARE(again.pricesAt("m", QDate(2025, 3, 1))->input, 4.0);
    }

    void readsTheLiteLlmSnapshot() {
        const QDate effective(2024, 7, 1);
        const PriceCatalog c = PriceCatalog::loadFile(
            QStringLiteral(MARGINAL_TEST_DIR "/fixtures/litellm_model_prices_2024_snapshot.json"),
            effective);
        // USD per token -> per 1M tokens: gpt-4o at 5e-06 / 1.5e-05.
        const TokenPrices* gpt4o = c.pricesAt("gpt-4o", effective);
        QVERIFY(gpt4o);
        QCOMPARE(gpt4o->input, 5.0);
        QCOMPARE(gpt4o->output, 15.0);
        QCOMPARE(gpt4o->cachedInput, 5.0); // no cache price in 2024: billed as input
        QCOMPARE(c.find("gpt-4o")->provider, QString("openai"));
        // Only chat and completion models priced per token.
        int chatOrCompletion = 0;
        for (const CatalogModel& m : c.models()) {
            QVERIFY(!m.id.isEmpty());
            ++chatOrCompletion;
        }
        QVERIFY(chatOrCompletion > 300);
        QVERIFY(!c.find("text-embedding-ada-002"));
        QVERIFY(!c.pricesAt("gpt-4o", QDate(2024, 6, 30)));
    }

    void readsLiteLlmLongContextPricesAsTiers() {
        const QByteArray json = R"({
          "claude-sonnet-4-5": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
            "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06,
            "input_cost_per_token_above_200k_tokens": 6e-06,
            "output_cost_per_token_above_200k_tokens": 2.25e-05,
            "cache_read_input_token_cost_above_200k_tokens": 6e-07,
            "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
            "input_cost_per_audio_token_above_200k_tokens": 1e-05,
            "litellm_provider": "anthropic", "mode": "chat"}
        })";
        const PriceCatalog c = PriceCatalog::fromAnyFormat(
            JsonNode::parseBytes(json, "litellm.json"), QDate(2026, 1, 1));
        const TokenPrices* p = c.pricesAt("claude-sonnet-4-5", QDate(2026, 1, 1));
        QCOMPARE(p->tiers.size(), std::size_t(1));
        QCOMPARE(p->tiers[0].startInputTokens, 200000.0);
        QVERIFY(std::fabs(p->tiers[0].prices.input - 6.0) < 1e-9);
        QVERIFY(std::fabs(p->tiers[0].prices.output - 22.5) < 1e-9);
        QVERIFY(std::fabs(p->tiers[0].prices.cachedInput - 0.6) < 1e-9);
        QVERIFY(std::fabs(p->tiers[0].prices.cacheWrite5m - 7.5) < 1e-9);
    }

    void readsLiteLlmCacheAndBatchFields() {
        const QByteArray json = R"({
          "sample_spec": {"input_cost_per_token": 0, "output_cost_per_token": 0, "mode": "chat"},
          "claude-opus-4-7": {"input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05,
            "cache_read_input_token_cost": 5e-07, "cache_creation_input_token_cost": 6.25e-06,
            "cache_creation_input_token_cost_above_1hr": 1e-05, "input_cost_per_token_batches": 2.5e-06,
            "litellm_provider": "anthropic", "mode": "chat"},
          "dall-e-3": {"output_cost_per_image": 0.04, "mode": "image_generation"}
        })";
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(json);
        file.close();
        const PriceCatalog lite = PriceCatalog::loadFile(file.fileName(), QDate(2026, 11, 1));
        QCOMPARE(int(lite.models().size()), 1); // sample_spec and the image model skipped
        const TokenPrices* p = lite.pricesAt("claude-opus-4-7", QDate(2026, 11, 1));
        QVERIFY(p);
        QCOMPARE(p->input, 5.0);
        QCOMPARE(p->output, 25.0);
        QCOMPARE(p->cachedInput, 0.5);
        QCOMPARE(p->cacheWrite5m, 6.25);
        QCOMPARE(p->cacheWrite1h, 10.0);
        QCOMPARE(p->batchMultiplier, 0.5);
    }

    void malformedCatalogsAreRejectedWithTheirPath() {
        const auto error = [](const QByteArray& json) {
            try {
                PriceCatalog::fromJson(JsonNode::parseBytes(json, "cat.json"));
            } catch (const InputError& e) {
                return e.message();
            }
            return QString();
        };
        QCOMPARE(error(R"({"catalog":"c","as_of":"2026-13-01","models":[]})"),
                 QString("cat.json: $.as_of: expected a date as YYYY-MM-DD or a month as YYYY-MM, "
                         "got \"2026-13-01\""));
        QCOMPARE(
            error(
                R"({"catalog":"c","as_of":"2026-01-01","models":[{"id":"m","prices":[{"effective":"2026-01-01","input":-1,"output":2}]}]})"),
            QString("cat.json: $.models[0].prices[0].input: expected a number >= 0, got -1"));
        QCOMPARE(
            error(
                R"({"catalog":"c","as_of":"2026-01-01","models":[{"id":"m","prices":[{"effective":"2026-01-01","input":1,"output":2}]},{"id":"m","prices":[]}]})"),
            QString("cat.json: $.models[1].id: model \"m\" is listed twice"));
        // A price no model has (the limit keeps every cost sum exact).
        QCOMPARE(
            error(
                R"({"catalog":"c","as_of":"2026-01-01","models":[{"id":"m","prices":[{"effective":"2026-01-01","input":1e308,"output":2}]}]})"),
            QString("cat.json: $.models[0].prices[0].input: expected a number <= 10000, got "
                    "1e+308"));
        QCOMPARE(error(R"({"catalog":"c","as_of":"2026-01-01","currency":"EUR","models":[]})"),
                 QString("cat.json: $.currency: expected one of: USD, got \"EUR\""));
    }
};

QTEST_GUILESS_MAIN(TestPriceCatalog)
#include "tst_PriceCatalog.moc"
