// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/CsvReader.h"

namespace marginal {

CsvReader::CsvReader(QIODevice& in, char delimiter) : in_(in), delimiter_(delimiter) {}

QByteArray CsvReader::firstLine(const QByteArray& head) {
    const qsizetype from = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    qsizetype end = from;
    while (end < head.size() && head[end] != '\n' && head[end] != '\r')
        ++end;
    return head.mid(from, end - from);
}

char CsvReader::sniffDelimiter(const QByteArray& head) {
    const QByteArray header = firstLine(head);
    return header.count(';') > header.count(',') ? ';' : ',';
}

int CsvReader::repeatedColumn(const QStringList& names) {
    for (int i = 1; i < names.size(); ++i)
        if (names.indexOf(names[i]) < i)
            return i;
    return -1;
}

bool CsvReader::fill() {
    if (pos_ < buffer_.size())
        return true;
    consumed_ += buffer_.size();
    buffer_ = in_.read(1 << 20);
    pos_ = 0;
    if (atStart_ && buffer_.startsWith("\xEF\xBB\xBF"))
        pos_ = 3;
    atStart_ = false;
    return pos_ < buffer_.size();
}

bool CsvReader::next(std::vector<std::string>& fields) {
    unterminatedQuote_ = false;
    if (!fill()) {
        fields.clear();
        return false;
    }
    recordLine_ = line_;
    // Field strings are reused from call to call: their buffers are kept, so a long
    // import allocates nothing per field.
    std::size_t count = 0;
    const auto startField = [&]() -> std::string& {
        if (count == fields.size())
            fields.emplace_back();
        std::string& f = fields[count++];
        f.clear();
        return f;
    };
    std::string* field = &startField();
    bool quoted = false;    // inside quotes
    bool wasQuoted = false; // the field started with a quote
    for (;;) {
        if (pos_ >= buffer_.size() && !fill()) { // end of input
            unterminatedQuote_ = quoted;
            fields.resize(count);
            return true;
        }
        const char* data = buffer_.constData();
        const qsizetype size = buffer_.size();
        // Copy the run of ordinary characters in one go.
        const qsizetype start = pos_;
        if (quoted) {
            while (pos_ < size && data[pos_] != '"' && data[pos_] != '\n' && data[pos_] != '\r')
                ++pos_;
        } else {
            while (pos_ < size) {
                const char c = data[pos_];
                if (c == delimiter_ || c == '\n' || c == '"' || c == '\r')
                    break;
                ++pos_;
            }
        }
        field->append(data + start, std::size_t(pos_ - start));
        if (pos_ >= size)
            continue;
        const char c = data[pos_++];
        if (quoted) {
            if (c == '\n') {
                ++line_;
                field->push_back(c);
                continue;
            }
            if (c == '\r') { // kept; a lone CR counts as a line (a CRLF's LF counts)
                field->push_back(c);
                if (pos_ >= size)
                    fill();
                if (pos_ >= buffer_.size() || buffer_.constData()[pos_] != '\n')
                    ++line_;
                continue;
            }
            // A quote: the next character decides between "" and a closing quote.
            if (pos_ >= size)
                fill();
            if (pos_ < buffer_.size() && buffer_.constData()[pos_] == '"') {
                field->push_back('"');
                ++pos_;
            } else {
                quoted = false;
            }
            continue;
        }
        if (c == delimiter_) {
            field = &startField();
            wasQuoted = false;
        } else if (c == '\n') {
            ++line_;
            fields.resize(count);
            return true;
        } else if (c == '\r') {
            // CRLF, or a CR alone: the line end of Excel's "CSV (Macintosh)" and of
            // old Mac files.
            if (pos_ >= size)
                fill();
            if (pos_ < buffer_.size() && buffer_.constData()[pos_] == '\n')
                ++pos_;
            ++line_;
            fields.resize(count);
            return true;
        } else if (c == '"' && field->empty() && !wasQuoted) {
            quoted = true;
            wasQuoted = true;
        } else {
            field->push_back(c);
        }
    }
}

} // namespace marginal
