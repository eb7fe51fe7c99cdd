// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Timestamps as usage exports write them: ISO 8601 dates ("2026-01-15"), date-times
// with Z or an offset ("2026-01-15T10:00:00Z", "2026-01-15 10:00:00+02:00", fractions
// allowed), or unix seconds ("1730419200"). Hand-written (no QDateTime per row): a
// million-row import parses a million timestamps.
#include <cstdint>
#include <optional>
#include <string_view>

namespace marginal {

struct ParsedTime {
    std::int64_t unixSeconds = 0;
    bool dateOnly = false;
};

std::optional<ParsedTime> parseTimestamp(std::string_view text);
// Days since 1970-01-01 of a civil date (proleptic Gregorian), H. Hinnant's algorithm.
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);
// UTC calendar month index of a unix time: year * 12 + (month - 1).
int monthIndexOf(std::int64_t unixSeconds);

} // namespace marginal
