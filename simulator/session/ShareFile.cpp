// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/session/ShareFile.h"
#include "models/common/InputError.h"

#include <QCryptographicHash>
#include <algorithm>
#include <numeric>

namespace marginal {

namespace {
constexpr qsizetype kHashSize = 32;
}

QByteArray ShareFile::wrap(const QByteArray& magic, const QByteArray& block) {
    return magic + QByteArray::number(block.size()) + '\n' + block +
           QCryptographicHash::hash(block, QCryptographicHash::Sha256);
}

QByteArray ShareFile::unwrap(const QByteArray& bytes, const QByteArray& magic, const QString& file,
                             const QString& kind, const QString& writtenBy) {
    const auto refuse = [&](const QString& what) { return InputError(file, QString(), what); };
    if (!bytes.startsWith(magic))
        throw refuse(QStringLiteral("expected a %1 written by %2").arg(kind, writtenBy));
    const qsizetype lineEnd = bytes.indexOf('\n', magic.size());
    bool ok = false;
    const qint64 size =
        lineEnd < 0 ? -1 : bytes.mid(magic.size(), lineEnd - magic.size()).toLongLong(&ok);
    if (!ok || size < 0 || bytes.size() != lineEnd + 1 + size + kHashSize)
        throw refuse(QStringLiteral("expected a whole %1 file (this one is cut short or has "
                                    "bytes added)")
                         .arg(kind));
    QByteArray block = bytes.mid(lineEnd + 1, size);
    if (QCryptographicHash::hash(block, QCryptographicHash::Sha256) != bytes.right(kHashSize))
        throw refuse(QStringLiteral("expected an undamaged %1 file (its checksum does not "
                                    "match: it changed after it was written)")
                         .arg(kind));
    return block;
}

std::vector<std::size_t> ShareFile::coverOnce(const std::vector<Range>& ranges, std::int64_t total,
                                              const QStringList& files, const QString& unit) {
    std::vector<std::size_t> order(ranges.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return ranges[a].first < ranges[b].first; });
    std::int64_t next = 0;
    for (const std::size_t i : order) {
        const Range& r = ranges[i];
        if (r.first != next)
            throw InputError(files[qsizetype(i)], QString(),
                             r.first < next
                                 ? QStringLiteral("expected %4 from %3 on; its %4 %1:%2 overlap "
                                                  "another share's")
                                       .arg(r.first)
                                       .arg(r.first + r.count)
                                       .arg(next)
                                       .arg(unit)
                                 : QStringLiteral("expected a share of %3 from %1 on before it; "
                                                  "%3 %1:%2 are missing")
                                       .arg(next)
                                       .arg(r.first)
                                       .arg(unit));
        next = r.first + r.count;
    }
    if (next != total)
        throw InputError(files[qsizetype(order.back())], QString(),
                         QStringLiteral("expected the shares to cover all %1 %3; %3 %2:%1 are "
                                        "missing")
                             .arg(total)
                             .arg(next)
                             .arg(unit));
    return order;
}

} // namespace marginal
