#pragma once
// Parsing and checking single fields of a usage export, shared by the importers.
#include <QString>
#include <cstdint>
#include <optional>
#include <string_view>

namespace marginal {

// A token or request count: digits only (no sign, no fraction), fitting int64.
std::optional<std::int64_t> parseCount(std::string_view text);
// A decimal number (costs): optional sign, digits, optional fraction.
std::optional<double> parseDecimal(std::string_view text);
bool isValidUtf8(std::string_view text);
// `text` quoted for an error message, cut to 40 characters.
QString quoted(std::string_view text);

} // namespace marginal
