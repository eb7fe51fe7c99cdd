// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An eponymous, read-only SQLite virtual table, `usage_batch`, that shows the batch
// being imported as rows in dedup-key order, so one INSERT ... SELECT stores a
// whole batch. Binding 16 parameters a row cost SQLite more than the insert itself
// (about 0.4 us of 1 us); a virtual table hands values over without that overhead.
// Nothing is written to the database's schema.
#include "models/domain/UsageRecord.h"

#include <cstdint>
#include <vector>

struct sqlite3;

namespace marginal {

struct UsageBatchRow {
    const UsageRecord* record;
    std::int64_t id; // the row id, its dedup key
};

class UsageBatchTable {
public:
    // Registers the module on `db`; the table shows `rows` (owned by the caller,
    // which changes it between statements, never during one).
    static bool install(sqlite3* db, const std::vector<UsageBatchRow>* rows);

    // Column order of `usage_batch`.
    enum Column {
        Id,
        CustomerId,
        PeriodStart,
        PeriodSeconds,
        Model,
        InputTokens,
        CachedInputTokens,
        CacheWriteTokens,
        CacheWrite1hTokens,
        OutputTokens,
        Requests,
        EventId,
        Feature,
        ReportedCostUsd,
        SourceLine
    };
};

} // namespace marginal
