// SPDX-License-Identifier: GPL-3.0-or-later
// Lineups, bill change against a baseline, bill shocks and churn (docs/MODEL.md sections
// 9-10) on customers whose every month is known (sigma 0, p_active 1), so each figure is
// worked out by hand below.
//
// One model at $2 per 1M input tokens; 1 credit per 1,000 tokens, so a credit costs
// $0.002. No payment fees: the bill is the revenue. 8 months.
//   small: $10 with 1,000 credits, overage $0.01 a credit
//   big:   $25 with 5,000 credits, overage $0.01 a credit
//   grow:  1 customer, 500 credits in month 0, doubling every month (500 .. 64,000)
//   flat:  1 customer, 500 credits every month
// Bills by month:
//   grow on small: 10 10 20 40 80 160 320 640 (= 1,280)
//   grow on big:   25 25 25 25 55 135 295 615 (= 1,200)
//   flat on small: 10 x 8 (= 80); flat on big: 25 x 8 (= 200)
#include "models/common/InputError.h"
#include "models/domain/Scenario.h"
#include "models/json/JsonNode.h"
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/RunRecord.h"

#include <QtTest>
#include <cmath>

using namespace marginal;

namespace {

constexpr int kMonths = 8;

QByteArray scenarioJson(const QByteArray& extra, int trials = 3, double churn = 0.0) {
    const QByteArray churnField =
        churn > 0.0 ? ", \"churn_monthly\": " + QByteArray::number(churn, 'g', 17) : QByteArray();
    return R"({"name": "lineups", "start_month": "2026-01", "horizon_months": 8,
      "trials": )" +
           QByteArray::number(trials) + R"(, "seed": 7,
      "catalog": {"catalog": "t", "as_of": "2026-01-01",
        "models": [{"id": "m", "prices": [{"effective": "2025-01-01", "input": 2, "output": 10}]}]},
      "packages": [
        {"name": "small", "base_fee": 10, "included_credits": 1000, "overage": {"price": 0.01},
         "burn": {"type": "per_token", "rates": {"*": {"input": 1000, "output": 1000}}}},
        {"name": "big", "base_fee": 25, "included_credits": 5000, "overage": {"price": 0.01},
         "burn": {"type": "per_token", "rates": {"*": {"input": 1000, "output": 1000}}}}],
      "mixes": [{"name": "all_m", "cohorts": {"default": {"m": 1}}}],
      "cohorts": [
        {"name": "grow", "customers": 1, "p_active": 1, "mu": )" +
           QByteArray::number(std::log(5e5), 'g', 17) + R"(, "sigma": 0, "growth": 1,
         "output_share": 0)" +
           churnField + R"(},
        {"name": "flat", "customers": 1, "p_active": 1, "mu": )" +
           QByteArray::number(std::log(5e5), 'g', 17) + R"(, "sigma": 0, "output_share": 0)" +
           churnField + "}]" + extra + "}";
}

Scenario load(const QByteArray& json) {
    try {
        return Scenario::fromJson(JsonNode::parseBytes(json, QStringLiteral("lineups.json")),
                                  QString());
    } catch (const Error& e) {
        qFatal("scenario refused: %s", qPrintable(e.message()));
    }
}

RunRecord run(const Scenario& s, int threads = 1) {
    const SimulationPlan plan = SimulationPlan::compile(s);
    RunOptions o;
    o.seed = *s.seed;
    o.trials = s.trials;
    o.threads = threads;
    const RunStatistics stats = MonteCarloEngine(plan).run(o);
    return RunRecord::fromRun(s, plan, stats, o.seed, o.trials, threads);
}

const DecisionRow& row(const RunRecord& r, const QString& package, const QString& cohort) {
    for (const DecisionRow& d : r.decision)
        if (d.package == package && d.cohort == cohort)
            return d;
    qFatal("no row %s / %s", qPrintable(package), qPrintable(cohort));
}

const LineupShareRow& share(const RunRecord& r, const QString& cohort, const QString& package) {
    for (const LineupShareRow& s : r.lineupShares)
        if (s.cohort == cohort && s.package == package)
            return s;
    qFatal("no share %s / %s", qPrintable(cohort), qPrintable(package));
}

QString inputError(const QByteArray& json) {
    try {
        Scenario::fromJson(JsonNode::parseBytes(json, QStringLiteral("lineups.json")), QString());
    } catch (const InputError& e) {
        return e.location() + QStringLiteral(": ") + e.expected();
    }
    return {};
}

const QByteArray kCheapest =
    R"(, "lineups": [{"name": "pick", "packages": ["small", "big"],
         "assignment": {"rule": "cheapest", "review_every": 3, "lookback": 3,
                        "switch_threshold": 0.1}}])";

} // namespace

class TestLineups : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Month 0: both start on small (at 500 credits small bills $10, big $25).
    // Review at month 3 (months 0-2): grow would pay 40 on small, 75 on big: stays.
    // Review at month 6 (months 3-5, billed afresh): small 40 + 80 + 160 = 280, big
    // 25 + 55 + 135 = 215 < 280 x 0.9: grow moves to big for months 6-7 (295 + 615).
    // flat never moves (30 against 75 at each review).
    void cheapestSwitchesAtAReview() {
        const RunRecord r = run(load(scenarioJson(kCheapest)));
        const DecisionRow& grow = row(r, "pick", "grow");
        QCOMPARE(grow.meanRevenue, 10 + 10 + 20 + 40 + 80 + 160 + 295 + 615.0);
        // 127,500 credits = 127.5M tokens at $2 per 1M, whichever package serves them.
        QCOMPARE(grow.meanCost, 255.0);
        QCOMPARE(row(r, "pick", "flat").meanRevenue, 80.0);
        QCOMPARE(row(r, "pick", "all").meanRevenue, (1230 + 80) / 2.0);
        QCOMPARE(share(r, "grow", "small").customerMonthShare, 6.0 / 8);
        QCOMPARE(share(r, "grow", "big").customerMonthShare, 2.0 / 8);
        QCOMPARE(share(r, "flat", "small").customerMonthShare, 1.0);
        QCOMPARE(share(r, "all", "small").customerMonthShare, 14.0 / 16);
        // One switch in 8 months: 1.5 a customer-year; over both customers 0.75.
        QCOMPARE(share(r, "grow", "big").switchesPerCustomerYear, 1.5);
        QCOMPARE(share(r, "all", "big").switchesPerCustomerYear, 0.75);
        QCOMPARE(share(r, "flat", "big").switchesPerCustomerYear, 0.0);
        // The single packages are still there, unchanged by the lineup.
        QCOMPARE(row(r, "small", "grow").meanRevenue, 1280.0);
        QCOMPARE(row(r, "big", "grow").meanRevenue, 1200.0);
    }

    // A higher threshold is inertia: 215 < 280 x (1 - 0.25) = 210 fails, nobody moves.
    // review_every 0: nobody moves either.
    void inertiaKeepsCustomersWhereTheyAre() {
        QByteArray json = kCheapest;
        json.replace("\"switch_threshold\": 0.1", "\"switch_threshold\": 0.25");
        RunRecord r = run(load(scenarioJson(json)));
        QCOMPARE(row(r, "pick", "grow").meanRevenue, 1280.0);
        QCOMPARE(share(r, "all", "big").switchesPerCustomerYear, 0.0);
        json = kCheapest;
        json.replace("\"review_every\": 3", "\"review_every\": 0");
        r = run(load(scenarioJson(json)));
        QCOMPARE(row(r, "pick", "grow").meanRevenue, 1280.0);
    }

    // by_cohort: each cohort's figures are exactly its package's.
    void byCohortGivesEachCohortItsPackage() {
        const RunRecord r = run(load(scenarioJson(
            R"(, "lineups": [{"name": "tiers", "packages": ["small", "big"],
                 "assignment": {"rule": "by_cohort", "map": {"grow": "big", "flat": "small"}}}])")));
        QCOMPARE(row(r, "tiers", "grow").meanRevenue, 1200.0);
        QCOMPARE(row(r, "tiers", "flat").meanRevenue, 80.0);
        QCOMPARE(row(r, "tiers", "grow").meanMargin, row(r, "big", "grow").meanMargin);
        QCOMPARE(share(r, "all", "big").customerMonthShare, 0.5);
    }

    // Shocks at factor 2 on small: grow's bills 40, 80, 160, 320, 640 each exceed twice
    // the median of the months before (10, 15, 20, 30, 40): 5 shocks in 8 months, 7.5 a
    // customer-year. At factor 4.5, 40 > 45 fails: 4. flat's flat bills never shock.
    void billShocksAreCounted() {
        RunRecord r = run(load(scenarioJson(R"(, "shock_factor": 2)")));
        QCOMPARE(row(r, "small", "grow").shockShare, 1.0);
        QCOMPARE(row(r, "small", "grow").shocksPerCustomerYear, 7.5);
        QCOMPARE(row(r, "small", "flat").shockShare, 0.0);
        QCOMPARE(row(r, "small", "all").shockShare, 0.5);
        QCOMPARE(row(r, "small", "all").shocksPerCustomerYear, 3.75);
        r = run(load(scenarioJson(R"(, "shock_factor": 4.5)")));
        QCOMPARE(row(r, "small", "grow").shocksPerCustomerYear, 4 * 12.0 / kMonths);
        // big: 55 > 2 x 25 at month 4, 135 > 2 x 25, 295 > 2 x 40, 615 > 2 x 55: 4 at
        // factor 2; at 4.5 only 135 > 112.5, 295 > 180 and 615 > 247.5.
        QCOMPARE(row(r, "big", "grow").shocksPerCustomerYear, 3 * 12.0 / kMonths);
    }

    // Baseline small. big: flat pays 200 against 80 (+150%), grow 1,200 against 1,280
    // (-6.25%).
    void billChangeAgainstTheBaseline() {
        const RunRecord r = run(load(scenarioJson(R"(, "baseline": "small")")));
        const DecisionRow& all = row(r, "big", "all");
        QVERIFY(all.baselineDefined);
        QCOMPARE(all.billRise10Share, 0.5);
        QCOMPARE(all.billRise50Share, 0.5);
        // grow's customer pays less than on small: half of big's customers are better off.
        QCOMPARE(all.billFallShare, 0.5);
        QCOMPARE(row(r, "big", "grow").billFallShare, 1.0);
        QCOMPARE(row(r, "big", "flat").billFallShare, 0.0);
        QVERIFY(std::fabs(all.billChangeP50.value - -6.25) <= all.billChangeP50.errorBound);
        QVERIFY(all.billChangeP50.errorBound < 0.03); // 0.4% of 6.25
        QVERIFY(std::fabs(all.billChangeP95.value - 150.0) <= all.billChangeP95.errorBound);
        QCOMPARE(row(r, "big", "flat").billRise50Share, 1.0);
        QCOMPARE(row(r, "big", "grow").billRise10Share, 0.0);
        // The baseline against itself: no change at all.
        QCOMPARE(row(r, "small", "all").billChangeP95.value, 0.0);
        QCOMPARE(row(r, "small", "all").billRise10Share, 0.0);
        QCOMPARE(row(r, "small", "all").billFallShare, 0.0);
    }

    // A baseline that bills nothing: any bill is the largest rise, +1000% (not infinity).
    void billChangeOverAFreeBaseline() {
        QByteArray json = scenarioJson(R"(, "baseline": "free")");
        json.replace(R"("packages": [)",
                     R"("packages": [{"name": "free", "base_fee": 0, "included_credits": 0,
                         "overage": {"price": 0},
                         "burn": {"type": "per_token", "rates": {"*": {"input": 1, "output": 1}}}},)");
        const RunRecord r = run(load(json));
        const DecisionRow& all = row(r, "small", "all");
        QCOMPARE(all.billRise50Share, 1.0);
        QVERIFY(std::fabs(all.billChangeP95.value - 1000.0) <= all.billChangeP95.errorBound);
        QVERIFY(all.billChangeP95.errorBound < 5.0);
        QCOMPARE(row(r, "free", "all").billChangeP50.value, 0.0);
    }

    // Churn c0 = 0.05, elasticity 0.4, baseline small, package big. grow's rises month by
    // month: 1.5, 1.5, 0.25, 0 (25 < 40), then 0: P(leave) = 0.05 e^(0.4 rise).
    // Retained share = the product of the survival probabilities; margin with churn =
    // sum over months of the month's margin x P(still there at its start).
    void churnRespondsToTheBillRise() {
        const int trials = 40000;
        const RunRecord r = run(
            load(scenarioJson(R"(, "baseline": "small", "bill_elasticity": 0.4)", trials, 0.05)),
            2);
        const double bills[kMonths] = {25, 25, 25, 25, 55, 135, 295, 615};
        const double base[kMonths] = {10, 10, 20, 40, 80, 160, 320, 640};
        double alive = 1.0, margin = 0.0;
        for (int t = 0; t < kMonths; ++t) {
            const double cost = 500.0 * std::pow(2.0, t) * 0.002;
            margin += alive * (bills[t] - cost);
            alive *= 1.0 - 0.05 * std::exp(0.4 * std::max(0.0, bills[t] / base[t] - 1.0));
        }
        const DecisionRow& grow = row(r, "big", "grow");
        const double se = std::sqrt(alive * (1 - alive) / trials);
        QVERIFY2(std::fabs(grow.retainedShare - alive) < 4 * se,
                 qPrintable(QStringLiteral("retained %1, closed form %2 +- %3")
                                .arg(grow.retainedShare)
                                .arg(alive)
                                .arg(se)));
        QVERIFY2(std::fabs(grow.meanMarginWithChurn - margin) < 4 * grow.meanMarginWithChurnSe,
                 qPrintable(QStringLiteral("margin with churn %1, closed form %2 +- %3")
                                .arg(grow.meanMarginWithChurn)
                                .arg(margin)
                                .arg(grow.meanMarginWithChurnSe)));
        // Under the baseline itself the rise is 0: 0.95^8.
        const double stay = std::pow(0.95, kMonths);
        QVERIFY(std::fabs(row(r, "small", "grow").retainedShare - stay) <
                4 * std::sqrt(stay * (1 - stay) / trials));
        // Common random numbers: a customer who leaves under the baseline leaves under big
        // too (big's probabilities are higher month by month), so big keeps fewer.
        QVERIFY(grow.retainedShare < row(r, "small", "grow").retainedShare);
    }

    // No baseline, elasticity 0, churn 0: the decision table is byte for byte today's.
    // Asking for migration figures leaves every other column as it was: churn draws come
    // from a stream of their own.
    void migrationLeavesTodaysFiguresAlone() {
        const QString plain = run(load(scenarioJson(kCheapest))).decisionCsv();
        QCOMPARE(run(load(scenarioJson(kCheapest + R"(, "bill_elasticity": 0)"))).decisionCsv(),
                 plain);
        const RunRecord withChurn = run(
            load(scenarioJson(kCheapest + R"(, "baseline": "big", "bill_elasticity": 2)", 3, 0.3)));
        const RunRecord without = run(load(scenarioJson(kCheapest)));
        for (std::size_t i = 0; i < without.decision.size(); ++i) {
            QCOMPARE(withChurn.decision[i].meanMargin, without.decision[i].meanMargin);
            QCOMPARE(withChurn.decision[i].gmP50.value, without.decision[i].gmP50.value);
            QCOMPARE(withChurn.decision[i].marginCvar5, without.decision[i].marginCvar5);
        }
    }

    void sameFiguresOnOneAndTwoThreads() {
        const Scenario s = load(
            scenarioJson(kCheapest + R"(, "baseline": "pick", "bill_elasticity": 1)", 50, 0.1));
        const RunRecord one = run(s, 1), two = run(s, 2);
        QCOMPARE(two.decisionCsv(), one.decisionCsv());
        QCOMPARE(two.monthlyCsv(), one.monthlyCsv());
    }

    // Credits do not travel: "shrink" (16,000 credits in month 0, halving monthly) starts
    // on big_roll (at 16,000 small bills $160, big_roll $135), stays at the reviews of
    // months 2 and 4 (190 < 240, 50 < 60) and moves to small at month 6 (20 < 50 x 0.9),
    // when big_roll carries 1,000 + 3,000 + 4,000 + 4,500 = 12,500 unused credits: they
    // expire then, as breakage. Books: granted 6 x 5,000 + 2 x 1,000 = 32,000 = used
    // (5,000 + 5,000 + 4,000 + 2,000 + 1,000 + 500 + 250 + 125 = 17,875) + breakage
    // (12,500 + 750 + 875 = 14,125) + carried at the end (0).
    void creditsLeftAtASwitchExpireAsBreakage() {
        QByteArray json = scenarioJson(
            R"(, "lineups": [{"name": "pick", "packages": ["small", "big_roll"],
                 "assignment": {"rule": "cheapest", "review_every": 2, "lookback": 2}}])");
        json.replace(R"({"name": "big", "base_fee": 25)",
                     R"({"name": "big_roll", "rollover": {"mode": "capped", "max_balance": 20000},
                         "base_fee": 25)");
        json.replace(QByteArray::number(std::log(5e5), 'g', 17) + R"(, "sigma": 0, "growth": 1)",
                     QByteArray::number(std::log(16e6), 'g', 17) +
                         R"(, "sigma": 0, "growth": -0.5)");
        const RunRecord r = run(load(json));
        const DecisionRow& shrink = row(r, "pick", "grow"); // the cohort keeps its name
        QCOMPARE(share(r, "grow", "big_roll").customerMonthShare, 6.0 / 8);
        QCOMPARE(shrink.meanBreakage, 14125.0);
        QCOMPARE(shrink.creditUtilisation, 17875.0 / 32000.0);
    }

    // Top-up credits do not travel either: "shrink" (as above) starts on packs (at
    // 16,000 credits: small $160, packs $25 + 2 packs of 10,000 at $50 = $125). Month 0
    // buys 2 packs and burns 5,000 included + 11,000 of them (9,000 held); month 1 burns
    // 5,000 + 3,000 (6,000 held); months 2-5 use included credits only. Reviews: month 2
    // (packs 150 < small 240), month 4 (50 against 50: no saving), month 6 (small 20 <
    // 50 x 0.9): the move leaves 6,000 top-up credits, which expire then. Books: bought
    // 20,000 = used 14,000 + expired 6,000. Bills: 125 + 5 x 25 + 10 + 10 = 270.
    void topUpCreditsLeftAtASwitchExpire() {
        QByteArray json = scenarioJson(
            R"(, "lineups": [{"name": "pick", "packages": ["small", "packs"],
                 "assignment": {"rule": "cheapest", "review_every": 2, "lookback": 2}}])");
        json.replace(R"({"name": "big", "base_fee": 25)",
                     R"({"name": "packs", "enforcement": "auto_topup",
                         "topup": {"pack_credits": 10000, "pack_price": 50, "threshold": 0,
                                   "max_packs_per_month": 5},
                         "base_fee": 25)");
        json.replace(QByteArray::number(std::log(5e5), 'g', 17) + R"(, "sigma": 0, "growth": 1)",
                     QByteArray::number(std::log(16e6), 'g', 17) +
                         R"(, "sigma": 0, "growth": -0.5)");
        const RunRecord r = run(load(json));
        const DecisionRow& shrink = row(r, "pick", "grow");
        QCOMPARE(share(r, "grow", "packs").customerMonthShare, 6.0 / 8);
        QCOMPARE(shrink.meanRevenue, 270.0);
        QCOMPARE(shrink.meanTopUpExpired, 6000.0);
        QCOMPARE(shrink.meanBreakage, 14125.0);
        QCOMPARE(shrink.creditUtilisation, 17875.0 / 32000.0);
    }

    // A review compares only its lookback: every 2 months over the last 1, with a 20%
    // threshold, grow moves to big at month 4 (month 3: small 40, big 25 < 32) and
    // pays 10 + 10 + 20 + 40 + 55 + 135 + 295 + 615 = 1,180. Over the last 2 months it
    // would not (60 against 50, not below 48) and would move only at month 6 (1,230).
    void aReviewLooksBackOnlyItsLookback() {
        const RunRecord r = run(load(scenarioJson(
            R"(, "lineups": [{"name": "pick", "packages": ["small", "big"],
                 "assignment": {"rule": "cheapest", "review_every": 2, "lookback": 1,
                                "switch_threshold": 0.2}}])")));
        QCOMPARE(row(r, "pick", "grow").meanRevenue, 1180.0);
        QCOMPARE(share(r, "grow", "big").customerMonthShare, 4.0 / 8);
    }

    void badLineupsAreRefused() {
        QCOMPARE(inputError(scenarioJson(
                     R"(, "lineups": [{"name": "x", "packages": ["small", "huge"],
                          "assignment": {"rule": "cheapest"}}])")),
                 QStringLiteral("$.lineups[0].packages[1]: package \"huge\" is not in the "
                                "scenario's packages"));
        QCOMPARE(inputError(scenarioJson(
                     R"(, "lineups": [{"name": "x", "packages": ["small", "big"],
                          "assignment": {"rule": "by_cohort", "map": {"grow": "big"}}}])")),
                 QStringLiteral("$.lineups[0].assignment.map: no package for cohort \"flat\""));
        QCOMPARE(inputError(scenarioJson(
                     R"(, "lineups": [{"name": "small", "packages": ["small"],
                          "assignment": {"rule": "cheapest"}}])")),
                 QStringLiteral("$.lineups[0].name: name \"small\" is already a package's or a "
                                "lineup's"));
        QCOMPARE(inputError(scenarioJson(R"(, "baseline": "today")")),
                 QStringLiteral("$.baseline: \"today\" is neither a package nor a lineup of the "
                                "scenario"));
        QVERIFY(inputError(scenarioJson(R"(, "lineups": [{"name": "x", "packages": ["small"],
                          "assignment": {"rule": "lottery"}}])"))
                    .startsWith(QStringLiteral("$.lineups[0].assignment.rule")));
    }

    // A scenario with lineups and a baseline reads back from its own toJson().
    void roundTrip() {
        const Scenario s = load(scenarioJson(kCheapest + R"(, "baseline": "pick",
            "bill_elasticity": 1.5, "shock_factor": 3)",
                                             3, 0.02));
        const QByteArray again = QJsonDocument(s.toJson()).toJson();
        const Scenario t = load(again);
        QCOMPARE(QJsonDocument(t.toJson()).toJson(), again);
        QCOMPARE(t.lineups.size(), std::size_t(1));
        QCOMPARE(t.baseline, QStringLiteral("pick"));
        QCOMPARE(t.cohorts[0].churnMonthly, 0.02);
    }
};

QTEST_GUILESS_MAIN(TestLineups)
#include "tst_Lineups.moc"
