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
#include <utility>
#include <vector>

namespace marginal {

class OutputSet {
public:
    explicit OutputSet(QString directory) : directory_(std::move(directory)) {}
    void add(const QString& fileName, QByteArray bytes) {
        files_.emplace_back(fileName, std::move(bytes));
    }
    // Creates the folder when missing, then writes and renames every file.
    Status commit() const;
    // One file written whole or not at all (its folder must exist).
    static Status writeFile(const QString& path, const QByteArray& bytes);
    // The same for a file too large to hold in memory: `write` streams it into the
    // device it is given and returns false to give up (e.g. on Ctrl+C; the message
    // is then `whyStopped`).
    static Status writeStreamed(const QString& path, const std::function<bool(QIODevice&)>& write,
                                const QString& whyStopped = QStringLiteral("cancelled"));

private:
    QString directory_;
    std::vector<std::pair<QString, QByteArray>> files_;
};

} // namespace marginal
