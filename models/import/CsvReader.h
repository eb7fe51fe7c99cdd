// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A streaming CSV reader (RFC 4180 plus what real exports do): UTF-8 with or without
// BOM, comma or semicolon, quoted fields with "" escapes and embedded newlines, CRLF,
// LF or CR alone (Excel's "CSV (Macintosh)"). Reads in 1 MiB chunks, so memory stays flat whatever
// the file size, and reports the line each record starts on.
#include <QIODevice>
#include <QStringList>
#include <cstdint>
#include <string>
#include <vector>

namespace marginal {

class CsvReader {
public:
    explicit CsvReader(QIODevice& in, char delimiter = ',');

    // The first line of `head` (a file's first bytes), without a BOM or line end.
    static QByteArray firstLine(const QByteArray& head);
    // The delimiter a header line uses: ';' when it has more semicolons than commas.
    static char sniffDelimiter(const QByteArray& head);
    // The index of the first header name that repeats an earlier one, or -1: a
    // repeated column would be read from its first place only, the other one ignored.
    static int repeatedColumn(const QStringList& names);

    // Reads the next record into `fields`; false at the end of input.
    bool next(std::vector<std::string>& fields);
    std::int64_t recordLine() const { return recordLine_; } // 1-based
    std::int64_t bytesRead() const { return consumed_; }
    // True when the last record ended inside an open quote (a truncated file).
    bool unterminatedQuote() const { return unterminatedQuote_; }

private:
    bool fill();

    QIODevice& in_;
    char delimiter_;
    QByteArray buffer_;
    qsizetype pos_ = 0;
    std::int64_t consumed_ = 0;
    std::int64_t line_ = 1;
    std::int64_t recordLine_ = 0;
    bool atStart_ = true;
    bool unterminatedQuote_ = false;
};

} // namespace marginal
