// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one error type of Marginal: a message phrased for the user. InputError (what
// is wrong in a user's file) and ProjectError (what is wrong with a project file)
// derive from it, so a front end catches `Error` once. Failures a caller is expected
// to handle (a file that does not open, an export that cannot be written) travel as
// values instead, in Result<T> (Result.h).
#include <QString>
#include <stdexcept>

namespace marginal {

class Error : public std::runtime_error {
public:
    explicit Error(const QString& message)
        : std::runtime_error(message.toStdString()), message_(message) {}
    const QString& message() const { return message_; }

private:
    QString message_;
};

} // namespace marginal
