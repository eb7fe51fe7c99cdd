// SPDX-License-Identifier: GPL-3.0-or-later
// Coefficients that fold the model mix, token-class shares and prices in force into
// credits and cost per token, checked against hand calculations.
#include "models/common/InputError.h"
#include "simulator/engine/SimulationPlan.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>

using namespace marginal;

namespace {

// Model a: 3 / 0.3 / 3.75 / 6 / 15, model b: 1 / 0.1 / 1.25 / 2 / 5 (USD per 1M), both
// batch at half price; b's output drops to 4 from 2026-03-01.
Scenario twoModelScenario() {
    CohortProfile c = test::cohort("c", 10, 1.0, 10.0, 1.0);
    c.outputShare = 0.2;
    c.cachedShare = 0.5;
    c.cacheWriteShare = 0.1;
    c.cacheWrite1hShare = 0.5;
    c.batchShare = 0.2;
    c.tokensPerRequest = 1000.0;
    Scenario s =
        test::scenario({c},
                       {test::packageFromJson(R"({"name":"per_token","overage":{"price":1},
                                    "burn":{"type":"per_token","credits_per_request":0.5,"rates":{
                                    "a":{"input":300,"cached_input":30,"cache_write":375,"output":1500},
                                    "*":{"input":100,"cached_input":10,"cache_write":125,"output":500}}}})"),
                        test::packageFromJson(R"({"name":"cost_plus","overage":{"price":1},
                                    "burn":{"type":"cost_plus","credits_per_usd":100}})"),
                        test::packageFromJson(R"({"name":"throttle","enforcement":"throttle",
                                    "throttle_model":"b","burn":{"type":"cost_plus","credits_per_usd":1}})")},
                       6);
    s.catalog = PriceCatalog();
    s.catalog.addPrice("a", "", "",
                       PricePoint{QDate(2025, 1, 1), TokenPrices{3, 0.3, 3.75, 6, 15, 0.5}});
    s.catalog.addPrice("b", "", "",
                       PricePoint{QDate(2025, 1, 1), TokenPrices{1, 0.1, 1.25, 2, 5, 0.5}});
    s.catalog.addPrice("b", "", "",
                       PricePoint{QDate(2026, 3, 1), TokenPrices{1, 0.1, 1.25, 2, 4, 0.5}});
    s.mixes[0].setShares("default", {{"a", 0.25}, {"b", 0.75}});
    RepricingEvent cut;
    cut.month = 3;
    cut.model = "a";
    cut.factors.output = 0.5;
    s.repricing.push_back(cut);
    return s;
}

} // namespace

class TestSimulationPlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void costPerTokenFoldsMixSharesAndBatch() {
        const SimulationPlan plan = SimulationPlan::compile(twoModelScenario());
        // Per token: uncached 0.32, cached 0.40, writes 0.04 + 0.04, output 0.20.
        // a: 0.96 + 0.12 + 0.15 + 0.24 + 3.00 = 4.47; b: 0.32 + 0.04 + 0.05 + 0.08 + 1.00 = 1.49.
        // Batch (20% at half price) x 0.9: 4.023 and 1.341; mix 25/75: 2.0115 per 1M.
        QVERIFY(std::fabs(plan.coefficients(0, 0, 0).costPerToken - 2.0115e-6) < 1e-15);
        QVERIFY(std::fabs(plan.coefficients(1, 0, 0).costPerToken - 2.0115e-6) < 1e-15);
    }

    void perTokenCreditsUseEachModelsRates() {
        const SimulationPlan plan = SimulationPlan::compile(twoModelScenario());
        // a: 96 + 12 + 30 + 300 = 438 per 1M; b ("*"): 32 + 4 + 10 + 100 = 146 per 1M;
        // mix: 219 per 1M; plus 0.5 credits per 1,000-token request.
        QVERIFY(std::fabs(plan.coefficients(0, 0, 0).creditsPerToken - (219e-6 + 5e-4)) < 1e-15);
        // Cost-plus: $2.0115e-6 x 100 credits per USD.
        QVERIFY(std::fabs(plan.coefficients(1, 0, 0).creditsPerToken - 2.0115e-4) < 1e-15);
    }

    void pricesInForceFollowEffectiveDatesAndRepricing() {
        const SimulationPlan plan = SimulationPlan::compile(twoModelScenario());
        // Month 2 (2026-03): b's output at 4 -> b = 1.29 x 0.9 = 1.161.
        QVERIFY(std::fabs(plan.coefficients(1, 0, 1).costPerToken - 2.0115e-6) < 1e-15);
        QVERIFY(std::fabs(plan.coefficients(1, 0, 2).costPerToken - (1.00575 + 0.87075) * 1e-6) <
                1e-15);
        // Month 3 on: a's output halved -> a = 2.97 x 0.9 = 2.673.
        QVERIFY(std::fabs(plan.coefficients(1, 0, 3).costPerToken - (0.66825 + 0.87075) * 1e-6) <
                1e-15);
        QVERIFY(std::fabs(plan.coefficients(1, 0, 5).costPerToken - (0.66825 + 0.87075) * 1e-6) <
                1e-15);
        // Per-token credits do not follow supplier prices.
        QCOMPARE(plan.coefficients(0, 0, 5).creditsPerToken,
                 plan.coefficients(0, 0, 0).creditsPerToken);
    }

    void throttleCostIsTheThrottleModelsCost() {
        const SimulationPlan plan = SimulationPlan::compile(twoModelScenario());
        QVERIFY(std::fabs(plan.coefficients(2, 0, 0).throttleCostPerToken - 1.341e-6) < 1e-15);
        QCOMPARE(plan.coefficients(0, 0, 0).throttleCostPerToken, 0.0);
    }

    void variantsArePackagesTimesMixes() {
        Scenario s = twoModelScenario();
        ModelMix second;
        second.name = "b_only";
        second.setShares("default", {{"b", 1.0}});
        s.mixes.push_back(second);
        const SimulationPlan plan = SimulationPlan::compile(s);
        QCOMPARE(plan.variantCount(), 6);
        QCOMPARE(plan.variants[1].packageName, QString("per_token"));
        QCOMPARE(plan.variants[1].mixName, QString("b_only"));
    }

    void longContextTierPaysOnTheShareOfTokensInLargeRequests() {
        // Model a gets a tier above 100k input tokens at twice every base price. The
        // cohort's requests: 1,000 tokens, 80% input, log-sd 2, so the share of tokens in
        // requests above 100k is Phi((ln(800 / 100000) + 2) / 2) and a's cost per token
        // is (1 + that share) x 4.023 per 1M (costPerTokenFoldsMixSharesAndBatch).
        Scenario s = twoModelScenario();
        TokenPrices a{3, 0.3, 3.75, 6, 15, 0.5};
        a.tiers.push_back(PriceTier{100000, ClassPrices{6, 0.6, 7.5, 12, 30}});
        s.catalog.addPrice("a", "", "", PricePoint{QDate(2025, 6, 1), a});
        s.cohorts[0].requestSizeSigma = 2.0;
        const double w =
            0.5 * std::erfc(-(std::log(800.0 / 100000.0) + 2.0) / 2.0 / std::sqrt(2.0));
        const SimulationPlan plan = SimulationPlan::compile(s);
        const double expected = (0.25 * 4.023 * (1 + w) + 0.75 * 1.341) * 1e-6;
        QVERIFY(w > 0.07 && w < 0.09); // Phi(-1.414) = 0.079
        QVERIFY(std::fabs(plan.coefficients(1, 0, 0).costPerToken - expected) < 1e-15);
        // From month 3 a's output is halved, on the tier's price too: a = 2.673 (1 + w).
        const double cut = (0.25 * 2.673 * (1 + w) + 0.75 * 1.161) * 1e-6;
        QVERIFY(std::fabs(plan.coefficients(1, 0, 3).costPerToken - cut) < 1e-15);
    }

    void missingPriceIsAnInputErrorNamingModelAndDate() {
        Scenario s = twoModelScenario();
        s.startMonth = QDate(2024, 6, 1);
        s.fileName = "scenario.json";
        try {
            SimulationPlan::compile(s);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(e.message().contains("scenario.json"), qPrintable(e.message()));
            QVERIFY2(e.message().contains("\"a\"") && e.message().contains("2024-06-01"),
                     qPrintable(e.message()));
        }
    }
};

QTEST_APPLESS_MAIN(TestSimulationPlan)
#include "tst_SimulationPlan.moc"
