// SPDX-License-Identifier: GPL-3.0-or-later
// Lineups authored in the app, headless: a lineup made, its packages and assignment
// chosen, the baseline, elasticity, shock factor and churn set, each change one undo
// step read back from the scenario; a rename carries the baseline, a deletion takes it;
// a cohort renamed on the Scenario page carries its lineup package; a refused change
// leaves the widgets as the scenario has them; the lineup runs beside the packages.
#include "tests/support/StatusChecks.h"
#include "views/editors/LineupEditor.h"
#include "views/editors/ScenarioEdits.h"
#include "views/editors/ScenarioSettingsEditor.h"
#include "views/jobs/RunController.h"
#include "views/window/MainWindow.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

using namespace marginal;

namespace {

const Lineup& only(const MainWindow& w) {
    return w.scenario()->lineups.at(0);
}

void check(QListWidget& packages, const QString& name, bool on) {
    for (int i = 0; i < packages.count(); ++i)
        if (packages.item(i)->text() == name)
            packages.item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
}

} // namespace

class TestLineupEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void authorsALineupStepByStep() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        LineupEditor& editor = w.lineupEditor();
        QUndoStack& undo = w.undoStack();
        QVERIFY(w.scenario()->lineups.empty());
        const QStringList packages = {w.scenario()->packages[0].name,
                                      w.scenario()->packages[1].name};

        // New: the first two packages, each customer on the cheapest, reviewed every 3.
        int steps = undo.count();
        QVERIFY_OK(editor.addLineup());
        QCOMPARE(undo.count(), ++steps);
        QCOMPARE(only(w).name, QString("lineup"));
        QCOMPARE(only(w).packages, packages);
        QCOMPARE(only(w).rule, Lineup::Rule::Cheapest);
        QCOMPARE(editor.list().count(), 1);
        QCOMPARE(editor.currentLineup(), 0);

        // A third package checked in; the reviews' settings typed (one step for both
        // values of one field, as typing does).
        const QString third = w.scenario()->packages[2].name;
        check(editor.packages(), third, true);
        QCOMPARE(undo.count(), ++steps);
        QCOMPARE(only(w).packages, (QStringList{packages[0], packages[1], third}));
        editor.reviewEvery().setValue(5);
        editor.reviewEvery().setValue(6);
        QCOMPARE(undo.count(), ++steps);
        QCOMPARE(only(w).reviewEvery, 6);
        editor.switchThreshold().setValue(25);
        QCOMPARE(only(w).switchThreshold, 0.25);
        QCOMPARE(undo.count(), ++steps); // another field: another step

        // A package per cohort: every cohort on the first package, then one moved.
        editor.rule().setCurrentIndex(int(Lineup::Rule::ByCohort));
        QCOMPARE(only(w).rule, Lineup::Rule::ByCohort);
        QCOMPARE(editor.cohortPackages().rowCount(), int(w.scenario()->cohorts.size()));
        for (const CohortProfile& c : w.scenario()->cohorts)
            QCOMPARE(only(w).packageFor(c.name), packages[0]);
        const int heavy = editor.cohortPackages().rowCount() - 1;
        const QString heavyName = editor.cohortPackages().item(heavy, 0)->text();
        auto* box = qobject_cast<QComboBox*>(editor.cohortPackages().cellWidget(heavy, 1));
        QVERIFY(box);
        box->setCurrentText(third);
        QCOMPARE(only(w).packageFor(heavyName), third);
        // Taking that package out of the lineup moves the cohort to the first package.
        check(editor.packages(), third, false);
        QCOMPARE(only(w).packageFor(heavyName), packages[0]);

        // An edit on the Scenario page and one here stay two steps (both number their
        // list edits): undo takes back only the last.
        const int cohorts = int(w.scenario()->cohorts.size());
        QVERIFY_OK(w.settingsEditor().addCohort(0));
        QVERIFY_OK(editor.duplicate(0));
        QCOMPARE(int(w.scenario()->lineups.size()), 2);
        undo.undo();
        QCOMPARE(int(w.scenario()->lineups.size()), 1);
        QCOMPARE(int(w.scenario()->cohorts.size()), cohorts + 1);
        undo.undo();
        QCOMPARE(int(w.scenario()->cohorts.size()), cohorts);

        // Undo, step by step, back to no lineup.
        while (undo.count() > 0 && !w.scenario()->lineups.empty())
            undo.undo();
        QVERIFY(w.scenario()->lineups.empty());
        QCOMPARE(editor.list().count(), 0);
    }

    void baselineChurnAndNamesFollow() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        LineupEditor& editor = w.lineupEditor();
        QVERIFY_OK(editor.addLineup());
        // The baseline: a package, then the lineup itself.
        const QString package = w.scenario()->packages[3].name;
        editor.baseline().setCurrentText(package);
        QCOMPARE(w.scenario()->baseline, package);
        editor.baseline().setCurrentText("lineup");
        QCOMPARE(w.scenario()->baseline, QString("lineup"));
        // A rename carries the baseline along; a deletion takes it.
        QVERIFY_OK(editor.rename(0, "pro_and_team"));
        QCOMPARE(only(w).name, QString("pro_and_team"));
        QCOMPARE(w.scenario()->baseline, QString("pro_and_team"));
        QCOMPARE(editor.baseline().currentText(), QString("pro_and_team"));
        QVERIFY_OK(editor.remove(0));
        QVERIFY(w.scenario()->lineups.empty());
        QVERIFY(w.scenario()->baseline.isEmpty());
        w.undoStack().undo();
        QCOMPARE(w.scenario()->baseline, QString("pro_and_team"));

        // Churn and elasticity.
        editor.elasticity().setValue(1.5);
        QCOMPARE(w.scenario()->billElasticity, 1.5);
        editor.shockFactor().setValue(3);
        QCOMPARE(*w.scenario()->shockFactor, 3.0);
        auto* churn = qobject_cast<QDoubleSpinBox*>(editor.churn().cellWidget(2, 1));
        QVERIFY(churn);
        churn->setValue(2.5); // percent a month
        QCOMPARE(w.scenario()->cohorts[2].churnMonthly, 0.025);

        // A refusal: a name a package has. Said, and nothing changes.
        const int steps = w.undoStack().count();
        QVERIFY(!editor.rename(0, package).ok());
        QVERIFY2(editor.errorText().contains("already a package's or a lineup's"),
                 qPrintable(editor.errorText()));
        QCOMPARE(w.undoStack().count(), steps);
        QCOMPARE(editor.list().item(0)->text(), QString("pro_and_team"));
        // So is a lineup of no package (unchecking both: the first is taken, the last
        // refused); the boxes show the scenario again.
        for (int i = 0; i < editor.packages().count(); ++i)
            editor.packages().item(i)->setCheckState(Qt::Unchecked);
        QVERIFY(editor.errorText().contains("a list of 1 to 8 package names"));
        QCOMPARE(only(w).packages.size(), 1);
        int checked = 0;
        for (int i = 0; i < editor.packages().count(); ++i)
            checked += editor.packages().item(i)->checkState() == Qt::Checked ? 1 : 0;
        QCOMPARE(checked, 1);
    }

    void aRenamedCohortKeepsItsLineupPackageAndTheLineupRuns() {
        MainWindow w;
        w.setInteractive(false);
        QVERIFY_OK(w.openScenario(MainWindow::bundledSample()));
        LineupEditor& editor = w.lineupEditor();
        QVERIFY_OK(editor.addLineup());
        editor.rule().setCurrentIndex(int(Lineup::Rule::ByCohort));
        const QString first = w.scenario()->cohorts[0].name;
        // Renamed on the Scenario page: the lineup's map follows (it names cohorts).
        QJsonObject renamed = ScenarioEdits::renameCohort(w.scenario()->toJson(), 0, "starter");
        QVERIFY_OK(w.settingsEditor().propose(renamed, "rename", "Rename cohort"));
        QCOMPARE(only(w).packageFor("starter"), w.scenario()->packages[0].name);
        QVERIFY(only(w).packageFor(first).isEmpty());

        // The lineup runs beside the packages: its rows are in the table.
        w.trialsBox().setValue(4);
        QSignalSpy finished(&w.runs(), &RunController::finished);
        w.runSimulation();
        QVERIFY(finished.wait(120000));
        int rows = 0;
        for (const DecisionRow& r : w.runs().lastRecord()->decision)
            rows += r.package == "lineup" ? 1 : 0;
        QCOMPARE(rows, 2 * 4); // 2 mixes x (3 cohorts + all)
    }
};

QTEST_MAIN(TestLineupEditor)
#include "tst_LineupEditor.moc"
