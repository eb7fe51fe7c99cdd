// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/JsonStreamScanner.h"
#include "models/common/InputError.h"
#include "models/json/JsonDuplicateKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <vector>

namespace marginal {

namespace {

constexpr qint64 kChunkBytes = 1 << 16;

bool isWhitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

JsonStreamScanner::JsonStreamScanner(QIODevice& in, QString fileName)
    : in_(in), fileName_(std::move(fileName)) {
    fill();
    if (buffer_.startsWith("\xEF\xBB\xBF"))
        at_ = 3;
}

bool JsonStreamScanner::fill() {
    buffer_.remove(0, at_);
    at_ = 0;
    const qsizetype had = buffer_.size();
    buffer_.resize(had + kChunkBytes);
    const qint64 n = in_.read(buffer_.data() + had, kChunkBytes);
    buffer_.resize(had + std::max<qint64>(n, 0));
    if (n < 0)
        throw InputError(fileName_, QString(),
                         QStringLiteral("cannot read: %1").arg(in_.errorString()));
    return n > 0;
}

char JsonStreamScanner::next() {
    if (at_ == buffer_.size() && !fill())
        return 0;
    const char c = buffer_[at_++];
    if (c == '\n') {
        ++line_;
        column_ = 1;
    } else {
        ++column_;
    }
    return c;
}

void JsonStreamScanner::skipWhitespace() {
    for (;;) {
        if (at_ == buffer_.size() && !fill())
            return;
        if (!isWhitespace(buffer_[at_]))
            return;
        next();
    }
}

char JsonStreamScanner::peek() {
    skipWhitespace();
    if (at_ == buffer_.size())
        return 0;
    // 0 means the end of the input: a NUL byte in it is refused, not taken for the end.
    if (buffer_[at_] == '\0')
        fail(position(), QStringLiteral("JSON text, not a NUL byte"));
    return buffer_[at_];
}

bool JsonStreamScanner::consume(char c) {
    if (peek() != c)
        return false;
    next();
    return true;
}

void JsonStreamScanner::fail(const Position& at, const QString& expected) const {
    throw InputError(fileName_, QStringLiteral("line %1, column %2").arg(at.line).arg(at.column),
                     QStringLiteral("invalid JSON (expected %1)").arg(expected));
}

void JsonStreamScanner::expect(char c, const QString& what) {
    if (!consume(c))
        fail(position(), peek() == 0 ? what + QStringLiteral("; the file ends here") : what);
}

template <typename Stop> bool JsonStreamScanner::skipUntil(Stop stop, QByteArray* keep) {
    for (;;) {
        if (at_ == buffer_.size() && !fill())
            return false;
        const char* begin = buffer_.constData() + at_;
        const char* end = buffer_.constData() + buffer_.size();
        const char* p = begin;
        while (p != end && *p != '\n' && !stop(*p))
            ++p;
        if (keep)
            keep->append(begin, p - begin);
        at_ += p - begin;
        column_ += p - begin;
        if (p != end)
            return true;
    }
}

void JsonStreamScanner::scanString(QByteArray* keep, bool quoteRead) {
    const Position start =
        quoteRead ? Position{line_, column_ - 1} : position(); // (a quote is not a newline)
    if (!quoteRead && next() != '"')
        fail(start, QStringLiteral("a string"));
    if (keep)
        keep->append('"');
    for (;;) {
        skipUntil([](char b) { return b == '"' || b == '\\'; }, keep);
        const char c = next();
        if (c == 0)
            fail(position(), QStringLiteral("the string from line %1, column %2 to end; the "
                                            "file ends here")
                                 .arg(start.line)
                                 .arg(start.column));
        if (keep)
            keep->append(c);
        if (c == '"')
            return;
        if (c == '\\') {
            const char escaped = next();
            if (keep && escaped != 0)
                keep->append(escaped);
        }
    }
}

void JsonStreamScanner::scanValue(QByteArray* keep) {
    const Position start = position();
    const char first = peek();
    if (first == '"')
        return scanString(keep, false);
    if (first != '{' && first != '[') {
        // A number, true, false or null: up to the next delimiter (parse() checks it).
        skipUntil(
            [](char b) { return b == ',' || b == '}' || b == ']' || b == ':' || isWhitespace(b); },
            keep);
        if (position().column == start.column && position().line == start.line)
            fail(start, first == 0 ? QStringLiteral("a value; the file ends here")
                                   : QStringLiteral("a value"));
        return;
    }
    std::vector<char> closers; // of the brackets open, innermost last
    for (;;) {
        // Whitespace kept, so that parse() can place an error by its column.
        skipUntil([](char b) { return b == '"' || b == '{' || b == '[' || b == '}' || b == ']'; },
                  keep);
        const char c = next();
        if (c == '"') {
            scanString(keep, true);
            continue;
        }
        if (c == 0)
            fail(position(),
                 QStringLiteral("the %1 from line %2, column %3 to be closed; the "
                                "file ends here")
                     .arg(first == '{' ? QStringLiteral("object") : QStringLiteral("array"))
                     .arg(start.line)
                     .arg(start.column));
        if (keep)
            keep->append(c);
        if (c == '{' || c == '[') {
            closers.push_back(c == '{' ? '}' : ']');
        } else if (c == '}' || c == ']') {
            if (closers.empty() || closers.back() != c)
                fail(Position{line_, column_ - 1},
                     QStringLiteral("'%1' here").arg(closers.empty() ? c : closers.back()));
            closers.pop_back();
            if (closers.empty())
                return;
        }
    }
}

QString JsonStreamScanner::readString() {
    Position at;
    skipWhitespace();
    at = position();
    QByteArray raw;
    if (peek() != '"')
        fail(at, QStringLiteral("a string key"));
    scanString(&raw, false);
    return parse(raw, at, QStringLiteral("$")).value().toString();
}

QByteArray JsonStreamScanner::readValue(Position& at) {
    skipWhitespace();
    at = position();
    QByteArray raw;
    scanValue(&raw);
    return raw;
}

void JsonStreamScanner::skipValue() {
    skipWhitespace();
    scanValue(nullptr);
}

JsonNode JsonStreamScanner::parse(const QByteArray& raw, const Position& at,
                                  const QString& path) const {
    // In an array, so that a bare number or string parses too.
    QJsonParseError error{};
    QByteArray wrapped;
    wrapped.reserve(raw.size() + 2);
    wrapped.append('[').append(raw).append(']');
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError) {
        const qsizetype offset = std::clamp<qsizetype>(error.offset - 1, 0, raw.size());
        const qsizetype lines = raw.left(offset).count('\n');
        const qsizetype lineStart = raw.lastIndexOf('\n', offset - 1) + 1;
        const qint64 column = lines == 0 ? at.column + offset : offset - lineStart + 1;
        throw InputError(fileName_,
                         QStringLiteral("line %1, column %2").arg(at.line + lines).arg(column),
                         QStringLiteral("invalid JSON (%1)").arg(error.errorString()));
    }
    if (const std::optional<QString> twice = findDuplicateKey(raw, path))
        throw InputError(fileName_, *twice,
                         QStringLiteral("expected each key once in an object; this key is "
                                        "repeated (JSON keeps only one of them)"));
    return JsonNode(doc.array().at(0), path, fileName_);
}

} // namespace marginal
