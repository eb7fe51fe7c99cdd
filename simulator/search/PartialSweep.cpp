// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/PartialSweep.h"
#include "models/common/InputError.h"
#include "simulator/session/ShareFile.h"

#include <QDataStream>
#include <QIODevice>

namespace marginal {

namespace {
const QByteArray kMagic = "marginal partial sweep 1\n";
}

QByteArray PartialSweep::toBytes() const {
    QByteArray block;
    {
        QDataStream out(&block, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_0);
        out << inputsJson << package << varies << qint64(points) << qint64(first) << qint64(count)
            << header << lines;
    }
    return ShareFile::wrap(kMagic, block);
}

bool PartialSweep::isShare(const QByteArray& bytes) {
    return bytes.startsWith(kMagic);
}

PartialSweep PartialSweep::fromBytes(const QByteArray& bytes, const QString& file) {
    const QByteArray block = ShareFile::unwrap(bytes, kMagic, file, QStringLiteral("partial sweep"),
                                               QStringLiteral("marginal-cli sweep --partial"));
    QDataStream in(block);
    in.setVersion(QDataStream::Qt_6_0);
    PartialSweep share;
    qint64 points = 0, first = 0, count = 0;
    in >> share.inputsJson >> share.package >> share.varies >> points >> first >> count >>
        share.header >> share.lines;
    if (in.status() != QDataStream::Ok || !in.atEnd() || first < 0 || count < 1 ||
        first + count > points)
        throw InputError(file, QString(),
                         QStringLiteral("expected a partial sweep's grid, points and lines"));
    share.points = points;
    share.first = first;
    share.count = count;
    return share;
}

QByteArray PartialSweep::merge(const std::vector<PartialSweep>& shares, const QStringList& files) {
    if (shares.empty())
        throw InputError(QString(), QStringLiteral("merge"),
                         QStringLiteral("expected partial sweep files"));
    const PartialSweep& a = shares[0];
    for (std::size_t i = 1; i < shares.size(); ++i) {
        const PartialSweep& b = shares[i];
        if (b.inputsJson != a.inputsJson || b.package != a.package || b.varies != a.varies ||
            b.points != a.points || b.header != a.header)
            throw InputError(files[qsizetype(i)], QString(),
                             QStringLiteral("expected a share of the same grid as %1 (same "
                                            "scenario, seed, trials, --package and --vary); it "
                                            "differs")
                                 .arg(files[0]));
    }
    std::vector<ShareFile::Range> ranges;
    for (const PartialSweep& s : shares)
        ranges.push_back({s.first, s.count});
    QByteArray csv = a.header;
    for (const std::size_t i :
         ShareFile::coverOnce(ranges, a.points, files, QStringLiteral("points")))
        csv += shares[i].lines;
    return csv;
}

} // namespace marginal
