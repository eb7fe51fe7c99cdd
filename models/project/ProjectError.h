// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What is wrong with a project file (*.marginal), phrased for the user and naming the
// file; the kind lets a front end choose its exit code or dialog.
#include "models/common/Error.h"

namespace marginal {

class ProjectError : public Error {
public:
    enum class Kind {
        Missing,    // no such file
        NotProject, // another kind of file, or a SQLite database that is not a project
        Newer,      // written by a newer Marginal
        Damaged,    // fails SQLite's integrity check, or its schema is not ours
        Truncated,  // shorter than its own header says
        Busy,       // another program is writing it
        ReadOnly,   // cannot be written
        Full,       // the disk is full
        Io,         // the operating system could not read or write it
        Other
    };
    explicit ProjectError(const QString& message, Kind kind = Kind::Other)
        : Error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

} // namespace marginal
