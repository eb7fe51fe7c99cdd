// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A set of output files written whole or not at all. Each file goes to a temporary
// file in the target folder; every write, flush and fsync is checked; only when all
// are complete are they renamed into place (rename(2) replaces atomically). On any
// failure the temporaries are removed and the folder keeps the previous files, and
// the message carries the operating system's reason ("No space left on device").
#include "models/common/Result.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

class QTemporaryFile;

namespace marginal {

class OutputSet {
public:
    explicit OutputSet(QString directory);
    // Removes the temporaries of streams not committed, and the folders addStream made
    // for them.
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    void add(const QString& fileName, QByteArray bytes);
    // A file too large to hold in memory, written as the work goes: the device to
    // write it to (a temporary beside the target, the folder made when missing), or
    // why there is none. Its writes are checked, and it is renamed into place with
    // the rest, by commit().
    Result<QIODevice*> addStream(const QString& fileName);
    // Creates the folder when missing, then writes and renames every file.
    Status commit();
    // One file written whole or not at all (its folder must exist).
    static Status writeFile(const QString& path, const QByteArray& bytes);
    // The same for a file too large to hold in memory: `write` streams it into the
    // device it is given and returns false to give up (e.g. on Ctrl+C; the message
    // is then `whyStopped`).
    static Status writeStreamed(const QString& path, const std::function<bool(QIODevice&)>& write,
                                const QString& whyStopped = QStringLiteral("cancelled"));

private:
    struct File {
        QString name;
        QByteArray bytes;
        std::unique_ptr<QTemporaryFile> stream; // set for addStream's files
    };
    QString directory_;
    QString madeFolder_; // the outermost folder addStream made, removed unless committed
    bool committed_ = false;
    std::vector<File> files_;
};

} // namespace marginal
