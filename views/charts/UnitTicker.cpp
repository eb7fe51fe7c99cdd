// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/UnitTicker.h"

#include <QLocale>
#include <cmath>

namespace marginal {

UnitTicker::UnitTicker(QString prefix, QString suffix)
    : prefix_(std::move(prefix)), suffix_(std::move(suffix)) {}

QSharedPointer<UnitTicker> UnitTicker::dollars() {
    return QSharedPointer<UnitTicker>::create(QStringLiteral("$"), QString());
}

QSharedPointer<UnitTicker> UnitTicker::percent() {
    return QSharedPointer<UnitTicker>::create(QString(), QStringLiteral("%"));
}

QSharedPointer<UnitTicker> UnitTicker::plain() {
    return QSharedPointer<UnitTicker>::create(QString(), QString());
}

QString UnitTicker::label(double value, double step) const {
    // Enough decimals to tell two neighbouring ticks apart, no more.
    int decimals = 0;
    while (decimals < 6 && step > 0.0) {
        const double scaled = step * std::pow(10.0, decimals);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled))
            break;
        ++decimals;
    }
    if (std::abs(value) < step * 1e-6)
        value = 0.0; // no "-$0"
    // Grouped like the tables: English separators whatever the system locale.
    const QString number = QLocale(QLocale::English).toString(std::abs(value), 'f', decimals);
    // U+2212 minus, which lines up with the digits.
    return (value < 0.0 ? QStringLiteral("\u2212") : QString()) + prefix_ + number + suffix_;
}

QVector<double> UnitTicker::createTickVector(double tickStep, const QCPRange& range) {
    step_ = tickStep;
    return QCPAxisTicker::createTickVector(tickStep, range);
}

QString UnitTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    return label(tick, step_);
}

} // namespace marginal
