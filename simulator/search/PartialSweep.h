// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One share of a price grid split across machines (docs/MODEL.md section 14): the
// points [first, first + count) of the grid, as their grid.csv lines, with what names
// the grid: the run's canonical inputs (scenario, seed, trials), the package and the
// varied fields. Every point is drawn on the same random numbers whichever points run
// with it, so the shares' lines, merged in point order under the header, are the
// grid.csv of one sweep, byte for byte. The file is framed as a partial run's
// (ShareFile): a damaged or cut share is refused rather than merged.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace marginal {

struct PartialSweep {
    QByteArray inputsJson; // RunInputs::toJson, compact
    QString package;
    QStringList varies; // the --vary values, as given
    std::int64_t points = 0, first = 0, count = 0;
    QByteArray header, lines; // grid.csv's header line; these points' lines

    QByteArray toBytes() const;
    // Whether `bytes` start as a sweep share does (merge tells the kinds apart by it).
    static bool isShare(const QByteArray& bytes);
    // Throws InputError naming `file` when `bytes` are not a sweep share.
    static PartialSweep fromBytes(const QByteArray& bytes, const QString& file);
    // grid.csv of the shares of one grid, in any order: throws InputError, naming the
    // files, when they are of different grids, or their points overlap or leave a gap.
    static QByteArray merge(const std::vector<PartialSweep>& shares, const QStringList& files);
};

} // namespace marginal
