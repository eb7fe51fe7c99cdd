// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/project/UsageBatchTable.h"

#include <sqlite3.h>

namespace marginal {

namespace {

using Rows = std::vector<UsageBatchRow>;

struct Table {
    sqlite3_vtab base{};
    const Rows* rows = nullptr;
};

struct Cursor {
    sqlite3_vtab_cursor base{};
    std::size_t at = 0;
};

const Rows& rowsOf(sqlite3_vtab_cursor* c) {
    return *reinterpret_cast<Table*>(c->pVtab)->rows;
}

int connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
    const int rc = sqlite3_declare_vtab(
        db, "CREATE TABLE x(id, customer_id, period_start, period_seconds, model, "
            "input_tokens, cached_input_tokens, cache_write_tokens, cache_write_1h_tokens, "
            "output_tokens, requests, event_id, feature, reported_cost_usd, source_line)");
    if (rc != SQLITE_OK)
        return rc;
    auto* table = new Table;
    table->rows = static_cast<const Rows*>(aux);
    *out = &table->base;
    return SQLITE_OK;
}

int disconnect(sqlite3_vtab* vtab) {
    delete reinterpret_cast<Table*>(vtab);
    return SQLITE_OK;
}

int bestIndex(sqlite3_vtab*, sqlite3_index_info* info) {
    info->estimatedCost = 1e6; // one full scan, in order
    return SQLITE_OK;
}

int open(sqlite3_vtab*, sqlite3_vtab_cursor** out) {
    *out = &(new Cursor)->base;
    return SQLITE_OK;
}

int close(sqlite3_vtab_cursor* c) {
    delete reinterpret_cast<Cursor*>(c);
    return SQLITE_OK;
}

int filter(sqlite3_vtab_cursor* c, int, const char*, int, sqlite3_value**) {
    reinterpret_cast<Cursor*>(c)->at = 0;
    return SQLITE_OK;
}

int next(sqlite3_vtab_cursor* c) {
    ++reinterpret_cast<Cursor*>(c)->at;
    return SQLITE_OK;
}

int eof(sqlite3_vtab_cursor* c) {
    return reinterpret_cast<Cursor*>(c)->at >= rowsOf(c).size();
}

void resultText(sqlite3_context* ctx, const std::string& text) {
    if (text.empty())
        sqlite3_result_null(ctx);
    else
        sqlite3_result_text(ctx, text.data(), int(text.size()), SQLITE_STATIC);
}

int column(sqlite3_vtab_cursor* c, sqlite3_context* ctx, int i) {
    const UsageBatchRow& row = rowsOf(c)[reinterpret_cast<Cursor*>(c)->at];
    const UsageRecord& r = *row.record;
    switch (UsageBatchTable::Column(i)) {
    case UsageBatchTable::Id:
        sqlite3_result_int64(ctx, row.id);
        break;
    case UsageBatchTable::CustomerId:
        resultText(ctx, r.customerId);
        break;
    case UsageBatchTable::PeriodStart:
        sqlite3_result_int64(ctx, r.periodStart);
        break;
    case UsageBatchTable::PeriodSeconds:
        sqlite3_result_int64(ctx, r.periodSeconds);
        break;
    case UsageBatchTable::Model:
        resultText(ctx, r.model);
        break;
    case UsageBatchTable::InputTokens:
        sqlite3_result_int64(ctx, r.inputTokens);
        break;
    case UsageBatchTable::CachedInputTokens:
        sqlite3_result_int64(ctx, r.cachedInputTokens);
        break;
    case UsageBatchTable::CacheWriteTokens:
        sqlite3_result_int64(ctx, r.cacheWriteTokens);
        break;
    case UsageBatchTable::CacheWrite1hTokens:
        sqlite3_result_int64(ctx, r.cacheWrite1hTokens);
        break;
    case UsageBatchTable::OutputTokens:
        sqlite3_result_int64(ctx, r.outputTokens);
        break;
    case UsageBatchTable::Requests:
        sqlite3_result_int64(ctx, r.requests);
        break;
    case UsageBatchTable::EventId:
        resultText(ctx, r.eventId);
        break;
    case UsageBatchTable::Feature:
        resultText(ctx, r.feature);
        break;
    case UsageBatchTable::ReportedCostUsd:
        if (r.reportedCostUsd >= 0.0)
            sqlite3_result_double(ctx, r.reportedCostUsd);
        else
            sqlite3_result_null(ctx);
        break;
    case UsageBatchTable::SourceLine:
        sqlite3_result_int64(ctx, r.sourceLine);
        break;
    }
    return SQLITE_OK;
}

int rowid(sqlite3_vtab_cursor* c, sqlite3_int64* out) {
    *out = sqlite3_int64(reinterpret_cast<Cursor*>(c)->at);
    return SQLITE_OK;
}

const sqlite3_module kModule = {
    /* iVersion */ 0,
    /* xCreate */ nullptr, // eponymous only: usable as `usage_batch`, never stored
    connect,
    bestIndex,
    disconnect,
    /* xDestroy */ nullptr,
    open,
    close,
    filter,
    next,
    eof,
    column,
    rowid,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr};

} // namespace

bool UsageBatchTable::install(sqlite3* db, const std::vector<UsageBatchRow>* rows) {
    return sqlite3_create_module_v2(db, "usage_batch", &kModule, const_cast<Rows*>(rows),
                                    nullptr) == SQLITE_OK;
}

} // namespace marginal
