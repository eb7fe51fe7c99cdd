// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the shares of work split across machines have in common (a run's trials, a
// grid's points; docs/MODEL.md section 14):
//  - the file: a first line naming the format, then a length-prefixed block, then the
//    block's SHA-256, so a damaged or cut file is refused rather than merged;
//  - the merge: the shares' ranges must cover the whole once each, in any order.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace marginal {

class ShareFile {
public:
    static QByteArray wrap(const QByteArray& magic, const QByteArray& block);
    // The block; throws InputError naming `file` when the bytes do not start with
    // `magic`, are cut short or changed. `kind`: "partial run"; `writtenBy`: the command.
    static QByteArray unwrap(const QByteArray& bytes, const QByteArray& magic, const QString& file,
                             const QString& kind, const QString& writtenBy);

    struct Range {
        std::int64_t first = 0, count = 0;
    };
    // The order of the shares by their ranges' starts; throws InputError naming the file
    // at fault when the ranges overlap or leave a gap in [0, total). `unit`: "trials",
    // "points".
    static std::vector<std::size_t> coverOnce(const std::vector<Range>& ranges, std::int64_t total,
                                              const QStringList& files, const QString& unit);
};

} // namespace marginal
