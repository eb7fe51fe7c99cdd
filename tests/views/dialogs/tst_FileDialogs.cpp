// SPDX-License-Identifier: GPL-3.0-or-later
// Where file dialogs open: the folder last chosen, else Documents (or home), never
// the process's working folder.
#include "views/dialogs/FileDialogs.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginal;

class TestFileDialogs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("MarginalTests");
        QCoreApplication::setApplicationName("tst_file_dialogs");
    }

    void opensInTheLastFolderElseDocuments() {
        QTemporaryDir work;
        QVERIFY(QDir::setCurrent(work.path()));
        QSettings().remove("fileDialogFolder");
        const QString fallback = FileDialogs::folder();
        QVERIFY(fallback != QDir::currentPath());
        const QString documents =
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        QVERIFY(fallback == documents || fallback == QDir::homePath());

        QTemporaryDir chosen;
        QSettings().setValue("fileDialogFolder", chosen.path());
        QCOMPARE(FileDialogs::folder(), chosen.path());
        // A remembered folder that has gone: back to the fallback.
        QSettings().setValue("fileDialogFolder", chosen.path() + "/gone");
        QCOMPARE(FileDialogs::folder(), fallback);
        QSettings().remove("fileDialogFolder");
    }
};

QTEST_MAIN(TestFileDialogs)
#include "tst_FileDialogs.moc"
