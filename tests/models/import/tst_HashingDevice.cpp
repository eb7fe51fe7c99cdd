// SPDX-License-Identifier: GPL-3.0-or-later
// The device an import parses through: the importers' ways of reading (peek then
// read in chunks, read lines, read all, seek back for a second pass, stop early) see
// the file's bytes, and the hash is of the whole file whatever was read.
#include "models/import/CsvReader.h"
#include "models/import/HashingDevice.h"

#include <QCryptographicHash>
#include <QTemporaryFile>
#include <QtTest>

using namespace marginal;

class TestHashingDevice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyWayOfReadingSeesTheFileAndHashesItOnce_data() {
        QTest::addColumn<QString>("pattern");
        for (const char* p : {"chunks", "lines", "all", "two passes", "stop early", "nothing"})
            QTest::newRow(p) << QString::fromLatin1(p);
    }

    void everyWayOfReadingSeesTheFileAndHashesItOnce() {
        QFETCH(QString, pattern);
        QByteArray bytes = "customer_id,date,model,input_tokens,output_tokens\n";
        for (int i = 0; i < 60000; ++i) // 2.2 MB: past QIODevice's and CsvReader's buffers
            bytes +=
                "c" + QByteArray::number(i) + ",2026-01-01,m," + QByteArray::number(i) + ",1\n";
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(bytes);
        file.seek(0);
        HashingDevice device(file);
        QCOMPARE(device.size(), qint64(bytes.size()));
        QCOMPARE(device.peek(16), bytes.left(16));
        QByteArray seen;
        if (pattern == "chunks" || pattern == "two passes") {
            for (int pass = 0; pass < (pattern == "two passes" ? 2 : 1); ++pass) {
                QVERIFY(device.seek(0));
                seen.clear();
                CsvReader csv(device);
                std::vector<std::string> row;
                int rows = 0;
                while (csv.next(row))
                    ++rows;
                QCOMPARE(rows, 60001);
                QVERIFY(device.atEnd());
            }
            seen = bytes; // counted by rows above
        } else if (pattern == "lines") {
            while (!device.atEnd())
                seen += device.readLine();
        } else if (pattern == "all") {
            seen = device.readAll();
        } else if (pattern == "stop early") {
            seen = device.read(1000);
            QCOMPARE(seen, bytes.left(1000));
            seen = bytes;
        } else {
            seen = bytes;
        }
        QCOMPARE(seen.size(), bytes.size());
        QVERIFY(seen == bytes);
        QCOMPARE(device.finish(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    }
};

QTEST_GUILESS_MAIN(TestHashingDevice)
#include "tst_HashingDevice.moc"
