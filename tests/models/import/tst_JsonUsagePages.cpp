// SPDX-License-Identifier: GPL-3.0-or-later
// Provider usage pages read as a stream: results visited as they are read (an export
// of a million results is not held whole), in the three layouts the providers' tools
// write, with each result's JSON path, and the bucket's times whichever order its
// members come in.
#include "models/common/InputError.h"
#include "models/import/JsonUsagePages.h"

#include <QBuffer>
#include <QtTest>

using namespace marginal;

namespace {

QByteArray bucket(int start, int results, bool timesLast = false) {
    QByteArray list;
    for (int i = 0; i < results; ++i)
        list += (i ? "," : "") + QByteArray(R"({"input_tokens":)") + QByteArray::number(i) +
                R"(,"project_id":"p"})";
    const QByteArray times = QByteArray(R"("start_time":)") + QByteArray::number(start) +
                             R"(,"end_time":)" + QByteArray::number(start + 86400);
    return timesLast ? "{\"results\":[" + list + "]," + times + "}"
                     : "{" + times + ",\"results\":[" + list + "]}";
}

QByteArray page(const QByteArray& buckets) {
    return R"({"object":"page","data":[)" + buckets + R"(],"has_more":false})";
}

struct Visit {
    QString bucketPath, resultPath;
    qint64 start = 0, tokens = 0;
};

std::vector<Visit> visits(const QByteArray& json, qint64* firstVisitAt = nullptr) {
    QBuffer in;
    in.setData(json);
    in.open(QIODevice::ReadOnly);
    const JsonUsagePages pages(in, "u.json", {"start_time", "end_time"});
    std::vector<Visit> out;
    pages.forEachResult([&](const JsonNode& b, const JsonNode& r) {
        if (out.empty() && firstVisitAt)
            *firstVisitAt = in.pos();
        out.push_back(Visit{b.path(), r.path(), b["start_time"].toInt64(0, 1LL << 40),
                            r["input_tokens"].toInt64(0, 1LL << 40)});
    });
    return out;
}

QString errorOf(const QByteArray& json) {
    try {
        visits(json);
    } catch (const InputError& e) {
        return e.message();
    }
    return QString();
}

} // namespace

class TestJsonUsagePages : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void visitsResultsAsTheyAreRead() {
        const QByteArray json = page(bucket(0, 5000) + "," + bucket(86400, 5000));
        qint64 firstAt = 0;
        const std::vector<Visit> v = visits(json, &firstAt);
        QCOMPARE(int(v.size()), 10000);
        // The first result came out after one 64 KiB read of a file several times that.
        QVERIFY2(firstAt <= 65536 && json.size() > 4 * 65536,
                 qPrintable(QString("%1 of %2").arg(firstAt).arg(json.size())));
        QCOMPARE(v[5001].start, qint64(86400));
        QCOMPARE(v[5001].tokens, qint64(1));
        QCOMPARE(v[5001].resultPath, QString("$.data[1].results[1]"));
        QCOMPARE(v[5001].bucketPath, QString("$.data[1]"));
    }

    void aBucketWithItsTimesAfterItsResultsReadsTheSame() {
        const std::vector<Visit> first = visits(page(bucket(0, 3) + "," + bucket(86400, 2)));
        const std::vector<Visit> last =
            visits(page(bucket(0, 3, true) + "," + bucket(86400, 2, true)));
        QCOMPARE(int(last.size()), 5);
        for (std::size_t i = 0; i < first.size(); ++i) {
            QCOMPARE(last[i].start, first[i].start);
            QCOMPARE(last[i].tokens, first[i].tokens);
            QCOMPARE(last[i].resultPath, first[i].resultPath);
        }
    }

    void readsEveryLayoutWithItsPaths() {
        const QByteArray one = page(bucket(0, 1)), two = page(bucket(86400, 2));
        QCOMPARE(visits(one)[0].resultPath, QString("$.data[0].results[0]"));
        const std::vector<Visit> array = visits("[" + one + ",\n" + two + "]");
        QCOMPARE(int(array.size()), 3);
        QCOMPARE(array[2].resultPath, QString("$[1].data[0].results[1]"));
        const std::vector<Visit> lines = visits(one + "\n" + two + "\n\n");
        QCOMPARE(int(lines.size()), 3);
        QCOMPARE(lines[2].resultPath, QString("line 2: $.data[0].results[1]"));
        QCOMPARE(lines[2].start, qint64(86400));
    }

    void refusesWhatIsNotUsagePages() {
        QCOMPARE(errorOf(""), QString("u.json: $: expected at least one page of usage buckets"));
        QCOMPARE(errorOf("[]"), QString("u.json: $: expected at least one page of usage buckets"));
        QCOMPARE(errorOf(R"({"object":"page"})"),
                 QString("u.json: $: expected a usage page with a \"data\" array of buckets; this "
                         "object has no \"data\""));
        QCOMPARE(errorOf(R"({"data":[7]})"),
                 QString("u.json: $.data[0]: expected a bucket object, got 7"));
        QCOMPARE(errorOf(R"({"data":[{"start_time":1,"end_time":2,"results":[3]}]})"),
                 QString("u.json: $.data[0].results[0]: expected a result object, got 3"));
        QVERIFY(errorOf(R"({"data":[{"start_time":1,"end_time":2}]})")
                    .startsWith("u.json: $.data[0].results: "));
        QCOMPARE(errorOf(R"({"data":[{"start_time":1,"start_time":2,"results":[]}]})"),
                 QString("u.json: $.data[0].start_time: expected each key once in an object; this "
                         "key is repeated (JSON keeps only one of them)"));
        // A NUL byte between two pages is refused, not taken for the end of the file.
        QVERIFY(errorOf(page(bucket(0, 1)) + "\n" + QByteArray(1, '\0') + page(bucket(1, 1)))
                    .contains("invalid JSON (expected JSON text, not a NUL byte)"));
        // Something after the page (which is 125 characters long).
        QCOMPARE(errorOf(page(bucket(0, 1)) + " x"),
                 QString("u.json: line 1, column 127: invalid JSON (illegal number)"));
        QCOMPARE(errorOf("[" + page(bucket(0, 1)) + "] {}"),
                 QString("u.json: line 1, column 129: invalid JSON (expected the end of the file "
                         "after the pages)"));
    }
};

QTEST_GUILESS_MAIN(TestJsonUsagePages)
#include "tst_JsonUsagePages.moc"
