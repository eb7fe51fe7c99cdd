// SPDX-License-Identifier: GPL-3.0-or-later
// The streaming JSON scanner: structure stepped through, kept values parsed, every
// error at the line and column where it is (a truncated export says where it ends).
#include "models/common/InputError.h"
#include "models/json/JsonStreamScanner.h"

#include <QBuffer>
#include <QtTest>

using namespace marginal;

namespace {

// What scanning `json` throws, as "file:location: message"; empty when nothing.
QString errorOf(const QByteArray& json, const std::function<void(JsonStreamScanner&)>& walk) {
    QBuffer in;
    in.setData(json);
    in.open(QIODevice::ReadOnly);
    try {
        JsonStreamScanner s(in, "f.json");
        walk(s);
    } catch (const InputError& e) {
        return e.message();
    }
    return QString();
}

void skipAll(JsonStreamScanner& s) {
    s.skipValue();
}

} // namespace

class TestJsonStreamScanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void walksAnObjectKeepingOnlyWhatItIsAsked() {
        // A byte order mark, nesting, escapes and brackets inside strings.
        QBuffer in;
        in.setData("\xEF\xBB\xBF{\"a\" : [1, {\"b\": \"x]}\\\"\"}],\n \"c\": -2.5e3, \"d\": null}");
        in.open(QIODevice::ReadOnly);
        JsonStreamScanner s(in, "f.json");
        s.expect('{', "'{'");
        QCOMPARE(s.readString(), QString("a"));
        s.expect(':', "':'");
        JsonStreamScanner::Position at;
        const QByteArray raw = s.readValue(at);
        QCOMPARE(raw, QByteArray("[1, {\"b\": \"x]}\\\"\"}]"));
        QCOMPARE(at.line, qint64(1));
        QCOMPARE(at.column, qint64(8)); // the mark is not a column
        const JsonNode node = s.parse(raw, at, "$.a");
        QCOMPARE(node.at(1)["b"].toString(), QString("x]}\""));
        QVERIFY(s.consume(','));
        QCOMPARE(s.readString(), QString("c"));
        s.expect(':', "':'");
        QCOMPARE(s.parse(s.readValue(at), at, "$.c").toNumber(), -2500.0);
        QCOMPARE(at.line, qint64(2));
        QVERIFY(s.consume(','));
        QCOMPARE(s.readString(), QString("d"));
        s.expect(':', "':'");
        s.skipValue();
        QVERIFY(!s.consume(','));
        s.expect('}', "'}'");
        QCOMPARE(s.peek(), '\0');
    }

    void saysWhereTheTextIsWrong() {
        // Cut inside a string: where the file ends, and where the string began.
        QCOMPARE(errorOf("{\"a\":\n  \"unfinished", skipAll),
                 QString("f.json: line 2, column 14: invalid JSON (expected the string from line "
                         "2, column 3 to end; the file ends here)"));
        QCOMPARE(errorOf("[1, [2, 3]", skipAll),
                 QString("f.json: line 1, column 11: invalid JSON (expected the array from line 1, "
                         "column 1 to be closed; the file ends here)"));
        QCOMPARE(errorOf("{\"a\": [1}", skipAll),
                 QString("f.json: line 1, column 9: invalid JSON (expected ']' here)"));
        // A syntax error inside a kept value, at its place in the file (QJsonDocument
        // places it just past the bad token: "tru" is at columns 9-11 of line 2).
        QCOMPARE(errorOf("{\"a\":\n  {\"b\": tru}}",
                         [](JsonStreamScanner& s) {
                             s.expect('{', "'{'");
                             s.readString();
                             s.expect(':', "':'");
                             JsonStreamScanner::Position at;
                             const QByteArray raw = s.readValue(at);
                             s.parse(raw, at, "$.a");
                         }),
                 QString("f.json: line 2, column 13: invalid JSON (illegal value)"));
        // A key given twice inside a kept value, by its path.
        QCOMPARE(
            errorOf("{\"x\": 1, \"x\": 2}",
                    [](JsonStreamScanner& s) {
                        JsonStreamScanner::Position at;
                        const QByteArray raw = s.readValue(at);
                        s.parse(raw, at, "$.data[3].results[0]");
                    }),
            QString("f.json: $.data[3].results[0].x: expected each key once in an object; this "
                    "key is repeated (JSON keeps only one of them)"));
        QCOMPARE(errorOf("   ", skipAll),
                 QString("f.json: line 1, column 4: invalid JSON (expected a value; the file ends "
                         "here)"));
        QCOMPARE(
            errorOf("{",
                    [](JsonStreamScanner& s) {
                        s.expect('{', "'{'");
                        s.expect('}', "'}'");
                    }),
            QString("f.json: line 1, column 2: invalid JSON (expected '}'; the file ends here)"));
    }

    void readsPastItsBufferWithoutLosingItsPlace() {
        // Values and lines that straddle the 64 KiB reads.
        QByteArray json = "[";
        for (int i = 0; i < 20000; ++i)
            json += (i ? ",\n" : "") + QByteArray("{\"i\": ") + QByteArray::number(i) +
                    ", \"s\": \"" + QByteArray(i % 7, 'x') + "\"}";
        json += "]";
        QBuffer in;
        in.setData(json);
        in.open(QIODevice::ReadOnly);
        JsonStreamScanner s(in, "f.json");
        s.expect('[', "'['");
        int count = 0;
        do {
            JsonStreamScanner::Position at;
            const QByteArray raw = s.readValue(at);
            QCOMPARE(at.line, qint64(count + 1));
            const JsonNode n = s.parse(raw, at, "$");
            QCOMPARE(n["i"].toInt(0, 1 << 30), count);
            QCOMPARE(n["s"].value().toString().size(), count % 7);
            ++count;
        } while (s.consume(','));
        s.expect(']', "']'");
        QCOMPARE(count, 20000);
        QVERIFY(json.size() > 5 * 65536);
    }
};

QTEST_GUILESS_MAIN(TestJsonStreamScanner)
#include "tst_JsonStreamScanner.moc"
