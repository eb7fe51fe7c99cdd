// SPDX-License-Identifier: GPL-3.0-or-later
// The typed project layer: catalog versions by date, cut points as project state, a
// stored fit that is used only while it is current, typed documents, runs with their
// inputs.
#include "models/common/InputError.h"
#include "models/project/Project.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace marginal;

namespace {

PriceCatalog catalog(const QString& name, const QDate& asOf, double inputPrice) {
    PriceCatalog c;
    c.name = name;
    c.asOf = asOf;
    PricePoint p;
    p.effective = QDate(2025, 1, 1);
    p.prices.input = inputPrice;
    p.prices.output = 4 * inputPrice;
    c.addPrice(QStringLiteral("m"), QStringLiteral("acme"), QStringLiteral("test"), p);
    return c;
}

QString writeCsv(const QTemporaryDir& dir, const QString& name, const QByteArray& body) {
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write("customer_id,date,model,input_tokens,output_tokens,requests\n" + body);
    return f.fileName();
}

CohortFitResult someFit(const std::vector<double>& cuts) {
    CohortFitResult fit;
    fit.firstMonth = 2026 * 12;
    fit.lastMonth = 2026 * 12 + 2;
    fit.customers = 2;
    fit.records = 2;
    fit.cutPoints = cuts;
    FittedCohort low;
    low.profile.name = QStringLiteral("low");
    low.profile.customers = 2;
    low.profile.mu = 12.5;
    low.profile.sigma = 0.75;
    fit.cohorts.push_back(low);
    fit.observedMix.name = QStringLiteral("observed_in_data");
    fit.observedMix.setShares(QStringLiteral("low"), {{QStringLiteral("m"), 1.0}});
    return fit;
}

} // namespace

class TestProject : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keepsEveryCatalogVersionAndFindsTheOneInForceOnADate() {
        QTemporaryDir dir;
        const auto project =
            Project::open(dir.filePath("p.marginal"), Project::Mode::CreateIfMissing);
        QVERIFY(!project->catalog());
        QVERIFY(!project->catalog(QDate(2030, 1, 1)));
        project->setCatalog(catalog("list", QDate(2026, 1, 1), 3.0));
        project->setCatalog(catalog("list", QDate(2026, 6, 1), 1.0)); // a price cut
        QCOMPARE(project->catalog()->asOf, QDate(2026, 6, 1)); // the one in use: the last set
        QCOMPARE(project->documentNames(DocumentKind::Catalog).size(), 2); // versions only
        QCOMPARE(project->catalog(QDate(2026, 3, 15))->asOf, QDate(2026, 1, 1));
        QCOMPARE(project->catalog(QDate(2026, 3, 15))->pricesAt("m", QDate(2026, 3, 1))->input,
                 3.0);
        QCOMPARE(project->catalog(QDate(2026, 6, 1))->asOf, QDate(2026, 6, 1));
        QCOMPARE(project->catalog(QDate(2027, 1, 1))->pricesAt("m", QDate(2027, 1, 1))->input, 1.0);
        QVERIFY(!project->catalog(QDate(2025, 12, 31))); // before any version
    }

    void cutPointsAreProjectStateAndAreChecked() {
        QTemporaryDir dir;
        const QString path = dir.filePath("p.marginal");
        {
            const auto project = Project::open(path, Project::Mode::CreateIfMissing);
            QCOMPARE(project->cohortCuts(), (std::vector<double>{50.0, 90.0}));
            project->setCohortCuts({30.0, 70.0});
        }
        const auto reopened = Project::open(path);
        QCOMPARE(reopened->cohortCuts(), (std::vector<double>{30.0, 70.0}));
        for (const std::vector<double>& bad :
             {std::vector<double>{70.0, 30.0}, {0.0, 50.0}, {50.0, 100.0}, {}, {40.0, 40.0}}) {
            try {
                reopened->setCohortCuts(bad);
                QFAIL("bad cuts were taken");
            } catch (const InputError& e) {
                QVERIFY2(e.message().contains("increasing percentiles between 0 and 100") ||
                             e.message().contains("at least one cut point"),
                         qPrintable(e.message()));
            }
        }
        QCOMPARE(reopened->cohortCuts(), (std::vector<double>{30.0, 70.0}));
    }

    void aStoredFitIsUsedOnlyWhileItIsCurrent() {
        QTemporaryDir dir;
        const auto project =
            Project::open(dir.filePath("p.marginal"), Project::Mode::CreateIfMissing);
        project->setCatalog(catalog("list", QDate(2026, 1, 1), 3.0));
        const ImportOutcome first = project->importUsage(
            {writeCsv(dir, "a.csv", "a,2026-01-05,m,1000,200,2\nb,2026-02-07,m,50,10,1\n"),
             QString(),
             {},
             false});
        QCOMPARE(int(first.status), int(ImportOutcome::Status::Imported));
        QVERIFY(!project->fittedCohorts());

        const std::vector<double> cuts = project->cohortCuts();
        project->storeFit(cuts, someFit(cuts));
        const std::optional<CohortFitResult> current = project->fittedCohorts();
        QVERIFY(current);
        QCOMPARE(current->toJson(), someFit(cuts).toJson()); // read back exactly
        QVERIFY(project->documentNames(DocumentKind::Mix).contains("observed_in_data"));

        // New usage: the fit is out of date (the last one is still there to show).
        project->importUsage(
            {writeCsv(dir, "b.csv", "c,2026-03-01,m,10,1,1\n"), QString(), {}, false});
        QVERIFY(!project->fittedCohorts());
        QVERIFY(project->lastFit());
        project->storeFit(cuts, someFit(cuts));
        QVERIFY(project->fittedCohorts());
        // New cut points, or a new catalog: out of date too.
        project->setCohortCuts({40.0, 80.0});
        QVERIFY(!project->fittedCohorts());
        project->storeFit({40.0, 80.0}, someFit({40.0, 80.0}));
        QVERIFY(project->fittedCohorts());
        project->setCatalog(catalog("list", QDate(2026, 2, 1), 2.0));
        QVERIFY(!project->fittedCohorts());
        // A re-import that adds nothing leaves the project, its history and the fit as
        // they were.
        project->storeFit({40.0, 80.0}, someFit({40.0, 80.0}));
        const std::size_t imports = project->imports().size();
        const ImportOutcome again =
            project->importUsage({dir.filePath("b.csv"), QString(), {}, false});
        QCOMPARE(int(again.status), int(ImportOutcome::Status::Imported));
        QCOMPARE(again.duplicates, std::int64_t(1));
        QCOMPARE(project->imports().size(), imports);
        QVERIFY(project->fittedCohorts());
    }

    void keepsRunsWithTheirInputs() {
        QTemporaryDir dir;
        const auto project =
            Project::open(dir.filePath("p.marginal"), Project::Mode::CreateIfMissing);
        const QJsonObject inputs{{"inputs_version", 1},
                                 {"source", "cli"},
                                 {"customers_from", "fitted"},
                                 {"trials", 40},
                                 {"scenario", QJsonObject{{"name", "s"}}}};
        const std::int64_t id =
            project->addRun("s", 18446744073709551615ull, inputs, QJsonObject{{"figures", 1}});
        const std::vector<RunSummary> runs = project->runs();
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs[0].id, id);
        QCOMPARE(runs[0].seed, QString("18446744073709551615")); // all 64 bits
        QCOMPARE(runs[0].source, QString("cli"));
        QCOMPARE(runs[0].customersFrom, QString("fitted"));
        QCOMPARE(runs[0].trials, std::int64_t(40));
        const std::optional<StoredRun> stored = project->run(id);
        QVERIFY(stored);
        QCOMPARE(stored->inputs, inputs);
        QCOMPARE(stored->results, QByteArray(R"({"figures":1})"));
        QVERIFY(!project->run(id + 1));

        // A name and notes, kept; a second run; deleting one leaves the other.
        QCOMPARE(runs[0].name, QString());
        QVERIFY(project->labelRun(id, "fee +10", "what the board asked, \"quoted\""));
        QVERIFY(!project->labelRun(id + 7, "x", "y"));
        const std::int64_t second = project->addRun("s", 2, inputs, QJsonObject{{"figures", 2}});
        std::vector<RunSummary> both = project->runs();
        QCOMPARE(both.size(), std::size_t(2));
        QCOMPARE(both[1].name, QString("fee +10"));
        QCOMPARE(both[1].notes, QString("what the board asked, \"quoted\""));
        QCOMPARE(both[0].name, QString());
        QVERIFY(project->deleteRun(id));
        QVERIFY(!project->deleteRun(id));
        both = project->runs();
        QCOMPARE(both.size(), std::size_t(1));
        QCOMPARE(both[0].id, second);
        QVERIFY(!project->run(id));
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "tst_Project.moc"
