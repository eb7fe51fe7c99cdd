// SPDX-License-Identifier: GPL-3.0-or-later
// The import wizard, headless: a new project from the window, a provider export
// detected and previewed, imported and re-imported (no duplicates), a CSV with its
// own column names mapped by hand, a bad file rejected with its problems listed and
// the project byte for byte as it was, a cancel that changes nothing, and the
// cohorts refitted after an import.
#include "simulator/analysis/SampleUsageGenerator.h"
#include "tests/support/StatusChecks.h"
#include "views/dialogs/ImportDialog.h"
#include "views/pages/CohortsPage.h"
#include "views/pages/DataPage.h"
#include "views/window/MainWindow.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QtTest>

using namespace marginal;

namespace {

const QString kFixtures = QStringLiteral(MARGINAL_TEST_DIR "/fixtures/");

QByteArray hashOf(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return f.fileName();
}

bool runImport(ImportDialog& dialog) {
    QSignalSpy finished(&dialog, &ImportDialog::finished);
    dialog.startImport();
    return finished.wait(120000);
}

} // namespace

class TestImportDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void importsDetectsPreviewsAndDeduplicates() {
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        const QString project = dir.filePath("new.marginal");
        QVERIFY_OK(w.newProject(project));
        QCOMPARE(w.projectFile(), project);
        QCOMPARE(w.dataPage().imports().rowCount(), 0);
        QVERIFY(w.newProject(project).error().contains("exists already"));

        ImportDialog dialog(project);
        dialog.setFile(kFixtures + "openai_usage_two_pages.json");
        QCOMPARE(dialog.detectedFormat(), QString("openai"));
        QCOMPARE(dialog.preview().rowCount(), 3);
        QCOMPARE(dialog.preview().item(0, 1)->text(), QString("proj_a")); // customer column
        const QComboBox& customer = dialog.customerField();
        QVERIFY(customer.findText("api_key_id") >= 0 && customer.findText("project_id") >= 0);
        dialog.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/import_dialog.png"));
        QVERIFY(runImport(dialog));
        QCOMPARE(int(dialog.outcome()->status), int(ImportOutcome::Status::Imported));
        QCOMPARE(dialog.outcome()->added, std::int64_t(3));
        QVERIFY2(dialog.summary().contains("3 added"), qPrintable(dialog.summary()));
        // The dated names OpenAI reports are the catalog's gpt-4o and gpt-4o-mini (their
        // genai-prices rules): nothing lacks a price.
        QVERIFY2(!dialog.summary().contains("catalog lacks"), qPrintable(dialog.summary()));
        {
            // Models the catalog lacks, by name and token share: 1,000 of 4,000 tokens.
            QFile csv(dir.filePath("mystery.csv"));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("customer_id,date,model,input_tokens,output_tokens,requests\n"
                      "c1,2026-01-02,mystery-llm,900,100,1\nc1,2026-01-02,gpt-5,2000,1000,1\n");
            csv.close();
            ImportDialog mystery(project);
            mystery.setFile(csv.fileName());
            QVERIFY(runImport(mystery));
            QVERIFY2(mystery.summary().contains("catalog lacks, priced at $0 until added on the "
                                                "Catalog page: mystery-llm (25.0% of the tokens)"),
                     qPrintable(mystery.summary()));
        }
        QVERIFY(runImport(dialog)); // again: all duplicates
        QCOMPARE(dialog.outcome()->added, std::int64_t(0));
        QCOMPARE(dialog.outcome()->duplicates, std::int64_t(3));
        w.afterImport();
        // The two imports; the no-op one leaves no row.
        QCOMPARE(w.dataPage().imports().rowCount(), 2);
    }

    void mapsColumnsAndRejectsBadFilesWholly() {
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        const QString project = dir.filePath("p.marginal");
        QVERIFY_OK(w.newProject(project));
        // A CSV with its own column names: mapped by hand.
        const QString own = write(dir, "own.csv",
                                  "who;day;llm;in;out\nacme;2026-03-01;gpt-5-mini;1000;200\n"
                                  "beta;2026-03-02;gpt-5-mini;50;5\n");
        ImportDialog dialog(project);
        dialog.setFile(own);
        QCOMPARE(dialog.detectedFormat(), QString("csv"));
        QCOMPARE(dialog.preview().rowCount(), 0); // required columns not found yet
        dialog.setColumn("customer_id", "who");
        dialog.setColumn("date", "day");
        dialog.setColumn("model", "llm");
        dialog.setColumn("input_tokens", "in");
        dialog.setColumn("output_tokens", "out");
        QCOMPARE(dialog.preview().rowCount(), 2);
        QCOMPARE(dialog.request().options.mapping.value("customer_id"), QString("who"));
        QVERIFY(runImport(dialog));
        QCOMPARE(dialog.outcome()->added, std::int64_t(2));

        // A file with bad rows: rejected whole, every problem listed, project unchanged.
        const QString bad =
            write(dir, "bad.csv",
                  "customer_id,date,model,input_tokens,output_tokens\n"
                  "a,2026-03-01,m,10,1\nb,2026-02-30,m,10,1\nc,2026-03-01,m,-4,1\n");
        const QByteArray before = hashOf(project);
        dialog.setFile(bad);
        QVERIFY(runImport(dialog));
        QCOMPARE(int(dialog.outcome()->status), int(ImportOutcome::Status::Rejected));
        QCOMPARE(dialog.problems().count(), 2);
        QVERIFY(dialog.problems().item(0)->text().contains("bad.csv:3:date: expected"));
        QVERIFY(dialog.problems().item(1)->text().contains("bad.csv:4:input_tokens: expected"));
        QVERIFY(dialog.summary().contains("the project is as it was"));
        // It names the wizard's way to keep the valid rows, not the CLI flag.
        QVERIFY2(dialog.summary().contains("2 of 3 rows rejected; nothing imported (ticking "
                                           "\"Import the valid rows\" below imports"),
                 qPrintable(dialog.summary()));
        QVERIFY(!dialog.summary().contains("--"));
        QCOMPARE(hashOf(project), before);

        // Opt-in: the valid row goes in, the rejected ones are kept.
        dialog.setKeepInvalid(true);
        QVERIFY(runImport(dialog));
        QCOMPARE(dialog.outcome()->added, std::int64_t(1));
        QCOMPARE(dialog.outcome()->rejected, std::int64_t(2));
        w.afterImport();
        QCOMPARE(w.dataPage().imports().rowCount(), 2);
    }

    void aCancelChangesNothingAndAnImportRefitsTheCohorts() {
        QTemporaryDir dir;
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        const QString project = dir.filePath("p.marginal");
        QVERIFY_OK(w.newProject(project));
        QVERIFY(w.cohortsPage().summaryText().contains("No usage"));
        const Scenario sample = Scenario::loadFile(MainWindow::bundledSample());
        QFile csv(dir.filePath("usage.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        QVERIFY(SampleUsageGenerator::writeCsv(sample, SampleUsageOptions{300, 3, 7}, csv) > 5000);
        csv.close();

        const QByteArray before = hashOf(project);
        ImportDialog dialog(project);
        dialog.setFile(csv.fileName());
        // Cancelled before the first progress report (every 4,096 rows): nothing stored.
        QSignalSpy finished(&dialog, &ImportDialog::finished);
        dialog.startImport();
        QVERIFY(dialog.isImporting());
        dialog.cancelImport();
        QVERIFY(finished.wait(120000));
        QCOMPARE(int(dialog.outcome()->status), int(ImportOutcome::Status::Cancelled));
        QVERIFY(dialog.summary().contains("Cancelled"));
        QCOMPARE(hashOf(project), before);

        QVERIFY(runImport(dialog));
        QCOMPARE(int(dialog.outcome()->status), int(ImportOutcome::Status::Imported));
        QSignalSpy refitted(&w, &MainWindow::cohortsRefitted);
        w.afterImport();
        QVERIFY(refitted.wait(120000));
        QVERIFY(w.cohortsPage().summaryText().contains("customers"));
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_ImportDialog.moc"
