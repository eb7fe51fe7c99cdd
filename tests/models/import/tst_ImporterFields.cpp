// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 13, the importer parts: every field each format reads is checked on a fixture
// that sets it (both cache classes, 1-hour writes, request counts apart from successful
// ones, each customer field), and one rule for impossible combinations holds in every
// importer: where a source counts input including cache reads and writes, cache parts
// above that whole reject the row, with the same message, never an input of 0.
#include "models/import/FieldMapping.h"
#include "models/json/JsonNode.h"
#include "tests/support/ImportTestProject.h"

#include <QtTest>

using namespace marginal;
using namespace marginal::test;

namespace {

const QString kFixtures = QStringLiteral(MARGINAL_TEST_DIR "/fixtures/");

ImportOptions customerField(const QString& field) {
    ImportOptions o;
    o.customerField = field;
    return o;
}

// Every stored field of a record, for comparing records whole.
QString fieldsOf(const UsageRecord& r) {
    return QStringLiteral("%1|%2|%3|%4|%5/%6/%7/%8/%9|req %10|ev %11|ft %12|cost %13|line %14")
        .arg(QString::fromStdString(r.customerId))
        .arg(r.periodStart)
        .arg(r.periodSeconds)
        .arg(QString::fromStdString(r.model))
        .arg(r.inputTokens)
        .arg(r.cachedInputTokens)
        .arg(r.cacheWriteTokens)
        .arg(r.cacheWrite1hTokens)
        .arg(r.outputTokens)
        .arg(r.requests)
        .arg(QString::fromStdString(r.eventId), QString::fromStdString(r.feature))
        .arg(r.reportedCostUsd)
        .arg(r.sourceLine);
}

QStringList fieldsOf(const std::vector<UsageRecord>& records) {
    QStringList all;
    for (const UsageRecord& r : records)
        all.append(fieldsOf(r));
    all.sort();
    return all;
}

} // namespace

class TestImporterFields : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void genericCsvReadsEveryColumn() {
        ImportTestProject p;
        const QString file = kFixtures + "generic_usage_all_fields.csv";
        const ImportOutcome o = p.import(file);
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        QCOMPARE(fieldsOf(p.records()),
                 QStringList({
                     // a date: a day bucket; 23:30 at -01:00 is 00:30 UTC the next day
                     "acme|1738281600|86400|claude-sonnet-4-5|1200/8000/1000/2000/"
                     "450|req 3|ev |ft chat|cost 0.0312|line 2",
                     "acme|1738369800|0|claude-sonnet-4-5|10/20/30/40/50|req 1|ev "
                     "evt-7|ft search, \"beta\"|cost 0.0001|line 3",
                     // unix seconds; no cost reported
                     "globex, inc|1738368000|0|gpt-4o|1416/3584/0/0/200|req 2|ev |ft "
                     "|cost -1|line 4",
                     "globex|1740787199|0|gpt-4o|1/2/3/4/5|req 6|ev evt-8|ft "
                     "chat|cost -1|line 5",
                 }));
    }

    void openAiReadsEveryFieldAndEachCustomerField_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QStringList>("customers");
        QTest::newRow("project_id") << "project_id" << QStringList{"proj_a", "proj_a", "proj_b"};
        QTest::newRow("user_id") << "user_id" << QStringList{"user_1", "user_2", "(none)"};
        QTest::newRow("api_key_id") << "api_key_id" << QStringList{"key_1", "key_1", "key_2"};
    }

    void openAiReadsEveryFieldAndEachCustomerField() {
        QFETCH(QString, field);
        QFETCH(QStringList, customers);
        ImportTestProject p;
        const QString file = kFixtures + "openai_usage_hourly_grouped.json";
        const ImportOutcome o = p.import(file, customerField(field));
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        QStringList expected = {
            // hourly buckets; input includes the cached 3,584
            customers[0] + "|1738364400|3600|gpt-4o-2024-08-06|1416/3584/0/0/200|req 4|ev |ft "
                           "|cost -1|line 1",
            // not grouped by model; a batch result
            customers[1] +
                "|1738364400|3600|unknown|700/0/0/0/70|req 1|ev |ft batch|cost -1|line 2",
            // all input cached; zero requests reported
            customers[2] + "|1738368000|3600|gpt-4o-mini-2024-07-18|0/100/0/0/10|req 0|ev |ft "
                           "|cost -1|line 3",
        };
        expected.sort();
        QCOMPARE(fieldsOf(p.records()), expected);
        ImportTestProject q;
        QVERIFY(q.import(file).error.contains(
            "several are set (project_id, user_id, api_key_id): choose one with --customer-field"));
    }

    void anthropicReadsEveryField() {
        ImportTestProject p;
        const QString file = kFixtures + "anthropic_usage_report.json";
        ImportOutcome o = p.import(file, customerField("api_key_id"));
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        QCOMPARE(fieldsOf(p.records()),
                 QStringList({
                     // uncached, 5-minute and 1-hour writes, reads, output; no request count
                     "apikey_01|1754006400|86400|claude-sonnet-4-20250514|1500/200/500/1000/"
                     "500|req 0|ev |ft standard|cost -1|line 1",
                     "apikey_01|1754092800|86400|claude-sonnet-4-20250514|10/5/0/0/7|req 0|ev "
                     "|ft standard|cost -1|line 3",
                     "apikey_02|1754006400|86400|claude-haiku-4-5|40/0/0/0/10|req 0|ev |ft "
                     "batch|cost -1|line 2",
                 }));
        ImportTestProject q;
        q.import(file, customerField("workspace_id"));
        QStringList workspaces;
        for (const UsageRecord& r : q.records())
            workspaces.append(QString::fromStdString(r.customerId));
        workspaces.sort();
        QCOMPARE(workspaces, (QStringList{"default", "wrkspc_01", "wrkspc_01"}));
    }

    void liteLlmReadsEveryColumnOfBothTables() {
        ImportTestProject p;
        const QString logs = kFixtures + "litellm_spend_logs_cache.csv";
        const ImportOutcome o = p.import(logs, customerField("end_user"));
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, logs)));
        const QStringList rows = fieldsOf(p.records());
        QVERIFY(rows.contains("cust-a|1738367999|0|claude-sonnet-4-5|1200/8000/1000/2000/450|req "
                              "1|ev chatcmpl-7f3a0c2e-0001|ft acompletion|cost 0.02685|line 2"));
        QVERIFY(rows.contains("cust-b|1739525400|0|claude-sonnet-4-5|0/0/0/0/0|req 1|ev "
                              "chatcmpl-7f3a0c2e-0003|ft acompletion|cost 0|line 4"));
        ImportTestProject q;
        const QString daily = kFixtures + "litellm_daily_end_user_spend_cache.csv";
        q.import(daily, customerField("end_user_id"));
        QVERIFY2(fieldsOf(q.records())
                     .contains("cust-a|1738281600|86400|claude-sonnet-4-5|2400/16000/6000/0/900|"
                               "req 3|ev |ft |cost 0.0537|line 2"),
                 qPrintable(fieldsOf(q.records()).join("\n")));
        // The other customer column of each table.
        ImportTestProject r;
        r.import(daily, customerField("api_key"));
        QCOMPARE(r.records().front().customerId.substr(0, 8), std::string("88dc28d0"));
    }

    // The one rule, format by format: the same case rejected with the same message
    // shape, nothing stored (and with --keep-invalid the row is kept as rejected, not
    // stored with an input of 0).
    void partsAboveTheirWholeAreRejectedByEveryImporter_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("mapping");
        QTest::addColumn<QString>("expected");
        QTest::newRow("openai")
            << "o.json"
            << QByteArray(
                   R"({"data":[{"start_time":1738368000,"end_time":1738454400,"results":[
            {"object":"organization.usage.completions.result","input_tokens":500,"input_cached_tokens":900,
             "output_tokens":1,"num_model_requests":1,"project_id":"p","model":"m"}]}]})")
            << QByteArray()
            << "o.json:$.data[0].results[0].input_cached_tokens: expected at "
               "most input_tokens (500; OpenAI's input includes cached "
               "tokens), got 900";
        QTest::newRow("litellm daily")
            << "d.csv"
            << QByteArray("end_user_id,date,model,prompt_tokens,completion_tokens,cache_read_input_"
                          "tokens,cache_creation_input_tokens,api_requests\n"
                          "c,2025-02-01,m,500,1,900,0,1\n")
            << QByteArray()
            << "d.csv:2:cache_read_input_tokens: expected at most prompt_tokens (500; LiteLLM's "
               "prompt tokens include cache reads), got 900";
        QTest::newRow("litellm spend logs")
            << "s.csv"
            << QByteArray("request_id,spend,total_tokens,prompt_tokens,completion_tokens,startTime,"
                          "model,end_user,metadata,status\n"
                          "r1,0.1,501,500,1,2025-02-01 00:00:00,m,c,\"{\"\"usage_object\"\": "
                          "{\"\"cache_read_input_tokens\"\": 900}}\",success\n")
            << QByteArray()
            << "s.csv:2:metadata.usage_object.cache_read_input_tokens: expected at most "
               "prompt_tokens (500; LiteLLM's prompt tokens include cache reads), got 900";
        QTest::newRow("litellm 1-hour writes")
            << "h.csv"
            << QByteArray("request_id,spend,total_tokens,prompt_tokens,completion_tokens,startTime,"
                          "model,end_user,metadata,status\n"
                          "r1,0.1,1001,1000,1,2025-02-01 00:00:00,m,c,\"{\"\"usage_object\"\": "
                          "{\"\"cache_creation_input_tokens\"\": 100, "
                          "\"\"cache_creation_token_details\"\": "
                          "{\"\"ephemeral_1h_input_tokens\"\": 300}}}\",success\n")
            << QByteArray()
            << "h.csv:2:metadata.usage_object.cache_creation_token_details.ephemeral_1h_input_"
               "tokens: expected at most cache_creation_input_tokens (100; the 1-hour writes are "
               "part of them), got 300";
        QTest::newRow("cloudevents prompt_tokens")
            << "e.jsonl"
            << QByteArray("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"time\":\"2025-"
                          "02-01T00:00:00Z\",\"subject\":\"c\",\"data\":{\"prompt_tokens\":500,"
                          "\"prompt_tokens_details\":{\"cached_tokens\":900},\"completion_tokens\":"
                          "1}}\n")
            << QByteArray()
            << "e.jsonl:1:cached_input_tokens + cache_write_tokens + cache_write_1h_tokens: "
               "expected at most total_input_tokens (500; it includes cache reads and writes), got "
               "900";
        QTest::newRow("csv total_input_tokens")
            << "t.csv"
            << QByteArray("customer_id,date,model,prompt,cached_input_tokens,output_tokens\n"
                          "c,2025-02-01,m,500,900,1\n")
            << QByteArray(R"({"total_input_tokens": "prompt"})")
            << "t.csv:2:cached_input_tokens + cache_write_tokens + cache_write_1h_tokens: expected "
               "at most total_input_tokens (500; it includes cache reads and writes), got 900";
    }

    void partsAboveTheirWholeAreRejectedByEveryImporter() {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, mapping);
        QFETCH(QString, expected);
        ImportTestProject p;
        const QByteArray before = p.hash();
        const QString file = p.write(name, bytes);
        ImportOptions options;
        if (!mapping.isEmpty())
            options.mapping = FieldMapping::fromJson(JsonNode::parseBytes(mapping, "m.json"));
        ImportOutcome o = p.import(file, options);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QVERIFY2(p.report(o, file).contains(expected), qPrintable(p.report(o, file)));
        QCOMPARE(p.hash(), before);
        o = p.import(file, options, true);
        QCOMPARE(o.rejected, std::int64_t(1));
        QCOMPARE(p.store->usageCount(), std::int64_t(0));
        QCOMPARE(p.store->rejectedCount(), std::int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestImporterFields)
#include "tst_ImporterFields.moc"
