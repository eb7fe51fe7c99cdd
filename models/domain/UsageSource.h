// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How fitting and replay read usage without knowing where it is kept: a function that
// calls its argument for every usage record (a project's, or a test's vector).
#include "models/common/Cancelled.h"
#include "models/domain/UsageRecord.h"

#include <atomic>
#include <functional>

namespace marginal {

using UsageVisitor = std::function<void(const UsageRecord&)>;
using UsageSource = std::function<void(const UsageVisitor&)>;

// `source`, stopped with Cancelled (every few thousand records) once `cancel` is set;
// `source` itself when `cancel` is null.
inline UsageSource cancellable(UsageSource source, const std::atomic<bool>* cancel) {
    if (!cancel)
        return source;
    return [source = std::move(source), cancel](const UsageVisitor& visit) {
        std::int64_t seen = 0;
        source([&](const UsageRecord& r) {
            if (++seen % 4096 == 0)
                Cancelled::check(cancel);
            visit(r);
        });
        Cancelled::check(cancel);
    };
}

} // namespace marginal
