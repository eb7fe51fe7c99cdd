// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A logarithmic axis of token counts labelled as people say them: 10k, 1M, 2.5B,
// never "10^6" beside "100000".
#include <QString>
#include <qcustomplot.h>

namespace marginal {

class TokenTicker : public QCPAxisTickerLog {
public:
    static QString label(double tokens);

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
};

} // namespace marginal
