// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// SHA-256 of input files, for import dedup and run provenance.
#include <QString>

namespace marginal {

// SHA-256 of a file's bytes as lower-case hex; empty when the file cannot be read.
QString sha256OfFile(const QString& fileName);

} // namespace marginal

namespace marginal {

// A file a run or an import read, with its SHA-256 when it was read.
struct InputFile {
    QString file; // absolute path
    QString sha256;
    bool operator==(const InputFile&) const = default;
};

// `fileName`'s absolute path and SHA-256 now.
InputFile hashedInput(const QString& fileName);

} // namespace marginal
