// SPDX-License-Identifier: GPL-3.0-or-later
// Importing usage exports into a project: every format on real-shaped files, the
// provider quirks, re-imports, and malformed input rejected with line and field while
// the project stays byte-for-byte unchanged.
#include "models/import/ImporterRegistry.h"
#include "models/import/UsageImport.h"
#include "models/project/ProjectStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <random>
#include <sqlite3.h>
#include <tuple>

using namespace marginal;

namespace {

const QString kFixtures = QStringLiteral(MARGINAL_TEST_DIR "/fixtures/");

class Project {
public:
    Project() : path_(dir_.filePath("p.marginal")) {
        store = ProjectStore::open(path_, ProjectStore::Mode::CreateIfMissing);
    }
    QString write(const QString& name, const QByteArray& bytes) {
        QFile f(dir_.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return f.fileName();
    }
    ImportOutcome import(const QString& file, ImportOptions options = {}, bool keepInvalid = false,
                         const QString& format = {}) {
        return UsageImport::run(*store,
                                ImportRequest{file, format, std::move(options), keepInvalid});
    }
    QByteArray hash() const {
        QFile f(path_);
        f.open(QIODevice::ReadOnly);
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    std::vector<UsageRecord> records() const {
        std::vector<UsageRecord> all;
        store->forEachUsage([&](const UsageRecord& r) { all.push_back(r); });
        return all;
    }
    // The rejected rows kept in the project file, as "line|field|raw" (read with
    // sqlite3 itself: a user reads them so, there is no screen for them).
    QStringList rejectedRows() const {
        sqlite3* db = nullptr;
        QStringList rows;
        if (sqlite3_open_v2(path_.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK) {
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(db, "SELECT line, field, raw FROM rejected_rows ORDER BY id", -1,
                               &st, nullptr);
            while (st && sqlite3_step(st) == SQLITE_ROW)
                rows << QStringLiteral("%1|%2|%3")
                            .arg(sqlite3_column_int64(st, 0))
                            .arg(QString::fromUtf8(
                                reinterpret_cast<const char*>(sqlite3_column_text(st, 1))))
                            .arg(QString::fromUtf8(
                                reinterpret_cast<const char*>(sqlite3_column_text(st, 2))));
            sqlite3_finalize(st);
        }
        sqlite3_close(db);
        return rows;
    }
    std::unique_ptr<ProjectStore> store;

private:
    QTemporaryDir dir_;
    QString path_;
};

const QByteArray kCsv = "customer_id,date,model,input_tokens,cached_input_tokens,cache_write_"
                        "tokens,output_tokens,requests\n"
                        "acme,2026-01-01,claude-haiku-4-5,1000,500,20,200,3\n"
                        "acme,2026-01-02,claude-haiku-4-5,1100,400,0,210,4\n"
                        "globex,2026-01-01,gpt-5,5000,0,0,900,4\n";

} // namespace

class TestUsageImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsGenericCsvAndIgnoresAReimport() {
        Project p;
        const QString file = p.write("usage.csv", kCsv);
        ImportOutcome o = p.import(file);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Imported));
        QCOMPARE(o.format, QString("csv"));
        QCOMPARE(o.added, std::int64_t(3));
        const std::vector<UsageRecord> rows = p.records();
        QCOMPARE(rows[0].customerId, std::string("acme"));
        QCOMPARE(rows[0].periodStart, std::int64_t(1767225600)); // 2026-01-01 UTC
        QCOMPARE(rows[0].periodSeconds, 86400);
        QCOMPARE(rows[0].inputTokens, std::int64_t(1000));
        QCOMPARE(rows[0].cachedInputTokens, std::int64_t(500));
        QCOMPARE(rows[0].cacheWriteTokens, std::int64_t(20));
        QCOMPARE(rows[0].requests, std::int64_t(3));
        QCOMPARE(rows[0].sourceLine, std::int64_t(2));
        // The same file again, and an overlapping export: only the new row is added.
        o = p.import(file);
        QCOMPARE(o.added, std::int64_t(0));
        QCOMPARE(o.duplicates, std::int64_t(3));
        const QString overlap =
            p.write("overlap.csv", kCsv + "globex,2026-01-02,gpt-5,10,0,0,1,1\n");
        o = p.import(overlap);
        QCOMPARE(o.added, std::int64_t(1));
        QCOMPARE(o.duplicates, std::int64_t(3));
        QCOMPARE(p.store->usageCount(), std::int64_t(4));
        // The re-import that added nothing is not in the history (nothing changed).
        QCOMPARE(int(p.store->imports().size()), 2);
    }

    void anyRowOrderStoresTheSameTable() {
        // 150,000 daily rows (three batches) in date order, and the same rows shuffled
        // with 500 of them twice and one bad row: the shuffled file goes through sorted
        // runs on disk (UsageRunSpill), merged back in row-id order. Both projects hold
        // the same records in the same order; the runs' file is gone afterwards.
        QByteArray header = "customer_id,date,model,input_tokens,output_tokens,requests\n";
        QList<QByteArray> rows;
        for (int i = 0; i < 150000; ++i)
            rows << "c" + QByteArray::number(i % 1000) + "," +
                        QDate(2025, 1, 1).addDays(i / 1000).toString(Qt::ISODate).toLatin1() +
                        (i % 3 ? ",m1," : ",m2,") + QByteArray::number(1000 + i) + "," +
                        QByteArray::number(i % 97) + ",1\n";
        Project dated, shuffled;
        const QString inOrder = dated.write("dated.csv", header + rows.join());
        QList<QByteArray> mixed = rows;
        for (int i = 0; i < 500; ++i)
            mixed << rows[i * 300];
        std::shuffle(mixed.begin(), mixed.end(), std::mt19937_64(4));
        mixed.insert(70000, "bad,2025-01-01,m1,-5,1,1\n");
        const QString outOfOrder = shuffled.write("shuffled.csv", header + mixed.join());
        QCOMPARE(dated.import(inOrder).added, std::int64_t(150000));
        const ImportOutcome o = shuffled.import(outOfOrder, {}, true);
        QCOMPARE(o.added, std::int64_t(150000));
        QCOMPARE(o.duplicates, std::int64_t(500));
        QCOMPARE(o.rejected, std::int64_t(1));
        QCOMPARE(shuffled.rejectedRows().size(), 1);
        const auto identity = [](const std::vector<UsageRecord>& records) {
            std::vector<std::tuple<std::string, std::int64_t, std::string, std::int64_t>> out;
            for (const UsageRecord& r : records)
                out.emplace_back(r.customerId, r.periodStart, r.model, r.inputTokens);
            return out;
        };
        QVERIFY(identity(dated.records()) == identity(shuffled.records()));
        QCOMPARE(QDir(QFileInfo(outOfOrder).path()).entryList({"*.import-*"}), QStringList());
        // Read again into the date-ordered project: every row is there already.
        QCOMPARE(dated.import(outOfOrder, {}, true).added, std::int64_t(0));
    }

    void readsAliasesSemicolonsQuotesBomAndCrlf() {
        Project p;
        const QString file = p.write(
            "export.csv",
            "\xEF\xBB\xBF"
            "Account_ID;Day;Model;Prompt_Tokens;Cache_Read_Input_Tokens;Completion_Tokens;Calls;"
            "Feature\r\n"
            "\"acme; inc\";1767225600;\"gpt-5\";10;5;3;1;\"chat, \"\"beta\"\"\nline two\"\r\n"
            "globex;2026-01-01T10:30:00+01:00;gpt-5;20;0;4;2;\r\n");
        const ImportOutcome o = p.import(file);
        QVERIFY2(o.status == ImportOutcome::Status::Imported,
                 qPrintable(o.error + o.problemReport(file)));
        const std::vector<UsageRecord> rows = p.records();
        QCOMPARE(int(rows.size()), 2);
        QCOMPARE(rows[0].customerId, std::string("acme; inc"));
        QCOMPARE(rows[0].feature, std::string("chat, \"beta\"\nline two"));
        QCOMPARE(rows[0].cachedInputTokens, std::int64_t(5));
        QCOMPARE(rows[0].periodSeconds, 0); // unix seconds: an instant, not a day
        QCOMPARE(rows[1].periodStart, std::int64_t(1767225600 + 9 * 3600 + 1800));
        QCOMPARE(rows[1].sourceLine, std::int64_t(4)); // the quoted newline counts
        QCOMPARE(rows[1].requests, std::int64_t(2));
    }

    void theUserChoosesTheCustomerColumn() {
        Project p;
        const QString file =
            p.write("two.csv", "user_id,org_id,date,model,input_tokens,output_tokens\n"
                               "u1,o1,2026-01-01,m,1,1\nu2,o1,2026-01-01,m,1,1\n");
        ImportOutcome o = p.import(file);
        QVERIFY2(
            o.error.contains("several fit (org_id, user_id): choose one with --customer-field") ||
                o.error.contains("several fit (user_id, org_id): choose one with --customer-field"),
            qPrintable(o.error));
        ImportOptions byOrg;
        byOrg.customerField = "org_id";
        o = p.import(file, byOrg);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Imported));
        QCOMPARE(p.records()[0].customerId, std::string("o1"));
        QCOMPARE(o.duplicates, std::int64_t(1)); // per org, the two rows are the same content
        // A mapping file names any column.
        Project q;
        const QString odd = q.write("odd.csv", "who,when,engine,in,out\nx,2026-01-01,m,5,6\n");
        ImportOptions mapped;
        mapped.mapping = {{"customer_id", "who"},
                          {"date", "when"},
                          {"model", "engine"},
                          {"input_tokens", "in"},
                          {"output_tokens", "out"}};
        o = q.import(odd, mapped);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Imported));
        QCOMPARE(q.records()[0].outputTokens, std::int64_t(6));
    }

    void malformedFilesAreRejectedWholeWithLineAndField_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray header = "customer_id,date,model,input_tokens,output_tokens\n";
        QTest::newRow("missing column")
            << QByteArray("customer_id,date,input_tokens,output_tokens\nc,2026-01-01,1,1\n")
            << "f.csv: line 1: expected columns model";
        QTest::newRow("non-numeric")
            << header + "c,2026-01-01,m,1,many\n"
            << "f.csv:2:output_tokens: expected a whole number >= 0, got \"many\"";
        QTest::newRow("negative")
            << header + "ok,2026-01-01,m,1,1\nc,2026-01-01,m,-5,1\n"
            << "f.csv:3:input_tokens: expected a whole number >= 0, got \"-5\"";
        QTest::newRow("fraction")
            << header + "c,2026-01-01,m,1.5,1\n"
            << "f.csv:2:input_tokens: expected a whole number >= 0, got \"1.5\"";
        QTest::newRow("bad date") << header + "c,2026-02-30,m,1,1\n"
                                  << "f.csv:2:date: expected a date";
        QTest::newRow("short row") << header + "c,2026-01-01,m,1\n"
                                   << "f.csv:2: expected 5 fields as in the header, got 4";
        QTest::newRow("empty customer")
            << header + ",2026-01-01,m,1,1\n"
            << "f.csv:2:customer_id: expected a value, the field is empty";
        QTest::newRow("truncated") << header + "c,2026-01-01,\"m,1,1\n"
                                   << "f.csv:2: expected a closing quote";
        QTest::newRow("latin-1") << header + "caf\xe9,2026-01-01,m,1,1\n"
                                 << "f.csv:2:customer_id: expected UTF-8 text";
        QTest::newRow("header only")
            << header << "f.csv: expected at least one usage row, found none";
        QTest::newRow("zero bytes")
            << QByteArray() << "f.csv: expected a usage export, the file is empty (0 bytes)";
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                                << "f.csv: expected a text file (CSV or JSON), this one is binary";
    }

    void malformedFilesAreRejectedWholeWithLineAndField() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        Project p;
        p.import(p.write("good.csv", kCsv));
        const QByteArray before = p.hash();
        const QString file = p.write("f.csv", bytes);
        const ImportOutcome o = p.import(file);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QString report = o.error + "\n" + o.problemReport(file);
        report.replace(QFileInfo(file).absolutePath() + "/", "");
        QVERIFY2(report.contains(expected), qPrintable(report));
        QCOMPARE(p.hash(), before);
        QCOMPARE(p.store->usageCount(), std::int64_t(3));
    }

    void keepInvalidImportsTheValidRowsAndKeepsTheRest() {
        Project p;
        const QString file =
            p.write("mixed.csv", "customer_id,date,model,input_tokens,output_tokens\n"
                                 "a,2026-01-01,m,1,1\nb,2026-01-01,m,x,1\nc,2026-01-01,m,1,1\n");
        const ImportOutcome o = p.import(file, {}, true);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Imported));
        QCOMPARE(o.added, std::int64_t(2));
        QCOMPARE(o.rejected, std::int64_t(1));
        QCOMPARE(p.store->rejectedCount(), std::int64_t(1));
        QCOMPARE(p.store->imports().back().rowsRejected, std::int64_t(1));
        // Kept with its own line (the header is line 1), the field and the row as read.
        QCOMPARE(p.rejectedRows(), QStringList{"3|input_tokens|b,2026-01-01,m,x,1"});
    }

    void manyProblemsAreListedFiftyAndCounted() {
        Project p;
        QByteArray bytes = "customer_id,date,model,input_tokens,output_tokens\n";
        for (int i = 0; i < 120; ++i)
            bytes += "c,2026-01-01,m,-1,1\n";
        const QString file = p.write("many.csv", bytes);
        const ImportOutcome o = p.import(file);
        QCOMPARE(int(o.problems.size()), 50);
        QCOMPARE(o.problemCount, std::int64_t(120));
        QVERIFY(o.problemReport(file).endsWith("... and 70 more problems\n"));
    }

    void cancelLeavesTheProjectAsItWas() {
        Project p;
        const QByteArray before = p.hash();
        QByteArray bytes = "customer_id,date,model,input_tokens,output_tokens\n";
        for (int i = 0; i < 20000; ++i)
            bytes += "c" + QByteArray::number(i) + ",2026-01-01,m,1,1\n";
        const QString file = p.write("big.csv", bytes);
        const ImportOutcome o = UsageImport::run(*p.store, ImportRequest{file, {}, {}, false},
                                                 [](std::int64_t, std::int64_t) { return false; });
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Cancelled));
        QCOMPARE(p.store->usageCount(), std::int64_t(0));
        QCOMPARE(p.hash(), before);
    }

    void openAiInputIncludesCachedTokens() {
        Project p;
        const ImportOutcome o = p.import(kFixtures + "openai_usage_two_pages.json");
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(o.error));
        QCOMPARE(o.format, QString("openai"));
        QCOMPARE(o.added, std::int64_t(3));
        const std::vector<UsageRecord> rows = p.records();
        // proj_a, first bucket: input 1000 of which 800 cached -> 200 uncached.
        QCOMPARE(rows[0].customerId, std::string("proj_a"));
        QCOMPARE(rows[0].inputTokens, std::int64_t(200));
        QCOMPARE(rows[0].cachedInputTokens, std::int64_t(800));
        QCOMPARE(rows[0].requests, std::int64_t(5));
        QCOMPARE(rows[0].periodStart, std::int64_t(1730419200));
        QCOMPARE(rows[0].periodSeconds, 86400);
        QCOMPARE(rows[2].customerId, std::string("proj_b"));
        QCOMPARE(rows[2].feature, std::string("batch"));
        // One page per line (JSON lines) reads the same and dedups against it.
        QFile f(kFixtures + "openai_usage_two_pages.json");
        f.open(QIODevice::ReadOnly);
        const QJsonArray pages = QJsonDocument::fromJson(f.readAll()).array();
        QByteArray lines;
        for (const QJsonValue& page : pages)
            lines += QJsonDocument(page.toObject()).toJson(QJsonDocument::Compact) + "\n";
        const ImportOutcome again = p.import(p.write("pages.jsonl", lines));
        QCOMPARE(again.duplicates, std::int64_t(3));
    }

    void openAiQuirks() {
        Project p;
        const QByteArray bucket =
            R"({"data":[{"start_time":1730419200,"end_time":1730505600,"results":[
            {"object":"organization.usage.completions.result","input_tokens":10,"input_cached_tokens":20,
             "output_tokens":1,"num_model_requests":1,"project_id":"p","user_id":"u","model":"m"}]}]})";
        ImportOutcome o = p.import(p.write("a.json", bucket));
        QVERIFY2(o.error.contains("several are set (project_id, user_id)"), qPrintable(o.error));
        ImportOptions byProject;
        byProject.customerField = "project_id";
        o = p.import(p.write("a.json", bucket), byProject);
        QVERIFY2(o.problemReport("a.json").contains("a.json:$.data[0].results[0].input_cached_"
                                                    "tokens: expected at most input_tokens (10"),
                 qPrintable(o.problemReport("a.json")));
        o = p.import(p.write("costs.json",
                             R"({"object":"page","data":[{"start_time":1,"end_time":2,"results":[
            {"object":"organization.costs.result","amount":{"value":0.06,"currency":"usd"}}]}]})"));
        QVERIFY(o.error.contains("this is a costs export"));
        o = p.import(p.write("cut.json", bucket.left(120)), {}, false, "openai");
        // Cut inside a string of line 2's 52 characters: the error is where the file ends.
        QVERIFY2(o.error.contains("cut.json: line 2, column 53: invalid JSON (expected the string "
                                  "from line 2, column 23 to end; the file ends here)"),
                 qPrintable(o.error));
        o = p.import(p.write("str.json", QByteArray(bucket).replace("\"output_tokens\":1",
                                                                    "\"output_tokens\":\"1\"")),
                     byProject);
        QVERIFY(o.problemReport("s").contains(
            "output_tokens: expected a whole number >= 0, got \"1\""));
    }

    void anthropicNestedCacheWrites() {
        Project p;
        ImportOptions byKey;
        byKey.customerField = "api_key_id";
        ImportOutcome o = p.import(kFixtures + "anthropic_usage_report.json");
        QVERIFY2(o.error.contains("several are set (api_key_id, workspace_id)"),
                 qPrintable(o.error));
        o = p.import(kFixtures + "anthropic_usage_report.json", byKey);
        QVERIFY2(o.status == ImportOutcome::Status::Imported,
                 qPrintable(o.error + o.problemReport("x")));
        QCOMPARE(o.format, QString("anthropic"));
        const std::vector<UsageRecord> rows = p.records();
        QCOMPARE(int(rows.size()), 3);
        QCOMPARE(rows[0].customerId, std::string("apikey_01"));
        QCOMPARE(rows[0].inputTokens, std::int64_t(1500));
        QCOMPARE(rows[0].cachedInputTokens, std::int64_t(200));
        QCOMPARE(rows[0].cacheWriteTokens, std::int64_t(500));    // 5-minute TTL
        QCOMPARE(rows[0].cacheWrite1hTokens, std::int64_t(1000)); // 1-hour TTL
        QCOMPARE(rows[0].requests, std::int64_t(0));              // not in the report
        QCOMPARE(rows[1].periodStart, std::int64_t(1754092800));  // +00:00 offset
        QCOMPARE(rows[2].cacheWriteTokens, std::int64_t(0));      // cache_creation: null
        ImportOptions byWorkspace;
        byWorkspace.customerField = "workspace_id";
        Project q;
        q.import(kFixtures + "anthropic_usage_report.json", byWorkspace);
        QCOMPARE(q.records()[0].customerId, std::string("default")); // null: the default workspace
    }

    void liteLlmSpendLogsAndDailySpend() {
        Project p;
        ImportOptions byEndUser;
        byEndUser.customerField = "end_user";
        ImportOutcome o = p.import(kFixtures + "litellm_spend_logs.csv");
        QVERIFY2(o.error.contains("several have values (end_user, team_id, api_key)"),
                 qPrintable(o.error));
        o = p.import(kFixtures + "litellm_spend_logs.csv", byEndUser);
        QVERIFY2(o.status == ImportOutcome::Status::Imported,
                 qPrintable(o.error + o.problemReport("x")));
        QCOMPARE(o.format, QString("litellm"));
        std::vector<UsageRecord> rows = p.records();
        QCOMPARE(rows[0].customerId, std::string("cust-a"));
        QCOMPARE(rows[0].eventId, std::string("chatcmpl-001"));
        QCOMPARE(rows[0].inputTokens, std::int64_t(300));
        QCOMPARE(rows[0].outputTokens, std::int64_t(50));
        QCOMPARE(rows[0].requests, std::int64_t(1));
        QCOMPARE(rows[0].reportedCostUsd, 0.00215);
        QCOMPARE(rows[0].periodStart, std::int64_t(1741083302)); // 2025-03-04 10:15:02 UTC
        // Daily end-user spend: prompt tokens include cache reads and writes.
        Project q;
        o = q.import(kFixtures + "litellm_daily_end_user_spend.csv");
        QVERIFY2(o.status == ImportOutcome::Status::Imported,
                 qPrintable(o.error + o.problemReport("x")));
        rows = q.records();
        QCOMPARE(rows[0].customerId, std::string("cust-a"));
        QCOMPARE(rows[0].inputTokens, std::int64_t(12000 - 4000 - 1000));
        QCOMPARE(rows[0].cachedInputTokens, std::int64_t(4000));
        QCOMPARE(rows[0].cacheWriteTokens, std::int64_t(1000));
        QCOMPARE(rows[0].requests, std::int64_t(12));
        QCOMPARE(rows[0].periodSeconds, 86400);
    }

    void cloudEventsWithFieldMapping() {
        Project p;
        ImportOutcome o = p.import(kFixtures + "cloudevents.jsonl");
        QVERIFY2(o.status == ImportOutcome::Status::Imported,
                 qPrintable(o.error + o.problemReport("x")));
        QCOMPARE(o.format, QString("cloudevents"));
        // The same id from another source is another event.
        QCOMPARE(o.added, std::int64_t(3));
        const std::vector<UsageRecord> rows = p.records();
        QCOMPARE(rows[0].customerId, std::string("customer-1"));
        QCOMPARE(rows[0].inputTokens + rows[1].inputTokens,
                 std::int64_t(123456 + 5));               // data.tokens
        QCOMPARE(rows[2].inputTokens, std::int64_t(900)); // a numeric string
        QCOMPARE(rows[2].outputTokens, std::int64_t(100));
        QCOMPARE(rows[2].sourceLine, std::int64_t(2));
        QCOMPARE(p.import(kFixtures + "cloudevents.jsonl").duplicates, std::int64_t(3));
        // A meter with its own field names, mapped; a bad line is reported by number.
        Project q;
        const QString file =
            q.write("meter.jsonl",
                    "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"time\":\"2024-01-"
                    "01T00:00:00Z\","
                    "\"subject\":\"x\",\"data\":{\"usage\":{\"in\":7,\"out\":3},\"llm\":\"m\"}}\n"
                    "{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"time\":\"soon\","
                    "\"subject\":\"x\"}\n"
                    "{\"specversion\":\"1.0\",\"id\":\"c\",\n");
        ImportOptions mapped;
        mapped.mapping = {{"input_tokens", "data.usage.in"},
                          {"output_tokens", "data.usage.out"},
                          {"model", "data.llm"}};
        o = q.import(file, mapped, true);
        QCOMPARE(o.added, std::int64_t(1));
        QCOMPARE(o.rejected, std::int64_t(2));
        QVERIFY2(o.problemReport("meter.jsonl")
                     .contains("meter.jsonl:2:time: expected an RFC 3339 time"),
                 qPrintable(o.problemReport("meter.jsonl")));
        QVERIFY(o.problemReport("meter.jsonl")
                    .contains("meter.jsonl:3: expected one JSON event per line"));
        QCOMPARE(q.records()[0].outputTokens, std::int64_t(3));
        QCOMPARE(q.records()[0].model, std::string("m"));
    }

    void detectsFormatsByContent() {
        QCOMPARE((*ImporterRegistry::detect(kCsv, "x.txt"))->format(), QString("csv"));
        QCOMPARE(
            (*ImporterRegistry::detect(
                 R"({"data":[{"starting_at":"x","results":[{"uncached_input_tokens":1}]}]})", "x"))
                ->format(),
            QString("anthropic"));
        QCOMPARE(
            (*ImporterRegistry::detect(
                 R"({"object":"page","data":[{"results":[{"object":"organization.usage.completions.result"}]}]})",
                 "x"))
                ->format(),
            QString("openai"));
        const auto unknown = ImporterRegistry::detect("hello world", "notes.txt");
        QVERIFY(!unknown);
        QVERIFY(unknown.error().contains("choose one with --format"));
        QVERIFY(unknown.error().contains("openai, anthropic, litellm, cloudevents, csv"));
        QVERIFY(ImporterRegistry::detect("", "empty.csv").error().contains("the file is empty"));
        QVERIFY(
            ImporterRegistry::detect(QByteArray("a\0b", 3), "x.csv").error().contains("binary"));
    }
};

QTEST_GUILESS_MAIN(TestUsageImport)
#include "tst_UsageImport.moc"
