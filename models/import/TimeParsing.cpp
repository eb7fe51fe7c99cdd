// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/TimeParsing.h"

namespace marginal {

std::int64_t daysFromCivil(int year, unsigned month, unsigned day) {
    year -= month <= 2;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yoe = unsigned(year - era * 400);
    const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t(era) * 146097 + std::int64_t(doe) - 719468;
}

int monthIndexOf(std::int64_t unixSeconds) {
    std::int64_t days = unixSeconds >= 0 ? unixSeconds / 86400 : (unixSeconds - 86399) / 86400;
    // Civil from days (Hinnant).
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = std::int64_t(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return int((y + (m <= 2)) * 12 + (m - 1));
}

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t count, int& value) {
    if (at + count > s.size())
        return false;
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

bool validDate(int y, int m, int d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    // Any four-digit year parses; whether the date is plausible for usage is the
    // import's documented range (RecordRules), which names the row.
    if (y < 1000 || m < 1 || m > 12 || d < 1)
        return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

} // namespace

std::optional<ParsedTime> parseTimestamp(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    if (s.empty())
        return std::nullopt;
    // Unix seconds: digits, optionally a fraction.
    if (s.size() <= 12 && s.find('-') == std::string_view::npos) {
        std::int64_t v = 0;
        std::size_t i = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
            v = v * 10 + (s[i] - '0');
        if (i == 0)
            return std::nullopt;
        if (i < s.size()) {
            if (s[i] != '.')
                return std::nullopt;
            for (std::size_t j = i + 1; j < s.size(); ++j)
                if (s[j] < '0' || s[j] > '9')
                    return std::nullopt;
        }
        if (v > 7258118400) // 2200-01-01: milliseconds or garbage, not seconds
            return std::nullopt;
        return ParsedTime{v, false};
    }
    int y, m, d;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
        !digits(s, 8, 2, d) || !validDate(y, m, d))
        return std::nullopt;
    const std::int64_t day = daysFromCivil(y, unsigned(m), unsigned(d)) * 86400;
    if (s.size() == 10)
        return ParsedTime{day, true};
    if (s[10] != 'T' && s[10] != ' ' && s[10] != 't')
        return std::nullopt;
    int hh, mm, ss = 0;
    if (!digits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, mm) ||
        hh > 23 || mm > 59)
        return std::nullopt;
    std::size_t i = 16;
    if (i < s.size() && s[i] == ':') {
        if (!digits(s, i + 1, 2, ss) || ss > 60)
            return std::nullopt;
        i += 3;
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
            ++i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9')
                ++i;
        }
    }
    std::int64_t offset = 0;
    if (i < s.size()) {
        if (s[i] == 'Z' || s[i] == 'z') {
            ++i;
        } else if (s[i] == '+' || s[i] == '-') {
            int oh, om = 0;
            const std::size_t rest = s.size() - i - 1;
            if (!digits(s, i + 1, 2, oh) || oh > 23)
                return std::nullopt;
            if (rest == 5 && s[i + 3] == ':') {
                if (!digits(s, i + 4, 2, om))
                    return std::nullopt;
            } else if (rest == 4) {
                if (!digits(s, i + 3, 2, om))
                    return std::nullopt;
            } else if (rest != 2) {
                return std::nullopt;
            }
            offset = (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
            i = s.size();
        }
        if (i != s.size())
            return std::nullopt;
    }
    return ParsedTime{day + hh * 3600 + mm * 60 + ss - offset, false};
}

} // namespace marginal
