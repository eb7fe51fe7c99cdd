// SPDX-License-Identifier: GPL-3.0-or-later
// The --mapping file (docs/FILE_FORMATS.md, "Field mappings"): its forms read as
// documented, its mistakes refused with their JSON path, and a conditional mapping
// reading a long-format CSV (one row per token type), as OpenMeter's events are read.
#include "models/common/InputError.h"
#include "models/import/FieldMapping.h"
#include "models/json/JsonNode.h"
#include "tests/support/ImportTestProject.h"

#include <QtTest>

using namespace marginal;
using namespace marginal::test;

namespace {

FieldMapping parse(const QByteArray& json) {
    return FieldMapping::fromJson(JsonNode::parseBytes(json, "m.json"));
}

QString errorOf(const QByteArray& json) {
    try {
        parse(json);
    } catch (const InputError& e) {
        return e.message();
    }
    return QString();
}

} // namespace

class TestFieldMapping : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theDocumentedFormsRead() {
        const FieldMapping m = parse(R"({
            "customer_id": "acct",
            "model": {"value": "gpt-4o"},
            "total_input_tokens": "prompt",
            "output_tokens": [{"field": "tokens", "when": {"kind": "output", "tier": [1, null]}},
                              "completion"],
            "requests": {"value": 1, "when": {"kind": ["input", true]}}})");
        QCOMPARE(m.value("customer_id"), QString("acct"));
        QCOMPARE(m.cases("model").front().constant, QString("gpt-4o"));
        // total_input_tokens is input that includes cache reads and writes.
        QVERIFY(m.contains("input_tokens") && !m.contains("total_input_tokens"));
        QVERIFY(m.cases("input_tokens").front().includesCache);
        const std::vector<MappingCase>& out = m.cases("output_tokens");
        QCOMPARE(int(out.size()), 2);
        QCOMPARE(out[0].field, QString("tokens"));
        QCOMPARE(int(out[0].when.size()), 2);
        QCOMPARE(out[0].when[0].field, QString("kind"));
        QCOMPARE(out[0].when[0].values, QStringList{"output"});
        QCOMPARE(out[0].when[1].values, QStringList{"1"}); // numbers compare as their text
        QVERIFY(out[0].when[1].orAbsent);                  // null: absent or empty
        QCOMPARE(out[1].field, QString("completion"));
        QCOMPARE(m.value("output_tokens"), QString()); // not a plain mapping
        QCOMPARE(m.cases("requests").front().when.front().values, (QStringList{"input", "true"}));
        QVERIFY(m.cases("feature").empty());
        // The plain form the import wizard builds.
        const FieldMapping plain = {{"customer_id", "who"}, {"input_tokens", "in"}};
        QCOMPARE(plain.value("input_tokens"), QString("in"));
        QVERIFY(!plain.cases("input_tokens").front().includesCache);
    }

    void mistakesAreRefusedWithTheirPath_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown field") << QByteArray(R"({"inputs": "x"})")
                                       << "m.json: $.inputs: unknown member; expected one of";
        QTest::newRow("both inputs")
            << QByteArray(R"({"input_tokens": "a", "total_input_tokens": "b"})")
            << "m.json: $.total_input_tokens: expected input_tokens (uncached input) or "
               "total_input_tokens";
        QTest::newRow("field and value") << QByteArray(R"({"model": {"field": "m", "value": "x"}})")
                                         << "m.json: $.model: expected exactly one of \"field\"";
        QTest::newRow("a constant date") << QByteArray(R"({"date": {"value": "2025-01-01"}})")
                                         << "m.json: $.date.value: expected a source field: date "
                                            "cannot be a constant";
        QTest::newRow("a fractional count") << QByteArray(R"({"requests": {"value": 1.5}})")
                                            << "m.json: $.requests.value: expected a whole number";
        QTest::newRow("empty field")
            << QByteArray(R"({"model": ""})") << "m.json: $.model: expected a non-empty string";
        QTest::newRow("empty list") << QByteArray(R"({"model": []})")
                                    << "m.json: $.model: expected at least one alternative";
        QTest::newRow("empty when")
            << QByteArray(R"({"output_tokens": {"field": "t", "when": {}}})")
            << "m.json: $.output_tokens.when: expected an object of field: value(s)";
        QTest::newRow("when on an object")
            << QByteArray(R"({"output_tokens": {"field": "t", "when": {"k": {"a": 1}}}})")
            << "m.json: $.output_tokens.when.k: expected a string, number, boolean or null";
        QTest::newRow("unknown key in a case")
            << QByteArray(R"({"output_tokens": {"field": "t", "if": {"k": "v"}}})")
            << "m.json: $.output_tokens.if: unknown member";
        QTest::newRow("repeated key") << QByteArray(R"({"model": "a", "model": "b"})")
                                      << "m.json: $.model: expected each key once";
        QTest::newRow("not an object")
            << QByteArray(R"(["model"])") << "m.json: $: expected an object of canonical field";
    }

    void mistakesAreRefusedWithTheirPath() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QString error = errorOf(json);
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    void aLongFormatCsvIsReadThroughConditions() {
        // A warehouse export with one row per token type, mapped like OpenMeter's events.
        ImportTestProject p;
        const QString file = p.write("long.csv", "account,day,engine,kind,tokens,calls\n"
                                                 "acme,2025-01-31,m,input,100,1\n"
                                                 "acme,2025-01-31,m,cached,400,\n"
                                                 "acme,2025-01-31,m,output,30,\n"
                                                 "acme,2025-02-01,m,input,7,2\n");
        ImportOptions o;
        o.mapping = parse(R"({
            "customer_id": "account", "date": "day", "model": "engine",
            "input_tokens": {"field": "tokens", "when": {"kind": "input"}},
            "cached_input_tokens": {"field": "tokens", "when": {"kind": "cached"}},
            "output_tokens": {"field": "tokens", "when": {"kind": "output"}},
            "requests": "calls"})");
        ImportOutcome out = p.import(file, o);
        QVERIFY2(out.status == ImportOutcome::Status::Imported, qPrintable(p.report(out, file)));
        const TotalsByKey totals = totalsOf(p.records());
        const Totals jan = totals.at({"acme", "2025-01", "m"});
        QCOMPARE(jan.input, std::int64_t(100));
        QCOMPARE(jan.cached, std::int64_t(400));
        QCOMPARE(jan.output, std::int64_t(30));
        QCOMPARE(jan.requests, std::int64_t(1));
        QCOMPARE(totals.at({"acme", "2025-02", "m"}).requests, std::int64_t(2));
        // A kind the mapping does not name would be dropped: it is a problem instead.
        const QString other = p.write("other.csv", "account,day,engine,kind,tokens,calls\n"
                                                   "acme,2025-03-01,m,reasoning,50,1\n");
        out = p.import(other, o);
        QVERIFY2(p.report(out, other)
                     .contains("other.csv:2:kind: expected one of input, cached, output (the "
                               "values the mapping's \"when\" names), got \"reasoning\""),
                 qPrintable(p.report(out, other)));
    }

    void totalInputIsUncachedInputPlusTheCacheAndNeverLess() {
        ImportTestProject p;
        ImportOptions o;
        o.mapping = parse(R"({"customer_id": "c", "date": "d", "model": "m",
            "total_input_tokens": "prompt", "cached_input_tokens": "cached",
            "cache_write_tokens": "written", "output_tokens": "out"})");
        const QString file = p.write("t.csv", "c,d,m,prompt,cached,written,out\n"
                                              "acme,2025-01-01,m,1000,600,100,5\n");
        ImportOutcome out = p.import(file, o);
        QVERIFY2(out.status == ImportOutcome::Status::Imported, qPrintable(p.report(out, file)));
        QCOMPARE(p.records()[0].inputTokens, std::int64_t(300));
        const QString bad = p.write("bad.csv", "c,d,m,prompt,cached,written,out\n"
                                               "acme,2025-01-02,m,500,600,100,5\n");
        out = p.import(bad, o);
        QVERIFY2(p.report(out, bad).contains(
                     "bad.csv:2:cached_input_tokens + cache_write_tokens + cache_write_1h_tokens: "
                     "expected at most total_input_tokens (500; it includes cache reads and "
                     "writes), got 700"),
                 qPrintable(p.report(out, bad)));
    }

    void constantsStandForMissingColumns() {
        ImportTestProject p;
        ImportOptions o;
        o.mapping = parse(R"({"customer_id": {"value": "acme"}, "model": {"value": "gpt-4o"},
                              "requests": ["n", {"value": 1}]})");
        const QString file = p.write("c.csv", "date,input_tokens,output_tokens,n\n"
                                              "2025-01-01,10,1,\n2025-01-02,20,2,5\n");
        const ImportOutcome out = p.import(file, o);
        QVERIFY2(out.status == ImportOutcome::Status::Imported, qPrintable(p.report(out, file)));
        QCOMPARE(p.records()[0].customerId, std::string("acme"));
        QCOMPARE(p.records()[0].model, std::string("gpt-4o"));
        QCOMPARE(p.records()[0].requests, std::int64_t(1)); // empty cell: the fallback
        QCOMPARE(p.records()[1].requests, std::int64_t(5));
    }

    void aMappingNamingAMissingColumnSaysWhichColumnsThereAre() {
        ImportTestProject p;
        ImportOptions o;
        o.mapping = parse(R"({"output_tokens": {"field": "tokens", "when": {"kind": "output"}}})");
        const QString file = p.write("m.csv", "customer_id,date,model,input_tokens,tokens\n"
                                              "a,2025-01-01,m,1,2\n");
        const ImportOutcome out = p.import(file, o);
        QVERIFY2(out.error.contains("m.csv: line 1: expected a column \"kind\" (mapped to "
                                    "output_tokens); the header has: customer_id, date, model, "
                                    "input_tokens, tokens"),
                 qPrintable(out.error));
    }
};

QTEST_GUILESS_MAIN(TestFieldMapping)
#include "tst_FieldMapping.moc"
