// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Tick labels a finance reader reads at a glance: thousands separators and a unit on
// every label ("$12,500", "-250%", "40,000 credits" reads as "40,000"), never the
// default mix of "100000" and "10^6". The decimals follow the tick step, so a $0.50
// step shows cents and a $5,000 step does not.
#include <QString>
#include <qcustomplot.h>

namespace marginal {

class UnitTicker : public QCPAxisTicker {
public:
    // `prefix` and `suffix` go around the number: ("$", "") for money, ("", "%").
    UnitTicker(QString prefix, QString suffix);
    static QSharedPointer<UnitTicker> dollars();
    static QSharedPointer<UnitTicker> percent();
    static QSharedPointer<UnitTicker> plain();

    // One label as the axis draws it, at the given step.
    QString label(double value, double step) const;

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;

private:
    QString prefix_, suffix_;
    double step_ = 1.0; // the step of the ticks being labelled
};

} // namespace marginal
