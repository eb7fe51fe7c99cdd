// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 9, the input rows: each case a careful user's worst day produced, reproduced
// here as it was found, and what must happen instead. A rejected import leaves the
// project byte for byte as it was.
#include "models/common/InputError.h"
#include "tests/support/ImportTestProject.h"

#include <QCryptographicHash>
#include <QtTest>
#include <sys/stat.h>
#include <thread>

using namespace marginal;
using marginal::test::ImportTestProject;

namespace {

const QByteArray kHeader = "customer_id,date,model,input_tokens,cached_input_tokens,cache_write_"
                           "tokens,output_tokens,requests\n";
const QByteArray kRows = "acme,2026-01-01,claude-haiku-4-5,1000,500,20,200,3\n"
                         "acme,2026-01-02,claude-haiku-4-5,1100,400,0,210,4\n"
                         "globex,2026-01-01,gpt-5,5000,0,0,900,4\n";

// A generic CSV of `rows` rows, large enough to fill a pipe's buffer many times.
QByteArray bigCsv(int rows) {
    QByteArray bytes = kHeader;
    for (int i = 0; i < rows; ++i)
        bytes += "cust-" + QByteArray::number(i % 97) + ",2026-01-" +
                 QByteArray::number(1 + i % 28).rightJustified(2, '0') + ",m" +
                 QByteArray::number(i % 3) + "," + QByteArray::number(i) + ",1,2,3,4\n";
    return bytes;
}

QString sha256(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestImportHardening : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aRepeatedHeaderColumnIsAClearError() {
        ImportTestProject p;
        p.import(p.write("good.csv", kHeader + kRows));
        const QByteArray before = p.hash();
        // The user meant the second input_tokens to be cached_input_tokens.
        const QString file =
            p.write("twice.csv", "customer_id,date,model,input_tokens,input_tokens,output_tokens\n"
                                 "acme,2026-02-01,m,100,40,5\n");
        const ImportOutcome o = p.import(file);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QVERIFY2(p.report(o, file).contains(
                     "twice.csv: line 1: expected each column once; \"input_tokens\" is column 4 "
                     "and column 5"),
                 qPrintable(p.report(o, file)));
        QCOMPARE(p.hash(), before);
        // The same in a LiteLLM export.
        const QString lite = p.write(
            "lite.csv",
            "end_user_id,date,model,prompt_tokens,completion_tokens,cache_read_input_tokens,"
            "cache_read_input_tokens,api_requests\ncust,2025-03-04,gpt-4o,10,1,2,3,1\n");
        QVERIFY(p.report(p.import(lite), lite).contains("expected each column once"));
        QCOMPARE(p.hash(), before);
    }

    void crOnlyLineEndingsAreRead() {
        // Excel's "CSV (Macintosh)": lines end with CR alone.
        ImportTestProject p;
        QByteArray mac = kHeader + kRows;
        mac.replace('\n', '\r');
        const QString file = p.write("mac.csv", mac);
        const ImportOutcome o = p.import(file);
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        QCOMPARE(o.added, std::int64_t(3));
        const std::vector<UsageRecord> rows = p.records();
        QCOMPARE(rows[0].requests, std::int64_t(3)); // the last field has no CR left in it
        QCOMPARE(rows[2].customerId, std::string("globex"));
        QCOMPARE(rows[2].sourceLine, std::int64_t(4));
        // A CR-only file's quoted field keeps its line break, and lines still count.
        ImportTestProject q;
        const QString quotedFile =
            q.write("q.csv", "customer_id,date,model,input_tokens,output_tokens,feature\r"
                             "a,2026-01-01,m,1,1,\"two\rlines\"\rb,2026-01-01,m,x,1,\r");
        const ImportOutcome bad = q.import(quotedFile);
        QVERIFY2(
            q.report(bad, quotedFile).contains("q.csv:4:input_tokens: expected a whole number"),
            qPrintable(q.report(bad, quotedFile)));
    }

    void aCustomerIdOfSpacesIsRefusedAndIdsAreTrimmed() {
        ImportTestProject p;
        const QString blank = p.write("blank.csv", kHeader + "   ,2026-01-01,m,1,0,0,1,1\n");
        const ImportOutcome o = p.import(blank);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QVERIFY2(p.report(o, blank).contains(
                     "blank.csv:2:customer_id: expected a customer id; this one is only white "
                     "space"),
                 qPrintable(p.report(o, blank)));
        // "acme " is acme: trimmed before it is stored and before duplicates are found.
        QCOMPARE(int(p.import(p.write("a.csv", kHeader + kRows)).status),
                 int(ImportOutcome::Status::Imported));
        QByteArray spaced = kRows;
        spaced.replace("acme,", "acme ,").replace("globex,", "\tglobex,");
        spaced.replace(",gpt-5,", ", gpt-5 ,");
        const ImportOutcome again = p.import(p.write("spaced.csv", kHeader + spaced));
        QCOMPARE(again.added, std::int64_t(0));
        QCOMPARE(again.duplicates, std::int64_t(3));
        ImportTestProject q;
        q.import(q.write("spaced.csv", kHeader + spaced));
        QCOMPARE(q.records()[0].customerId, std::string("acme"));
        QCOMPARE(q.records()[2].customerId, std::string("globex"));
        QCOMPARE(q.records()[2].model, std::string("gpt-5"));
    }

    void unixSecondsAndIsoDatesOfOneDayAreOneRecord() {
        // 2026-01-01 and 2026-01-02 as unix seconds (the period 0 vs 86400 case).
        QByteArray unix = kRows;
        unix.replace("2026-01-01", "1767225600").replace("2026-01-02", "1767312000");
        for (const bool isoFirst : {true, false}) {
            ImportTestProject p;
            const QByteArray first = isoFirst ? kRows : unix, second = isoFirst ? unix : kRows;
            QCOMPARE(p.import(p.write("first.csv", kHeader + first)).added, std::int64_t(3));
            const ImportOutcome o = p.import(p.write("second.csv", kHeader + second));
            QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(o.error));
            QCOMPARE(o.added, std::int64_t(0));
            QCOMPARE(o.duplicates, std::int64_t(3));
            QCOMPARE(p.store->usageCount(), std::int64_t(3));
        }
        // An instant that is not a midnight stays its own record.
        ImportTestProject p;
        p.import(p.write("day.csv", kHeader + kRows));
        QByteArray noon = kRows;
        noon.replace("2026-01-01", "1767268800"); // 12:00
        QCOMPARE(p.import(p.write("noon.csv", kHeader + noon)).added, std::int64_t(2));
    }

    void countsAboveTheDocumentedLimitAreRefused() {
        ImportTestProject p;
        p.import(p.write("good.csv", kHeader + kRows));
        const QByteArray before = p.hash();
        const QString huge =
            p.write("huge.csv", kHeader + "acme,2026-03-01,m,9223372036854775807,0,0,1,1\n");
        const ImportOutcome o = p.import(huge);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QVERIFY2(p.report(o, huge).contains("huge.csv:2:input_tokens: expected a whole number "
                                            "from 0 to 10^15"),
                 qPrintable(p.report(o, huge)));
        // Every count: one over the limit is refused, the limit itself is not.
        const QString over =
            p.write("over.csv", kHeader + "acme,2026-03-01,m,1,1000000000000001,0,1,1\n"
                                          "acme,2026-03-01,m,1,0,0,1,1000000000000001\n");
        const ImportOutcome o2 = p.import(over);
        QVERIFY(p.report(o2, over).contains("over.csv:2:cached_input_tokens: expected a whole"));
        QVERIFY(p.report(o2, over).contains("over.csv:3:requests: expected a whole"));
        QCOMPARE(p.hash(), before);
        const ImportOutcome limit = p.import(
            p.write("limit.csv", kHeader + "acme,2026-03-01,m,1000000000000000,1000000000000000,"
                                           "1000000000000000,1000000000000000,1000000000000000\n"));
        QVERIFY2(limit.status == ImportOutcome::Status::Imported, qPrintable(limit.error));
        // JSON exports too.
        const QString json =
            p.write("big.json",
                    R"({"data":[{"start_time":1767225600,"end_time":1767312000,"results":[
            {"object":"organization.usage.completions.result","input_tokens":9.3e18,
             "input_cached_tokens":0,"output_tokens":1,"num_model_requests":1,"project_id":"p"}]}]})");
        QVERIFY2(p.report(p.import(json), json)
                     .contains("input_tokens: expected a whole number "
                               "from 0 to 10^15"),
                 qPrintable(p.report(p.import(json), json)));
    }

    void datesOutsideTheDocumentedRangeAreRefusedNamingTheRow() {
        ImportTestProject p;
        p.import(p.write("good.csv", kHeader + kRows));
        const QByteArray before = p.hash();
        const QString file = p.write("far.csv", kHeader + kRows +
                                                    "acme,2200-12-15,m,1,0,0,1,1\n"
                                                    "acme,1970-01-01,m,1,0,0,1,1\n"
                                                    "acme,0,m,1,0,0,1,1\n"
                                                    "acme,2099-12-31,m,1,0,0,1,1\n"
                                                    "acme,2100-01-01,m,1,0,0,1,1\n"
                                                    "acme,1999-12-31T23:59:59Z,m,1,0,0,1,1\n"
                                                    "acme,2000-01-01,m,1,0,0,1,1\n");
        const ImportOutcome o = p.import(file);
        const QString report = p.report(o, file);
        QVERIFY2(report.contains("far.csv:5:date: expected a date from 2000-01-01 to 2099-12-31 "
                                 "(UTC), got 2200-12-15"),
                 qPrintable(report));
        QVERIFY(report.contains("far.csv:6:date: expected a date from 2000-01-01"));
        QVERIFY(report.contains("far.csv:7:date: expected a date from 2000-01-01"));
        QVERIFY(!report.contains("far.csv:8:")); // the range's last day
        QVERIFY(report.contains("far.csv:9:date: expected a date from 2000-01-01 to 2099-12-31 "
                                "(UTC), got 2100-01-01"));
        QVERIFY(report.contains("far.csv:10:date: expected a date from 2000-01-01"));
        QVERIFY(!report.contains("far.csv:11:")); // and its first
        QCOMPARE(o.rejected, std::int64_t(5));
        QCOMPARE(p.hash(), before);
    }

    void controlCharactersFromTheFileAreEscapedInMessages() {
        ImportTestProject p;
        const QString file =
            p.write("ansi.csv", kHeader + "acme,2026-01-01,m,1,0,0,\x1b[2J\x1b[31mred,1\n"
                                          "acme,2026-01-01\x07,m,1,0,0,1,1\n");
        const ImportOutcome o = p.import(file);
        const QString report = p.report(o, file);
        QVERIFY2(report.contains("ansi.csv:2:output_tokens: expected a whole number >= 0, got "
                                 "\"\\x1b[2J\\x1b[31mred\""),
                 qPrintable(report));
        QVERIFY(report.contains("got \"2026-01-01\\x07\""));
        QVERIFY(!report.contains(QChar(0x1b)) && !report.contains(QChar(0x07)));
        // A header is file content too, and so are JSON keys and values.
        const QString header = p.write("head.csv", "customer_id,\x1b]0;owned\x07,model\nx,1,m\n");
        const QString headerReport = p.report(p.import(header), header);
        QVERIFY2(headerReport.contains("\\x1b]0;owned\\x07"), qPrintable(headerReport));
        QVERIFY(!headerReport.contains(QChar(0x1b)));
        const QString events = p.write(
            "e.jsonl", "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"time\":\"soon"
                       "\\u001b[31m\",\"subject\":\"\\u001b[2J\",\"data\":{\"tokens\":1}}\n");
        QVERIFY(
            !p.report(p.import(events, {}, false, "cloudevents"), events).contains(QChar(0x1b)));
    }

    void theSameFileWithAnotherCustomerFieldIsRefused() {
        ImportTestProject p;
        const QString file =
            p.write("two.csv", "user_id,org_id,date,model,input_tokens,output_tokens\n"
                               "u1,o1,2026-01-01,m,1,1\nu2,o1,2026-01-01,m,2,1\n");
        ImportOptions byUser, byOrg;
        byUser.customerField = "user_id";
        byOrg.customerField = "org_id";
        QCOMPARE(p.import(file, byUser).added, std::int64_t(2));
        const QByteArray before = p.hash();
        const ImportOutcome o = p.import(file, byOrg);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QVERIFY2(o.error.contains("was imported before") && o.error.contains("\"user_id\"") &&
                     o.error.contains("\"org_id\"") && o.error.contains("counted twice"),
                 qPrintable(o.error));
        QCOMPARE(p.hash(), before);
        QCOMPARE(p.store->usageCount(), std::int64_t(2));
        // The same file read the same way again: every record a duplicate.
        const ImportOutcome same = p.import(file, byUser);
        QVERIFY2(same.status == ImportOutcome::Status::Imported, qPrintable(same.error));
        QCOMPARE(same.duplicates, std::int64_t(2));
        // An OpenAI export, as in the issue.
        ImportTestProject q;
        const QString openai =
            QStringLiteral(MARGINAL_TEST_DIR "/fixtures/openai_usage_two_pages.json");
        ImportOptions byProject, byKey;
        byProject.customerField = "project_id";
        byKey.customerField = "api_key_id";
        QCOMPARE(q.import(openai, byProject).added, std::int64_t(3));
        QCOMPARE(int(q.import(openai, byKey).status), int(ImportOutcome::Status::Rejected));
        QCOMPARE(q.store->usageCount(), std::int64_t(3));
    }

    void aPipeIsReadWholeAndHashedAsParsed() {
        // cat f.csv | marginal-cli import --project p /dev/stdin: a FIFO with a writer.
        ImportTestProject p;
        const QByteArray bytes = bigCsv(20000); // ~0.8 MB: many times a pipe's buffer
        const QString fifo = p.path("pipe.csv");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        std::thread writer([&] {
            QFile f(fifo);
            if (f.open(QIODevice::WriteOnly))
                f.write(bytes);
        });
        const ImportOutcome o = p.import(fifo);
        writer.join();
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, fifo)));
        QCOMPARE(o.rowsRead, std::int64_t(20000));
        QCOMPARE(o.rejected, std::int64_t(0));
        QCOMPARE(p.store->imports().back().sha256, sha256(bytes));
        // A format that reads its file twice (LiteLLM's customer-column pass).
        const QByteArray lite =
            "end_user_id,date,api_key,model,model_group,custom_llm_provider,prompt_tokens,"
            "completion_tokens,cache_read_input_tokens,cache_creation_input_tokens,spend,"
            "api_requests,successful_requests,failed_requests\n"
            "cust-a,2025-03-04,,gpt-4o,gpt-4o,openai,12000,3000,4000,1000,0.07,12,12,0\n";
        const QString fifo2 = p.path("lite.csv");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo2).constData(), 0600), 0);
        std::thread writer2([&] {
            QFile f(fifo2);
            if (f.open(QIODevice::WriteOnly))
                f.write(lite);
        });
        const ImportOutcome o2 = p.import(fifo2);
        writer2.join();
        QVERIFY2(o2.status == ImportOutcome::Status::Imported, qPrintable(p.report(o2, fifo2)));
        QCOMPARE(o2.added, std::int64_t(1));
        // A regular file's recorded hash is of its bytes too.
        const QString file = p.write("f.csv", kHeader + kRows);
        p.import(file);
        QCOMPARE(p.store->imports().back().sha256, sha256(kHeader + kRows));
    }

    void aFifoWithoutWriterCanBeCancelled() {
        ImportTestProject p;
        const QString fifo = p.path("nobody.csv");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QElapsedTimer t;
        t.start();
        const ImportOutcome o = UsageImport::run(*p.store, ImportRequest{fifo, {}, {}, false},
                                                 [&](std::int64_t, std::int64_t) {
                                                     return t.elapsed() < 300; // Ctrl+C
                                                 });
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Cancelled));
        QVERIFY(t.elapsed() < 5000);
    }

    void devicesAreRefused() {
        ImportTestProject p;
        const QByteArray before = p.hash();
        const ImportOutcome o = p.import("/dev/zero");
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QVERIFY2(o.error.contains("/dev/zero: expected a usage export (a file or a pipe); this is "
                                  "a character or block device"),
                 qPrintable(o.error));
        QVERIFY(p.import(QDir::tempPath()).error.contains("this is a directory"));
        QCOMPARE(p.hash(), before);
    }

    void repeatedJsonKeysInExportsAreRefusedWithTheirPath() {
        ImportTestProject p;
        const QString openai =
            p.write("dup.json",
                    R"({"data":[{"start_time":1767225600,"end_time":1767312000,"results":[
            {"object":"organization.usage.completions.result","input_tokens":10,"input_tokens":0,
             "input_cached_tokens":0,"output_tokens":1,"num_model_requests":1,"project_id":"p"}]}]})");
        const QString report = p.report(p.import(openai), openai);
        QVERIFY2(report.contains("dup.json: $.data[0].results[0].input_tokens: expected each key "
                                 "once in an object"),
                 qPrintable(report));
        const QString events = p.write(
            "dup.jsonl", "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"time\":"
                         "\"2026-01-01T00:00:00Z\",\"subject\":\"c\",\"data\":{\"tokens\":5,"
                         "\"tokens\":7}}\n");
        const QString eventsReport = p.report(p.import(events), events);
        QVERIFY2(eventsReport.contains("dup.jsonl:1:$.data.tokens: expected each key once"),
                 qPrintable(eventsReport));
    }
};

QTEST_GUILESS_MAIN(TestImportHardening)
#include "tst_ImportHardening.moc"
