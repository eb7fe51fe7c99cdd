// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One usage row as importers produce it (docs/MODEL.md section 2): one customer, time
// bucket and model, token counts by class (int64, >= 0), and where it came from.
#include <cstdint>
#include <string>

namespace marginal {

struct UsageRecord {
    std::string customerId;
    std::int64_t periodStart = 0;   // unix seconds, UTC
    std::int32_t periodSeconds = 0; // bucket length: 86400 for a day, 0 for one event
    std::string model;
    std::int64_t inputTokens = 0; // uncached input
    std::int64_t cachedInputTokens = 0;
    std::int64_t cacheWriteTokens = 0;   // 5-minute TTL (or unspecified)
    std::int64_t cacheWrite1hTokens = 0; // 1-hour TTL
    std::int64_t outputTokens = 0;
    std::int64_t requests = 0;
    std::string eventId; // empty: none; re-imports are then matched by content
    std::string feature;
    double reportedCostUsd = -1.0; // < 0: not reported
    std::int64_t sourceLine = 0;   // 1-based line in the file (JSON: the bucket's index)

    std::int64_t totalTokens() const {
        return inputTokens + cachedInputTokens + cacheWriteTokens + cacheWrite1hTokens +
               outputTokens;
    }
};

} // namespace marginal
