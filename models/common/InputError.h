// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An error in a user's input file, phrased for the user: where (file, line or JSON
// path, field) and what was expected. Thrown by every reader in models/.
#include "models/common/Error.h"

#include <QString>

namespace marginal {

class InputError : public Error {
public:
    InputError(QString file, QString location, QString expected);

    const QString& file() const { return file_; }
    const QString& location() const { return location_; }
    const QString& expected() const { return expected_; }

private:
    QString file_;
    QString location_;
    QString expected_;
};

} // namespace marginal
