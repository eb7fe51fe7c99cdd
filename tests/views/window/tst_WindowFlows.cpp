// SPDX-License-Identifier: GPL-3.0-or-later
// The window's everyday flows, headless: files dropped on it open by kind (a scenario,
// a project; a usage export without a project is refused, saying why); closing with
// unsaved edits asks, and Cancel keeps the window and the edits; File > Open Recent
// lists what was opened, newest first, and reopens it.
#include "tests/support/StatusChecks.h"
#include "views/editors/PackageEditor.h"
#include "views/window/MainWindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDropEvent>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

using namespace marginal;

namespace {

const QString kSample = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json");
const QString kLineups = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/lineups_scenario.json");

// Drops `files` on the window as a file manager would; returns whether it was taken.
bool drop(MainWindow& w, const QStringList& files) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& f : files)
        urls << QUrl::fromLocalFile(f);
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent dropped(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &dropped);
    return true;
}

// Clicks `button` of the next message box once it is up.
void answerNextMessageBox(QMessageBox::StandardButton button, QString* text = nullptr) {
    QTimer::singleShot(50, [button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return answerNextMessageBox(button, text); // not up yet
        if (text)
            *text = box->text();
        box->button(button)->click();
    });
}

QMenu* recentMenu(MainWindow& w) {
    for (QMenu* menu : w.menuBar()->findChildren<QMenu*>())
        if (menu->title() == QStringLiteral("Open &Recent"))
            return menu;
    return nullptr;
}

} // namespace

class TestWindowFlows : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void droppedFilesOpenByKind() {
        MainWindow w;
        w.setInteractive(false);
        // Text is not files: not taken.
        QMimeData text;
        text.setText("hello");
        QDragEnterEvent enter(QPoint(1, 1), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(!enter.isAccepted());
        // A scenario dropped opens.
        QVERIFY(drop(w, {kLineups}));
        QVERIFY(w.scenario().has_value());
        QCOMPARE(int(w.scenario()->lineups.size()), 3);
        // A project dropped opens (and the scenario stays).
        QTemporaryDir dir;
        const QString project = dir.filePath("p.marginal");
        QVERIFY_OK(MainWindow::createSampleProject(project));
        QVERIFY(drop(w, {project}));
        QCOMPARE(w.projectFile(), project);
        QCOMPARE(int(w.scenario()->lineups.size()), 3);
        // A usage export with no project open is refused, saying what to do.
        MainWindow empty;
        empty.setInteractive(false);
        QFile usage(dir.filePath("usage.csv"));
        QVERIFY(usage.open(QIODevice::WriteOnly));
        usage.write("customer_id,date,model,input_tokens,output_tokens\na,2026-01-01,m,1,1\n");
        usage.close();
        QVERIFY(empty.openFile(usage.fileName())
                    .error()
                    .contains("a usage export goes into a project: start or open one first"));
    }

    void closingWithUnsavedEditsAsks() {
        MainWindow w;
        w.show();
        QVERIFY_OK(w.openScenario(kSample));
        QVERIFY(w.undoStack().isClean());
        PackageEditor& packages = w.packageEditor();
        QVERIFY_OK(packages.edit(0, {"base_fee"}, 99));
        QVERIFY(!w.undoStack().isClean());
        // Cancel: the window stays, with the edit.
        QString asked;
        answerNextMessageBox(QMessageBox::Cancel, &asked);
        QVERIFY(!w.close());
        QVERIFY(w.isVisible());
        QVERIFY2(asked.startsWith("Save the changes to"), qPrintable(asked));
        QCOMPARE(w.scenario()->packages[0].baseFee, 99.0);
        // Discard: it closes.
        answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(w.close());
        // Nothing to save: no question.
        MainWindow clean;
        clean.show();
        QVERIFY_OK(clean.openScenario(kSample));
        QVERIFY(clean.close());
    }

    void recentFilesAreListedAndReopen() {
        QSettings().clear();
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(kSample));
        QVERIFY_OK(w.openScenario(kLineups));
        QMenu* recent = recentMenu(w);
        QVERIFY(recent);
        QStringList shown;
        for (QAction* a : recent->actions())
            if (!a->isSeparator())
                shown << a->text();
        QVERIFY2(shown.size() >= 2, qPrintable(shown.join("|")));
        // Newest first.
        QVERIFY2(shown[0].contains("lineups_scenario.json"), qPrintable(shown[0]));
        QVERIFY2(shown[1].contains("scenario.json") && !shown[1].contains("lineups"),
                 qPrintable(shown[1]));
        // Choosing one reopens it; it moves to the top.
        for (QAction* a : recent->actions())
            if (a->text() == shown[1])
                a->trigger();
        QVERIFY(w.scenario()->lineups.empty()); // the plain sample
        QCOMPARE(QSettings().value("recentScenarios").toStringList().value(0), kSample);
    }
};

QTEST_MAIN(TestWindowFlows)
#include "tst_WindowFlows.moc"
