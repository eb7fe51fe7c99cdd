// SPDX-License-Identifier: GPL-3.0-or-later
// The names a catalog model prices besides its id (genai-prices' rule syntax): each
// clause, nested or/and, a bad rule refused with its path; the catalog resolves a
// reported name (claude-sonnet-4-20250514) to its model, the most specific of several
// (claude-sonnet-4-5-20250929 is 4.5's, not 4's), keeps an exact id first, writes the
// rule back, and answers the same again from its cache.
#include "models/common/InputError.h"
#include "models/domain/ModelNameRule.h"
#include "models/domain/PriceCatalog.h"
#include "models/json/JsonNode.h"

#include <QJsonDocument>
#include <QtTest>
#include <tuple>
#include <vector>

using namespace marginal;

namespace {

ModelNameRule rule(const char* json) {
    return ModelNameRule::fromJson(JsonNode::parseBytes(json, "rule.json"));
}

QString refusal(const char* json) {
    try {
        rule(json);
    } catch (const InputError& e) {
        return e.message();
    }
    return "accepted";
}

PriceCatalog catalogWithRules() {
    return PriceCatalog::fromJson(JsonNode::parseBytes(R"({
      "catalog": "t", "as_of": "2026-01-01", "models": [
        {"id": "claude-sonnet-4", "match": {"or": [{"starts_with": "claude-sonnet-4"},
                                                   {"starts_with": "claude-4-sonnet"}]},
         "prices": [{"effective": "2025-05-01", "input": 3, "output": 15}]},
        {"id": "claude-sonnet-4-5", "match": {"starts_with": "claude-sonnet-4-5"},
         "prices": [{"effective": "2025-09-01", "input": 3.5, "output": 16}]},
        {"id": "claude-sonnet-4-20250514", "prices": [{"effective": "2025-05-01", "input": 9,
                                                       "output": 9}]}
      ]})",
                                                       "catalog.json"));
}

const char* const kBoth =
    R"({"and": [{"starts_with": "gemini"}, {"or": [{"contains": "flash"}, {"ends_with": "-lite"}]}]})";

} // namespace

class TestModelNameRule : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachClauseMatchesAsNamed() {
        // (rule, name, taken): raw strings stay out of the test macros (moc reads them).
        const std::vector<std::tuple<const char*, const char*, bool>> cases = {
            {R"({"equals": "gpt-4o"})", "gpt-4o", true},
            {R"({"equals": "gpt-4o"})", "gpt-4o-mini", false},
            {R"({"starts_with": "gpt-4o"})", "gpt-4o-2024-08-06", true},
            {R"({"starts_with": "gpt-4o"})", "chatgpt-4o", false},
            {R"({"ends_with": "-latest"})", "claude-3-opus-latest", true},
            {R"({"contains": "claude-v2"})", "anthropic.claude-v2:1", true},
            {R"({"regex": "^o[134](-mini)?$"})", "o3-mini", true},
            {R"({"regex": "^o[134](-mini)?$"})", "o3-pro", false},
            {kBoth, "gemini-2.5-flash", true},
            {kBoth, "gemini-2.0-pro-lite", true},
            {kBoth, "gemini-2.5-pro", false},
            {kBoth, "flash", false},
        };
        for (const auto& [json, name, taken] : cases)
            QVERIFY2(rule(json).matches(QString::fromLatin1(name)) == taken,
                     qPrintable(QStringLiteral("%1 on %2").arg(json, name)));
        QVERIFY(ModelNameRule().empty() && !ModelNameRule().matches(""));
    }

    void aBadRuleIsRefusedWithItsPath() {
        const std::vector<std::pair<const char*, const char*>> cases = {
            {R"({"or": [{"starts": "x"}]})", "$.or[0]"},
            {"{\"regex\": \"(unclosed\"}", "a regular expression"}, // moc misreads it raw
            {R"({"equals": "a", "contains": "b"})", "one of"},
            {R"({"or": []})", "a list of rules"},
            {R"({"equals": 3})", "$.equals"},
        };
        for (const auto& [json, said] : cases) {
            const QString message = refusal(json);
            QVERIFY2(message.contains(QString::fromLatin1(said)), qPrintable(message));
        }
    }

    void writesTheRuleItRead() {
        const char* json =
            R"({"or":[{"starts_with":"claude-3-5-sonnet"},{"and":[{"contains":"sonnet"},{"regex":"3\\.5"}]}]})";
        QCOMPARE(QJsonDocument(rule(json).toJson().toObject()).toJson(QJsonDocument::Compact),
                 QByteArray(json));
    }

    void theCatalogPricesAReportedNameAtItsModel() {
        const PriceCatalog c = catalogWithRules();
        // An exact id first, even where a rule would take the name too.
        QCOMPARE(c.find("claude-sonnet-4-20250514")->id, QString("claude-sonnet-4-20250514"));
        QCOMPARE(c.find("claude-4-sonnet-20250601")->id, QString("claude-sonnet-4"));
        // Both rules take it: the id sharing the longest start with the name wins.
        QCOMPARE(c.find("claude-sonnet-4-5-20250929")->id, QString("claude-sonnet-4-5"));
        QCOMPARE(c.pricesAt("claude-sonnet-4-5-20250929", QDate(2026, 1, 1))->input, 3.5);
        QVERIFY(!c.find("claude-opus-4"));
        QVERIFY(!c.find("claude-opus-4")); // the same answer from the cache
        QCOMPARE(c.find("claude-4-sonnet-x")->id, QString("claude-sonnet-4"));
        // Written back with its rules; a copy that adds a model answers for itself.
        const PriceCatalog again = PriceCatalog::fromJson(
            JsonNode::parseBytes(QJsonDocument(c.toJson()).toJson(), "again.json"));
        QCOMPARE(again.find("claude-sonnet-4-5-20250929")->id, QString("claude-sonnet-4-5"));
        PriceCatalog copy = c;
        copy.addPrice("claude-opus-4", "anthropic", "", PricePoint{QDate(2025, 5, 1), {}});
        copy.setMatch("claude-opus-4", rule(R"({"starts_with": "claude-opus-4"})"));
        QCOMPARE(copy.find("claude-opus-4-20250514")->id, QString("claude-opus-4"));
        QVERIFY(!c.find("claude-opus-4-20250514"));
    }

    void aModelListedTwiceIsRefusedEvenWhenARuleTakesIt() {
        try {
            PriceCatalog::fromJson(JsonNode::parseBytes(R"({
              "catalog": "t", "as_of": "2026-01-01", "models": [
                {"id": "a", "match": {"starts_with": "a"}, "prices": [{"effective": "2025-01-01", "input": 1, "output": 1}]},
                {"id": "ab", "prices": [{"effective": "2025-01-01", "input": 1, "output": 1}]},
                {"id": "ab", "prices": [{"effective": "2025-02-01", "input": 1, "output": 1}]}]})",
                                                        "c.json"));
            QFAIL("accepted");
        } catch (const InputError& e) {
            QVERIFY2(e.message().contains("$.models[2].id") &&
                         e.message().contains("\"ab\" is listed twice"),
                     qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestModelNameRule)
#include "tst_ModelNameRule.moc"
