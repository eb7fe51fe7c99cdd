// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a file offered as a project is, read without SQLite, so nothing is written to
// a file that is not ours: missing, empty, a SQLite database (and whether it is whole:
// shorter than its own header says is a truncated copy), or something else; and
// whether it can be written.
#include <QString>
#include <cstdint>

namespace marginal {

struct ProjectFile {
    enum class Kind { Missing, Unreadable, Empty, Sqlite, Truncated, Other };
    Kind kind = Kind::Missing;
    std::int64_t size = 0;
    std::int64_t expectedSize = 0; // page size x page count from the header (0: unknown)
    bool writable = false;         // the file and its folder (SQLite's journal goes there)
    QString reason;                // why it cannot be read

    static ProjectFile inspect(const QString& fileName);
};

} // namespace marginal
