// SPDX-License-Identifier: GPL-3.0-or-later
// The decision view a CFO reads: readable units on screen with the machine values kept
// for exports, a baseline difference, a pivot, filters, frozen identity columns, and
// the Summary's headline.
#include "simulator/results/RunHeadline.h"
#include "views/pages/DecisionTablePage.h"
#include "views/tables/DecisionFilterModel.h"
#include "views/tables/DecisionPivotModel.h"
#include "views/tables/DecisionTableModel.h"
#include "views/tables/FrozenColumnsTableView.h"

#include <QComboBox>
#include <QHeaderView>
#include <QScrollBar>
#include <QtTest>

using namespace marginal;

namespace {

DecisionRow row(const QString& package, const QString& mix, const QString& cohort, double margin,
                double se, double gm, double pNegative) {
    DecisionRow r;
    r.package = package;
    r.mix = mix;
    r.cohort = cohort;
    r.meanMargin = margin;
    r.meanMarginSe = se;
    r.gmPercent = gm;
    r.gmDefined = true;
    r.pNegative = pNegative;
    r.customersPerTrial = 12345;
    return r;
}

std::vector<DecisionRow> sampleRows() {
    return {row("pro", "api", "all", 1234.5, 3.0, 61.25, 0.05),
            row("pro", "api", "heavy", -50.0, 4.0, -12.0, 0.6),
            row("team", "api", "all", 1000.0, 4.0, 55.0, 0.1),
            row("team", "api", "heavy", 20.0, 3.0, 8.0, 0.2),
            row("pro", "premium", "all", 900.0, 5.0, 40.0, 0.1)};
}

} // namespace

class TestDecisionTablePage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void screenUnitsAndMachineValues() {
        DecisionTableModel model;
        model.setRows(sampleRows());
        const int margin = model.columnOf("mean_margin_usd");
        const int gm = model.columnOf("gm_pct");
        const int risk = model.columnOf("p_margin_negative");
        const int customers = model.columnOf("customers");
        QCOMPARE(model.data(model.index(0, margin)).toString(), QString("$1,234.50"));
        QCOMPARE(model.data(model.index(1, margin)).toString(), QString("-$50.00"));
        QCOMPARE(model.data(model.index(0, gm)).toString(), QString("61.3%"));
        QCOMPARE(model.data(model.index(1, risk)).toString(), QString("60.0%"));
        QCOMPARE(model.data(model.index(0, customers)).toString(), QString("12,345"));
        QCOMPARE(model.data(model.index(0, margin), TableRoles::kExport).toString(),
                 QString("1234.50"));
        QCOMPARE(model.data(model.index(1, risk), TableRoles::kExport).toString(),
                 QString("0.6000"));
        QCOMPARE(model.headerData(model.columnOf("mean_margin_se"), Qt::Horizontal).toString(),
                 QString("± margin ($)"));
    }

    void baselineDifferenceOnTheSameMixAndCohort() {
        DecisionTableModel model;
        model.setRows(sampleRows());
        QCOMPARE(model.columnOf("margin_vs_baseline_usd"), -1);
        model.setBaseline("team");
        const int diff = model.columnOf("margin_vs_baseline_usd");
        const int se = model.columnOf("margin_vs_baseline_se");
        QVERIFY(diff > 0 && se == diff + 1);
        // pro/api/all minus team/api/all: 1234.5 - 1000 = 234.5; SE hypot(3, 4) = 5.
        QCOMPARE(model.data(model.index(0, diff), TableRoles::kExport).toString(),
                 QString("234.50"));
        QCOMPARE(model.data(model.index(0, se), TableRoles::kExport).toString(), QString("5.0000"));
        // pro/api/heavy minus team/api/heavy: -70, shown red.
        QCOMPARE(model.data(model.index(1, diff)).toString(), QString("-$70.00"));
        QVERIFY(model.data(model.index(1, diff), Qt::ForegroundRole).isValid());
        // The baseline against itself: 0 with no SE; no team row on premium: blank.
        QCOMPARE(model.data(model.index(2, diff), TableRoles::kExport).toString(), QString("0.00"));
        QCOMPARE(model.data(model.index(2, se), TableRoles::kExport).toString(), QString());
        QCOMPARE(model.data(model.index(4, diff), TableRoles::kExport).toString(), QString());
        QCOMPARE(model.headerData(diff, Qt::Horizontal).toString(),
                 QString("Δ margin vs team ($)"));
    }

    void pivotOfPackagesByCohorts() {
        DecisionPivotModel pivot;
        pivot.setRows(sampleRows());
        pivot.setMix("api");
        QCOMPARE(pivot.packages(), QStringList({"pro", "team"}));
        QCOMPARE(pivot.cohorts(), QStringList({"all", "heavy"}));
        QCOMPARE(pivot.data(pivot.index(1, 1)).toString(), QString("8.0%"));
        pivot.setMeasure(DecisionPivotModel::Measure::MarginPerCustomer);
        QCOMPARE(pivot.data(pivot.index(0, 1)).toString(), QString("-$50.00"));
        QCOMPARE(pivot.data(pivot.index(0, 0), TableRoles::kExport).toString(), QString("1234.50"));
        pivot.setMix("premium");
        QCOMPARE(pivot.rowCount(), 1);
        QCOMPARE(pivot.columnCount(), 1);
    }

    void filtersAndFrozenColumns() {
        DecisionTableModel model;
        DecisionTablePage page(model);
        page.resize(700, 400);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        model.setRows(sampleRows());
        page.setRows(sampleRows());
        QCOMPARE(page.filtered().rowCount(), 5);
        page.cohortFilter().setCurrentIndex(page.cohortFilter().findData("heavy"));
        QCOMPARE(page.filtered().rowCount(), 2);
        page.mixFilter().setCurrentIndex(page.mixFilter().findData("premium"));
        QCOMPARE(page.filtered().rowCount(), 0);
        page.cohortFilter().setCurrentIndex(0); // all cohorts
        QCOMPARE(page.filtered().rowCount(), 1);
        page.mixFilter().setCurrentIndex(0);
        // Scrolled to the far right, the identity columns are still drawn, where they were.
        FrozenColumnsTableView& table = page.table();
        QTableView& frozen = table.frozenView();
        QVERIFY(frozen.isVisible());
        for (int c = 0; c < model.columnCount(); ++c)
            QCOMPARE(frozen.isColumnHidden(c), c >= DecisionTableModel::kIdentityColumns);
        const int left = frozen.geometry().left();
        table.horizontalScrollBar()->setValue(table.horizontalScrollBar()->maximum());
        QVERIFY(table.horizontalScrollBar()->maximum() > 0);
        QCOMPARE(frozen.geometry().left(), left);
        QCOMPARE(frozen.geometry().width(),
                 table.columnWidth(0) + table.columnWidth(1) + table.columnWidth(2));
        // The chooser hides a figure column; identity columns cannot be hidden.
        page.setColumnShown("samples", false);
        QVERIFY(!page.isColumnShown("samples"));
        page.setColumnShown("samples", true);
        QVERIFY(page.isColumnShown("samples"));
    }

    void headlineNamesTheBestAndTheRisky() {
        const RunHeadline h = RunHeadline::of(sampleRows(), 0.25);
        QCOMPARE(h.best.size(), std::size_t(2));
        QCOMPARE(h.best[0].mix, QString("api"));
        QCOMPARE(h.best[0].package, QString("pro"));
        QCOMPARE(h.best[0].runnerUp, QString("team"));
        QVERIFY(!h.best[0].runnerUpWithinNoise); // 234.5 apart, 2 x SE is 10
        QCOMPARE(h.risky.size(), std::size_t(1));
        QCOMPARE(h.risky[0].package, QString("pro"));
        QCOMPARE(h.risky[0].cohort, QString("heavy"));
    }
};

QTEST_MAIN(TestDecisionTablePage)
#include "tst_DecisionTablePage.moc"
