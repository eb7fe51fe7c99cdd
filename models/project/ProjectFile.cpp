// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/project/ProjectFile.h"

#include <QFile>
#include <QFileInfo>

namespace marginal {

namespace {

std::uint32_t bigEndian(const QByteArray& bytes, int at, int length) {
    std::uint32_t value = 0;
    for (int i = 0; i < length; ++i)
        value = value << 8 | std::uint8_t(bytes[at + i]);
    return value;
}

} // namespace

ProjectFile ProjectFile::inspect(const QString& fileName) {
    ProjectFile p;
    const QFileInfo info(fileName);
    if (!info.exists())
        return p;
    QFile f(fileName);
    if (!info.isFile() || !f.open(QIODevice::ReadOnly)) {
        p.kind = Kind::Unreadable;
        p.reason = info.isFile() ? f.errorString() : QStringLiteral("not a regular file");
        return p;
    }
    p.size = f.size();
    p.writable = info.isWritable() && QFileInfo(info.absolutePath()).isWritable();
    // The 100-byte header of SQLite's file format (sqlite.org/fileformat.html).
    const QByteArray head = f.read(100);
    if (head.isEmpty()) {
        p.kind = Kind::Empty;
        return p;
    }
    if (!head.startsWith(QByteArray("SQLite format 3\0", 16))) {
        p.kind = Kind::Other;
        return p;
    }
    if (head.size() < 100) {
        p.kind = Kind::Truncated;
        p.expectedSize = 100;
        return p;
    }
    const std::uint32_t pageSize = bigEndian(head, 16, 2) == 1 ? 65536 : bigEndian(head, 16, 2);
    const std::uint32_t pages = bigEndian(head, 28, 4);
    // The page count is valid when the "version valid for" number equals the change
    // counter (every SQLite since 3.7.0 keeps them so).
    // A commit cut short (kill -9, power loss) leaves the header's new page count over
    // a file not yet grown, beside the hot journal SQLite rolls it back with on open:
    // only without one is a short file an incomplete copy.
    const bool hotJournal = QFileInfo(fileName + QStringLiteral("-journal")).size() > 0;
    if (bigEndian(head, 92, 4) == bigEndian(head, 24, 4) && !hotJournal)
        p.expectedSize = std::int64_t(pageSize) * pages;
    p.kind = p.size < p.expectedSize ? Kind::Truncated : Kind::Sqlite;
    return p;
}

} // namespace marginal
