// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/common/FileKind.h"

#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace marginal {

FileKind fileKindOf(const QString& path) {
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return FileKind::Missing;
    if (S_ISREG(st.st_mode))
        return FileKind::Regular;
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
        return FileKind::Pipe;
    if (S_ISDIR(st.st_mode))
        return FileKind::Directory;
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return FileKind::Device;
    return FileKind::Other;
#else
    const QFileInfo info(path);
    if (!info.exists())
        return FileKind::Missing;
    if (info.isDir())
        return FileKind::Directory;
    return info.isFile() ? FileKind::Regular : FileKind::Other;
#endif
}

QString describeFileKind(FileKind kind) {
    switch (kind) {
    case FileKind::Regular:
        return QStringLiteral("a regular file");
    case FileKind::Pipe:
        return QStringLiteral("a pipe or FIFO");
    case FileKind::Directory:
        return QStringLiteral("a directory");
    case FileKind::Device:
        return QStringLiteral("a character or block device (such as /dev/zero or a terminal)");
    case FileKind::Missing:
        return QStringLiteral("missing");
    case FileKind::Other:
        break;
    }
    return QStringLiteral("not a regular file");
}

} // namespace marginal
