// SPDX-License-Identifier: GPL-3.0-or-later
// Package files: every field read, validation errors that name file, JSON path and
// what was expected, and a JSON round trip.
#include "models/common/InputError.h"
#include "models/domain/PricingPackage.h"
#include "models/json/JsonNode.h"

#include <QtTest>

using namespace marginal;

namespace {

PricingPackage parse(const QByteArray& json) {
    return PricingPackage::fromJson(JsonNode::parseBytes(json, QStringLiteral("pkg.json")));
}

QString errorOf(const QByteArray& json) {
    try {
        parse(json);
    } catch (const InputError& e) {
        return e.message();
    }
    return QString();
}

const QByteArray kFull = R"({
  "name": "full", "description": "every field",
  "base_fee": 10, "seat_fee": 5, "seats": 3, "included_credits": 1000,
  "burn": {"type": "per_token", "credits_per_request": 0.5,
           "rates": {"m1": {"input": 100, "cached_input": 10, "cache_write": 125, "output": 500},
                     "*": {"input": 1, "output": 2}}},
  "rollover": {"mode": "expiry", "months": 3},
  "overage": [{"up_to": 100, "price": 0.05}, {"price": 0.01}],
  "topup": {"pack_credits": 500, "pack_price": 6, "threshold": 50, "max_packs_per_month": 4,
            "expires_at_month_end": true},
  "commit": 100, "enforcement": "auto_topup", "after_limit": "overage",
  "outcomes": {"rate_per_request": 0.1, "price": 0.99},
  "payment_fees": {"percent": 2.9, "fixed": 0.3}
})";

} // namespace

class TestPricingPackage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsEveryField() {
        const PricingPackage p = parse(kFull);
        QCOMPARE(p.name, QString("full"));
        QCOMPARE(p.baseFee, 10.0);
        QCOMPARE(p.seatFee, 5.0);
        QCOMPARE(p.seats, 3);
        QCOMPARE(p.includedCredits, 1000.0);
        QCOMPARE(p.burn.type, BurnRule::Type::PerToken);
        QCOMPARE(p.burn.creditsPerRequest, 0.5);
        QCOMPARE(p.burn.ratesFor("m1")->output, 500.0);
        QCOMPARE(p.burn.ratesFor("other")->output, 2.0);
        QCOMPARE(p.burn.ratesFor("other")->cachedInput, 1.0); // defaults to input
        QCOMPARE(p.rollover.mode, Rollover::Mode::Expiry);
        QCOMPARE(p.rollover.expiryMonths, 3);
        QCOMPARE(int(p.overage.size()), 2);
        QVERIFY(std::isinf(p.overage[1].upTo));
        QCOMPARE(p.topUp.maxPacksPerMonth, 4);
        QVERIFY(p.topUp.expiresAtMonthEnd);
        QCOMPARE(p.commit, 100.0);
        QCOMPARE(p.enforcement, PricingPackage::Enforcement::AutoTopUp);
        QCOMPARE(p.afterLimit, PricingPackage::AfterLimit::Overage);
        QCOMPARE(p.outcomes.price, 0.99);
        QCOMPARE(p.fees.percent, 2.9);
        QCOMPARE(p.overageCharge(150.0), 100 * 0.05 + 50 * 0.01);
    }

    void roundTripsThroughJson() {
        const PricingPackage p = parse(kFull);
        const PricingPackage again = PricingPackage::fromJson(
            JsonNode(QJsonValue(p.toJson()), QStringLiteral("$"), QStringLiteral("memory")));
        QCOMPARE(again.toJson(), p.toJson());
        QCOMPARE(again.burn.ratesFor("m1")->cacheWrite, 125.0);
        QCOMPARE(again.overage[0].upTo, 100.0);
    }

    void errorsNameFilePathAndExpectation_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing burn")
            << QByteArray(R"({"name":"p","overage":{"price":1}})")
            << QString("pkg.json: $.burn: expected a value, the member is missing");
        QTest::newRow("negative fee")
            << QByteArray(
                   R"({"name":"p","base_fee":-5,"burn":{"type":"cost_plus","credits_per_usd":1},"overage":{"price":1}})")
            << QString("pkg.json: $.base_fee: expected a number >= 0, got -5");
        QTest::newRow("string fee")
            << QByteArray(
                   R"({"name":"p","base_fee":"20","burn":{"type":"cost_plus","credits_per_usd":1},"overage":{"price":1}})")
            << QString("pkg.json: $.base_fee: expected a number, got \"20\"");
        QTest::newRow("typo")
            << QByteArray(
                   R"({"name":"p","base_fe":20,"burn":{"type":"cost_plus","credits_per_usd":1},"overage":{"price":1}})")
            << QString("pkg.json: $.base_fe: unknown member; expected one of:");
        QTest::newRow("bad enforcement")
            << QByteArray(
                   R"({"name":"p","enforcement":"stop","burn":{"type":"cost_plus","credits_per_usd":1}})")
            << QString("pkg.json: $.enforcement: expected one of: overage, block, throttle, "
                       "auto_topup, got \"stop\"");
        QTest::newRow("overage needed")
            << QByteArray(R"({"name":"p","burn":{"type":"cost_plus","credits_per_usd":1}})")
            << QString("pkg.json: $.overage: expected a value, the member is missing");
        QTest::newRow("throttle model needed")
            << QByteArray(
                   R"({"name":"p","enforcement":"throttle","burn":{"type":"cost_plus","credits_per_usd":1}})")
            << QString("pkg.json: $.throttle_model: expected a value");
        QTest::newRow("tiers out of order")
            << QByteArray(
                   R"({"name":"p","burn":{"type":"cost_plus","credits_per_usd":1},"overage":[{"up_to":100,"price":1},{"up_to":50,"price":1},{"price":1}]})")
            << QString("pkg.json: $.overage[1].up_to: expected a bound above the previous tier's "
                       "(100)");
        QTest::newRow("bounded last tier")
            << QByteArray(
                   R"({"name":"p","burn":{"type":"cost_plus","credits_per_usd":1},"overage":[{"up_to":100,"price":1}]})")
            << QString("pkg.json: $.overage[0].up_to: expected no bound on the last tier");
        QTest::newRow("no rates")
            << QByteArray(
                   R"({"name":"p","burn":{"type":"per_token","rates":{}},"overage":{"price":1}})")
            << QString("pkg.json: $.burn.rates: expected credit rates for at least one model");
        QTest::newRow("fractional seats")
            << QByteArray(
                   R"({"name":"p","seats":1.5,"burn":{"type":"cost_plus","credits_per_usd":1},"overage":{"price":1}})")
            << QString("pkg.json: $.seats: expected a whole number from 0 to 1000000, got 1.5");
        QTest::newRow("syntax") << QByteArray("{\"name\": \"p\",\n \"base_fee\": 20,,\n}")
                                << QString("pkg.json: line 2, column");
        QTest::newRow("not an object")
            << QByteArray("[1,2]") << QString("pkg.json: $: expected an object, got an array");
    }

    void errorsNameFilePathAndExpectation() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QString message = errorOf(json);
        QVERIFY2(message.startsWith(expected), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestPricingPackage)
#include "tst_PricingPackage.moc"
