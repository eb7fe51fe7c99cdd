// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON reader under every input file (scenarios, packages, catalogs, mixes,
// mappings): repeated keys are errors naming their path, and paths that are not
// regular files (a FIFO, /dev/zero) or are too large are refused before memory grows
// or a read blocks.
#include "models/common/InputError.h"
#include "models/domain/PriceCatalog.h"
#include "models/domain/PricingPackage.h"
#include "models/json/JsonNode.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/stat.h>

using namespace marginal;

namespace {

QString errorOf(const std::function<void()>& read) {
    try {
        read();
    } catch (const InputError& e) {
        return e.message();
    }
    return QString();
}

} // namespace

class TestJsonNode : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void repeatedKeysAreErrorsNamingTheirPath_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::newRow("top") << QByteArray(R"({"a": 1, "b": 2, "a": 3})") << "f.json: $.a:";
        QTest::newRow("nested") << QByteArray(R"({"a": {"c": 1, "d": {"e": 1, "e": 2}}})")
                                << "f.json: $.a.d.e:";
        QTest::newRow("in an array")
            << QByteArray(R"({"x": [{"k": 1}, {"k": 1}, {"j": [0, {"k": 1, "k": 2}]}]})")
            << "f.json: $.x[2].j[1].k:";
        QTest::newRow("escaped spelling")
            << QByteArray(R"({"ab": 1, "a\u0062": 2})") << "f.json: $.ab:";
        QTest::newRow("many keys") << [] {
            QByteArray big = "{";
            for (int i = 0; i < 100; ++i)
                big += "\"k" + QByteArray::number(i) + "\": 1, ";
            return big + "\"k57\": 2}";
        }() << "f.json: $.k57:";
    }

    void repeatedKeysAreErrorsNamingTheirPath() {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        const QString error = errorOf([&] { JsonNode::parseBytes(json, "f.json"); });
        QVERIFY2(error.startsWith(path) && error.contains("expected each key once"),
                 qPrintable(error));
    }

    void keysThatOnlyLookAlikeAreNotRepeats() {
        // (a plain literal: moc misreads \" inside raw strings)
        JsonNode::parseBytes("{\"a\": {\"k\": 1}, \"b\": {\"k\": 1}, \"s\": \"\\\"k\\\": 1\", "
                             "\"k\": [1, 1]}",
                             "f.json");
        JsonNode::parseBytes(R"([{"k": 1}, {"k": 2}])", "f.json");
    }

    void aPackageWithTwoBaseFeesIsRefused() {
        QTemporaryDir dir;
        QFile f(dir.filePath("p.json"));
        f.open(QIODevice::WriteOnly);
        f.write(R"({"name": "pro", "base_fee": 20, "burn": {"type": "cost_plus",
                 "credits_per_usd": 100}, "overage": {"price": 0.01}, "base_fee": 0})");
        f.close();
        const QString error =
            errorOf([&] { PricingPackage::fromJson(JsonNode::parseFile(f.fileName())); });
        QVERIFY2(error.contains("p.json: $.base_fee: expected each key once"), qPrintable(error));
    }

    void devicesAndFifosAreRefusedAtOnce() {
        QElapsedTimer t;
        t.start();
        QString error = errorOf([] { JsonNode::parseFile("/dev/zero"); });
        QVERIFY2(error.contains("/dev/zero: expected a JSON file; this is a character or block "
                                "device"),
                 qPrintable(error));
        error = errorOf([] { PriceCatalog::loadFile("/dev/zero", QDate(2026, 1, 1)); });
        QVERIFY2(error.contains("/dev/zero: expected a JSON file"), qPrintable(error));
        // A FIFO nobody writes to: opening it would block where Ctrl+C cannot reach.
        QTemporaryDir dir;
        const QString fifo = dir.filePath("catalog.json");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        error = errorOf([&] { PriceCatalog::loadFile(fifo, QDate(2026, 1, 1)); });
        QVERIFY2(error.contains("expected a JSON file; this is a pipe or FIFO"), qPrintable(error));
        QVERIFY(errorOf([&] { JsonNode::parseFile(dir.path()); }).contains("a directory"));
        QVERIFY(t.elapsed() < 2000);
    }

    void filesAboveTheSizeLimitAreRefused() {
        QTemporaryDir dir;
        QFile f(dir.filePath("big.json"));
        f.open(QIODevice::WriteOnly);
        f.resize((qint64(64) << 20) + 1); // one byte over the 64 MiB limit
        f.close();
        const QString error = errorOf([&] { JsonNode::parseFile(f.fileName()); });
        QVERIFY2(error.contains("expected a JSON file of at most 64 MiB"), qPrintable(error));
        QVERIFY(errorOf([&] {
                    JsonNode::parseFile(dir.filePath("missing.json"));
                }).contains("cannot open"));
    }

    void valuesAndKeysAreEscapedInMessages() {
        const QString error = errorOf([] {
            JsonNode::parseBytes("{\"\\u001b[2Jkey\": 1}", "f.json")
                .requireOnlyKeys({QStringLiteral("name")});
        });
        QVERIFY2(error.contains("$.\\x1b[2Jkey") && !error.contains(QChar(0x1b)),
                 qPrintable(error));
        const QString value = errorOf([] {
            JsonNode::parseBytes("{\"a\": \"\\u001b]0;x\\u0007\"}", "f.json")[QStringLiteral("a")]
                .toInt(0, 1);
        });
        QVERIFY2(value.contains("got \"\\x1b]0;x\\x07\"") && !value.contains(QChar(0x07)),
                 qPrintable(value));
    }
};

QTEST_GUILESS_MAIN(TestJsonNode)
#include "tst_JsonNode.moc"
