// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finds a key given twice in one JSON object. QJsonDocument keeps the last of them
// without a word, so {"base_fee": 10, "base_fee": 0} would read as a free package;
// every JSON input (scenarios, packages, catalogs, mappings, usage exports) is
// checked instead, and the second occurrence is named by its JSON path.
#include <QByteArrayView>
#include <QString>
#include <optional>

namespace marginal {

// The JSON path of the first key that repeats a key of its object
// ("$.packages[2].base_fee"), paths starting at `root`; nullopt when there is none.
// Meant for text QJsonDocument accepted; on anything else it stops quietly (the
// parser reports the syntax error).
std::optional<QString> findDuplicateKey(QByteArrayView json,
                                        const QString& root = QStringLiteral("$"));

} // namespace marginal
