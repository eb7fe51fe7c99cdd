// SPDX-License-Identifier: GPL-3.0-or-later
// The histogram behind VaR / CVaR and bill-change quantiles: every figure within its
// stated bound of the exact sample figure, for values of both signs and many sizes.
#include "simulator/engine/WideHistogram.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <vector>

using namespace marginal;

class TestWideHistogram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quantilesWithinHalfABin() {
        std::vector<double> values;
        for (int i = -500; i <= 1500; ++i)
            values.push_back(i * 3.7 + (i % 7) * 0.01); // -1850 .. 5550, zero among them
        values.push_back(0.0);
        values.push_back(-2.5e7);
        WideHistogram h;
        for (double x : values)
            h.add(x);
        std::sort(values.begin(), values.end());
        for (double q : {0.0, 0.001, 0.05, 0.25, 0.5, 0.95, 1.0}) {
            const auto k = std::max<std::size_t>(1, std::size_t(std::ceil(q * values.size())));
            const double exact = values[k - 1];
            const Quantile got = h.quantile(q);
            QVERIFY(got.valid);
            QVERIFY2(std::fabs(got.value - exact) <= got.errorBound,
                     qPrintable(QStringLiteral("q %1: %2 +- %3, exact %4")
                                    .arg(q)
                                    .arg(got.value)
                                    .arg(got.errorBound)
                                    .arg(exact)));
            QVERIFY(got.errorBound <= 0.0039 * std::fabs(exact) + 0.008);
        }
    }

    // The mean of the k smallest, by hand: 1..100 at q = 0.05 is (1+2+3+4+5)/5 = 3.
    void lowerTailByHand() {
        WideHistogram h;
        for (int i = 1; i <= 100; ++i)
            h.add(i);
        const WideHistogram::Tail t = h.lowerTail(0.05);
        QVERIFY(std::fabs(t.var - 5.0) <= t.varErrorBound);
        QVERIFY(std::fabs(t.cvar - 3.0) <= 0.0039 * 5);
        // Order statistics 5 +- ceil(sqrt(100 x 0.05 x 0.95)) = 3 places: (8 - 2) / 2.
        QVERIFY(std::fabs(t.varSe - 3.0) <= 0.0039 * 8);
        QVERIFY(!WideHistogram().lowerTail(0.05).valid);
    }

    void zeroIsExactAndHugeValuesOverflow() {
        WideHistogram h;
        h.add(0.0);
        h.add(1e-6);
        QCOMPARE(h.quantile(1.0).value, 0.0);
        h.add(1e9);
        QVERIFY(std::isinf(h.quantile(1.0).errorBound));
        h.add(std::nan(""));
        QCOMPARE(h.total(), std::uint64_t(4));
    }

    void mergeAddsCounts() {
        WideHistogram a, b;
        for (int i = 0; i < 10; ++i)
            (i % 2 ? a : b).add(-i);
        a.merge(b);
        QCOMPARE(a.total(), std::uint64_t(10));
        QVERIFY(std::fabs(a.quantile(0.1).value - -9.0) <= a.quantile(0.1).errorBound);
    }
};

QTEST_GUILESS_MAIN(TestWideHistogram)
#include "tst_WideHistogram.moc"
