// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/HashingDevice.h"

namespace marginal {

HashingDevice::HashingDevice(QIODevice& source) : source_(source) {
    QIODevice::open(QIODevice::ReadOnly);
}

bool HashingDevice::seek(qint64 pos) {
    // As QFileDevice does: the source moves first, then QIODevice's own position and
    // buffer follow.
    return source_.seek(pos) && QIODevice::seek(pos);
}

qint64 HashingDevice::readData(char* data, qint64 maxSize) {
    const qint64 at = source_.pos();
    const qint64 n = source_.read(data, maxSize);
    // Reads are contiguous from wherever the last seek put the source; only the part
    // past what is hashed already extends the hash. A read that starts beyond it (a
    // forward skip) is left to finish().
    if (n > 0 && at <= hashedUpTo_ && at + n > hashedUpTo_) {
        hash_.add(data + (hashedUpTo_ - at), std::size_t(at + n - hashedUpTo_));
        hashedUpTo_ = at + n;
    }
    return n;
}

QString HashingDevice::finish() {
    if (source_.seek(hashedUpTo_)) {
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        for (;;) {
            const qint64 n = source_.read(chunk.data(), chunk.size());
            if (n <= 0)
                break;
            hash_.add(chunk.constData(), std::size_t(n));
            hashedUpTo_ += n;
        }
    }
    return hash_.hex();
}

} // namespace marginal
