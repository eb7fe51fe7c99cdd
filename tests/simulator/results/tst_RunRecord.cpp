// SPDX-License-Identifier: GPL-3.0-or-later
// What a run writes, read back: a run stored in a project (results.json) shows the
// same tables again, cell for cell; the Markdown table carries the CSV's cells of the
// columns it shows.
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/RunRecord.h"
#include "tests/support/TestScenarios.h"

#include <QJsonArray>
#include <QtTest>

using namespace marginal;

namespace {

Scenario sampleScenario() {
    CohortProfile low = test::cohort("low", 40, 0.6, 13.0, 1.0);
    CohortProfile heavy = test::cohort("heavy", 10, 0.95, 16.0, 0.9);
    heavy.burst = BurstSettings{0.3, 5, 0.4};
    return test::scenario(
        {low, heavy},
        {test::packageFromJson(
             R"({"name":"overage","base_fee":20,"included_credits":2000,"overage":{"price":0.012},
                 "burn":{"type":"cost_plus","credits_per_usd":100},"payment_fees":{"percent":2.9,"fixed":0.3}})"),
         test::packageFromJson(
             R"({"name":"cap","base_fee":29,"included_credits":2900,"enforcement":"block",
                 "rollover":{"mode":"capped","max_balance":3000},"burn":{"type":"cost_plus","credits_per_usd":100}})"),
         test::packageFromJson(
             R"({"name":"topup","base_fee":10,"included_credits":1000,"enforcement":"auto_topup",
                 "topup":{"pack_credits":1000,"pack_price":12,"threshold":100,"max_packs_per_month":3,
                          "expires_at_month_end":true},
                 "rollover":{"mode":"expiry","months":2},"burn":{"type":"cost_plus","credits_per_usd":100}})"),
         test::packageFromJson(R"({"name":"payg","overage":{"price":1.3},
                 "burn":{"type":"cost_plus","credits_per_usd":1}})")},
        4);
}

RunRecord sampleRun() {
    const Scenario s = sampleScenario();
    const SimulationPlan plan = SimulationPlan::compile(s);
    RunOptions o;
    o.seed = 31;
    o.trials = 6;
    const RunStatistics stats = MonteCarloEngine(plan).run(o);
    return RunRecord::fromRun(s, plan, stats, o.seed, o.trials, 1);
}

QStringList cellsOf(const QString& line) {
    return line.split(u',');
}

} // namespace

class TestRunRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aStoredRunShowsTheSameTables() {
        const RunRecord run = sampleRun();
        const RunRecord back = RunRecord::fromJson(run.toJson());
        QCOMPARE(back.decisionCsv(), run.decisionCsv());
        QCOMPARE(back.monthlyCsv(), run.monthlyCsv());
        QCOMPARE(back.seed, run.seed);
        QCOMPARE(back.trialsDone, run.trialsDone);
        QCOMPARE(back.months, 4);
        QCOMPARE(back.startMonth, QString("2026-01"));
        // Not vacuous: the tables carry blanks (no run-out under payg), expired top-ups,
        // blocked days and quantiles.
        const QString csv = run.decisionCsv();
        QVERIFY(csv.contains(",,"));
        bool expired = false, blockedDays = false;
        for (const DecisionRow& r : run.decision) {
            expired = expired || r.meanTopUpExpired > 0;
            blockedDays = blockedDays || r.meanBlockedDays > 0;
        }
        QVERIFY(expired && blockedDays);
    }

    void aStoredRunKeepsItsChartDetail() {
        // The credit-burn fans and margin-vs-usage points of a desktop run, to the cent.
        RunRecord run = sampleRun();
        run.detail = RunDetail::compute(SimulationPlan::compile(sampleScenario()), 31, 2, 500, 20);
        const RunRecord back = RunRecord::fromJson(run.toJson());
        QCOMPARE(back.detail.size(), run.detail.size());
        for (std::size_t v = 0; v < run.detail.size(); ++v) {
            const VariantDetail& a = run.detail[v];
            const VariantDetail& b = back.detail[v];
            QCOMPARE(b.package, a.package);
            QCOMPARE(b.mix, a.mix);
            QCOMPARE(b.fans.size(), a.fans.size());
            for (std::size_t c = 0; c < a.fans.size(); ++c) {
                QCOMPARE(b.fans[c].cohort, a.fans[c].cohort);
                QCOMPARE(b.fans[c].included, a.fans[c].included);
                QCOMPARE(b.fans[c].samples, a.fans[c].samples);
                QCOMPARE(b.fans[c].runOutShare, a.fans[c].runOutShare);
                for (std::size_t d = 0; d < 30; ++d) {
                    QVERIFY(std::fabs(b.fans[c].p10[d] - a.fans[c].p10[d]) <= 0.005 + 1e-9);
                    QVERIFY(std::fabs(b.fans[c].p50[d] - a.fans[c].p50[d]) <= 0.005 + 1e-9);
                    QVERIFY(std::fabs(b.fans[c].p90[d] - a.fans[c].p90[d]) <= 0.005 + 1e-9);
                }
            }
            QCOMPARE(b.customers.size(), a.customers.size());
            QVERIFY(!a.customers.empty());
            for (std::size_t i = 0; i < a.customers.size(); ++i) {
                QCOMPARE(b.customers[i].cohort, a.customers[i].cohort);
                QVERIFY(std::fabs(b.customers[i].tokensPerMonth - a.customers[i].tokensPerMonth) <=
                        0.5);
                QVERIFY(std::fabs(b.customers[i].marginPerMonth - a.customers[i].marginPerMonth) <=
                        0.005 + 1e-9);
            }
        }
        // A run without detail (the CLI's) stores none.
        QVERIFY(!sampleRun().toJson().contains("detail"));
    }

    void resultsJsonNamesEveryColumnWithItsHelp() {
        const QJsonObject json = sampleRun().toJson();
        const QJsonObject columns = json.value("decision_columns").toObject();
        for (const auto& c : ResultSummary::decisionColumns())
            QCOMPARE(columns.value(c.name).toString(), c.help);
        const QJsonObject first = json.value("decision_table").toArray().at(0).toObject();
        QCOMPARE(first.value("package").toString(), QString("overage"));
        QVERIFY(first.value("mean_topup_expired_credits").isDouble());
        QVERIFY(first.value("gm_pct_p50").isDouble());
    }

    void markdownShowsTheCsvCellsOfItsColumns() {
        const RunRecord run = sampleRun();
        const QStringList csv = run.decisionCsv().split("\r\n", Qt::SkipEmptyParts);
        const QStringList header = cellsOf(csv.front());
        const QStringList md = run.decisionMarkdown().split('\n', Qt::SkipEmptyParts);
        // Title, seed line, table header, rule, then one line per row.
        QVERIFY(md[1].startsWith("Seed 31, 6 trials, 4 months from 2026-01."));
        const auto mdCells = [](const QString& line) {
            QStringList cells = line.split(" | ");
            cells.front().remove(0, 2);
            cells.back().chop(2);
            return cells;
        };
        const QStringList shown = mdCells(md[2]);
        QCOMPARE(shown,
                 QStringList({"package", "mix", "cohort", "mean_revenue_usd", "mean_cost_usd",
                              "mean_margin_usd", "mean_margin_se", "gm_pct", "gm_pct_p5",
                              "gm_pct_p50", "gm_pct_p95", "p_margin_negative", "overage_share",
                              "credit_utilisation", "runout_day_p50", "cap_hit_share"}));
        QCOMPARE(md.size(), 4 + csv.size() - 1);
        for (int r = 1; r < csv.size(); ++r) {
            const QStringList cells = cellsOf(csv[r]);
            const QStringList mdRow = mdCells(md[3 + r]);
            for (int i = 0; i < shown.size(); ++i)
                QCOMPARE(mdRow[i], cells[header.indexOf(shown[i])]);
        }
    }
};

QTEST_GUILESS_MAIN(TestRunRecord)
#include "tst_RunRecord.moc"
