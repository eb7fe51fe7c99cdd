// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One import in a project's history: the source, its format and customer field, the
// file's SHA-256, when, and what happened to its rows.
#include <QString>
#include <cstdint>

namespace marginal {

struct ImportSummary {
    std::int64_t id = 0;
    QString sourceName, format, customerField, sha256, importedAt;
    std::int64_t rowsRead = 0, rowsAdded = 0, rowsDuplicate = 0, rowsRejected = 0;
};

} // namespace marginal
