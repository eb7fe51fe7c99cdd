// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One share of a run split across machines (docs/MODEL.md section 14): the run's inputs
// in their canonical form (RunInputs::toJson, so a share names exactly what it ran, the
// fitted customers included), the trials it ran ([first, first + count) of the run's
// trials) and their statistics, which merge exactly: fixed-point sums and histogram
// counts add, so the shares of a run merged in any order are that run, to the bit.
//
// The file: a first line naming the format, then a length-prefixed block (the inputs'
// JSON, the range, the statistics), then the block's SHA-256, so a damaged or cut file
// is refused rather than merged.
#include "simulator/engine/RunStatistics.h"
#include "simulator/session/RunInputs.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace marginal {

struct PartialRun {
    RunInputs inputs;
    QByteArray inputsJson; // the canonical inputs, compared across shares
    std::int64_t first = 0, count = 0;
    RunStatistics stats;

    // The bytes of the file.
    QByteArray toBytes() const;
    // Throws InputError naming `file` when `bytes` are not a share of a run.
    static PartialRun fromBytes(const QByteArray& bytes, const QString& file);

    // The shares of one run merged, in any order: throws InputError, naming the files,
    // when they are of different runs, or their ranges overlap or leave a gap in
    // [0, trials).
    static RunStatistics merge(std::vector<PartialRun> shares, const QStringList& files);
};

} // namespace marginal
