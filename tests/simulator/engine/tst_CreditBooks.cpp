// SPDX-License-Identifier: GPL-3.0-or-later
// The credit books balance per customer over the horizon (docs/MODEL.md section 8,
// "Credit columns"): included credits granted = used (from any month's grant) +
// breakage (expired unused) + still carried at the end; top-up credits bought = used
// + expired + still held. Checked for every rollover mode, with top-ups that expire
// and that do not, over two years of uneven demand; and the same books from the
// engine's decision rows.
#include "models/json/JsonNode.h"
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/engine/MonthBilling.h"
#include "simulator/engine/RandomStream.h"
#include "simulator/results/ResultSummary.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>

using namespace marginal;

namespace {

PackagePlan plan(const QByteArray& json) {
    return PackagePlan::compile(PricingPackage::fromJson(JsonNode::parseBytes(json, "pkg")));
}

CohortPlan flatCohort() {
    CohortPlan c;
    c.requestsPerToken = 1.0 / 2000.0;
    c.normalDays = DailyProfile::normal({});
    c.burstDays = DailyProfile::burst({}, 5, 0.5);
    return c;
}

// 1 credit per 1,000 tokens.
const MonthCoefficients kCoefficients{1e-3, 2e-6, 0.5e-6};

struct Books {
    double granted = 0, includedUsed = 0, breakage = 0;
    double bought = 0, fromBalance = 0, topUpExpired = 0;
};

QByteArray packageJson(const char* rollover, bool topUpExpires, const char* afterLimit) {
    return QStringLiteral(
               R"({"name":"p","base_fee":10,"included_credits":1000,"rollover":%1,
               "burn":{"type":"cost_plus","credits_per_usd":1},"enforcement":"auto_topup",
               "after_limit":"%3","overage":{"price":0.02},
               "topup":{"pack_credits":400,"pack_price":5,"threshold":150,
                        "max_packs_per_month":2,"expires_at_month_end":%2}})")
        .arg(QLatin1String(rollover),
             topUpExpires ? QStringLiteral("true") : QStringLiteral("false"),
             QLatin1String(afterLimit))
        .toUtf8();
}

} // namespace

class TestCreditBooks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void includedAndTopUpBooksBalancePerCustomer_data() {
        QTest::addColumn<QByteArray>("package");
        const struct {
            const char* name;
            const char* rollover;
        } modes[] = {{"none", R"({"mode":"none"})"},
                     {"capped", R"({"mode":"capped","max_balance":1500})"},
                     {"expiry 1", R"({"mode":"expiry","months":1})"},
                     {"expiry 3", R"({"mode":"expiry","months":3})"}};
        for (const auto& m : modes)
            for (bool expires : {false, true})
                for (const char* after : {"block", "overage"})
                    QTest::newRow(qPrintable(
                        QStringLiteral("%1, top-ups %2, then %3")
                            .arg(m.name,
                                 expires ? QStringLiteral("expire") : QStringLiteral("kept"),
                                 after)))
                        << packageJson(m.rollover, expires, after);
    }

    void includedAndTopUpBooksBalancePerCustomer() {
        QFETCH(QByteArray, package);
        const PackagePlan p = plan(package);
        const CohortPlan cohort = flatCohort();
        RandomStream rng(42, 7);
        double bought = 0.0, expired = 0.0, breakage = 0.0;
        for (int customer = 0; customer < 50; ++customer) {
            AccountState s;
            Books b;
            for (int month = 0; month < 24; ++month) {
                // Idle months, light months (rollover builds up) and heavy ones (packs).
                const double u = rng.uniform();
                const double tokens = u < 0.2   ? 0.0
                                      : u < 0.6 ? 4e5 * rng.uniform()
                                                : 1e6 + 3e6 * rng.uniform();
                const MonthOutcome o = billMonth(p, cohort, kCoefficients, tokens, false, s);
                b.granted += o.includedGranted;
                b.includedUsed += o.includedUsed;
                b.breakage += o.breakage;
                b.bought += o.packsBought * p.packCredits;
                b.fromBalance += o.fromBalance;
                b.topUpExpired += o.topUpExpired;
                QVERIFY(o.includedUsed <= o.fromBalance + 1e-9);
            }
            const double carried = s.rolledTotal(PackagePlan::kMaxExpiryMonths);
            const QString books = QStringLiteral("granted %1 = used %2 + breakage %3 + carried %4")
                                      .arg(b.granted)
                                      .arg(b.includedUsed)
                                      .arg(b.breakage)
                                      .arg(carried);
            QVERIFY2(std::fabs(b.granted - (b.includedUsed + b.breakage + carried)) < 1e-6,
                     qPrintable(books));
            const double topUpUsed = b.fromBalance - b.includedUsed;
            const QString topUps = QStringLiteral("bought %1 = used %2 + expired %3 + held %4")
                                       .arg(b.bought)
                                       .arg(topUpUsed)
                                       .arg(b.topUpExpired)
                                       .arg(s.topUp);
            QVERIFY2(std::fabs(b.bought - (topUpUsed + b.topUpExpired + s.topUp)) < 1e-6,
                     qPrintable(topUps));
            bought += b.bought;
            expired += b.topUpExpired;
            breakage += b.breakage;
        }
        // Not vacuous: the heavy months bought packs, and every mode has breakage.
        QVERIFY(bought > 0.0);
        QVERIFY(breakage > 0.0);
        QCOMPARE(expired > 0.0, p.topUpExpires);
    }

    void rolledOverCreditsCountAsUsedAndExpiredTopUpsAreNotBreakage() {
        // Capped rollover, top-ups that expire: by hand.
        const PackagePlan p =
            plan(packageJson(R"({"mode":"capped","max_balance":1500})", true, "block"));
        const CohortPlan cohort = flatCohort();
        AccountState s;
        // Month 1: 200 of 1,000 used; 800 carried.
        MonthOutcome o = billMonth(p, cohort, kCoefficients, 2e5, false, s);
        QCOMPARE(o.includedUsed, 200.0);
        QCOMPARE(o.breakage, 0.0);
        // Month 2: 100 from the 800 rolled over (still included credits: used), then
        // 700 + 1,000 carried, capped at 1,500: 200 are breakage.
        o = billMonth(p, cohort, kCoefficients, 1e5, false, s);
        QCOMPARE(o.includedUsed, 100.0);
        QCOMPARE(o.breakage, 200.0);
        // Month 3: 2,600 demanded from 1,500 rolled + 1,000 included = 2,500, below the
        // 150 threshold: ceil((2,600 + 150 - 2,500) / 400) = 1 pack; 300 of its 400
        // credits are left and expire at month end: not breakage.
        o = billMonth(p, cohort, kCoefficients, 2.6e6, false, s);
        QCOMPARE(o.packsBought, 1);
        QCOMPARE(o.includedUsed, 2500.0);
        QCOMPARE(o.breakage, 0.0);
        QCOMPARE(o.topUpExpired, 300.0);
        QCOMPARE(s.topUp, 0.0);
    }

    void decisionRowsKeepTheBooks() {
        // Identical customers (sigma ~ 0) burn 500 credits a month against 1,000
        // included, capped rollover at 1,500. Carried at month end: 500, then 1,000
        // (the 500 burned come from the rolled-over credits), 1,500, then 2,000 capped
        // to 1,500 (500 breakage). Every month uses 500 included credits.
        CohortProfile c = test::cohort("same", 10, 1.0, std::log(5e5), 1e-9);
        const Scenario sc = test::scenario(
            {c},
            {test::packageFromJson(
                R"({"name":"capped","base_fee":10,"included_credits":1000,"overage":{"price":0.01},
                "rollover":{"mode":"capped","max_balance":1500},
                "burn":{"type":"per_token","rates":{"*":{"input":1000,"output":1000}}}})")},
            4);
        const SimulationPlan sp = SimulationPlan::compile(sc);
        RunOptions o;
        o.seed = 5;
        o.trials = 2;
        const RunStatistics stats = MonteCarloEngine(sp).run(o);
        const DecisionRow row = ResultSummary::decisionRows(sp, stats).front();
        // 2,000 used of 4,000 granted (the old reading counted month 1 only: 0.125).
        QVERIFY2(std::fabs(row.creditUtilisation - 0.5) < 1e-6,
                 qPrintable(QString::number(row.creditUtilisation)));
        QVERIFY2(std::fabs(row.meanBreakage - 500.0) < 1e-3,
                 qPrintable(QString::number(row.meanBreakage)));
        QCOMPARE(row.meanTopUpExpired, 0.0);
        // Books: 4,000 = 2,000 used + 500 breakage + 1,500 carried.
        QVERIFY(std::fabs(4000.0 - (row.creditUtilisation * 4000.0 + row.meanBreakage + 1500.0)) <
                1e-2);
    }
};

QTEST_APPLESS_MAIN(TestCreditBooks)
#include "tst_CreditBooks.moc"
