// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 12 section 1a: exports as the upstream systems write them (fixtures built from
// LiteLLM's schema.prisma and spend tracking, OpenMeter's LLM token events and
// CloudEvents 1.0), checked by the totals a user would check: per token class,
// customer, month and model. Month boundaries, a failed request, quoted JSON with
// commas and quotes, exports from before and after LiteLLM v1.77 and a redelivered
// event are in them.
#include "models/common/InputError.h"
#include "tests/support/ImportTestProject.h"

#include <QtTest>

using namespace marginal;
using namespace marginal::test;

namespace {

const QString kFixtures = QStringLiteral(MARGINAL_TEST_DIR "/fixtures/");

Totals totals(std::int64_t input, std::int64_t cached, std::int64_t write5m, std::int64_t write1h,
              std::int64_t output, std::int64_t requests, std::int64_t records) {
    Totals t;
    t.input = input;
    t.cached = cached;
    t.write5m = write5m;
    t.write1h = write1h;
    t.output = output;
    t.requests = requests;
    t.records = records;
    return t;
}

QString describe(const TotalsByKey& all) {
    QString text;
    for (const auto& [key, t] : all)
        text += QStringLiteral("%1 %2 %3: in %4 cached %5 w5m %6 w1h %7 out %8 req %9 n %10\n")
                    .arg(QString::fromStdString(std::get<0>(key)), std::get<1>(key),
                         QString::fromStdString(std::get<2>(key)))
                    .arg(t.input)
                    .arg(t.cached)
                    .arg(t.write5m)
                    .arg(t.write1h)
                    .arg(t.output)
                    .arg(t.requests)
                    .arg(t.records);
    return text;
}

#define COMPARE_TOTALS(actual, expected)                                                           \
    QVERIFY2((actual) == (expected),                                                               \
             qPrintable("got\n" + describe(actual) + "expected\n" + describe(expected)))

ImportOptions customerField(const QString& field) {
    ImportOptions o;
    o.customerField = field;
    return o;
}

} // namespace

class TestUpstreamExports : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void liteLlmSpendLogsTakeCacheClassesFromMetadata() {
        ImportTestProject p;
        const QString file = kFixtures + "litellm_spend_logs_cache.csv";
        const ImportOutcome o = p.import(file, customerField("end_user"));
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        QCOMPARE(o.format, QString("litellm"));
        QCOMPARE(o.added, std::int64_t(7));
        const TotalsByKey expected = {
            // current LiteLLM, Anthropic: prompt 12,200 = 1,200 + 8,000 read + 3,000 written,
            // 2,000 of them with the 1-hour TTL; 23:59:59.999 on 31 January is January
            {{"cust-a", "2025-01", "claude-sonnet-4-5"}, totals(1200, 8000, 1000, 2000, 450, 1, 1)},
            // OpenAI style: prompt_tokens_details.cached_tokens
            {{"cust-a", "2025-02", "gpt-4o"}, totals(1416, 3584, 0, 0, 200, 1, 1)},
            // a failed request (a request, no tokens) and a pre-v1.77 row whose prompt
            // (2,300) left its 1,500 written tokens out
            {{"cust-b", "2025-02", "claude-sonnet-4-5"}, totals(300, 2000, 1500, 0, 100, 2, 2)},
            // pre-v1.77, told by total_tokens = prompt + completion + writes
            {{"cust-b", "2025-03", "claude-sonnet-4-5"}, totals(5000, 1000, 800, 0, 50, 1, 1)},
            // no model: the model group; no usage object: no cache counts
            {{"cust-c", "2025-03", "text-embedding-3-small"}, totals(64, 0, 0, 0, 0, 1, 1)},
            {{"cust-c", "2025-03", "gpt-4o"}, totals(900, 0, 0, 0, 30, 1, 1)},
        };
        COMPARE_TOTALS(totalsOf(p.records()), expected);
        for (const UsageRecord& r : p.records()) {
            if (r.eventId == "chatcmpl-7f3a0c2e-0003")
                QCOMPARE(r.reportedCostUsd, 0.0); // failed: LiteLLM bills nothing
            if (r.eventId == "chatcmpl-7f3a0c2e-0001") {
                QCOMPARE(r.reportedCostUsd, 0.02685);
                QCOMPARE(r.feature, std::string("acompletion"));
                QCOMPARE(r.periodStart, std::int64_t(1738367999)); // 2025-01-31 23:59:59 UTC
            }
            if (r.eventId == "emb-0006")
                QCOMPARE(r.feature, std::string("aembedding"));
        }
        // Re-imported: request ids find every row.
        QCOMPARE(p.import(file, customerField("end_user")).duplicates, std::int64_t(7));
        // Read with another customer column, request ids still find every row: nothing is
        // counted twice (the rows keep the customer of their first import).
        const ImportOutcome byTeam = p.import(file, customerField("team_id"));
        QCOMPARE(byTeam.added, std::int64_t(0));
        QCOMPARE(byTeam.duplicates, std::int64_t(7));
    }

    void liteLlmDailySpendCountsAllRequests() {
        ImportTestProject p;
        const QString file = kFixtures + "litellm_daily_end_user_spend_cache.csv";
        const ImportOutcome o = p.import(file, customerField("end_user_id"));
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        const TotalsByKey expected = {
            // api_requests (3), not successful_requests (2)
            {{"cust-a", "2025-01", "claude-sonnet-4-5"}, totals(2400, 16000, 6000, 0, 900, 3, 1)},
            {{"cust-a", "2025-02", "gpt-4o"}, totals(1416, 3584, 0, 0, 200, 1, 1)},
            // a day rolled up before v1.77: prompt 2,300 < reads + writes 3,500
            {{"cust-b", "2025-02", "claude-sonnet-4-5"}, totals(300, 2000, 1500, 0, 100, 4, 1)},
            {{"cust-c", "2025-03", "text-embedding-3-small"}, totals(64, 0, 0, 0, 0, 1, 1)},
        };
        COMPARE_TOTALS(totalsOf(p.records()), expected);
        QCOMPARE(p.records().front().periodSeconds, 86400);
        QCOMPARE(p.records().front().reportedCostUsd, 0.0537);
        QCOMPARE(p.import(file, customerField("end_user_id")).duplicates, std::int64_t(4));
    }

    void openMeterTokenEventsAreReadAsOpenMeterSendsThem() {
        ImportTestProject p;
        const QString file = kFixtures + "openmeter_llm_tokens.jsonl";
        const ImportOutcome o = p.import(file);
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        QCOMPARE(o.format, QString("cloudevents"));
        QCOMPARE(o.rowsRead, std::int64_t(9));
        QCOMPARE(o.duplicates, std::int64_t(1)); // run-102-output, delivered twice
        const TotalsByKey expected = {
            // input 1,200 + system prompt 300; one request, counted on its input event
            {{"customer-1", "2025-01", "gpt-4o"}, totals(1500, 0, 0, 0, 0, 1, 2)},
            // the output arrived after midnight; another run's input (a LangChain meter)
            {{"customer-1", "2025-02", "gpt-4o"}, totals(25, 0, 0, 0, 450, 1, 2)},
            // 00:30 at +01:00 on 1 February is 23:30 UTC on 31 January
            {{"customer-2", "2025-01", "gpt-4o-mini"}, totals(5000, 0, 0, 0, 800, 1, 2)},
            {{"customer-2", "2025-02", "gpt-4o-mini"}, totals(70, 0, 0, 0, 30, 1, 2)},
        };
        COMPARE_TOTALS(totalsOf(p.records()), expected);
        // The same, with the discriminator spelt out in a mapping file (the docs' example).
        ImportTestProject q;
        ImportOptions mapped;
        mapped.mapping = FieldMapping::loadFile(kFixtures + "openmeter_mapping.json");
        const ImportOutcome m = q.import(file, mapped);
        QVERIFY2(m.status == ImportOutcome::Status::Imported, qPrintable(q.report(m, file)));
        COMPARE_TOTALS(totalsOf(q.records()), expected);
    }

    void aTokenTypeNoMappingNamesIsAProblemNotADroppedEvent() {
        ImportTestProject p;
        const QString file = p.write(
            "types.jsonl",
            "{\"specversion\":\"1.0\",\"type\":\"prompt\",\"id\":\"1\",\"time\":\"2025-01-01T00:00:"
            "00Z\",\"source\":\"s\",\"subject\":\"c\",\"data\":{\"tokens\":\"10\",\"type\":"
            "\"input\"}}\n"
            "{\"specversion\":\"1.0\",\"type\":\"prompt\",\"id\":\"2\",\"time\":\"2025-01-01T00:00:"
            "00Z\",\"source\":\"s\",\"subject\":\"c\",\"data\":{\"tokens\":\"99\",\"type\":\"cache_"
            "read\"}}\n");
        const ImportOutcome o = p.import(file);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QVERIFY2(
            p.report(o, file).contains("types.jsonl:2:data.type: expected one of input, system, "
                                       "output, absent (the values the mapping's \"when\" "
                                       "names), got \"cache_read\""),
            qPrintable(p.report(o, file)));
    }

    void aMappingThatFindsNoTokensIsRefusedWithTheFieldsSeen() {
        ImportTestProject p;
        const QByteArray before = p.hash();
        const QString file = p.write(
            "meter.jsonl",
            "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"time\":\"2025-01-01T00:00:00Z"
            "\",\"subject\":\"x\",\"data\":{\"usage\":{\"in\":7,\"out\":3},\"llm\":\"m\"}}\n"
            "{\"specversion\":\"1.0\",\"id\":\"b\",\"source\":\"s\",\"time\":\"2025-01-02T00:00:00Z"
            "\",\"subject\":\"x\",\"data\":{\"usage\":{\"in\":1,\"out\":1},\"llm\":\"m\"}}\n");
        ImportOutcome o = p.import(file);
        QCOMPARE(int(o.status), int(ImportOutcome::Status::Rejected));
        QVERIFY2(
            o.error.contains("expected token counts in the events") &&
                o.error.contains("The events' data have: data.llm, data.usage.in, data.usage.out"),
            qPrintable(o.error));
        QCOMPARE(p.hash(), before);
        // A mapping that names fields the events lack: the same.
        ImportOptions wrong;
        wrong.mapping = {{"input_tokens", "data.usage.input"},
                         {"output_tokens", "data.usage.output"}};
        o = p.import(file, wrong);
        QVERIFY2(o.error.contains("at data.usage.input") && o.error.contains("data.usage.in,"),
                 qPrintable(o.error));
        // The right mapping imports them.
        ImportOptions right;
        right.mapping = {{"input_tokens", "data.usage.in"},
                         {"output_tokens", "data.usage.out"},
                         {"model", "data.llm"}};
        o = p.import(file, right);
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(o.error));
        QCOMPARE(o.added, std::int64_t(2));
    }

    void mappedCloudEventsReadEveryField() {
        ImportTestProject p;
        const QString file = kFixtures + "cloudevents_usage_all_fields.jsonl";
        ImportOptions mapped;
        mapped.mapping = FieldMapping::loadFile(kFixtures + "cloudevents_mapping_all_fields.json");
        const ImportOutcome o = p.import(file, mapped);
        QVERIFY2(o.status == ImportOutcome::Status::Imported, qPrintable(p.report(o, file)));
        const TotalsByKey expected = {
            {{"acme", "2025-03", "claude-haiku-4-5"}, totals(1000, 4000, 500, 250, 300, 2, 1)},
            {{"acme", "2025-04", "claude-haiku-4-5"}, totals(7, 0, 0, 0, 3, 1, 1)},
            // no calls field: the mapping's fallback constant
            {{"initech", "2025-04", "claude-haiku-4-5"}, totals(20, 0, 0, 0, 2, 1, 1)},
        };
        COMPARE_TOTALS(totalsOf(p.records()), expected);
        const std::vector<UsageRecord> rows = p.records();
        QCOMPARE(rows[0].feature, std::string("search"));
        QCOMPARE(rows[0].eventId, std::string("req-1")); // the mapped idempotency key
        QCOMPARE(rows[1].feature, std::string("chat"));
    }
};

QTEST_GUILESS_MAIN(TestUpstreamExports)
#include "tst_UpstreamExports.moc"
