// SPDX-License-Identifier: GPL-3.0-or-later
// Cohorts fitted from usage: on data drawn from known log-normal parameters the fit
// recovers them within their standard errors; concentration against hand figures.
#include "models/import/TimeParsing.h"
#include "models/json/JsonNode.h"
#include "simulator/analysis/CohortFit.h"
#include "simulator/engine/NormalSampler.h"

#include <QJsonDocument>
#include <QtTest>

using namespace marginal;

namespace {

PriceCatalog flatCatalog() {
    // $1 per 1M tokens of every class: cost = tokens / 1e6.
    PriceCatalog c;
    c.name = "flat";
    c.addPrice("m", "", "", PricePoint{QDate(2020, 1, 1), TokenPrices{1, 1, 1, 1, 1, 1}});
    return c;
}

UsageRecord monthly(const std::string& customer, int monthIndex, double tokens) {
    UsageRecord r;
    r.customerId = customer;
    r.periodStart = daysFromCivil(monthIndex / 12, unsigned(monthIndex % 12 + 1), 1) * 86400;
    r.periodSeconds = 30 * 86400;  // monthly buckets: no daily profile
    r.model = std::string(1, 'm'); // (not = "m": GCC 12 warns falsely, -Wrestrict)
    r.outputTokens = std::int64_t(tokens * 0.25);
    r.inputTokens = std::int64_t(tokens) - r.outputTokens;
    r.requests = std::max<std::int64_t>(1, std::int64_t(tokens / 1000));
    return r;
}

std::string name(const char* prefix, int i) {
    return std::string(prefix).append(std::to_string(i));
}

using Records = std::vector<UsageRecord>;
auto visitor(const Records& records) {
    return [&records](const std::function<void(const UsageRecord&)>& visit) {
        for (const UsageRecord& r : records)
            visit(r);
    };
}

} // namespace

class TestCohortFit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theFitIsTheSameWhateverTheRecordOrder() {
        // A project reads its records customer by customer (streamed: two passes, one
        // customer held at a time); records in another order are gathered and sorted
        // first, each customer's kept in their order, so the fit is the same to the last
        // bit: daily rows of 120 customers over 4 months, in time order (customers
        // interleaved) and grouped by customer. (A sort that lost the records' order
        // within a customer would change the sums' last bits.)
        RandomStream rng(7, 1);
        Records byTime;
        const int start = 2026 * 12;
        for (int day = 0; day < 120; ++day)
            for (int i = 0; i < 120; ++i) {
                if (rng.uniform() < 0.5)
                    continue;
                UsageRecord r = monthly(name("c", i), start, 0);
                r.periodStart = (daysFromCivil(2026, 1, 1) + day) * 86400;
                r.periodSeconds = 86400;
                r.inputTokens = std::int64_t(1000 * std::exp(3 * rng.uniform() + (i % 7)));
                r.outputTokens = r.inputTokens / 4;
                r.cachedInputTokens = r.inputTokens / 3;
                byTime.push_back(r);
            }
        Records byCustomer = byTime;
        std::stable_sort(
            byCustomer.begin(), byCustomer.end(),
            [](const UsageRecord& a, const UsageRecord& b) { return a.customerId < b.customerId; });
        const CohortFitResult grouped = CohortFit::fit(visitor(byCustomer), flatCatalog());
        const CohortFitResult sorted = CohortFit::fit(visitor(byTime), flatCatalog());
        QCOMPARE(grouped.customers, std::int64_t(120));
        QCOMPARE(int(grouped.cohorts.size()), 3);
        QCOMPARE(grouped.lastMonth, start + 3);
        QCOMPARE(QJsonDocument(sorted.toJson()).toJson(), QJsonDocument(grouped.toJson()).toJson());
    }

    void recoversKnownLognormalParameters() {
        // One cohort (a single cut at the 99.99th percentile keeps nearly all in
        // cohort 1): mu 15, sigma 0.8, rho 0.6, p_active 0.7, 6 months, 3000 customers.
        const double mu = 15.0, sigma = 0.8, rho = 0.6, pActive = 0.7;
        RandomStream rng(2026, 1);
        Records records;
        const int start = 2026 * 12;
        for (int i = 0; i < 3000; ++i) {
            double z = NormalSampler::draw(rng);
            bool seen = false;
            for (int t = 0; t < 6; ++t) {
                if (t > 0)
                    z = rho * z + std::sqrt(1 - rho * rho) * NormalSampler::draw(rng);
                // Month 0 is always active, so every customer is seen from the start.
                if (t > 0 && rng.uniform() >= pActive)
                    continue;
                seen = true;
                records.push_back(monthly(name("c", i), start + t, std::exp(mu + sigma * z)));
            }
            QVERIFY(seen);
        }
        const CohortFitResult fit = CohortFit::fit(visitor(records), flatCatalog(), {99.99});
        QCOMPARE(fit.customers, std::int64_t(3000));
        const FittedCohort& f = fit.cohorts.front();
        const CohortProfile& p = f.profile;
        const QString detail =
            QString("mu %1 +- %2, sigma %3 +- %4, rho %5, p %6, growth %7, KS %8 (p %9)")
                .arg(p.mu)
                .arg(f.muStandardError)
                .arg(p.sigma)
                .arg(f.sigmaStandardError)
                .arg(p.rho)
                .arg(p.pActive)
                .arg(p.growth)
                .arg(f.ksStatistic)
                .arg(f.ksPValue);
        qInfo().noquote() << detail;
        QCOMPARE(p.customers, 2999); // the top customer is over the 99.99th percentile
        // Months are correlated within a customer (rho), so allow a little more than
        // the i.i.d. standard error.
        QVERIFY2(std::fabs(p.mu - mu) < 3 * f.muStandardError * 1.6, qPrintable(detail));
        QVERIFY2(std::fabs(p.sigma - sigma) < 3 * f.sigmaStandardError * 1.6, qPrintable(detail));
        QVERIFY2(std::fabs(p.rho - rho) < 0.05, qPrintable(detail));
        QVERIFY2(std::fabs(p.growth) < 0.01, qPrintable(detail));
        const double expectedActive = (1 + 5 * pActive) / 6;
        QVERIFY2(std::fabs(p.pActive - expectedActive) < 0.01, qPrintable(detail));
        QVERIFY2(f.ksPValue > 0.001,
                 qPrintable(detail)); // log-normal data: the fit is not rejected
        QCOMPARE(p.outputShare > 0.249 && p.outputShare < 0.251, true);
        QVERIFY(std::fabs(p.tokensPerRequest - 1000) < 1);
        QVERIFY(p.dailyWeights.empty()); // monthly buckets carry no daily profile
    }

    void aCohortWithAParetoTailIsFittedWithIt() {
        // 1,000 customers x 6 months, independent, drawn from a lognormal (mu 15, sigma 1)
        // whose tail above its 80th percentile is Pareto of index 1.3: the fitted profile
        // draws from a Pareto tail near there, with the censored body's mu and sigma; the
        // same customers drawn lognormal keep a profile with no tail member.
        const TailModel truth{TailModel::Kind::ParetoTail, std::exp(15.0 + 0.8416212), 1.3};
        RandomStream rng(31, 1);
        Records heavy, plain;
        const int start = 2026 * 12;
        for (int i = 0; i < 1000; ++i)
            for (int t = 0; t < 6; ++t) {
                const double z = NormalSampler::draw(rng);
                heavy.push_back(monthly(name("c", i), start + t, truth.tokensAt(z, 15.0, 1.0)));
                plain.push_back(monthly(name("c", i), start + t, std::exp(15.0 + z)));
            }
        const FittedCohort tailed =
            CohortFit::fit(visitor(heavy), flatCatalog(), {99.99}).cohorts.front();
        const CohortProfile& p = tailed.profile;
        qInfo("x_min %.3g (true %.3g), alpha %.2f, body mu %.3f sigma %.3f, Vuong %.2f, KS p %.3f",
              p.tail.xMin, truth.xMin, p.tail.alpha, p.mu, p.sigma, tailed.tail.vuongStatistic,
              tailed.ksPValue);
        QVERIFY(p.tail.paretoTail());
        QVERIFY(p.tail.xMin > 0.6 * truth.xMin && p.tail.xMin < 1.6 * truth.xMin);
        QVERIFY(std::fabs(p.tail.alpha - 1.3) < 0.25);
        QCOMPARE(p.mu, tailed.tail.bodyMu);
        QVERIFY(std::fabs(p.mu - 15.0) < 0.1 && std::fabs(p.sigma - 1.0) < 0.1);
        QCOMPARE(tailed.ksReplicates, 199);
        QVERIFY(tailed.ksPValue < 0.05); // and the lognormal alone is rejected
        const FittedCohort lognormal =
            CohortFit::fit(visitor(plain), flatCatalog(), {99.99}).cohorts.front();
        QVERIFY(!lognormal.profile.tail.paretoTail());
        QVERIFY(!lognormal.profile.toJson().contains("tail"));
        QCOMPARE(lognormal.tail.favoured, TailModel::Kind::LogNormal);
        QVERIFY(lognormal.tail.fitted); // reported all the same
        QVERIFY(lognormal.ksPValue > 0.05);
    }

    void recoversGrowth() {
        RandomStream rng(5, 5);
        Records records;
        for (int i = 0; i < 2000; ++i) {
            const double level = 14 + 0.5 * NormalSampler::draw(rng);
            for (int t = 0; t < 6; ++t)
                records.push_back(monthly(
                    name("g", i), 2026 * 12 + t,
                    std::exp(level + t * std::log1p(0.05) + 0.1 * NormalSampler::draw(rng))));
        }
        const CohortFitResult fit = CohortFit::fit(visitor(records), flatCatalog(), {99.99});
        QVERIFY2(std::fabs(fit.cohorts.front().profile.growth - 0.05) < 0.005,
                 qPrintable(QString::number(fit.cohorts.front().profile.growth)));
    }

    void concentrationMatchesHandFigures() {
        // Five customers, one month: costs 1, 1, 1, 1, 6 (USD, at $1 per 1M tokens).
        Records records;
        for (int i = 0; i < 5; ++i)
            records.push_back(monthly(name("k", i), 2026 * 12, i == 4 ? 6e6 : 1e6));
        const CohortFitResult fit = CohortFit::fit(visitor(records), flatCatalog());
        // Gini = 2 * (1 + 2 + 3 + 4 + 5 * 6) / (5 * 10) - 6 / 5 = 0.4.
        QVERIFY(std::fabs(fit.concentration.giniCost - 0.4) < 1e-9);
        QVERIFY(std::fabs(fit.concentration.top10CostShare - 0.6) <
                1e-9); // the top customer (ceil 10% of 5)
        QCOMPARE(fit.concentration.lorenzCost.back().second, 1.0);
        QVERIFY(std::fabs(fit.concentration.lorenzCost[4].second - 0.4) < 1e-9);
        // Cut points P50 = 1, P90 = 6 - 0.4 * 5 = 4: low (< 1) is empty, medium holds
        // the four at 1, heavy the one at 6.
        QCOMPARE(int(fit.cohorts.size()), 2);
        QCOMPARE(fit.cohorts[0].profile.name, QString("medium"));
        QCOMPARE(fit.cohorts[0].profile.customers, 4);
        QCOMPARE(fit.cohorts[1].profile.name, QString("heavy"));
        QCOMPARE(fit.cohorts[1].meanMonthlyCost, 6.0);
    }

    void unpricedModelsAreReported() {
        // 1M tokens of a model the catalog lacks beside 3M priced ones: 25% of tokens.
        Records records{monthly("a", 2026 * 12, 1e6), monthly("b", 2026 * 12, 3e6)};
        records.front().model = "mystery-model";
        const CohortFitResult fit = CohortFit::fit(visitor(records), flatCatalog());
        QCOMPARE(fit.unpriced.names(), QStringList{"mystery-model"});
        QCOMPARE(fit.unpriced.unpricedTokens(), 1e6);
        QCOMPARE(fit.unpriced.share(), 0.25);
        QCOMPARE(fit.unpriced.describe(), QString("mystery-model (25.0% of tokens)"));
        QVERIFY(fit.unpriced.refusal(0.25).isEmpty());
        QVERIFY(fit.unpriced.refusal(0.01).startsWith(
            "models without a price in the catalog for their months (absent, or none in force "
            "yet) would be priced at 0: mystery-model (25.0% of tokens); 25% of tokens in all, "
            "above the 1% limit."));
        // Kept with the stored fit, shares and all.
        const QByteArray json = QJsonDocument(fit.toJson()).toJson();
        const CohortFitResult back =
            CohortFitResult::fromJson(JsonNode::parseBytes(json, "f.json"));
        QCOMPARE(back.unpriced.describe(), fit.unpriced.describe());
    }

    void dailyProfileAndBursts() {
        // 200 customers active every day; a third of their months put 60% of usage in
        // the last 5 days.
        Records records;
        RandomStream rng(8, 8);
        for (int i = 0; i < 200; ++i)
            for (int t : {0, 2, 4}) { // January, March, May: 31 days, so 30 days stay in the month
                const bool burst = rng.uniform() < 1.0 / 3;
                const std::int64_t first = daysFromCivil(2026, unsigned(t + 1), 1);
                for (int d = 0; d < 30; ++d) {
                    UsageRecord r = monthly(name("d", i), 2026 * 12 + t, 0);
                    r.periodStart = (first + d) * 86400;
                    r.periodSeconds = 86400;
                    r.inputTokens = burst ? (d >= 25 ? 120000 : 16000) : 10000;
                    r.outputTokens = 0;
                    records.push_back(r);
                }
            }
        const CohortFitResult fit = CohortFit::fit(visitor(records), flatCatalog(), {99.99});
        const CohortProfile& p = fit.cohorts.front().profile;
        QCOMPARE(int(p.dailyWeights.size()), 30);
        QVERIFY(std::fabs(p.dailyWeights[0] - 1.0) < 1e-9); // normal months are flat
        QVERIFY2(std::fabs(p.burst.probability - 1.0 / 3) < 0.06,
                 qPrintable(QString::number(p.burst.probability)));
        QVERIFY(std::fabs(p.burst.share - 0.6) < 1e-9);
        QCOMPARE(p.burst.lastDays, 5);
    }
};

QTEST_GUILESS_MAIN(TestCohortFit)
#include "tst_CohortFit.moc"
