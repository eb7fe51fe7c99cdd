#include "CsvReader.h"

namespace marginal {

CsvReader::CsvReader(QIODevice& in, char delimiter) : in_(in), delimiter_(delimiter) {}

char CsvReader::sniffDelimiter(const QByteArray& head) {
    const qsizetype end = head.indexOf('\n');
    const QByteArray firstLine = end < 0 ? head : head.left(end);
    return firstLine.count(';') > firstLine.count(',') ? ';' : ',';
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
    fields.clear();
    unterminatedQuote_ = false;
    if (!fill())
        return false;
    recordLine_ = line_;
    std::string field;
    bool quoted = false;    // inside quotes
    bool wasQuoted = false; // the field started with a quote
    for (;;) {
        if (pos_ >= buffer_.size() && !fill()) { // end of input
            unterminatedQuote_ = quoted;
            fields.push_back(std::move(field));
            return true;
        }
        const char* data = buffer_.constData();
        qsizetype size = buffer_.size();
        while (pos_ < size) {
            const char c = data[pos_++];
            if (quoted) {
                if (c == '"') {
                    if (pos_ >= size) { // the next chunk decides: "" or a closing quote
                        fill();
                        data = buffer_.constData();
                        size = buffer_.size();
                    }
                    if (pos_ < size && data[pos_] == '"') {
                        field += '"';
                        ++pos_;
                    } else {
                        quoted = false;
                    }
                    continue;
                }
                if (c == '\n')
                    ++line_;
                field += c;
                continue;
            }
            if (c == delimiter_) {
                fields.push_back(std::move(field));
                field.clear();
                wasQuoted = false;
            } else if (c == '\n') {
                ++line_;
                if (!wasQuoted && !field.empty() && field.back() == '\r')
                    field.pop_back();
                fields.push_back(std::move(field));
                return true;
            } else if (c == '\r' && wasQuoted) {
                // CR after a closing quote: part of CRLF.
            } else if (c == '"' && field.empty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field += c;
            }
        }
    }
}

} // namespace marginal
