// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Flags that may be given more than once (--vary, --constraint): Flags keeps the last
// value of a repeated flag, so these are taken out of the arguments first.
#include <QStringList>

namespace marginal {

// Removes every `flag VALUE` from `args` and returns the values; `missing` is set when
// the flag is last with no value.
inline QStringList takeRepeated(QStringList& args, const QString& flag, bool& missing) {
    QStringList values;
    QStringList rest;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == flag) {
            if (i + 1 >= args.size()) {
                missing = true;
                break;
            }
            values << args[++i];
        } else {
            rest << args[i];
        }
    }
    args = rest;
    return values;
}

} // namespace marginal
