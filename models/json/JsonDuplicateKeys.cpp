// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/JsonDuplicateKeys.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace marginal {

namespace {

// One open object or array, innermost last.
struct Level {
    bool object = false;
    qsizetype index = -1; // arrays: the element being read
    std::string key;      // objects: the member being read
    // Objects: the keys seen so far. Most objects have a few keys, compared in a
    // vector; a set takes over for large ones (a catalog's models).
    std::vector<std::string> few;
    std::unordered_set<std::string> many;

    bool addKey(const std::string& k) {
        if (many.empty()) {
            for (const std::string& seen : few)
                if (seen == k)
                    return false;
            few.push_back(k);
            if (few.size() > 32) {
                many.insert(few.begin(), few.end());
                few.clear();
            }
            return true;
        }
        return many.insert(k).second;
    }
};

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

class Scanner {
public:
    explicit Scanner(QByteArrayView json) : s_(json) {}

    // The string starting at the quote under pos_, decoded (escapes resolved, so "a"
    // and "\u0061" are the same key, as QJsonDocument sees them); false at bad text.
    bool readString(std::string* decoded) {
        ++pos_; // opening quote
        while (pos_ < s_.size()) {
            const char c = s_[pos_++];
            if (c == '"')
                return true;
            if (c != '\\') {
                if (decoded)
                    *decoded += c;
                continue;
            }
            if (pos_ >= s_.size())
                return false;
            const char e = s_[pos_++];
            if (e != 'u') {
                if (decoded) {
                    const char* from = "\"\\/bfnrt";
                    const char* to = "\"\\/\b\f\n\r\t";
                    const char* at = std::char_traits<char>::find(from, 8, e);
                    if (!at)
                        return false;
                    *decoded += to[at - from];
                }
                continue;
            }
            char32_t unit = 0;
            if (!hex4(&unit))
                return false;
            if (unit >= 0xD800 && unit <= 0xDBFF && pos_ + 1 < s_.size() && s_[pos_] == '\\' &&
                s_[pos_ + 1] == 'u') { // a surrogate pair
                pos_ += 2;
                char32_t low = 0;
                if (!hex4(&low))
                    return false;
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            }
            if (decoded)
                appendUtf8(*decoded, unit);
        }
        return false;
    }

    std::optional<QString> run(const QString& root) {
        std::vector<Level> levels;
        bool expectKey = false; // inside an object, before a member's key
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') {
                if (c == ',' && !levels.empty()) {
                    if (levels.back().object)
                        expectKey = true;
                    else
                        ++levels.back().index;
                }
                ++pos_;
            } else if (c == '{' || c == '[') {
                Level level;
                level.object = c == '{';
                level.index = level.object ? -1 : 0;
                levels.push_back(std::move(level));
                expectKey = c == '{';
                ++pos_;
            } else if (c == '}' || c == ']') {
                if (levels.empty())
                    return std::nullopt;
                levels.pop_back();
                expectKey = false;
                ++pos_;
            } else if (c == '"') {
                if (expectKey && !levels.empty() && levels.back().object) {
                    Level& level = levels.back();
                    level.key.clear();
                    if (!readString(&level.key))
                        return std::nullopt;
                    if (!level.addKey(level.key))
                        return pathOf(levels, root);
                    expectKey = false;
                } else if (!readString(nullptr)) {
                    return std::nullopt;
                }
            } else {
                ++pos_; // numbers, true, false, null
            }
        }
        return std::nullopt;
    }

private:
    bool hex4(char32_t* value) {
        if (pos_ + 4 > s_.size())
            return false;
        *value = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = s_[pos_++];
            *value <<= 4;
            if (h >= '0' && h <= '9')
                *value |= char32_t(h - '0');
            else if (h >= 'a' && h <= 'f')
                *value |= char32_t(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                *value |= char32_t(h - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    static QString pathOf(const std::vector<Level>& levels, const QString& root) {
        QString path = root;
        for (const Level& level : levels) {
            if (level.object)
                path += QLatin1Char('.') +
                        QString::fromUtf8(level.key.data(), qsizetype(level.key.size()));
            else
                path += QStringLiteral("[%1]").arg(level.index);
        }
        return path;
    }

    QByteArrayView s_;
    qsizetype pos_ = 0;
};

} // namespace

std::optional<QString> findDuplicateKey(QByteArrayView json, const QString& root) {
    return Scanner(json).run(root);
}

} // namespace marginal
