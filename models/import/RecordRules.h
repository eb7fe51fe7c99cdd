// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The rules every importer applies to the records it makes, the same way for every
// format (docs/FILE_FORMATS.md, "Limits and normalisation"):
//  * ids are trimmed: customer, model and event id lose surrounding white space, so
//    "acme " and "acme" are one customer; a customer id of only spaces is refused;
//  * every count (each token class, requests) is at most kMaxCount;
//  * the period starts on or after 2000-01-01 and before 2100-01-01 (UTC);
//  * a reported cost is finite and at most kMaxCostUsd;
//  * where the source counts input tokens including cache reads and writes (OpenAI's
//    input_tokens, LiteLLM's prompt_tokens, a mapped total_input_tokens), the cache
//    parts may not exceed that whole: such a row is rejected, never clamped to 0.
#include "models/import/UsageImporter.h"

#include <optional>
#include <string>
#include <vector>

namespace marginal {

// Where a record came from, for the problems reported about it.
struct RecordOrigin {
    std::int64_t line = 0;
    QString location;      // JSON path of the record, for JSON sources
    QString customerField; // the source's name of the customer field
    QString dateField;     // and of the period start (JSON: a path of its own, "$...")
    // The row, for the rejected-rows table: a CSV row's fields (joined only when a
    // problem is reported), or the text.
    const std::vector<std::string>* csvRow = nullptr;
    QString raw;
};

class RecordRules {
public:
    // 10^15 tokens (or requests) in one field of one record. The largest providers
    // serve about that many tokens in a month across all their customers, so a real
    // record stays orders of magnitude below it; and a record's five token classes
    // then total at most 5 x 10^15 < 2^53, exact as an int64 and as a double, and sums
    // of up to 10^9 such records stay far inside a double's range.
    static constexpr std::int64_t kMaxCount = 1'000'000'000'000'000;
    static constexpr double kMaxCostUsd = 1e9;
    // 2000-01-01 and 2100-01-01 00:00:00 UTC. Usage before 2000 is a unit error (unix
    // seconds 0, milliseconds read as seconds); a date past 2100 is a typo. Either
    // would stretch every monthly series (cohort fits, replay) across centuries.
    static constexpr std::int64_t kEarliestStart = 946684800;
    static constexpr std::int64_t kLatestStart = 4102444800; // exclusive

    // A problem about `field` of the record from `origin`: CSV sources name the field
    // beside the line, JSON sources extend the record's path with it.
    static ImportProblem problemAt(const RecordOrigin& origin, const QString& field,
                                   const QString& expected);

    // True when `r` meets the rules as it is (nothing to trim, nothing out of range):
    // the check of almost every record, inline, so an importer builds a RecordOrigin
    // only for a record that needs accept().
    static bool isClean(const UsageRecord& r) {
        const auto trimmed = [](const std::string& s) {
            const auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
            return s.empty() || (!space(s.front()) && !space(s.back()));
        };
        const auto counted = [](std::int64_t v) { return v >= 0 && v <= kMaxCount; };
        return !r.customerId.empty() && !r.model.empty() && trimmed(r.customerId) &&
               trimmed(r.model) && trimmed(r.eventId) && r.periodStart >= kEarliestStart &&
               r.periodStart < kLatestStart && counted(r.inputTokens) &&
               counted(r.cachedInputTokens) && counted(r.cacheWriteTokens) &&
               counted(r.cacheWrite1hTokens) && counted(r.outputTokens) && counted(r.requests) &&
               r.reportedCostUsd <= kMaxCostUsd; // false for NaN
    }

    // Normalises `r` (trims its ids) and checks it against the rules above; reports
    // every problem to `sink`. True when `r` may be stored.
    static bool accept(UsageRecord& r, const RecordOrigin& origin, UsageSink& sink);

    // The one rule for impossible combinations: `whole` counts input including the
    // cache `parts` (reads and writes). Returns whole - parts, or reports
    // "<partsName>: expected at most <wholeName> (<whole><why>), got <parts>" and
    // returns nullopt.
    static std::optional<std::int64_t> uncachedInput(std::int64_t whole, std::int64_t parts,
                                                     const QString& wholeName,
                                                     const QString& partsName, const QString& why,
                                                     const RecordOrigin& origin, UsageSink& sink);
};

} // namespace marginal
