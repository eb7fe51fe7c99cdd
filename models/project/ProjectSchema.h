// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The project file's schema: the ordered migrations from one version to the next, and
// what a file of each version must hold and nothing more (its tables with their
// columns, its indexes; no triggers, no views). A project is a document people send
// each other: a file that carries anything else is refused, not opened.
#include <QString>

struct sqlite3;

namespace marginal {

class ProjectSchema {
public:
    static constexpr int kVersion = 3;
    // The SQL that takes a file from `version` to `version + 1`.
    static const char* migration(int version);
    // Throws ProjectError (damaged) when the file's objects or columns are not those
    // of its `version`. Reads only.
    static void check(sqlite3* db, const QString& fileName, int version);
};

} // namespace marginal
