// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/common/InputError.h"

namespace marginal {

// "file: location: expected"
static QString compose(const QString& file, const QString& location, const QString& expected) {
    QString text = file;
    if (!location.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + location;
    return text + QStringLiteral(": ") + expected;
}

InputError::InputError(QString file, QString location, QString expected)
    : Error(compose(file, location, expected)), file_(std::move(file)),
      location_(std::move(location)), expected_(std::move(expected)) {}

} // namespace marginal
