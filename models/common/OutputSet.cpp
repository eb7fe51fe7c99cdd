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

// A new temporary file beside `target`, open for writing; or why there is none.
Result<std::unique_ptr<QTemporaryFile>> openTemporary(const QString& target) {
    const QFileInfo info(target);
    auto file = std::make_unique<QTemporaryFile>(
        info.absoluteDir().filePath(QStringLiteral(".%1.XXXXXX").arg(info.fileName())));
    file->setAutoRemove(true);
    if (!file->open())
        return Result<std::unique_ptr<QTemporaryFile>>::failure(
            QStringLiteral("%1: cannot write: %2").arg(target, file->errorString()));
    errno = 0;
    return Result<std::unique_ptr<QTemporaryFile>>(std::move(file));
}

// Completes a temporary file that `complete`s writes went into: flushed, checked and
// on disk; returns its name, or why not (it is then removed).
Result<QString> finishTemporary(QTemporaryFile& file, const QString& target, bool complete,
                                const QString& whyStopped) {
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

// Writes a new temporary file beside `target` with `write`; returns its name, or why not.
Result<QString> writeTemporary(const QString& target, const std::function<bool(QIODevice&)>& write,
                               const QString& whyStopped) {
    Result<std::unique_ptr<QTemporaryFile>> file = openTemporary(target);
    if (!file)
        return Result<QString>::failure(file.error());
    const bool complete = write(**file);
    return finishTemporary(**file, target, complete, whyStopped);
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

// Where a single output file goes: through a symbolic link to its target (the link
// stays), and never over a device, pipe or socket, which a rename would replace with
// a plain file (as root, /dev/full itself). Empty: refused, with why.
static Result<QString> outputTarget(const QString& path) {
    if (path.isEmpty())
        return Result<QString>::failure(QStringLiteral("expected a file name to write, got \"\""));
    const QFileInfo info(path);
    const QString target = !info.isSymLink()                          ? path
                           : QFileInfo(info.symLinkTarget()).exists() ? info.canonicalFilePath()
                                                                      : info.symLinkTarget();
    const QFileInfo resolved(target);
    if (resolved.exists() && !resolved.isFile() && !resolved.isDir())
        return Result<QString>::failure(
            QStringLiteral("%1: cannot write: it is not a regular file (a device, pipe or "
                           "socket); give a file path")
                .arg(path));
    return target;
}

Status OutputSet::writeFile(const QString& path, const QByteArray& bytes) {
    const Result<QString> target = outputTarget(path);
    if (!target)
        return Status::failure(target.error());
    OutputSet one(QFileInfo(*target).absolutePath());
    one.add(QFileInfo(*target).fileName(), bytes);
    return one.commit();
}

Status OutputSet::writeStreamed(const QString& requested,
                                const std::function<bool(QIODevice&)>& write,
                                const QString& whyStopped) {
    const Result<QString> target = outputTarget(requested);
    if (!target)
        return Status::failure(target.error());
    const QString path = *target;
    const Result<QString> written = writeTemporary(path, write, whyStopped);
    if (!written)
        return Status::failure(written.error());
    return moveIntoPlace(*written, path);
}

OutputSet::OutputSet(QString directory) : directory_(std::move(directory)) {}

OutputSet::~OutputSet() {
    if (committed_ || madeFolder_.isEmpty())
        return;
    files_.clear(); // removes the streams' temporaries
    // Only empty folders go, from the innermost up to the first one made here.
    for (QString folder = QDir::cleanPath(QDir(directory_).absolutePath());
         folder.size() >= madeFolder_.size() && QDir().rmdir(folder);
         folder = QFileInfo(folder).absolutePath()) {
    }
}

void OutputSet::add(const QString& fileName, QByteArray bytes) {
    files_.push_back(File{fileName, std::move(bytes), nullptr});
}

Result<QIODevice*> OutputSet::addStream(const QString& fileName) {
    QString outermostMissing;
    for (QString folder = QDir::cleanPath(QDir(directory_).absolutePath());
         !QFileInfo::exists(folder); folder = QFileInfo(folder).absolutePath())
        outermostMissing = folder;
    if (madeFolder_.isEmpty())
        madeFolder_ = outermostMissing;
    if (!QDir().mkpath(directory_))
        return Result<QIODevice*>::failure(
            QStringLiteral("%1: cannot create the output folder").arg(directory_));
    Result<std::unique_ptr<QTemporaryFile>> file =
        openTemporary(QDir(directory_).filePath(fileName));
    if (!file)
        return Result<QIODevice*>::failure(file.error());
    files_.push_back(File{fileName, QByteArray(), std::move(file).value()});
    return static_cast<QIODevice*>(files_.back().stream.get());
}

Status OutputSet::commit() {
    if (!QDir().mkpath(directory_))
        return Status::failure(
            QStringLiteral("%1: cannot create the output folder").arg(directory_));
    const QDir dir(directory_);
    // The one way a rename into place can fail after the writes succeeded: a target
    // that is a folder. Refused first, so the set stays whole or not at all.
    for (const File& file : files_) {
        const QFileInfo target(dir.filePath(file.name));
        if (target.isDir())
            return Status::failure(
                QStringLiteral("%1: cannot write: it is a folder").arg(dir.filePath(file.name)));
        if (target.exists() && !target.isFile())
            return Status::failure(QStringLiteral("%1: cannot write: it is not a regular file "
                                                  "(a device, pipe or socket)")
                                       .arg(dir.filePath(file.name)));
    }
    std::vector<QString> temporaries;
    const auto removeTemporaries = [&] {
        for (const QString& t : temporaries)
            QFile::remove(t);
    };
    for (File& file : files_) {
        const QString target = dir.filePath(file.name);
        const Result<QString> written =
            file.stream
                ? finishTemporary(*file.stream, target, true, QString())
                : writeTemporary(
                      target, [&](QIODevice& d) { return writeAll(d, file.bytes); }, QString());
        if (!written) {
            removeTemporaries();
            return Status::failure(written.error());
        }
        temporaries.push_back(*written);
    }
    for (std::size_t i = 0; i < files_.size(); ++i)
        if (Status moved = moveIntoPlace(temporaries[i], dir.filePath(files_[i].name)); !moved) {
            for (std::size_t j = i + 1; j < temporaries.size(); ++j)
                QFile::remove(temporaries[j]);
            return moved;
        }
    // Temporaries of these files left by a writer that was killed (kill -9, a crash)
    // before it could remove them.
    for (const File& file : files_)
        for (const QString& stale : dir.entryList({QStringLiteral(".%1.??????").arg(file.name)},
                                                  QDir::Files | QDir::Hidden))
            QFile::remove(dir.filePath(stale));
    committed_ = true;
    return Status::success();
}

} // namespace marginal
