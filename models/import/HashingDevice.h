// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A read-only view of a seekable device that hashes every byte the first time it is
// read through it, so the SHA-256 recorded with an import is of the very bytes that
// were parsed, and the file is read once (a second reader could see other bytes: a
// file being appended to, or a pipe, where both would take turns at the stream).
// Bytes read again after a seek back are not hashed twice; finish() hashes whatever
// the parser left unread.
#include "models/common/FileHash.h"

#include <QIODevice>

namespace marginal {

class HashingDevice : public QIODevice {
public:
    // `source` is open for reading, seekable, at position 0, and outlives this device.
    explicit HashingDevice(QIODevice& source);

    bool isSequential() const override { return false; }
    qint64 size() const override { return source_.size(); }
    bool seek(qint64 pos) override;
    // The SHA-256 of the source's whole content, as lower-case hex. Call once, after
    // reading; the device is not read afterwards.
    QString finish();

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QIODevice& source_;
    Sha256 hash_;
    qint64 hashedUpTo_ = 0; // bytes [0, hashedUpTo_) are in the hash
};

} // namespace marginal
