// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/ImportSource.h"
#include "models/common/FileHash.h"
#include "models/common/FileKind.h"
#include "models/common/InputError.h"
#include "models/import/HashingDevice.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryFile>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#endif

namespace marginal {

ImportSource::ImportSource(const QString& fileName,
                           const std::function<bool(std::int64_t)>& keepGoing) {
    const FileKind kind = fileKindOf(fileName);
    if (kind == FileKind::Pipe) {
        copyPipe(fileName, keepGoing);
        return;
    }
    if (kind != FileKind::Regular && kind != FileKind::Missing)
        throw InputError(fileName, QString(),
                         QStringLiteral("expected a usage export (a file or a pipe); this is %1")
                             .arg(describeFileKind(kind)));
    file_ = std::make_unique<QFile>(fileName);
    if (!file_->open(QIODevice::ReadOnly))
        throw InputError(fileName, QString(),
                         QStringLiteral("cannot open: %1").arg(file_->errorString()));
    hashing_ = std::make_unique<HashingDevice>(*file_);
}

ImportSource::~ImportSource() = default;

QIODevice& ImportSource::device() {
    if (spool_)
        return *spool_;
    return *hashing_;
}

std::int64_t ImportSource::size() const {
    return spool_ ? spool_->size() : file_->size();
}

QString ImportSource::sha256() {
    return spool_ ? spoolHash_ : hashing_->finish();
}

void ImportSource::copyPipe(const QString& fileName,
                            const std::function<bool(std::int64_t)>& keepGoing) {
    spool_ = std::make_unique<QTemporaryFile>(
        QDir::temp().filePath(QStringLiteral("marginal-import-XXXXXX")));
    if (!spool_->open())
        throw InputError(fileName, QString(),
                         QStringLiteral("cannot copy the pipe to a temporary file: %1")
                             .arg(spool_->errorString()));
    Sha256 hash;
    std::int64_t copied = 0;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
#ifdef Q_OS_UNIX
    // Non-blocking, polled 10 times a second: a FIFO nobody writes to yet (or a
    // writer that stalls) must not hold the import where Ctrl+C cannot reach it.
    const int fd =
        ::open(QFile::encodeName(fileName).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw InputError(
            fileName, QString(),
            QStringLiteral("cannot open: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    for (;;) {
        if (!keepGoing(copied)) {
            cancelled_ = true;
            return;
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, 100);
        if (ready == 0 || (ready < 0 && errno == EINTR))
            continue;
        const ssize_t n = ::read(fd, chunk.data(), std::size_t(chunk.size()));
        if (n == 0)
            break; // the writer closed its end
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            throw InputError(fileName, QString(),
                             QStringLiteral("cannot read: %1")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno))));
        }
        hash.add(chunk.constData(), std::size_t(n));
        if (spool_->write(chunk.constData(), n) != n)
            throw InputError(fileName, QString(),
                             QStringLiteral("cannot copy the pipe to a temporary file: %1")
                                 .arg(spool_->errorString()));
        copied += n;
    }
#else
    QFile pipe(fileName);
    if (!pipe.open(QIODevice::ReadOnly))
        throw InputError(fileName, QString(),
                         QStringLiteral("cannot open: %1").arg(pipe.errorString()));
    for (;;) {
        if (!keepGoing(copied)) {
            cancelled_ = true;
            return;
        }
        const qint64 n = pipe.read(chunk.data(), chunk.size());
        if (n <= 0)
            break;
        hash.add(chunk.constData(), std::size_t(n));
        spool_->write(chunk.constData(), n);
        copied += n;
    }
#endif
    if (!spool_->flush() || !spool_->seek(0))
        throw InputError(fileName, QString(),
                         QStringLiteral("cannot copy the pipe to a temporary file: %1")
                             .arg(spool_->errorString()));
    spoolHash_ = hash.hex();
}

} // namespace marginal
