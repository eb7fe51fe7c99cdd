// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the benchmark programs: medians and peak memory.
#include <QFile>
#include <algorithm>
#include <vector>

namespace marginal {

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Peak resident memory of this process (VmHWM), in MiB.
inline double peakMemoryMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0.0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0.0;
}

} // namespace marginal
