// SPDX-License-Identifier: GPL-3.0-or-later
// The file hash recorded with every import: SHA-256 (the x86 SHA-extension code path
// where the CPU has it), checked against Qt's portable implementation at the sizes
// where padding changes, across chunk boundaries, and on an empty file.
#include "models/common/FileHash.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QtTest>

using namespace marginal;

class TestFileHash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesQtSha256AtEverySizeThatMatters() {
        QTemporaryDir dir;
        QRandomGenerator random(42);
        for (int size : {0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, (1 << 20) - 1, 1 << 20,
                         (1 << 20) + 57, 3 * (1 << 20) + 5}) {
            QByteArray bytes(size, Qt::Uninitialized);
            for (char& c : bytes)
                c = char(random.generate());
            const QString path = dir.filePath(QStringLiteral("f%1").arg(size));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
            f.close();
            QCOMPARE(sha256OfFile(path),
                     QString::fromLatin1(
                         QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        }
        // The well-known digest of "abc".
        const QString abc = dir.filePath("abc");
        QFile f(abc);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("abc");
        f.close();
        QCOMPARE(
            sha256OfFile(abc),
            QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QVERIFY(sha256OfFile(dir.filePath("missing")).isEmpty());
    }

    // An import hashes its bytes as the parser reads them, in pieces of any size.
    void incrementalHashingMatchesWhateverThePieces() {
        QRandomGenerator random(7);
        QByteArray bytes(300000, Qt::Uninitialized);
        for (char& c : bytes)
            c = char(random.generate());
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        for (int maxPiece : {1, 7, 63, 64, 65, 1000, 70000}) {
            Sha256 hash;
            qsizetype at = 0;
            while (at < bytes.size()) {
                const qsizetype n =
                    std::min<qsizetype>(bytes.size() - at, 1 + random.bounded(maxPiece));
                hash.add(bytes.constData() + at, std::size_t(n));
                at += n;
            }
            QCOMPARE(hash.hex(), expected);
        }
        Sha256 empty;
        QCOMPARE(
            empty.hex(),
            QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
};

QTEST_GUILESS_MAIN(TestFileHash)
#include "tst_FileHash.moc"
