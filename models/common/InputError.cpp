// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/common/InputError.h"
#include "models/common/PrintableText.h"

namespace marginal {

// "file: location: expected"
static QString compose(const QString& file, const QString& location, const QString& expected) {
    QString text = file;
    if (!location.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + location;
    return text + QStringLiteral(": ") + expected;
}

// Every part may carry text from the input (a value, a key, a file name): it is made
// printable here, once, for every reader's messages.
InputError::InputError(QString file, QString location, QString expected)
    : Error(compose(printableText(file), printableText(location), printableText(expected))),
      file_(printableText(file)), location_(printableText(location)),
      expected_(printableText(expected)) {}

} // namespace marginal
