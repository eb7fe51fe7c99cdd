// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The range of a share of split work (simulate --trial-range, sweep --point-range,
// sensitivity --factor-range): A:B, the items A to B - 1 counted from 0.
#include "models/common/Result.h"

#include <QStringList>
#include <cstdint>

namespace marginal {

struct ShareRange {
    std::int64_t first = 0, end = 0;

    // `flag`: "--trial-range"; `items`: "trials".
    static Result<ShareRange> parse(const QString& flag, const QString& value,
                                    const QString& items) {
        const QStringList parts = value.split(u':');
        bool okFirst = false, okEnd = false;
        ShareRange r;
        if (parts.size() == 2) {
            r.first = parts[0].toLongLong(&okFirst);
            r.end = parts[1].toLongLong(&okEnd);
        }
        if (!okFirst || !okEnd || r.first < 0 || r.end <= r.first)
            return Result<ShareRange>::failure(
                QStringLiteral("%1: expected A:B with 0 <= A < B (%2 A to B - 1, counted from "
                               "0), got \"%3\"")
                    .arg(flag, items, value));
        return r;
    }
};

} // namespace marginal
