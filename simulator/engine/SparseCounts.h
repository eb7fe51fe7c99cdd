// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A histogram's counts written as the bins in use only: (bin, count) pairs after their
// number. A run's histograms are mostly empty (a GM% histogram has 12,802 bins, a
// customer's margin lands in a few hundred), so a partial run's file stays small.
#include <QDataStream>
#include <cstdint>

namespace marginal {

inline void saveCounts(QDataStream& out, const std::uint64_t* counts, int bins,
                       std::uint64_t total) {
    qint32 used = 0;
    for (int b = 0; b < bins; ++b)
        used += counts[b] ? 1 : 0;
    out << quint64(total) << used;
    for (int b = 0; b < bins; ++b)
        if (counts[b])
            out << qint32(b) << quint64(counts[b]);
}

// False when a bin is out of range or repeated, or the counts do not add up to the total.
inline bool loadCounts(QDataStream& in, std::uint64_t* counts, int bins, std::uint64_t& total) {
    quint64 expected = 0;
    qint32 used = 0;
    in >> expected >> used;
    if (in.status() != QDataStream::Ok || used < 0 || used > bins)
        return false;
    std::uint64_t sum = 0;
    for (int b = 0; b < bins; ++b)
        counts[b] = 0;
    for (qint32 i = 0; i < used; ++i) {
        qint32 bin = -1;
        quint64 count = 0;
        in >> bin >> count;
        if (in.status() != QDataStream::Ok || bin < 0 || bin >= bins || counts[bin] || !count)
            return false;
        counts[bin] = count;
        sum += count;
    }
    total = sum;
    return sum == expected;
}

} // namespace marginal
