// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/PartialSensitivity.h"
#include "models/common/InputError.h"
#include "simulator/session/ShareFile.h"

#include <QDataStream>
#include <QIODevice>

namespace marginal {

namespace {

const QByteArray kMagic = "marginal partial tornado 1\n";

void save(QDataStream& out, const std::optional<double>& value) {
    out << bool(value) << value.value_or(0.0);
}

void load(QDataStream& in, std::optional<double>& value) {
    bool has = false;
    double x = 0;
    in >> has >> x;
    value = has ? std::optional<double>(x) : std::nullopt;
}

} // namespace

QByteArray PartialSensitivity::toBytes() const {
    QByteArray block;
    {
        QDataStream out(&block, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_0);
        out << inputsJson << range << factors << qint64(first) << qint64(count) << qint32(variants)
            << quint64(rows.size());
        for (const TornadoRow& r : rows) {
            out << r.package << r.mix << r.factor << r.low << r.high << r.lowDelta.mean
                << r.lowDelta.se << r.highDelta.mean << r.highDelta.se;
            save(out, r.gmLowDelta);
            save(out, r.gmHighDelta);
        }
    }
    return ShareFile::wrap(kMagic, block);
}

bool PartialSensitivity::isShare(const QByteArray& bytes) {
    return bytes.startsWith(kMagic);
}

PartialSensitivity PartialSensitivity::fromBytes(const QByteArray& bytes, const QString& file) {
    const QByteArray block =
        ShareFile::unwrap(bytes, kMagic, file, QStringLiteral("partial tornado"),
                          QStringLiteral("marginal-cli sensitivity --partial"));
    QDataStream in(block);
    in.setVersion(QDataStream::Qt_6_0);
    PartialSensitivity share;
    qint64 first = 0, count = 0;
    qint32 variants = 0;
    quint64 rows = 0;
    in >> share.inputsJson >> share.range >> share.factors >> first >> count >> variants >> rows;
    const bool shaped = in.status() == QDataStream::Ok && first >= 0 && count >= 1 &&
                        first + count <= share.factors.size() && variants >= 1 &&
                        rows == quint64(count) * quint64(variants);
    for (quint64 i = 0; shaped && i < rows && in.status() == QDataStream::Ok; ++i) {
        TornadoRow r;
        in >> r.package >> r.mix >> r.factor >> r.low >> r.high >> r.lowDelta.mean >>
            r.lowDelta.se >> r.highDelta.mean >> r.highDelta.se;
        load(in, r.gmLowDelta);
        load(in, r.gmHighDelta);
        share.rows.push_back(std::move(r));
    }
    if (!shaped || in.status() != QDataStream::Ok || !in.atEnd())
        throw InputError(file, QString(),
                         QStringLiteral("expected a partial tornado's factors and rows"));
    share.first = first;
    share.count = count;
    share.variants = variants;
    return share;
}

SensitivityResult PartialSensitivity::merge(const std::vector<PartialSensitivity>& shares,
                                            const QStringList& files) {
    if (shares.empty())
        throw InputError(QString(), QStringLiteral("merge"),
                         QStringLiteral("expected partial tornado files"));
    const PartialSensitivity& a = shares[0];
    for (std::size_t i = 1; i < shares.size(); ++i) {
        const PartialSensitivity& b = shares[i];
        if (b.inputsJson != a.inputsJson || b.range != a.range || b.factors != a.factors ||
            b.variants != a.variants)
            throw InputError(files[qsizetype(i)], QString(),
                             QStringLiteral("expected a share of the same tornado as %1 (same "
                                            "scenario, seed, trials, --range and --factors); it "
                                            "differs")
                                 .arg(files[0]));
    }
    std::vector<ShareFile::Range> ranges;
    for (const PartialSensitivity& s : shares)
        ranges.push_back({s.first, s.count});
    const std::vector<std::size_t> order =
        ShareFile::coverOnce(ranges, a.factors.size(), files, QStringLiteral("factors"));
    SensitivityResult out;
    out.range = a.range;
    out.factors = int(a.factors.size());
    out.variants = a.variants;
    for (int v = 0; v < a.variants; ++v)
        for (const std::size_t i : order) {
            const auto from = shares[i].rows.begin() + std::ptrdiff_t(v * shares[i].count);
            out.rows.insert(out.rows.end(), from, from + std::ptrdiff_t(shares[i].count));
        }
    out.sortBySwing();
    return out;
}

} // namespace marginal
