// SPDX-License-Identifier: GPL-3.0-or-later
// A fitted cohort is ready to simulate from the end of the data (docs/MODEL.md
// section 4): with usage growing 5% a month, mu is the log level of the last month
// of the data, not of the window's middle, and sigma the spread around the trend.
#include "models/import/TimeParsing.h"
#include "simulator/analysis/CohortFit.h"
#include "simulator/engine/NormalSampler.h"

#include <QtTest>

using namespace marginal;

class TestCohortFitTrend : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void muIsReferredToTheLastMonth() {
        PriceCatalog catalog;
        catalog.addPrice("m", "", "", PricePoint{QDate(2020, 1, 1), TokenPrices{1, 1, 1, 1, 1, 1}});
        RandomStream rng(17, 3);
        std::vector<UsageRecord> records;
        const int months = 6, first = 2026 * 12;
        const double growth = 0.05;
        double levels = 0.0;
        for (int i = 0; i < 2000; ++i) {
            const double level = 14.0 + 0.5 * NormalSampler::draw(rng);
            levels += level;
            for (int t = 0; t < months; ++t) {
                UsageRecord r;
                r.customerId = "c" + std::to_string(i);
                r.periodStart =
                    daysFromCivil((first + t) / 12, unsigned((first + t) % 12 + 1), 1) * 86400;
                r.periodSeconds = 30 * 86400;
                r.model = std::string(1, 'm');
                r.inputTokens = std::int64_t(
                    std::exp(level + t * std::log1p(growth) + 0.01 * NormalSampler::draw(rng)));
                r.requests = 1;
                records.push_back(r);
            }
        }
        const CohortFitResult fit = CohortFit::fit(
            [&](const std::function<void(const UsageRecord&)>& visit) {
                for (const UsageRecord& r : records)
                    visit(r);
            },
            catalog, {99.99});
        const CohortProfile& p = fit.cohorts.front().profile;
        // The last month's log level: the customers' mean level + 5 months of growth
        // (14.24 here; the window's middle would be 14.12).
        const double expected = levels / 2000 + (months - 1) * std::log1p(growth);
        const QString detail = QString("mu %1, expected %2, growth %3, sigma %4")
                                   .arg(p.mu, 0, 'f', 4)
                                   .arg(expected, 0, 'f', 4)
                                   .arg(p.growth, 0, 'f', 4)
                                   .arg(p.sigma, 0, 'f', 4);
        QVERIFY2(std::fabs(p.mu - expected) < 0.01, qPrintable(detail));
        QVERIFY2(std::fabs(p.growth - growth) < 0.002, qPrintable(detail));
        QVERIFY2(std::fabs(p.sigma - 0.5) < 0.03, qPrintable(detail));
    }
};

QTEST_GUILESS_MAIN(TestCohortFitTrend)
#include "tst_CohortFitTrend.moc"
