// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-computed single customer-months, one package feature at a time
// (docs/MODEL.md section 6). Units: k = 1e-3 credits per token (1 credit per 1,000
// tokens), supplier cost $2 per 1M tokens, a flat 30-day profile.
#include "models/json/JsonNode.h"
#include "simulator/engine/MonthBilling.h"

#include <QtTest>

using namespace marginal;

namespace {

PackagePlan plan(const char* json) {
    return PackagePlan::compile(
        PricingPackage::fromJson(JsonNode::parseBytes(QByteArray(json), "pkg")));
}

CohortPlan flatCohort(double tokensPerRequest = 2000.0) {
    CohortPlan c;
    c.requestsPerToken = 1.0 / tokensPerRequest;
    c.normalDays = DailyProfile::normal({});
    c.burstDays = DailyProfile::burst({}, 5, 0.5);
    return c;
}

const MonthCoefficients kCoefficients{1e-3, 2e-6, 0.5e-6};

} // namespace

class TestMonthBilling : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void baseFeePlusFlatOverage() {
        const PackagePlan p = plan(R"({"name":"p","base_fee":20,"included_credits":1000,
            "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}},"overage":{"price":0.02}})");
        AccountState s;
        // 1.6M tokens -> 1,600 credits: 1,000 included + 600 overage at $0.02 = $12.
        const MonthOutcome o = billMonth(p, flatCohort(), kCoefficients, 1.6e6, false, s);
        QCOMPARE(o.demanded, 1600.0);
        QCOMPARE(o.includedUsed, 1000.0);
        QCOMPARE(o.overageCredits, 600.0);
        QCOMPARE(o.overageCharge, 12.0);
        QCOMPARE(o.revenue, 32.0);
        QCOMPARE(o.cost, 3.2);
        QCOMPARE(o.margin, 28.8);
        QCOMPARE(o.breakage, 0.0);
        // Included runs out at 1000/1600 = 62.5% of the month: by day 19 (19/30 = 63.3%).
        QCOMPARE(o.includedRunOutDay, 19);
        QVERIFY(!o.capHit);
    }

    void unusedIncludedCreditsAreBreakage() {
        const PackagePlan p = plan(R"({"name":"p","base_fee":20,"included_credits":1000,
            "burn":{"type":"cost_plus","credits_per_usd":100},"overage":{"price":0.02}})");
        AccountState s;
        // Cost-plus: 0.3M tokens cost $0.60 -> 60 credits; 940 expire.
        const MonthCoefficients k{2e-6 * 100, 2e-6, 0.0};
        const MonthOutcome o = billMonth(p, flatCohort(), k, 0.3e6, false, s);
        QCOMPARE(o.demanded, 60.0);
        QCOMPARE(o.breakage, 940.0);
        QCOMPARE(o.includedRunOutDay, 0);
        QCOMPARE(o.revenue, 20.0);
    }

    void graduatedOverageTiers() {
        const PackagePlan p = plan(R"({"name":"p","burn":{"type":"cost_plus","credits_per_usd":1},
            "overage":[{"up_to":100,"price":0.05},{"up_to":300,"price":0.03},{"price":0.01}]})");
        AccountState s;
        // 500 overage credits: 100 x 0.05 + 200 x 0.03 + 200 x 0.01 = 5 + 6 + 2.
        const MonthOutcome o = billMonth(p, flatCohort(), kCoefficients, 0.5e6, false, s);
        QCOMPARE(o.overageCredits, 500.0);
        QCOMPARE(o.overageCharge, 13.0);
        QCOMPARE(p.overageCharge(50.0), 2.5);
        QCOMPARE(p.overageCharge(300.0), 11.0);
    }

    void blockServesUpToTheBalance() {
        const PackagePlan p = plan(R"({"name":"p","base_fee":20,"included_credits":1000,
            "burn":{"type":"cost_plus","credits_per_usd":1},"enforcement":"block"})");
        AccountState s;
        const MonthOutcome o = billMonth(p, flatCohort(), kCoefficients, 1.6e6, false, s);
        QCOMPARE(o.fromBalance, 1000.0);
        QCOMPARE(o.blockedCredits, 600.0);
        QCOMPARE(o.tokensServed, 1.0e6); // 1,000 credits' worth
        QCOMPARE(o.cost, 2.0);           // blocked demand costs nothing
        QCOMPARE(o.revenue, 20.0);       // and earns nothing
        QCOMPARE(o.blockedDays, 12);     // ran out on day 19: days 19..30
        QVERIFY(o.capHit);
    }

    void blockWithBurstRunsOutEarlierNotMore() {
        const PackagePlan p = plan(R"({"name":"p","included_credits":1000,
            "burn":{"type":"cost_plus","credits_per_usd":1},"enforcement":"block"})");
        AccountState s1, s2;
        const MonthOutcome normal = billMonth(p, flatCohort(), kCoefficients, 1.6e6, false, s1);
        const MonthOutcome burst = billMonth(p, flatCohort(), kCoefficients, 1.6e6, true, s2);
        // Same credits either way; a burst month (half the usage in the last 5 days)
        // reaches 62.5% later: 25 days carry 50%, so 62.5% falls on day 27.
        QCOMPARE(burst.blockedCredits, normal.blockedCredits);
        QCOMPARE(burst.includedRunOutDay, 27);
        QCOMPARE(burst.blockedDays, 4);
    }

    void throttleServesTheRestOnTheCheaperModel() {
        const PackagePlan p = plan(R"({"name":"p","base_fee":20,"included_credits":1000,
            "burn":{"type":"cost_plus","credits_per_usd":1},"enforcement":"throttle","throttle_model":"cheap"})");
        AccountState s;
        const MonthOutcome o = billMonth(p, flatCohort(), kCoefficients, 1.6e6, false, s);
        // 1M tokens at $2/M on the package's models + 0.6M at $0.5/M on the cheap one.
        QCOMPARE(o.throttledCredits, 600.0);
        QCOMPARE(o.cost, 2.3);
        QCOMPARE(o.revenue, 20.0);
        QCOMPARE(o.blockedCredits, 0.0);
        QVERIFY(o.capHit);
    }

    void cappedRolloverAndBreakage() {
        const PackagePlan p = plan(
            R"({"name":"p","included_credits":1000,"rollover":{"mode":"capped","max_balance":1500},
            "burn":{"type":"cost_plus","credits_per_usd":1},"overage":{"price":1}})");
        AccountState s;
        const CohortPlan c = flatCohort();
        MonthOutcome o = billMonth(p, c, kCoefficients, 0.2e6, false, s); // burns 200
        QCOMPARE(o.breakage, 0.0);
        QCOMPARE(s.rolled[0], 800.0);
        o = billMonth(p, c, kCoefficients, 0.1e6, false, s); // 100 from rolled first
        QCOMPARE(o.includedUsed, 100.0); // rolled-over credits are included credits too
        QCOMPARE(o.breakage, 200.0);     // 700 + 1000 carried, capped at 1500
        QCOMPARE(s.rolled[0], 1500.0);
        o = billMonth(p, c, kCoefficients, 1.6e6, false, s); // 1500 rolled, then 100 included
        QCOMPARE(o.includedUsed, 1600.0);
        QCOMPARE(o.overageCredits, 0.0);
        QCOMPARE(s.rolled[0], 900.0);
        QCOMPARE(o.breakage, 0.0);
        // Rolled-over credits sit before the included ones: included ran out at
        // 2500 credits of demand, not reached.
        QCOMPARE(o.includedRunOutDay, 0);
    }

    void expiringRolloverAndBreakage() {
        const PackagePlan p =
            plan(R"({"name":"p","included_credits":1000,"rollover":{"mode":"expiry","months":1},
            "burn":{"type":"cost_plus","credits_per_usd":1},"overage":{"price":1}})");
        AccountState s;
        const CohortPlan c = flatCohort();
        MonthOutcome o = billMonth(p, c, kCoefficients, 0.2e6, false, s);
        QCOMPARE(o.breakage, 0.0);
        QCOMPARE(s.rolled[0], 800.0);
        o = billMonth(p, c, kCoefficients, 0.1e6, false, s); // 100 from last month's grant
        QCOMPARE(o.includedUsed, 100.0);
        QCOMPARE(o.breakage, 700.0); // its remaining 700 expire
        QCOMPARE(s.rolled[0], 1000.0);
        o = billMonth(p, c, kCoefficients, 0.0, false, s);
        QCOMPARE(o.breakage, 1000.0);
        QCOMPARE(o.includedUsed, 0.0);
    }

    void autoTopUpBuysPacksUpToTheLimit() {
        const PackagePlan p = plan(R"({"name":"p","base_fee":10,"included_credits":1000,
            "burn":{"type":"cost_plus","credits_per_usd":1},"enforcement":"auto_topup","after_limit":"block",
            "topup":{"pack_credits":500,"pack_price":6,"threshold":100,"max_packs_per_month":2}})");
        const CohortPlan c = flatCohort();
        AccountState s;
        // 1,800 credits: below 100 twice -> 2 packs ($12); 200 top-up credits left.
        MonthOutcome o = billMonth(p, c, kCoefficients, 1.8e6, false, s);
        QCOMPARE(o.packsBought, 2);
        QCOMPARE(o.topUpCharge, 12.0);
        QCOMPARE(o.revenue, 22.0);
        QCOMPARE(o.blockedCredits, 0.0);
        QCOMPARE(s.topUp, 200.0);
        // Next month: 1,000 included + 200 carried top-up; 1,000 used leaves 200 >= 100.
        o = billMonth(p, c, kCoefficients, 1.0e6, false, s);
        QCOMPARE(o.packsBought, 0);
        QCOMPARE(s.topUp, 200.0);
        // 1,150 used leaves 50 < 100: one pack.
        o = billMonth(p, c, kCoefficients, 1.15e6, false, s);
        QCOMPARE(o.packsBought, 1);
        QCOMPARE(s.topUp, 550.0);
        // Past the recharge limit the rest is blocked: 550 + 1000 + 2 x 500 = 2,550.
        o = billMonth(p, c, kCoefficients, 3.0e6, false, s);
        QCOMPARE(o.packsBought, 2);
        QCOMPARE(o.fromBalance, 2550.0);
        QCOMPARE(o.blockedCredits, 450.0);
        QCOMPARE(s.topUp, 0.0);
    }

    void autoTopUpThenOverage() {
        const PackagePlan p = plan(R"({"name":"p","included_credits":1000,"overage":{"price":0.05},
            "burn":{"type":"cost_plus","credits_per_usd":1},"enforcement":"auto_topup","after_limit":"overage",
            "topup":{"pack_credits":500,"pack_price":6,"threshold":0,"max_packs_per_month":1}})");
        AccountState s;
        const MonthOutcome o = billMonth(p, flatCohort(), kCoefficients, 2.0e6, false, s);
        QCOMPARE(o.packsBought, 1);
        QCOMPARE(o.overageCredits, 500.0);
        QCOMPARE(o.revenue, 6.0 + 25.0);
    }

    void commitTrueUp() {
        const PackagePlan p =
            plan(R"({"name":"p","commit":100,"burn":{"type":"cost_plus","credits_per_usd":1},
            "overage":{"price":1}})");
        AccountState s;
        // 30 credits of usage ($30) under a $100 commit: $70 true-up.
        MonthOutcome o = billMonth(p, flatCohort(), kCoefficients, 0.03e6, false, s);
        QCOMPARE(o.overageCharge, 30.0);
        QCOMPARE(o.trueUp, 70.0);
        QCOMPARE(o.revenue, 100.0);
        o = billMonth(p, flatCohort(), kCoefficients, 0.15e6, false, s);
        QCOMPARE(o.trueUp, 0.0);
        QCOMPARE(o.revenue, 150.0);
    }

    void outcomePricing() {
        const PackagePlan p = plan(R"({"name":"p","burn":{"type":"cost_plus","credits_per_usd":0},
            "overage":{"price":0},"outcomes":{"rate_per_request":0.1,"price":0.99}})");
        AccountState s;
        // 1M tokens / 2,000 per request = 500 requests x 10% resolved x $0.99.
        const MonthOutcome o = billMonth(p, flatCohort(2000.0), kCoefficients, 1.0e6, false, s);
        QCOMPARE(o.outcomeCharge, 49.5);
        QCOMPARE(o.revenue, 49.5);
    }

    void paymentFees() {
        const PackagePlan p = plan(R"({"name":"p","base_fee":20,"included_credits":1000,
            "burn":{"type":"cost_plus","credits_per_usd":1},"overage":{"price":0.02},
            "payment_fees":{"percent":2.9,"fixed":0.30}})");
        AccountState s;
        // $32 invoice: 2.9% = $0.928, + $0.30.
        const MonthOutcome o = billMonth(p, flatCohort(), kCoefficients, 1.6e6, false, s);
        QCOMPARE(o.fees, 1.228);
        QCOMPARE(o.revenue, 32.0 - 1.228);
        // No invoice, no fee.
        const PackagePlan payg =
            plan(R"({"name":"p","burn":{"type":"cost_plus","credits_per_usd":1},
            "overage":{"price":1},"payment_fees":{"percent":2.9,"fixed":0.30}})");
        const MonthOutcome idle = billMonth(payg, flatCohort(), kCoefficients, 0.0, false, s);
        QCOMPARE(idle.fees, 0.0);
        QCOMPARE(idle.revenue, 0.0);
    }

    void seatsAddToTheFixedCharge() {
        const PackagePlan p = plan(R"({"name":"p","base_fee":5,"seat_fee":20,"seats":3,
            "burn":{"type":"cost_plus","credits_per_usd":1},"overage":{"price":1}})");
        AccountState s;
        QCOMPARE(billMonth(p, flatCohort(), kCoefficients, 0.0, false, s).revenue, 65.0);
    }
};

QTEST_APPLESS_MAIN(TestMonthBilling)
#include "tst_MonthBilling.moc"
