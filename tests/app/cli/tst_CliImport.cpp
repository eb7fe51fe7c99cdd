// SPDX-License-Identifier: GPL-3.0-or-later
// marginal-cli import end to end, as users run it: from a pipe (/dev/stdin), with a
// --mapping file, and the exit status and message of a refused re-import.
#include "tests/app/cli/CliRunner.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>

namespace {

const QString kFixtures = QStringLiteral(MARGINAL_TEST_DIR "/fixtures/");

// `cat file | marginal-cli args...`
CliRun cliFromPipe(const QStringList& args, const QByteArray& input) {
    QProcess p;
    p.start(QStringLiteral(MARGINAL_CLI), args);
    p.waitForStarted();
    for (qsizetype at = 0; at < input.size(); at += 1 << 16) { // as a slow writer would
        p.write(input.mid(at, 1 << 16));
        p.waitForBytesWritten(-1);
    }
    p.closeWriteChannel();
    p.waitForFinished(300000);
    return CliRun{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                  QString::fromUtf8(p.readAllStandardOutput()),
                  QString::fromUtf8(p.readAllStandardError())};
}

// One number from the project: sqlite3 is how a user would look.
qint64 scalar(const QString& project, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(QFile::encodeName(project).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    const qint64 v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

} // namespace

class TestCliImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsFromAPipeWhole() {
        QTemporaryDir dir;
        QByteArray csv = "customer_id,date,model,input_tokens,output_tokens,requests\n";
        for (int i = 0; i < 30000; ++i)
            csv += "c" + QByteArray::number(i % 50) + ",2026-01-" +
                   QByteArray::number(1 + i % 28).rightJustified(2, '0') + ",m," +
                   QByteArray::number(i) + ",1,1\n";
        const QString project = dir.filePath("p.marginal");
        const CliRun r =
            cliFromPipe({"import", "--project", project, "--quiet", "/dev/stdin"}, csv);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("30000 records read, 30000 added"), qPrintable(r.out));
        QCOMPARE(scalar(project, "SELECT sum(input_tokens) FROM usage"), qint64(30000) * 29999 / 2);
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(csv, QCryptographicHash::Sha256).toHex());
        sqlite3* db = nullptr;
        sqlite3_open_v2(QFile::encodeName(project).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "SELECT file_sha256 FROM imports", -1, &s, nullptr);
        QCOMPARE(sqlite3_step(s), SQLITE_ROW);
        QCOMPARE(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))), sha);
        sqlite3_finalize(s);
        sqlite3_close(db);
        // Piped again: the same bytes, all duplicates.
        const CliRun again =
            cliFromPipe({"import", "--project", project, "--quiet", "/dev/stdin"}, csv);
        QVERIFY2(again.out.contains("0 added, 30000 duplicates"), qPrintable(again.out));
    }

    void importsWithAMappingFile() {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.marginal");
        const CliRun r = cli({"import", "--project", project, "--quiet", "--mapping",
                              kFixtures + "cloudevents_mapping_all_fields.json",
                              kFixtures + "cloudevents_usage_all_fields.jsonl"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(scalar(project, "SELECT sum(cache_write_1h_tokens) FROM usage"), qint64(250));
        QCOMPARE(scalar(project, "SELECT sum(requests) FROM usage"), qint64(4));
        // A mapping with a mistake: exit 2, its JSON path named, nothing imported.
        QFile bad(dir.filePath("bad.json"));
        bad.open(QIODevice::WriteOnly);
        bad.write(R"({"output_tokens": {"field": "t", "value": 1}})");
        bad.close();
        const CliRun refused =
            cli({"import", "--project", dir.filePath("q.marginal"), "--mapping", bad.fileName(),
                 kFixtures + "cloudevents_usage_all_fields.jsonl"});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("bad.json: $.output_tokens: expected exactly one of"),
                 qPrintable(refused.err));
    }

    // Provider exports report dated model names (claude-sonnet-4-20250514,
    // gpt-4o-2024-08-06): the sample catalog's rules (from genai-prices) price them at
    // their models, so the sample exports fit with nothing unpriced.
    void theSampleExportsDatedNamesArePriced() {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.marginal");
        const QString samples = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/");
        QCOMPARE(cli({"import", "--project", project, "--quiet", "--customer-field", "workspace_id",
                      samples + "anthropic_usage_sample.json"})
                     .exitCode,
                 0);
        QCOMPARE(cli({"import", "--project", project, "--quiet", "--customer-field", "project_id",
                      samples + "openai_usage_sample.json"})
                     .exitCode,
                 0);
        const CliRun r = cli({"cohorts", "--project", project, "--catalog",
                              samples + "catalog.json", "--out", dir.filePath("c")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!r.err.contains("without a price"), qPrintable(r.err));
        const QByteArray summary = [&] {
            QFile f(dir.filePath("c/cohort_summary.csv"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(summary.size() > 100);
        // Counted under the catalog's ids, so mixes, credit rates and repricing events
        // written for claude-sonnet-4-0 apply to it.
        const QByteArray fitted = [&] {
            QFile f(dir.filePath("c/cohorts.json"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const QByteArray mix =
            QJsonDocument(QJsonDocument::fromJson(fitted).object().value("observed_mix").toObject())
                .toJson(QJsonDocument::Compact);
        QVERIFY2(mix.contains("\"claude-sonnet-4-0\"") && mix.contains("\"gpt-4o\"") &&
                     mix.contains("\"gpt-4o-mini\""),
                 mix.constData());
        QVERIFY2(!mix.contains("20250514") && !mix.contains("2024-08-06"), mix.constData());
    }

    void namesTheModelsTheCatalogLacks() {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.marginal");
        // A project with a catalog of gpt-5 alone (cohorts --catalog keeps it), then an
        // OpenAI export of 2024 models it does not have.
        QFile csv(dir.filePath("u.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("customer_id,date,model,input_tokens,output_tokens,requests\n"
                  "c1,2026-01-02,gpt-5,100,10,1\n");
        csv.close();
        QFile catalog(dir.filePath("catalog.json"));
        QVERIFY(catalog.open(QIODevice::WriteOnly));
        catalog.write("{\"catalog\": \"gpt-5 only\", \"as_of\": \"2026-01-01\", \"models\": "
                      "[{\"id\": \"gpt-5\", \"prices\": [{\"effective\": \"2025-08-07\", "
                      "\"input\": 1.25, \"output\": 10}]}]}");
        catalog.close();
        QCOMPARE(cli({"import", "--project", project, "--quiet", csv.fileName()}).exitCode, 0);
        const CliRun fitted =
            cli({"cohorts", "--project", project, "--catalog", catalog.fileName()});
        QVERIFY2(fitted.exitCode == 0, qPrintable(fitted.err));
        const CliRun r = cli(
            {"import", "--project", project, "--quiet", kFixtures + "openai_usage_two_pages.json"});
        QCOMPARE(r.exitCode, 0); // imported: the warning says what to add
        QVERIFY2(r.err.contains("models not in the project's catalog, priced at $0 until they are "
                                "added: gpt-4o-2024-08-06 (91.8% of the tokens), "
                                "gpt-4o-mini-2024-07-18 (8.2% of the tokens)"),
                 qPrintable(r.err));
        // The first file's model is in the catalog: no warning for it.
        const CliRun priced =
            cli({"import", "--project", dir.filePath("q.marginal"), "--quiet", csv.fileName()});
        QVERIFY(!priced.err.contains("not in the project's catalog"));
    }

    void aRefusedReimportExitsTwoAndExplains() {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.marginal");
        const QString file = kFixtures + "openai_usage_hourly_grouped.json";
        QCOMPARE(
            cli({"import", "--project", project, "--customer-field", "project_id", file}).exitCode,
            0);
        const CliRun r = cli({"import", "--project", project, "--customer-field", "user_id", file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("was imported before") && r.err.contains("counted twice"),
                 qPrintable(r.err));
        QCOMPARE(scalar(project, "SELECT count(*) FROM usage"), qint64(3));
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_CliImport.moc"
