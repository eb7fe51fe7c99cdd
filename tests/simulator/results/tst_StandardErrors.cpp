// SPDX-License-Identifier: GPL-3.0-or-later
// Every standard error the tables report is the spread its mean actually has: the
// same scenario run under 40 seeds, the standard deviation of the 40 means against
// the root mean square of the 40 reported standard errors (docs/MODEL.md section 7:
// "every reported mean carries its Monte Carlo standard error"). The spread of 40
// means is itself uncertain (about 11%), so each kind of error is pooled over the
// rows it appears in (independent cohorts): the pooled ratio must lie within 20%.
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/ResultSummary.h"
#include "tests/support/TestScenarios.h"

#include <QtTest>
#include <cmath>
#include <functional>

using namespace marginal;

namespace {

constexpr int kSeeds = 40;

Scenario noisyScenario() {
    std::vector<CohortProfile> cohorts;
    const double mus[] = {13.0, 14.0, 14.8, 15.6};
    for (int i = 0; i < 4; ++i) {
        CohortProfile c = test::cohort(QStringLiteral("c%1").arg(i), 60, 0.8, mus[i], 1.0);
        c.rho = 0.5;
        c.outputShare = 0.25;
        c.burst = BurstSettings{0.3, 5, 0.4};
        cohorts.push_back(c);
    }
    // Packages whose margin is sometimes negative (heavy users of a flat plan), so
    // that P(margin < 0) is neither 0 nor 1, and whose revenue and margin move
    // together (overage) or apart (block), so the covariance term of gm_pct_se
    // matters.
    return test::scenario(
        cohorts,
        {test::packageFromJson(
             R"({"name":"overage","base_fee":5,"included_credits":300,"overage":{"price":0.004},
                 "burn":{"type":"cost_plus","credits_per_usd":100},"payment_fees":{"percent":2.9,"fixed":0.3}})"),
         test::packageFromJson(
             R"({"name":"flat","base_fee":9,"included_credits":100000,"overage":{"price":0.01},
                 "burn":{"type":"cost_plus","credits_per_usd":100}})"),
         test::packageFromJson(
             R"({"name":"cap","base_fee":6,"included_credits":500,"enforcement":"auto_topup",
                 "after_limit":"block","rollover":{"mode":"capped","max_balance":500},
                 "topup":{"pack_credits":200,"pack_price":2,"threshold":0,"max_packs_per_month":3},
                 "burn":{"type":"cost_plus","credits_per_usd":100}})")},
        4);
}

struct Series {
    std::vector<double> means, errors;
};

// sd(means) / rms(errors), pooled over rows: sqrt(sum var(means) / sum mean(se^2)).
double pooledRatio(const std::vector<Series>& rows, QString* detail) {
    double variance = 0, squaredErrors = 0;
    for (const Series& s : rows) {
        double m = 0;
        for (double x : s.means)
            m += x / kSeeds;
        double v = 0;
        for (double x : s.means)
            v += (x - m) * (x - m) / (kSeeds - 1);
        double e = 0;
        for (double x : s.errors)
            e += x * x / kSeeds;
        variance += v;
        squaredErrors += e;
        *detail +=
            QStringLiteral(" [%1 vs %2]").arg(std::sqrt(v), 0, 'g', 3).arg(std::sqrt(e), 0, 'g', 3);
    }
    return squaredErrors > 0 ? std::sqrt(variance / squaredErrors) : 0.0;
}

} // namespace

class TestStandardErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        const Scenario s = noisyScenario();
        plan_ = SimulationPlan::compile(s);
        for (int seed = 0; seed < kSeeds; ++seed) {
            RunOptions o;
            o.seed = 1000 + std::uint64_t(seed);
            o.trials = 2;
            o.threads = 2;
            const RunStatistics stats = MonteCarloEngine(plan_).run(o);
            decision_.push_back(ResultSummary::decisionRows(plan_, stats));
            monthly_.push_back(ResultSummary::monthlyRows(plan_, stats, QString()));
        }
    }

    void errorsMatchTheSpreadOverSeeds_data() {
        QTest::addColumn<QString>("figure");
        for (const char* f :
             {"revenue", "cost", "margin", "gm_pct", "p_margin_negative", "monthly margin"})
            QTest::newRow(f) << QString(f);
    }

    void errorsMatchTheSpreadOverSeeds() {
        QFETCH(QString, figure);
        using Pick = std::function<std::pair<double, double>(const DecisionRow&)>;
        const std::map<QString, Pick> picks = {
            {"revenue",
             [](const DecisionRow& r) {
                 return std::pair{r.meanRevenue, r.meanRevenueSe};
             }},
            {"cost",
             [](const DecisionRow& r) {
                 return std::pair{r.meanCost, r.meanCostSe};
             }},
            {"margin",
             [](const DecisionRow& r) {
                 return std::pair{r.meanMargin, r.meanMarginSe};
             }},
            {"gm_pct",
             [](const DecisionRow& r) {
                 return std::pair{r.gmPercent, r.gmPercentSe};
             }},
            {"p_margin_negative",
             [](const DecisionRow& r) {
                 return std::pair{r.pNegative, r.pNegativeSe};
             }},
        };
        const int cohorts = plan_.cohortCount();
        for (int v = 0; v < plan_.variantCount(); ++v) {
            std::vector<Series> rows;
            if (figure == "monthly margin") {
                // Months 0 and 3 of every cohort (each month is its own mean).
                for (int c = 0; c < cohorts; ++c)
                    for (int t : {0, 3}) {
                        Series s;
                        for (const auto& run : monthly_) {
                            const MonthlyRow& m = run[std::size_t((v * (cohorts + 1) + c) * 4 + t)];
                            s.means.push_back(m.meanMargin);
                            s.errors.push_back(m.meanMarginSe);
                        }
                        rows.push_back(s);
                    }
            } else {
                for (int c = 0; c < cohorts; ++c) { // the cohorts, not "all" (not independent)
                    Series s;
                    for (const auto& run : decision_) {
                        const auto [mean, se] =
                            picks.at(figure)(run[std::size_t(v * (cohorts + 1) + c)]);
                        s.means.push_back(mean);
                        s.errors.push_back(se);
                    }
                    rows.push_back(s);
                }
            }
            QString detail;
            const double ratio = pooledRatio(rows, &detail);
            const QString what = QStringLiteral("%1 / %2: spread / reported error = %3;%4")
                                     .arg(plan_.variants[std::size_t(v)].packageName, figure)
                                     .arg(ratio, 0, 'f', 3)
                                     .arg(detail);
            qInfo().noquote() << what;
            if (figure == "p_margin_negative" && ratio == 0.0)
                QVERIFY2(plan_.variants[std::size_t(v)].packageName == "cap",
                         qPrintable(what)); // nobody loses money under the cap
            else
                QVERIFY2(ratio > 0.8 && ratio < 1.2, qPrintable(what));
        }
    }

private:
    SimulationPlan plan_;
    std::vector<std::vector<DecisionRow>> decision_;
    std::vector<std::vector<MonthlyRow>> monthly_;
};

QTEST_GUILESS_MAIN(TestStandardErrors)
#include "tst_StandardErrors.moc"
