// SPDX-License-Identifier: GPL-3.0-or-later
// The random streams behind every simulation: the ziggurat normal against Boost's
// normal CDF, stream independence, and the usage sampler's AR(1) and growth.
#include "simulator/engine/DailyProfile.h"
#include "simulator/engine/NormalSampler.h"
#include "simulator/engine/UsageSampler.h"

#include <QtTest>
#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <vector>

using namespace marginal;

class TestRandomStreams : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedAndStreamReproduce() {
        RandomStream a(42, 7), b(42, 7), c(42, 8), d(43, 7);
        const std::uint64_t first = a.next();
        QCOMPARE(b.next(), first);
        QVERIFY(c.next() != first);
        QVERIFY(d.next() != first);
    }

    void uniformIsInRangeWithTheRightMean() {
        RandomStream rng(1, 0);
        double sum = 0.0;
        const int n = 1000000;
        for (int i = 0; i < n; ++i) {
            const double u = rng.uniform();
            QVERIFY(u >= 0.0 && u < 1.0);
            sum += u;
        }
        // Mean 1/2, standard error sqrt(1/12/n) = 2.9e-4.
        QVERIFY(std::fabs(sum / n - 0.5) < 4 * 2.9e-4);
    }

    void zigguratMatchesTheNormalDistribution() {
        RandomStream rng(20261123, 3);
        const int n = 400000;
        std::vector<double> x(n);
        double sum = 0.0, sumSquares = 0.0;
        for (double& v : x) {
            v = NormalSampler::draw(rng);
            sum += v;
            sumSquares += v * v;
        }
        const double mean = sum / n;
        const double variance = sumSquares / n - mean * mean;
        QVERIFY(std::fabs(mean) < 4.0 / std::sqrt(double(n)));
        QVERIFY(std::fabs(variance - 1.0) < 4.0 * std::sqrt(2.0 / n));
        // Kolmogorov-Smirnov against the exact CDF: the 0.1% critical value is
        // 1.95 / sqrt(n).
        std::sort(x.begin(), x.end());
        const boost::math::normal_distribution<double> normal;
        double ks = 0.0;
        for (int i = 0; i < n; ++i) {
            const double f = boost::math::cdf(normal, x[i]);
            ks = std::max({ks, f - double(i) / n, double(i + 1) / n - f});
        }
        QVERIFY2(ks < 1.95 / std::sqrt(double(n)), qPrintable(QString::number(ks)));
        // The tail beyond r = 3.44 is drawn by a separate branch: check its mass.
        const auto tail = std::count_if(x.begin(), x.end(),
                                        [](double v) { return std::fabs(v) > 3.442619855899; });
        const double expected =
            2.0 * boost::math::cdf(boost::math::complement(normal, 3.442619855899)) * n;
        QVERIFY(std::fabs(double(tail) - expected) < 4.0 * std::sqrt(expected));
    }

    void usageSamplerHasTheAr1PersistenceAndGrowth() {
        CohortPlan c;
        c.pActive = 1.0;
        c.mu = 10.0;
        c.sigma = 0.5;
        c.rho = 0.8;
        c.innovationScale = std::sqrt(1.0 - c.rho * c.rho);
        c.logGrowth = std::log1p(0.05);
        RandomStream rng(9, 0);
        double tokens[12];
        unsigned char flags[12];
        const int n = 100000;
        double s0 = 0, s1 = 0, s00 = 0, s11 = 0, s01 = 0, sumLast = 0;
        for (int i = 0; i < n; ++i) {
            drawCustomer(c, 12, rng, tokens, flags);
            const double z0 = (std::log(tokens[0]) - c.mu) / c.sigma;
            const double z1 = (std::log(tokens[1]) - c.mu - c.logGrowth) / c.sigma;
            s0 += z0;
            s1 += z1;
            s00 += z0 * z0;
            s11 += z1 * z1;
            s01 += z0 * z1;
            sumLast += std::log(tokens[11]);
        }
        const double cov = s01 / n - (s0 / n) * (s1 / n);
        const double corr =
            cov / std::sqrt((s00 / n - s0 * s0 / n / n) * (s11 / n - s1 * s1 / n / n));
        // The correlation estimate's standard error is (1 - rho^2) / sqrt(n) = 1.1e-3.
        QVERIFY2(std::fabs(corr - 0.8) < 4 * 1.1e-3, qPrintable(QString::number(corr)));
        // z stays standard normal; log usage grows by ln(1+g) a month.
        QVERIFY(std::fabs(s11 / n - 1.0) < 0.02);
        QVERIFY(std::fabs(sumLast / n - (c.mu + 11 * c.logGrowth)) <
                4 * c.sigma / std::sqrt(double(n)));
    }

    void inactiveMonthsHaveNoUsage() {
        CohortPlan c;
        c.pActive = 0.3;
        c.mu = 5.0;
        c.sigma = 1.0;
        RandomStream rng(5, 5);
        double tokens[10];
        unsigned char flags[10];
        int active = 0;
        const int customers = 20000;
        for (int i = 0; i < customers; ++i) {
            drawCustomer(c, 10, rng, tokens, flags);
            for (int t = 0; t < 10; ++t) {
                const bool isActive = flags[t] & CohortUsage::kActive;
                QCOMPARE(tokens[t] > 0.0, isActive);
                QVERIFY(!(flags[t] & CohortUsage::kBurst)); // the cohort has no bursts
                active += isActive ? 1 : 0;
            }
        }
        const double share = double(active) / (customers * 10);
        QVERIFY(std::fabs(share - 0.3) < 4 * std::sqrt(0.3 * 0.7 / (customers * 10)));
    }

    void dailyProfileFindsTheRunOutDay() {
        const DailyProfile flat = DailyProfile::normal({});
        QCOMPARE(flat.cumulative(30), 1.0);
        QCOMPARE(flat.dayReached(0.0), 1);
        QCOMPARE(flat.dayReached(0.5), 15);
        QCOMPARE(flat.dayReached(0.51), 16);
        QCOMPARE(flat.dayReached(1.0), 30);
        std::vector<double> weekdays(30, 1.0);
        weekdays[0] = 28.0; // 28 of 57 on day 1
        const DailyProfile front = DailyProfile::normal(weekdays);
        QCOMPARE(front.dayReached(0.49), 1);
        QCOMPARE(front.dayReached(0.50), 2);
        // A burst keeps the month's total: the last day still reaches 100%.
        const DailyProfile burst = DailyProfile::burst(weekdays, 5, 0.4);
        QCOMPARE(burst.cumulative(30), 1.0);
        QVERIFY(std::fabs(burst.cumulative(25) - 0.6) < 1e-12);
        // Every fraction agrees with a plain scan.
        for (int i = 0; i <= 1000; ++i) {
            const double f = i / 1000.0;
            int day = 1;
            while (day < 30 && burst.cumulative(day) < f)
                ++day;
            QCOMPARE(burst.dayReached(f), day);
        }
    }
};

QTEST_APPLESS_MAIN(TestRandomStreams)
#include "tst_RandomStreams.moc"
