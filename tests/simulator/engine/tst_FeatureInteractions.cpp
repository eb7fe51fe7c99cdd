// SPDX-License-Identifier: GPL-3.0-or-later
// Package features that meet in one customer-month, table-driven, each row worked
// out by hand (docs/MODEL.md sections 5 and 6): outcomes x block / throttle /
// auto top-up, top-up expiry x rollover, commit x payment fees x overage tiers,
// seats x throttle, and blocked days on days without usage. Units as in
// tst_MonthBilling: 1 credit per 1,000 tokens, supplier cost $2 per 1M tokens,
// throttle model $0.50 per 1M, 2,000 tokens per request, flat 30-day profile unless
// a row says otherwise.
#include "models/json/JsonNode.h"
#include "simulator/engine/MonthBilling.h"

#include <QtTest>
#include <cstring>

using namespace marginal;

namespace {

using Expect = std::vector<std::pair<const char*, double>>;

struct Month {
    double tokens;
    Expect expect; // fields of MonthOutcome (and "rolled" / "topUpHeld": the state after)
};

struct Case {
    const char* name;
    const char* package;
    std::vector<Month> months;
    bool weekdaysOnly = false; // usage Monday to Friday only (weekends weigh 0)
};

double field(const MonthOutcome& o, const AccountState& s, const char* name) {
    const struct {
        const char* name;
        double value;
    } fields[] = {{"revenue", o.revenue},
                  {"cost", o.cost},
                  {"fixedCharge", o.fixedCharge},
                  {"overageCharge", o.overageCharge},
                  {"topUpCharge", o.topUpCharge},
                  {"outcomeCharge", o.outcomeCharge},
                  {"trueUp", o.trueUp},
                  {"fees", o.fees},
                  {"fromBalance", o.fromBalance},
                  {"overageCredits", o.overageCredits},
                  {"blockedCredits", o.blockedCredits},
                  {"throttledCredits", o.throttledCredits},
                  {"includedUsed", o.includedUsed},
                  {"breakage", o.breakage},
                  {"topUpExpired", o.topUpExpired},
                  {"packsBought", double(o.packsBought)},
                  {"tokensServed", o.tokensServed},
                  {"includedRunOutDay", double(o.includedRunOutDay)},
                  {"blockedDays", double(o.blockedDays)},
                  {"capHit", o.capHit ? 1.0 : 0.0},
                  {"rolled", s.rolledTotal(PackagePlan::kMaxExpiryMonths)},
                  {"topUpHeld", s.topUp}};
    for (const auto& f : fields)
        if (std::strcmp(f.name, name) == 0)
            return f.value;
    qFatal("no field %s", name);
    return 0.0;
}

const std::vector<Case>& cases() {
    static const std::vector<Case> table = {
        // Outcomes are earned on served requests only: blocked demand earns nothing.
        // 1,600 credits demanded, 1,000 served = 1M tokens = 500 requests x 10% x $1.
        {"outcomes x block",
         R"({"name":"p","base_fee":10,"included_credits":1000,"enforcement":"block",
             "outcomes":{"rate_per_request":0.1,"price":1},"burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{1.6e6,
           {{"outcomeCharge", 50},
            {"revenue", 60},
            {"cost", 2},
            {"blockedCredits", 600},
            {"tokensServed", 1e6},
            {"blockedDays", 12},
            {"capHit", 1}}}}},
        // Throttled traffic earns nothing either (no further credits or revenue), and
        // costs the throttle model's price: 1M x $2 + 0.6M x $0.50.
        {"outcomes x throttle",
         R"({"name":"p","base_fee":10,"included_credits":1000,"enforcement":"throttle","throttle_model":"t",
             "outcomes":{"rate_per_request":0.1,"price":1},"burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{1.6e6,
           {{"outcomeCharge", 50},
            {"revenue", 60},
            {"cost", 2.3},
            {"throttledCredits", 600},
            {"blockedCredits", 0},
            {"blockedDays", 0},
            {"capHit", 1}}}}},
        // Auto top-up then block: 1,000 + 2 packs of 200 served (1.4M tokens, 700
        // requests: $70 of outcomes), 200 blocked.
        {"outcomes x auto top-up x block",
         R"({"name":"p","included_credits":1000,"enforcement":"auto_topup","after_limit":"block",
             "topup":{"pack_credits":200,"pack_price":3,"threshold":0,"max_packs_per_month":2},
             "outcomes":{"rate_per_request":0.1,"price":1},"burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{1.6e6,
           {{"packsBought", 2},
            {"topUpCharge", 6},
            {"outcomeCharge", 70},
            {"revenue", 76},
            {"cost", 2.8},
            {"blockedCredits", 200},
            {"fromBalance", 1400}}}}},
        // Capped rollover with top-ups kept: month 1 buys 2 packs of 500 (1,900 + 100
        // - 1,000 = 1,000 short of the threshold); 100 top-up credits stay. Month 2:
        // 300 from 1,000 included; 700 roll over, capped at 600 (100 breakage); the top-up
        // credits are kept. Month 3 burns 600 rolled, 1,000 included, 100 top-up.
        {"top-up kept x capped rollover",
         R"({"name":"p","included_credits":1000,"rollover":{"mode":"capped","max_balance":600},
             "enforcement":"auto_topup","after_limit":"block",
             "topup":{"pack_credits":500,"pack_price":5,"threshold":100,"max_packs_per_month":4},
             "burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{1.9e6, {{"packsBought", 2}, {"includedUsed", 1000}, {"topUpHeld", 100}, {"rolled", 0}}},
          {3e5,
           {{"packsBought", 0},
            {"includedUsed", 300},
            {"breakage", 100},
            {"rolled", 600},
            {"topUpHeld", 100},
            {"topUpExpired", 0}}},
          // 1,700 demanded from 600 + 1,000 + 100 = 1,700: 0 left < 100: 1 pack.
          {1.7e6,
           {{"packsBought", 1},
            {"includedUsed", 1600},
            {"topUpHeld", 500},
            {"rolled", 0},
            {"includedRunOutDay", 29}}}}},
        // The same with top-ups that expire: month 1's 100 left expire (apart from
        // breakage); month 2 nothing is bought, nothing expires.
        {"top-up expiring x capped rollover",
         R"({"name":"p","included_credits":1000,"rollover":{"mode":"capped","max_balance":600},
             "enforcement":"auto_topup","after_limit":"block",
             "topup":{"pack_credits":500,"pack_price":5,"threshold":100,"max_packs_per_month":4,
                      "expires_at_month_end":true},
             "burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{1.9e6, {{"packsBought", 2}, {"topUpExpired", 100}, {"breakage", 0}, {"topUpHeld", 0}}},
          {3e5, {{"includedUsed", 300}, {"breakage", 100}, {"topUpExpired", 0}, {"rolled", 600}}}}},
        // Expiring rollover (each grant usable in its month and 2 more) with expiring
        // top-ups and overage past the recharge limit; grants burn oldest first.
        {"top-up expiring x expiry rollover",
         R"({"name":"p","included_credits":1000,"rollover":{"mode":"expiry","months":2},
             "enforcement":"auto_topup","after_limit":"overage","overage":{"price":0.05},
             "topup":{"pack_credits":300,"pack_price":4,"threshold":50,"max_packs_per_month":1,
                      "expires_at_month_end":true},
             "burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{2e5, {{"includedUsed", 200}, {"breakage", 0}, {"rolled", 800}}},
          {5e5, {{"includedUsed", 500}, {"breakage", 0}, {"rolled", 1300}}},
          // Month 1's 300 (its last month), month 2's 1,000, this month's 1,000, then
          // 1 pack of 300 for the remaining 200: the other 100 expire.
          {2.5e6,
           {{"packsBought", 1},
            {"includedUsed", 2300},
            {"topUpExpired", 100},
            {"overageCredits", 0},
            {"breakage", 0},
            {"rolled", 0}}},
          // Idle: this month's grant rolls over; nothing is left of older ones.
          {0.0, {{"includedUsed", 0}, {"breakage", 0}, {"rolled", 1000}, {"packsBought", 0}}},
          // 3,000 from 1,000 rolled + 1,000 included + 1 pack of 300 ($4): 700 overage
          // at $0.05.
          {3e6,
           {{"packsBought", 1},
            {"includedUsed", 2000},
            {"overageCredits", 700},
            {"overageCharge", 35},
            {"topUpExpired", 0},
            {"revenue", 39}}},
          // Idle months: month 6's grant is kept, then month 7's beside it.
          {0.0, {{"breakage", 0}, {"rolled", 1000}}},
          {0.0, {{"breakage", 0}, {"rolled", 2000}}},
          // Month 6's grant has had its 2 more months: its 1,000 expire (breakage).
          {0.0, {{"breakage", 1000}, {"rolled", 2000}}}}},
        // Expiring rollover burns the oldest grant first: in month 3 the 500 come from
        // month 1's 800 (its last month: the other 300 expire), not from month 2's 1,000.
        {"expiry rollover burns the oldest grant first",
         R"({"name":"p","included_credits":1000,"rollover":{"mode":"expiry","months":2},
             "overage":{"price":0.05},"burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{2e5, {{"includedUsed", 200}, {"rolled", 800}}},
          {0.0, {{"includedUsed", 0}, {"breakage", 0}, {"rolled", 1800}}},
          {5e5, {{"includedUsed", 500}, {"breakage", 300}, {"rolled", 2000}}},
          {0.0, {{"breakage", 1000}, {"rolled", 2000}}}}},
        // Commit, payment fees and graduated overage: the true-up lifts the invoice to
        // the commit and the fee is taken on the whole invoice.
        // 800 credits: 500 x $0.02 + 300 x $0.01 = $13; true-up $37 to $50; fee 3% of
        // $50 + $0.50 = $2.
        {"commit x fees x tiers, below the commit",
         R"({"name":"p","commit":50,"overage":[{"up_to":500,"price":0.02},{"price":0.01}],
             "payment_fees":{"percent":3,"fixed":0.5},"burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{8e5,
           {{"overageCharge", 13}, {"trueUp", 37}, {"fees", 2}, {"revenue", 48}, {"cost", 1.6}}}}},
        // 6,000 credits: $10 + 5,500 x $0.01 = $65 > $50: no true-up; fee $1.95 + $0.50.
        {"commit x fees x tiers, above the commit",
         R"({"name":"p","commit":50,"overage":[{"up_to":500,"price":0.02},{"price":0.01}],
             "payment_fees":{"percent":3,"fixed":0.5},"burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{6e6, {{"overageCharge", 65}, {"trueUp", 0}, {"fees", 2.45}, {"revenue", 62.55}}}}},
        // With a base fee and included credits, the true-up counts the base fee: $20
        // base + 1,000 over at $0.02 = $40 < $60: true-up $20; fee 3% of $60 + $0.50.
        {"commit x base fee x fees",
         R"({"name":"p","base_fee":20,"included_credits":500,"commit":60,"overage":{"price":0.02},
             "payment_fees":{"percent":3,"fixed":0.5},"burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{1.5e6, {{"overageCharge", 20}, {"trueUp", 20}, {"fees", 2.3}, {"revenue", 57.7}}},
          // Idle month: the commit is still owed: $20 base + $40 true-up.
          {0.0, {{"trueUp", 40}, {"fees", 2.3}, {"revenue", 57.7}, {"cost", 0}}}}},
        // Seats and throttle: 3 seats x $15 + $5 base; throttled tokens at $0.50 per 1M
        // and no revenue; a month within the balance is not capped.
        {"seats x throttle",
         R"({"name":"p","base_fee":5,"seat_fee":15,"seats":3,"included_credits":2000,
             "enforcement":"throttle","throttle_model":"t","payment_fees":{"percent":2,"fixed":0},
             "burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{5e6,
           {{"fixedCharge", 50},
            {"revenue", 49},
            {"fees", 1},
            {"throttledCredits", 3000},
            {"cost", 2 * 2.0 + 3 * 0.5},
            {"capHit", 1},
            {"includedRunOutDay", 12}}},
          {1e6,
           {{"fixedCharge", 50},
            {"revenue", 49},
            {"cost", 2},
            {"capHit", 0},
            {"breakage", 1000}}}}},
        // Blocked days count days with demand only. Weekdays only (days 6, 7, 13, 14,
        // 20, 21, 27 and 28 weigh 0): 22 days of usage, 1/22 each. 1,000 of 3,000
        // credits are served: a third of the month's usage is reached on the 8th
        // weekday, day 10 (8/22 = 36%), partly blocked; 14 weekdays follow: 15 days.
        {"blocked days on weekdays only",
         R"({"name":"p","included_credits":1000,"enforcement":"block","burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{3e6, {{"blockedCredits", 2000}, {"blockedDays", 15}, {"includedRunOutDay", 10}}}},
         true},
        // The balance runs out exactly at the end of day 10 (1,000 of 3,000 credits on a
        // flat month): day 10 has no blocked demand; days 11-30 do.
        {"blocked days when the balance runs out at a day's end",
         R"({"name":"p","included_credits":1000,"enforcement":"block","burn":{"type":"cost_plus","credits_per_usd":500}})",
         {{3e6, {{"blockedCredits", 2000}, {"blockedDays", 20}, {"includedRunOutDay", 10}}}}},
    };
    return table;
}

std::vector<double> weekdayWeights() {
    std::vector<double> w(30, 1.0);
    for (int d : {6, 7, 13, 14, 20, 21, 27, 28})
        w[std::size_t(d - 1)] = 0.0;
    return w;
}

} // namespace

class TestFeatureInteractions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void featurePairs_data() {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < cases().size(); ++i)
            QTest::newRow(cases()[i].name) << int(i);
    }

    void featurePairs() {
        QFETCH(int, index);
        const Case& c = cases()[std::size_t(index)];
        const PackagePlan p = PackagePlan::compile(
            PricingPackage::fromJson(JsonNode::parseBytes(QByteArray(c.package), "pkg")));
        CohortPlan cohort;
        cohort.requestsPerToken = 1.0 / 2000.0;
        cohort.normalDays =
            DailyProfile::normal(c.weekdaysOnly ? weekdayWeights() : std::vector<double>{});
        cohort.burstDays = cohort.normalDays;
        // cost_plus at 500 credits per USD of $2 per 1M tokens: 1 credit per 1,000 tokens.
        const MonthCoefficients k{1e-3, 2e-6, 0.5e-6};
        AccountState s;
        for (std::size_t m = 0; m < c.months.size(); ++m) {
            const MonthOutcome o = billMonth(p, cohort, k, c.months[m].tokens, false, s);
            for (const auto& [name, expected] : c.months[m].expect) {
                const double got = field(o, s, name);
                QVERIFY2(std::fabs(got - expected) < 1e-9 * std::max(1.0, std::fabs(expected)),
                         qPrintable(QStringLiteral("month %1 %2: %3, expected %4")
                                        .arg(m + 1)
                                        .arg(name)
                                        .arg(got, 0, 'g', 12)
                                        .arg(expected, 0, 'g', 12)));
            }
            // Every month: revenue is the invoice lines less fees.
            QVERIFY(std::fabs(o.revenue - (o.fixedCharge + o.overageCharge + o.topUpCharge +
                                           o.outcomeCharge + o.trueUp - o.fees)) < 1e-9);
        }
    }
};

QTEST_APPLESS_MAIN(TestFeatureInteractions)
#include "tst_FeatureInteractions.moc"
