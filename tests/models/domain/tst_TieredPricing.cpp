// SPDX-License-Identifier: GPL-3.0-or-later
// Long-context tiers priced per request: the share of tokens in requests above a size,
// checked against the lognormal partial expectation and against requests drawn one by
// one and each billed at its tier.
#include "models/domain/PriceCatalog.h"
#include "models/domain/TieredPricing.h"
#include "models/json/JsonNode.h"

#include <QJsonDocument>
#include <QtTest>
#include <cmath>
#include <random>

using namespace marginal;

namespace {

double phi(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// Sonnet 4.5's list prices: 3 / 15 per 1M, 6 / 22.5 for requests above 200k input.
TokenPrices sonnet() {
    TokenPrices p{3, 0.3, 3.75, 6, 15};
    p.tiers.push_back(PriceTier{200000, ClassPrices{6, 0.6, 7.5, 12, 22.5}});
    return p;
}

} // namespace

class TestTieredPricing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shareAboveIsThePartialExpectation() {
        // X lognormal(mu, s): E[X 1{X > t}] = e^(mu + s^2/2) Phi((mu + s^2 - ln t) / s).
        const double mean = 60000, s = 1.2, t = 200000;
        const double mu = std::log(mean) - s * s / 2;
        const double partial = std::exp(mu + s * s / 2) * phi((mu + s * s - std::log(t)) / s);
        QVERIFY(std::fabs(tokenShareAbove(t, {mean, s}) - partial / mean) < 1e-12);
        QCOMPARE(tokenShareAbove(t, {0.0, s}), 0.0); // no requests known: base prices
        QCOMPARE(tokenShareAbove(t, {t, 0.0}), 0.0); // at the start exactly: not above
        QCOMPARE(tokenShareAbove(t, {t + 1, 0.0}), 1.0);
    }

    void expectedCostMatchesRequestsBilledOneByOne() {
        // 400,000 requests with lognormal input sizes (mean 60k, log-sd 1.2) and output a
        // quarter of input; each billed whole at its tier. Expected cost per request:
        // the closed form, within 3 standard errors of the drawn mean.
        const double mean = 60000, s = 1.2, outputPerInput = 0.25;
        const TokenPrices p = sonnet();
        std::mt19937_64 rng(20261206);
        std::lognormal_distribution<double> size(std::log(mean) - s * s / 2, s);
        const int n = 400000;
        double sum = 0, squares = 0;
        for (int i = 0; i < n; ++i) {
            const double input = size(rng);
            const bool long_ = input > 200000;
            const double cost =
                (input * (long_ ? 6.0 : 3.0) + input * outputPerInput * (long_ ? 22.5 : 15.0)) /
                1e6;
            sum += cost;
            squares += cost * cost;
        }
        const double drawn = sum / n;
        const double se = std::sqrt((squares / n - drawn * drawn) / (n - 1));
        const ClassPrices blended = blendedPrices(p, {mean, s});
        const double expected =
            (mean * blended.input + mean * outputPerInput * blended.output) / 1e6;
        const double w = phi((std::log(mean / 200000) + s * s / 2) / s);
        const double closedForm = mean * ((1 - w) * (3 + 0.25 * 15) + w * (6 + 0.25 * 22.5)) / 1e6;
        qInfo("expected %.6f, drawn %.6f, SE %.6f, tier share %.4f", expected, drawn, se, w);
        QVERIFY(std::fabs(expected - closedForm) < 1e-12);
        QVERIFY(std::fabs(expected - drawn) < 3 * se);
        // The tier matters here: a third of tokens pay it, 30% more than base prices.
        QVERIFY(w > 0.3 && w < 0.4);
        QVERIFY(expected > 1.2 * mean * (3 + 0.25 * 15) / 1e6);
    }

    void bandsBetweenTwoTiers() {
        TokenPrices p{1, 1, 1, 1, 1};
        p.tiers.push_back(PriceTier{100000, ClassPrices{2, 2, 2, 2, 2}});
        p.tiers.push_back(PriceTier{300000, ClassPrices{4, 4, 4, 4, 4}});
        const RequestSizes sizes{120000, 0.8};
        const double a1 = tokenShareAbove(100000, sizes), a2 = tokenShareAbove(300000, sizes);
        const double expected = (1 - a1) * 1 + (a1 - a2) * 2 + a2 * 4;
        QVERIFY(std::fabs(blendedPrices(p, sizes).output - expected) < 1e-12);
        // Without tiers the base prices come back as they are.
        QCOMPARE(blendedPrices(TokenPrices{3, 0.3, 3.75, 6, 15}, sizes).output, 15.0);
    }

    void catalogKeepsTiersThroughItsJson() {
        PriceCatalog c;
        c.name = "tiers";
        c.asOf = QDate(2026, 9, 23);
        c.addPrice("sonnet", "anthropic", "", PricePoint{QDate(2025, 9, 29), sonnet()});
        const QByteArray bytes = QJsonDocument(c.toJson()).toJson();
        const PriceCatalog back = PriceCatalog::fromJson(JsonNode::parseBytes(bytes, "t.json"));
        QVERIFY(*back.pricesAt("sonnet", QDate(2026, 1, 1)) == sonnet());
        QVERIFY(bytes.contains("\"above_input_tokens\": 200000"));
        // Tiers out of order are refused where they are.
        QByteArray bad = bytes;
        bad.replace("\"tiers\": [", "\"tiers\": [{\"above_input_tokens\": 300000, \"input\": 9, "
                                    "\"output\": 9},");
        try {
            PriceCatalog::fromJson(JsonNode::parseBytes(bad, "t.json"));
            QFAIL("accepted tiers out of order");
        } catch (const std::exception& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("tiers[1].above_input_tokens"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTieredPricing)
#include "tst_TieredPricing.moc"
