// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Walks a JSON text of any size from a device without holding it: the structure
// (objects, arrays, keys) is stepped through here, and only the values the caller
// keeps are parsed, one at a time, by QJsonDocument. A provider's usage export of a
// million results is read this way in the memory of one result (QJsonDocument would
// hold the whole tree: about 2 GB for such a file). Errors say the line and column.
#include "models/json/JsonNode.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

namespace marginal {

class JsonStreamScanner {
public:
    struct Position {
        qint64 line = 1, column = 1;
    };

    // Reads `in` from its current position (a UTF-8 byte order mark is skipped).
    JsonStreamScanner(QIODevice& in, QString fileName);

    // The next byte after whitespace; 0 at the end of the input.
    char peek();
    // After whitespace: when the next byte is `c`, steps past it and returns true.
    bool consume(char c);
    // Steps past `c` after whitespace; throws InputError saying `what` was expected.
    void expect(char c, const QString& what);
    // A string (an object's key), decoded.
    QString readString();
    // The bytes of the next whole value, for parse(); `at` receives where it starts.
    QByteArray readValue(Position& at);
    // Steps over the next whole value, checking only its brackets and strings.
    void skipValue();
    // A value readValue() returned, parsed, its keys checked for repeats, as a node at
    // `path`; throws InputError for a syntax error, with its line and column.
    JsonNode parse(const QByteArray& raw, const Position& at, const QString& path) const;

    Position position() const { return {line_, column_}; }
    const QString& fileName() const { return fileName_; }
    [[noreturn]] void fail(const Position& at, const QString& expected) const;

private:
    bool fill(); // more bytes into the buffer; false at the end of the input
    void skipWhitespace();
    char next(); // the next byte, consumed (0 at the end)
    // Steps over bytes up to a newline or one that `stop`s (not consumed), appending
    // them to `keep` when given; false at the end of the input.
    template <typename Stop> bool skipUntil(Stop stop, QByteArray* keep);
    void scanValue(QByteArray* keep);
    void scanString(QByteArray* keep, bool quoteRead);

    QIODevice& in_;
    QString fileName_;
    QByteArray buffer_;
    qsizetype at_ = 0; // next unread byte in buffer_
    qint64 line_ = 1, column_ = 1;
};

} // namespace marginal
