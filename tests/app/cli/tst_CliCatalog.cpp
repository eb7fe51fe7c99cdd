// SPDX-License-Identifier: GPL-3.0-or-later
// `catalog import` from the genai-prices snapshot, and the stop on unpriced usage:
// cohorts, replay and simulate --project name the models a catalog lacks, with their
// share of tokens, and stop (exit 2, nothing stored or written) above the limit unless
// --allow-unpriced.
#include "CliRunner.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kSamples = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/");

QJsonObject readJson(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

// 20 customers on Sonnet for January and February 2026, 1M input tokens a day each;
// the first five also send 100k a day to a model no catalog has: 500k of 20.5M tokens
// a day, 2.4%.
QString writeUsage(const QTemporaryDir& dir) {
    const QString path = dir.filePath("usage.csv");
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("customer_id,date,model,input_tokens,output_tokens,requests\n");
    for (QDate d(2026, 1, 1); d < QDate(2026, 3, 1); d = d.addDays(1))
        for (int c = 0; c < 20; ++c) {
            const QByteArray day = d.toString(Qt::ISODate).toUtf8();
            const QByteArray id = "cust" + QByteArray::number(c);
            f.write(id + "," + day + ",claude-sonnet-4-5," + QByteArray::number(800000 + c * 1000) +
                    ",200000,100\n");
            if (c < 5)
                f.write(id + "," + day + ",mystery-llm,80000,20000,10\n");
        }
    return path;
}

} // namespace

class TestCliCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsChosenModelsFromTheSnapshot() {
        QTemporaryDir dir;
        const QString out = dir.filePath("catalog.json");
        const CliRun r = cli({"catalog", "import", kSamples + "genai-prices/data.json", "--out",
                              out, "--models", "anthropic:claude-sonnet-4-5=sonnet,o3", "--as-of",
                              "2026-09-23", "--batch-multiplier", "0.5"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QString("wrote %1: 2 models, 3 dated prices (1 with long-context tiers), "
                                "as of 2026-09-23\n")
                            .arg(out));
        const QJsonObject catalog = readJson(out);
        QCOMPARE(catalog["as_of"].toString(), QString("2026-09-23"));
        const QJsonArray models = catalog["models"].toArray();
        QCOMPARE(models[0]["id"].toString(), QString("sonnet"));
        const QJsonObject sonnet = models[0]["prices"].toArray()[0].toObject();
        QCOMPARE(sonnet["batch_multiplier"].toDouble(), 0.5);
        QCOMPARE(sonnet["tiers"].toArray()[0].toObject()["above_input_tokens"].toDouble(),
                 200000.0);
        QCOMPARE(models[1].toObject()["prices"].toArray()[1].toObject()["effective"].toString(),
                 QString("2025-06-10"));
        // The catalog written is one the commands read.
        QCOMPARE(cli({"catalog", "import", out, "--out", dir.filePath("again.json"), "--models",
                      "sonnet"})
                     .exitCode,
                 0);
    }

    void modelNamesWithColonsAndAmbiguousListings() {
        QTemporaryDir dir;
        const QString table = kSamples + "genai-prices/data.json";
        const QString out = dir.filePath("c.json");
        // A colon in the name, not a provider: the whole name (bedrock's "...:0").
        CliRun r =
            cli({"catalog", "import", table, "--out", out, "--models", "amazon.nova-lite-v1:0"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readJson(out)["models"].toArray()[0].toObject()["id"].toString(),
                 QString("amazon.nova-lite-v1:0"));
        // Listed by several providers, none its maker: refused, the providers named.
        r = cli({"catalog", "import", table, "--out", out, "--models", "davinci"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("model \"davinci\" is listed by") &&
                     r.err.contains("none of them its maker: name one (provider:model)"),
                 qPrintable(r.err));
        QCOMPARE(
            cli({"catalog", "import", table, "--out", out, "--models", "openai:davinci"}).exitCode,
            0);
        // An empty list is refused rather than read as every model.
        QCOMPARE(cli({"catalog", "import", table, "--out", out, "--models", ","}).exitCode, 2);
    }

    void keepsACatalogsDateAndDatesUndatedPricesFromTheStart() {
        QTemporaryDir dir;
        const QString out = dir.filePath("c.json");
        // A Marginal catalog keeps its as_of.
        QCOMPARE(cli({"catalog", "import", kSamples + "catalog.json", "--out", out}).exitCode, 0);
        QCOMPARE(readJson(out)["as_of"].toString(), QString("2026-09-23"));
        // LiteLLM's undated prices are in force from 1970-01-01, so past usage is priced.
        QCOMPARE(cli({"catalog", "import",
                      MARGINAL_SOURCE_DIR "/tests/fixtures/litellm_model_prices_2024_snapshot.json",
                      "--out", out, "--models", "gpt-4o", "--as-of", "2024-06-01"})
                     .exitCode,
                 0);
        const QJsonObject litellm = readJson(out);
        QCOMPARE(litellm["as_of"].toString(), QString("2024-06-01"));
        QCOMPARE(litellm["models"]
                     .toArray()[0]
                     .toObject()["prices"]
                     .toArray()[0]
                     .toObject()["effective"]
                     .toString(),
                 QString("1970-01-01"));
        // Trailing text after the date is refused.
        QCOMPARE(cli({"catalog", "import", kSamples + "catalog.json", "--out", out, "--as-of",
                      "2026-01-01junk"})
                     .exitCode,
                 2);
        QCOMPARE(cli({"catalog", "import", kSamples + "catalog.json", "--out", ""}).exitCode, 2);
    }

    void refusesWhatItCannotImport() {
        QTemporaryDir dir;
        const QString table = kSamples + "genai-prices/data.json";
        CliRun r =
            cli({"catalog", "import", table, "--out", dir.filePath("c.json"), "--models", "gpt-9"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("model \"gpt-9\" is not in the table"), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath("c.json")));
        r = cli(
            {"catalog", "import", table, "--out", dir.filePath("c.json"), "--as-of", "2026-13-01"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--as-of: expected a date YYYY-MM-DD, got \"2026-13-01\""),
                 qPrintable(r.err));
        r = cli({"catalog", "export", table});
        QCOMPARE(r.exitCode, 2);
        // A folder that cannot be made (a file is in the way): exit 3.
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        r = cli(
            {"catalog", "import", table, "--out", dir.filePath("file/c.json"), "--models", "o3"});
        QCOMPARE(r.exitCode, 3);
    }

    void unpricedUsageStopsCohortsReplayAndSimulate() {
        QTemporaryDir dir;
        const QString project = dir.filePath("p.marginal");
        QCOMPARE(cli({"import", "--project", project, writeUsage(dir), "--quiet"}).exitCode, 0);
        const QString catalog = kSamples + "catalog.json";

        // cohorts: stops, names the model and its share; nothing stored.
        CliRun r = cli({"cohorts", "--project", project, "--catalog", catalog});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("would be priced at 0: mystery-llm (2.4% of tokens); 2.417% of "
                                "tokens in all, above the 1% limit"),
                 qPrintable(r.err));
        QVERIFY(r.err.contains("--allow-unpriced"));
        // A higher limit, or --allow-unpriced, goes on and says so.
        r = cli({"cohorts", "--project", project, "--catalog", catalog, "--unpriced-limit", "5"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(
            r.err.contains("warning: models not in the catalog, priced at 0: mystery-llm (2.4% "
                           "of tokens)"),
            qPrintable(r.err));
        QCOMPARE(cli({"cohorts", "--project", project, "--unpriced-limit", "x"}).exitCode, 2);
        r = cli({"cohorts", "--project", project, "--unpriced-limit", "5", "--allow-unpriced"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("give one"), qPrintable(r.err));

        // replay: stops before any file is written.
        const QString replayOut = dir.filePath("replay");
        r = cli({"replay", "--project", project, "--packages",
                 kSamples + "packages/credits_19.json", "--out", replayOut});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("mystery-llm (2.4% of tokens)"), qPrintable(r.err));
        QVERIFY(!QDir(replayOut).exists() || QDir(replayOut).isEmpty());
        r = cli({"replay", "--project", project, "--packages",
                 kSamples + "packages/credits_19.json", "--out", replayOut, "--allow-unpriced"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(replayOut + "/replay_summary.csv"));

        // simulate --project: the scenario's catalog lacks the model too.
        const QString simOut = dir.filePath("sim");
        const QStringList simulate = {"simulate",  "--scenario", kSamples + "scenario.json",
                                      "--project", project,      "--trials",
                                      "4",         "--seed",     "1",
                                      "--quiet",   "--out",      simOut};
        r = cli(simulate);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("mystery-llm ("), qPrintable(r.err));
        QVERIFY(!QFile::exists(simOut + "/results.json"));
        r = cli(simulate + QStringList{"--allow-unpriced"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray listed = readJson(simOut + "/results.json")["unpriced_models"].toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed[0].toObject()["model"].toString(), QString("mystery-llm"));
        const double share = listed[0].toObject()["token_share"].toDouble();
        QVERIFY2(share > 0.01 && share < 0.05, qPrintable(QString::number(share)));
    }

    void staleCatalogIsFlagged() {
        // Usage in February 2026 against a catalog as of October 2025 (more than 3 months).
        QTemporaryDir dir;
        const QString project = dir.filePath("p.marginal");
        QCOMPARE(cli({"import", "--project", project, writeUsage(dir), "--quiet"}).exitCode, 0);
        const QString old = dir.filePath("old.json");
        QCOMPARE(cli({"catalog", "import", kSamples + "genai-prices/data.json", "--out", old,
                      "--models", "claude-sonnet-4-5", "--as-of", "2025-10-31"})
                     .exitCode,
                 0);
        const CliRun r =
            cli({"cohorts", "--project", project, "--catalog", old, "--allow-unpriced"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("warning: the price catalog \"genai-prices data.json\" is as of "
                                "2025-10-31, more than 3 months before the usage's last month "
                                "(2026-02-01)"),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliCatalog)
#include "tst_CliCatalog.moc"
