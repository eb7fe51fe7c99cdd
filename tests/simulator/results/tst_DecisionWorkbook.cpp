// SPDX-License-Identifier: GPL-3.0-or-later
// decision_table.xlsx read back by an independent reader (tests/support/read_xlsx.py,
// Python's zipfile + XML): every figure a number cell equal to decision_table.csv's,
// with the currency / percent format a reader expects, readable headers mapped to the
// machine names, the Run sheet's provenance (a what-if says so), frozen identity
// columns and an autofilter. Written by RunRecord::writeTo, as simulate writes it.
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/results/DecisionWorkbook.h"
#include "simulator/results/RunRecord.h"
#include "tests/support/TestScenarios.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginal;

namespace {

RunRecord sampleRun() {
    const Scenario s = test::scenario(
        {test::cohort("low", 30, 0.6, 13.0, 1.0), test::cohort("heavy", 10, 0.95, 16.0, 0.9)},
        {test::packageFromJson(
             R"({"name":"overage","base_fee":20,"included_credits":2000,"overage":{"price":0.012},
                 "burn":{"type":"cost_plus","credits_per_usd":100}})"),
         test::packageFromJson(R"({"name":"=payg","overage":{"price":1.3},
                 "burn":{"type":"cost_plus","credits_per_usd":1}})"),
         // Bills nothing: no GM% at all, a blank cell.
         test::packageFromJson(R"({"name":"free","overage":{"price":0},
                 "burn":{"type":"cost_plus","credits_per_usd":1}})")},
        3);
    const SimulationPlan plan = SimulationPlan::compile(s);
    RunOptions o;
    o.seed = 31;
    o.trials = 5;
    RunRecord run = RunRecord::fromRun(s, plan, MonteCarloEngine(plan).run(o), o.seed, o.trials, 1);
    run.inputFiles = {{QStringLiteral("/data/scenario.json"), QString(64, u'a')}};
    run.catalogName = QStringLiteral("test catalog");
    run.catalogAsOf = QStringLiteral("2026-11-01");
    return run;
}

QJsonObject readXlsx(const QString& path) {
    QProcess reader;
    reader.start(QStringLiteral("python3"),
                 {QStringLiteral(MARGINAL_TEST_DIR "/support/read_xlsx.py"), path});
    if (!reader.waitForFinished(60000) || reader.exitCode() != 0)
        qWarning() << reader.readAllStandardError();
    return QJsonDocument::fromJson(reader.readAllStandardOutput()).object();
}

QJsonArray row(const QJsonObject& sheet, int r) {
    return sheet.value("rows").toArray().at(r).toArray();
}

QString runField(const QJsonObject& runSheet, const QString& field) {
    for (const QJsonValue& r : runSheet.value("rows").toArray())
        if (r.toArray().at(0).toString() == field)
            return r.toArray().at(1).toString();
    return QStringLiteral("<missing>");
}

} // namespace

class TestDecisionWorkbook : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void figuresAreNumberCellsEqualToTheCsv() {
        const RunRecord run = sampleRun();
        QTemporaryDir dir;
        QVERIFY(run.writeTo(dir.path()));
        const QJsonObject book = readXlsx(dir.filePath("decision_table.xlsx"));
        QCOMPARE(book.keys(), (QStringList{"Columns", "Decision table", "Run"}));
        const QJsonObject table = book.value("Decision table").toObject();
        const QStringList csv = run.decisionCsv().trimmed().split(QStringLiteral("\r\n"));
        const QStringList machine = csv.first().split(u',');
        QCOMPARE(table.value("rows").toArray().size(), csv.size());
        QCOMPARE(row(table, 0).at(0).toString(), QString("Package"));
        const int margin = int(machine.indexOf("mean_margin_usd"));
        const int share = int(machine.indexOf("p_margin_negative"));
        const int gm = int(machine.indexOf("gm_pct"));
        QCOMPARE(row(table, 0).at(margin).toString(), QString("Margin / customer ($)"));
        int numbers = 0, blanks = 0;
        for (int r = 1; r < csv.size(); ++r) {
            const QStringList cells = csv[r].split(u',');
            const QJsonArray cellsXlsx = row(table, r);
            QVERIFY2(cellsXlsx.at(margin).isDouble(), qPrintable(csv[r]));
            QCOMPARE(cellsXlsx.at(margin).toDouble(), cells[margin].toDouble());
            QCOMPARE(cellsXlsx.at(share).toDouble(), cells[share].toDouble());
            if (cells[gm].isEmpty()) { // undefined GM%: a blank cell, never 0 nor text
                QVERIFY2(cellsXlsx.at(gm).isNull(), qPrintable(csv[r]));
                ++blanks;
            } else {
                QCOMPARE(cellsXlsx.at(gm).toDouble(), cells[gm].toDouble());
            }
            numbers += cellsXlsx.at(margin).isDouble();
        }
        QCOMPARE(numbers, csv.size() - 1);
        QCOMPARE(blanks, 3); // the free package's two cohorts and all
        const QJsonArray formats = table.value("formats").toArray().at(1).toArray();
        QCOMPARE(formats.at(margin).toString(), QString("$#,##0.00;-$#,##0.00"));
        QCOMPARE(formats.at(share).toString(), QString("0.0%"));
        QCOMPARE(formats.at(gm).toString(), QString("0.0\"%\""));
        // The package, mix and cohort stay in view; every column can be filtered.
        QCOMPARE(table.value("pane").toObject().value("xSplit").toString(), QString("3"));
        QCOMPARE(table.value("pane").toObject().value("ySplit").toString(), QString("1"));
        QVERIFY(table.value("autofilter").toString().startsWith("A1:"));
        // A package named like a formula is text, not a formula.
        bool formulaLikeText = false;
        for (const QJsonValue& r : table.value("rows").toArray())
            formulaLikeText = formulaLikeText || r.toArray().at(0).toString() == "=payg";
        QVERIFY(formulaLikeText);
    }

    void columnsSheetMapsEveryHeaderToItsMachineName() {
        const RunRecord run = sampleRun();
        QTemporaryDir dir;
        QVERIFY(DecisionWorkbook(run).write(dir.filePath("t.xlsx")));
        const QJsonObject book = readXlsx(dir.filePath("t.xlsx"));
        const QStringList machine =
            run.decisionCsv().section(QStringLiteral("\r\n"), 0, 0).split(u',');
        const QJsonArray header = row(book.value("Decision table").toObject(), 0);
        const QJsonArray columns = book.value("Columns").toObject().value("rows").toArray();
        QCOMPARE(columns.size(), machine.size() + 1);
        for (int c = 0; c < machine.size(); ++c) {
            QCOMPARE(columns.at(c + 1).toArray().at(0).toString(), header.at(c).toString());
            QCOMPARE(columns.at(c + 1).toArray().at(1).toString(), machine[c]);
            QVERIFY2(!columns.at(c + 1).toArray().at(2).toString().isEmpty(),
                     qPrintable(machine[c] + " has no meaning"));
        }
    }

    void runSheetCarriesTheProvenanceAndTheWhatIfFlag() {
        RunRecord run = sampleRun();
        for (bool whatIf : {false, true}) {
            run.whatIf = whatIf;
            QTemporaryDir dir;
            QVERIFY(DecisionWorkbook(run).write(dir.filePath("t.xlsx")));
            const QJsonObject sheet = readXlsx(dir.filePath("t.xlsx")).value("Run").toObject();
            QCOMPARE(runField(sheet, "Seed"), QString("31"));
            QCOMPARE(runField(sheet, "Trials"), QString("5"));
            QCOMPARE(runField(sheet, "Customers from"), QString("scenario"));
            QCOMPARE(runField(sheet, "Catalog"), QString("test catalog (2026-11-01)"));
            QCOMPARE(runField(sheet, "SHA-256 of /data/scenario.json"), QString(64, u'a'));
            QVERIFY(runField(sheet, "Made by").startsWith("Marginal " MARGINAL_VERSION));
            QCOMPARE(runField(sheet, "Run").startsWith("WHAT-IF"), whatIf);
        }
    }

    void anUnwritablePlaceIsRefusedAndLeavesNothing() {
        QTemporaryDir dir;
        const QString target = dir.filePath("missing-folder/t.xlsx");
        const Status written = DecisionWorkbook(sampleRun()).write(target);
        QVERIFY(!written);
        QVERIFY2(written.error().contains(target), qPrintable(written.error()));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDecisionWorkbook)
#include "tst_DecisionWorkbook.moc"
