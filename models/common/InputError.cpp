#include "models/common/InputError.h"

namespace marginal {

static QString compose(const QString& file, const QString& location, const QString& expected) {
    QString text = file;
    if (!location.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + location;
    return text + QStringLiteral(": ") + expected;
}

InputError::InputError(QString file, QString location, QString expected)
    : std::runtime_error(compose(file, location, expected).toStdString()), file_(std::move(file)),
      location_(std::move(location)), expected_(std::move(expected)) {}

QString InputError::message() const {
    return compose(file_, location_, expected_);
}

} // namespace marginal
