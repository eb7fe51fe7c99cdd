// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/FieldParsing.h"
#include "models/common/PrintableText.h"

#include "models/import/RecordRules.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace marginal {

static std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::optional<std::int64_t> parseCount(std::string_view text) {
    text = trimmed(text);
    if (text.empty() || text.front() < '0' || text.front() > '9')
        return std::nullopt;
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value > RecordRules::kMaxCount)
        return std::nullopt;
    return value;
}

namespace {
const QString kLimit = QStringLiteral("a whole number from 0 to 10^15 (the limit per field, see "
                                      "docs/FILE_FORMATS.md), got %1");
}

QString countExpectation(std::string_view text) {
    const std::string_view t = trimmed(text);
    const bool digitsOnly =
        !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    return (digitsOnly ? kLimit : QStringLiteral("a whole number >= 0, got %1")).arg(quoted(text));
}

QString countExpectation(double value) {
    const QString got = QString::number(value, 'g', 17);
    return (value == std::floor(value) && value > RecordRules::kMaxCount
                ? kLimit
                : QStringLiteral("a whole number >= 0, got %1"))
        .arg(got);
}

std::optional<double> parseDecimal(std::string_view text) {
    text = trimmed(text);
    if (text.empty())
        return std::nullopt;
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool isValidUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        if (c < 0x80)
            extra = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            extra = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            extra = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            extra = 3;
        else
            return false;
        if (s.size() - i <= extra)
            return false; // truncated sequence
        for (std::size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += extra + 1;
    }
    return true;
}

QString quoted(std::string_view text) {
    QString s = QString::fromUtf8(text.data(), qsizetype(std::min<std::size_t>(text.size(), 40)));
    if (text.size() > 40)
        s += QStringLiteral("...");
    return QStringLiteral("\"%1\"").arg(printableText(s));
}

} // namespace marginal
