// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bytes of one usage export, read once, with the SHA-256 of exactly those bytes.
// A regular file is parsed in place through a HashingDevice. A pipe or FIFO
// (`cat f.csv | marginal-cli import --project p /dev/stdin`) is first copied whole to
// a temporary file, hashed as it is copied, so importers that look ahead or read a
// file twice (LiteLLM's customer-column pass) see all of it; waiting for its writer
// can be cancelled. Directories and devices (/dev/zero, a terminal) are refused.
#include <QIODevice>
#include <QString>
#include <cstdint>
#include <functional>
#include <memory>

class QFile;
class QTemporaryFile;

namespace marginal {

class HashingDevice;

class ImportSource {
public:
    // Throws InputError when `fileName` cannot be opened or is neither a regular file
    // nor a pipe. While a pipe is copied, `keepGoing(bytesCopied)` is asked now and
    // then; when it returns false the copy stops and cancelled() is true.
    ImportSource(const QString& fileName, const std::function<bool(std::int64_t)>& keepGoing);
    ~ImportSource();
    ImportSource(const ImportSource&) = delete;
    ImportSource& operator=(const ImportSource&) = delete;

    bool cancelled() const { return cancelled_; }
    bool copiedFromPipe() const { return spool_ != nullptr; }
    // Open for reading at the start; seekable.
    QIODevice& device();
    std::int64_t size() const;
    // The SHA-256 of the whole input (what the importer read and what it left unread),
    // as lower-case hex. Call once, after reading.
    QString sha256();

private:
    void copyPipe(const QString& fileName, const std::function<bool(std::int64_t)>& keepGoing);

    std::unique_ptr<QFile> file_;
    std::unique_ptr<HashingDevice> hashing_;
    std::unique_ptr<QTemporaryFile> spool_;
    QString spoolHash_;
    bool cancelled_ = false;
};

} // namespace marginal
