// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Parsing and checking single fields of a usage export, shared by the importers.
#include <QString>
#include <cstdint>
#include <optional>
#include <string_view>

namespace marginal {

// A token or request count: digits only (no sign, no fraction), at most
// RecordRules::kMaxCount (10^15).
std::optional<std::int64_t> parseCount(std::string_view text);
// What was expected of `text`, a count parseCount() refused: "a whole number >= 0, got
// ..." or, for digits above the limit, "a whole number from 0 to 10^15 ...".
QString countExpectation(std::string_view text);
// The same for a JSON value (numbers arrive as doubles).
QString countExpectation(double value);
// A decimal number (costs): optional sign, digits, optional fraction; finite.
std::optional<double> parseDecimal(std::string_view text);
bool isValidUtf8(std::string_view text);
// `text` quoted for an error message, cut to 40 characters.
QString quoted(std::string_view text);

} // namespace marginal
