// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/common/OutputSet.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace marginal {

namespace {

// Writes a new temporary file beside `target` with `write`; returns its name, or why not.
Result<QString> writeTemporary(const QString& target, const std::function<bool(QIODevice&)>& write,
                               const QString& whyStopped) {
    const QFileInfo info(target);
    QTemporaryFile file(
        info.absoluteDir().filePath(QStringLiteral(".%1.XXXXXX").arg(info.fileName())));
    file.setAutoRemove(true);
    if (!file.open())
        return Result<QString>::failure(
            QStringLiteral("%1: cannot write: %2").arg(target, file.errorString()));
    const auto failure = [&](const QString& reason) {
        return Result<QString>::failure(QStringLiteral("%1: cannot write: %2").arg(target, reason));
    };
    // The device's own message, else the operating system's (a short write leaves
    // QFileDevice's empty).
    const auto reason = [&] {
        return file.error() != QFileDevice::NoError && !file.errorString().isEmpty()
                   ? file.errorString()
                   : QString::fromLocal8Bit(std::strerror(errno));
    };
    errno = 0;
    const bool complete = write(file);
    if (file.error() != QFileDevice::NoError || (complete && !file.flush()))
        return failure(reason());
    if (!complete)
        return failure(errno != 0 ? reason() : whyStopped);
    // The data must be on disk before the rename makes it the file: a crash after
    // the rename would otherwise leave an empty file where the old one was.
    if (::fsync(file.handle()) != 0)
        return failure(QString::fromLocal8Bit(std::strerror(errno)));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                        QFileDevice::ReadOther);
    file.close();
    if (file.error() != QFileDevice::NoError)
        return failure(file.errorString());
    file.setAutoRemove(false);
    return file.fileName();
}

// Writes all of `bytes`: QIODevice::write may write less than asked (a full disk).
bool writeAll(QIODevice& device, const QByteArray& bytes) {
    return device.write(bytes) == bytes.size();
}

// Moves a finished temporary file over `target` (atomic on one file system).
Status moveIntoPlace(const QString& temporary, const QString& target) {
    if (std::rename(QFile::encodeName(temporary).constData(),
                    QFile::encodeName(target).constData()) == 0)
        return Status::success();
    const QString reason = QString::fromLocal8Bit(std::strerror(errno));
    QFile::remove(temporary);
    return Status::failure(QStringLiteral("%1: cannot write: %2").arg(target, reason));
}

} // namespace

Status OutputSet::writeFile(const QString& path, const QByteArray& bytes) {
    OutputSet one(QFileInfo(path).absolutePath());
    one.add(QFileInfo(path).fileName(), bytes);
    return one.commit();
}

Status OutputSet::writeStreamed(const QString& path, const std::function<bool(QIODevice&)>& write,
                                const QString& whyStopped) {
    const Result<QString> written = writeTemporary(path, write, whyStopped);
    if (!written)
        return Status::failure(written.error());
    return moveIntoPlace(*written, path);
}

Status OutputSet::commit() const {
    if (!QDir().mkpath(directory_))
        return Status::failure(
            QStringLiteral("%1: cannot create the output folder").arg(directory_));
    const QDir dir(directory_);
    // The one way a rename into place can fail after the writes succeeded: a target
    // that is a folder. Refused first, so the set stays whole or not at all.
    for (const auto& [name, bytes] : files_)
        if (QFileInfo(dir.filePath(name)).isDir())
            return Status::failure(
                QStringLiteral("%1: cannot write: it is a folder").arg(dir.filePath(name)));
    std::vector<QString> temporaries;
    const auto removeTemporaries = [&] {
        for (const QString& t : temporaries)
            QFile::remove(t);
    };
    for (const auto& file : files_) {
        const QByteArray& bytes = file.second; // (a structured binding cannot be captured)
        const Result<QString> written = writeTemporary(
            dir.filePath(file.first), [&](QIODevice& d) { return writeAll(d, bytes); }, QString());
        if (!written) {
            removeTemporaries();
            return Status::failure(written.error());
        }
        temporaries.push_back(*written);
    }
    for (std::size_t i = 0; i < files_.size(); ++i)
        if (Status moved = moveIntoPlace(temporaries[i], dir.filePath(files_[i].first)); !moved) {
            for (std::size_t j = i + 1; j < temporaries.size(); ++j)
                QFile::remove(temporaries[j]);
            return moved;
        }
    // Temporaries of these files left by a writer that was killed (kill -9, a crash)
    // before it could remove them.
    for (const auto& [name, bytes] : files_)
        for (const QString& stale :
             dir.entryList({QStringLiteral(".%1.??????").arg(name)}, QDir::Files | QDir::Hidden))
            QFile::remove(dir.filePath(stale));
    return Status::success();
}

} // namespace marginal
