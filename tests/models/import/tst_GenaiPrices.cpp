// SPDX-License-Identifier: GPL-3.0-or-later
// pydantic's genai-prices table, read from the real snapshot in sample_data: a model
// with a dated change, one with a long-context tier, the cache classes, the provider
// chosen for a model several list, hours-of-day prices, and every refusal.
#include "models/common/InputError.h"
#include "models/domain/PriceCatalog.h"
#include "models/import/catalogs/GenaiPricesReader.h"
#include "models/json/JsonNode.h"

#include <QtTest>

using namespace marginal;

namespace {

const QString kSnapshot = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/genai-prices/data.json");

const JsonNode& table() {
    static const JsonNode root = JsonNode::parseFile(kSnapshot);
    return root;
}

PriceCatalog chosen(const QStringList& names) {
    std::vector<GenaiPricesReader::Selection> selection;
    for (const QString& name : names)
        selection.push_back(GenaiPricesReader::Selection::parse(name));
    return GenaiPricesReader::read(table(), QDate(2026, 9, 23), selection);
}

QString refusal(const QStringList& names) {
    try {
        chosen(names);
    } catch (const InputError& e) {
        return e.message();
    }
    return QString();
}

} // namespace

class TestGenaiPrices : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void datedChangeTakesEffectOnItsStartDate() {
        // OpenAI cut o3 from 10 / 40 to 2 / 8 on 2025-06-10.
        const PriceCatalog c = chosen({"o3"});
        QCOMPARE(c.asOf, QDate(2026, 9, 23));
        QCOMPARE(c.find("o3")->history.size(), std::size_t(2));
        QCOMPARE(c.pricesAt("o3", QDate(2025, 6, 9))->input, 10.0);
        QCOMPARE(c.pricesAt("o3", QDate(2025, 6, 9))->output, 40.0);
        QCOMPARE(c.pricesAt("o3", QDate(2025, 6, 10))->input, 2.0);
        QCOMPARE(c.pricesAt("o3", QDate(2025, 6, 10))->output, 8.0);
        QCOMPARE(c.pricesAt("o3", QDate(2025, 6, 10))->cachedInput, 0.5);
        QCOMPARE(c.find("o3")->history.front().effective, GenaiPricesReader::undatedEffective());
        QCOMPARE(c.find("o3")->provider, QString("openai"));
    }

    void longContextTierAndCacheClasses() {
        const PriceCatalog sonnet = chosen({"claude-sonnet-4-5"});
        const TokenPrices& p = *sonnet.pricesAt("claude-sonnet-4-5", QDate(2026, 1, 1));
        QCOMPARE(p.input, 3.0);
        QCOMPARE(p.cachedInput, 0.3);
        QCOMPARE(p.cacheWrite5m, 3.75);
        QCOMPARE(p.cacheWrite1h, 6.0);
        QCOMPARE(p.output, 15.0);
        QCOMPARE(p.batchMultiplier, 1.0); // the table has no batch prices
        QCOMPARE(p.tiers.size(), std::size_t(1));
        QCOMPARE(p.tiers[0].startInputTokens, 200000.0);
        QCOMPARE(p.tiers[0].prices.input, 6.0);
        QCOMPARE(p.tiers[0].prices.cachedInput, 0.6);
        QCOMPARE(p.tiers[0].prices.cacheWrite5m, 7.5);
        QCOMPARE(p.tiers[0].prices.output, 22.5);
        // Opus 4.5: no tier; the 1-hour write at twice the input price.
        const PriceCatalog opusCatalog = chosen({"claude-opus-4-5"});
        const TokenPrices& opus = *opusCatalog.pricesAt("claude-opus-4-5", QDate(2026, 1, 1));
        QVERIFY(opus.tiers.empty());
        QCOMPARE(opus.cacheWrite5m, 6.25);
        QCOMPARE(opus.cacheWrite1h, 10.0);
        QCOMPARE(opus.cachedInput, 0.5);
        // OpenAI lists no cache write: writes are billed as input.
        QCOMPARE(chosen({"gpt-5"}).pricesAt("gpt-5", QDate(2026, 1, 1))->cacheWrite5m, 1.25);
    }

    // The table's match rules come along: the dated names providers report are priced
    // at their model (the sample Anthropic export's claude-sonnet-4-20250514).
    void theNamesUsageReportsArePricedAtTheirModel() {
        const PriceCatalog c = chosen({"claude-sonnet-4-0", "claude-sonnet-4-5", "gpt-4o"});
        QCOMPARE(c.find("claude-sonnet-4-20250514")->id, QString("claude-sonnet-4-0"));
        QCOMPARE(c.find("claude-sonnet-4")->id, QString("claude-sonnet-4-0"));
        QCOMPARE(c.find("claude-sonnet-4-5-20250929")->id, QString("claude-sonnet-4-5"));
        QCOMPARE(c.find("gpt-4o-2024-08-06")->id, QString("gpt-4o"));
        QVERIFY(!c.find("gpt-4o-mini")); // its own model, not chosen
        QVERIFY(!c.find("claude-opus-4-20250514"));
    }

    void aModelSeveralListIsTakenFromItsMaker() {
        // Google's Vertex lists claude-sonnet-4-5 too; Anthropic's own listing is taken
        // unless the provider is named.
        QCOMPARE(chosen({"claude-sonnet-4-5"}).find("claude-sonnet-4-5")->provider,
                 QString("anthropic"));
        const PriceCatalog google = chosen({"google:claude-sonnet-4-5=sonnet-vertex"});
        QVERIFY(!google.findExact("claude-sonnet-4-5"));
        QCOMPARE(google.find("sonnet-vertex")->provider, QString("google"));
        // Google's rule for its listing (contains "claude-sonnet-4-5") comes along.
        QCOMPARE(google.find("claude-sonnet-4-5@20250929")->id, QString("sonnet-vertex"));
    }

    void hoursOfTheDayAreBlendedByTheirShare() {
        // deepseek-chat: 0.135 / 0.55 listed, 0.27 / 1.1 from 00:30 to 16:30 UTC (2/3 of
        // the day): a day of even traffic pays 1/3 x 0.135 + 2/3 x 0.27 = 0.225 input.
        const PriceCatalog deepseek = chosen({"deepseek-chat"});
        const TokenPrices& p = *deepseek.pricesAt("deepseek-chat", QDate(2026, 1, 1));
        QVERIFY(std::fabs(p.input - 0.225) < 1e-12);
        QVERIFY(std::fabs(p.output - (0.55 / 3 + 1.1 * 2 / 3)) < 1e-12);
    }

    void wholeTableThroughTheCatalogLoader() {
        const PriceCatalog all = PriceCatalog::loadFile(kSnapshot, QDate(2026, 9, 23));
        QVERIFY2(all.models().size() > 1000, qPrintable(QString::number(all.models().size())));
        QCOMPARE(all.find("claude-haiku-4-5")->provider, QString("anthropic"));
        QCOMPARE(all.find("gpt-5")->provider, QString("openai"));
        QVERIFY(!all.find("phi-4-reasoning:free")); // no price per token
    }

    void refusals() {
        QCOMPARE(refusal({"gpt-9"}), kSnapshot + ": $: model \"gpt-9\" is not in the table");
        QCOMPARE(refusal({"anthropic:gpt-5"}),
                 kSnapshot + ": $: model \"anthropic:gpt-5\" is not in the table");
        QCOMPARE(refusal({"gpt-5", "gpt-5"}), kSnapshot + ": $: \"gpt-5\" is chosen twice");
        QVERIFY(refusal({"azure:phi-4-reasoning:free"})
                    .contains("model \"azure:phi-4-reasoning:free\" is not priced per token"));
        const JsonNode notATable = JsonNode::parseBytes("[{\"name\": 1}]", "x.json");
        QVERIFY(!GenaiPricesReader::looksLike(notATable));
    }
};

QTEST_GUILESS_MAIN(TestGenaiPrices)
#include "tst_GenaiPrices.moc"
