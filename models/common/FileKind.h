// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a path names, asked before opening it: opening a FIFO blocks until a writer
// comes (and Ctrl+C does not interrupt the open), and /dev/zero never ends, so
// readers refuse what they cannot read whole.
#include <QString>

namespace marginal {

enum class FileKind { Regular, Pipe, Directory, Device, Missing, Other };

// Follows symbolic links (/dev/stdin names whatever standard input is).
FileKind fileKindOf(const QString& path);
// "a directory", "a character or block device (such as /dev/zero or a terminal)", ...
QString describeFileKind(FileKind kind);

} // namespace marginal
