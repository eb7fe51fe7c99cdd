// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One share of a tornado split across machines (docs/MODEL.md section 14): the factors
// [first, first + count) of the chosen list, each set to its low and high end on the
// same draws as in the whole tornado, with what names the tornado: the run's canonical
// inputs (scenario, seed, trials), the range and the whole factor list. The shares'
// rows, put back in factor order and sorted by swing as one run sorts them, are the
// tornado.csv of one run, byte for byte. Framed as the other shares (ShareFile).
#include "simulator/search/SensitivityAnalysis.h"

#include <QByteArray>
#include <QStringList>
#include <vector>

namespace marginal {

struct PartialSensitivity {
    QByteArray inputsJson; // RunInputs::toJson, compact
    double range = 0;
    QStringList factors; // every chosen factor's name, in order
    std::int64_t first = 0, count = 0;
    int variants = 0;
    std::vector<TornadoRow> rows; // variant by variant, its `count` factors in order

    QByteArray toBytes() const;
    static bool isShare(const QByteArray& bytes);
    // Throws InputError naming `file` when `bytes` are not a tornado share.
    static PartialSensitivity fromBytes(const QByteArray& bytes, const QString& file);
    // The tornado of the shares of one run, in any order (csv() is tornado.csv): throws
    // InputError, naming the files, when they are of different tornadoes, or their
    // factors overlap or leave a gap.
    static SensitivityResult merge(const std::vector<PartialSensitivity>& shares,
                                   const QStringList& files);
};

} // namespace marginal
