// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files: the bundled sample loads whole; cross-references (mix models in
// the catalog, per-token rates for every mixed model, cohorts covered by each mix)
// are checked with errors that name the file and path.
#include "models/common/InputError.h"
#include "models/domain/Scenario.h"
#include "models/json/JsonNode.h"

#include <QtTest>

using namespace marginal;

namespace {

QString loadError(const QByteArray& scenarioJson) {
    QTemporaryDir dir;
    QFile::copy(QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/catalog.json"),
                dir.filePath("catalog.json"));
    QFile f(dir.filePath("scenario.json"));
    f.open(QIODevice::WriteOnly);
    f.write(scenarioJson);
    f.close();
    try {
        Scenario::loadFile(f.fileName());
    } catch (const InputError& e) {
        return QString(e.message()).replace(dir.path() + "/", QString());
    }
    return QString();
}

const char* kPackage =
    R"({"name":"p","overage":{"price":1},"burn":{"type":"cost_plus","credits_per_usd":1}})";
const char* kCohort = R"({"name":"low","customers":10,"p_active":0.5,"mu":10,"sigma":1})";

QByteArray scenarioWith(const QString& packages, const QString& mixes, const QString& cohorts) {
    return QStringLiteral(
               R"({"name":"s","start_month":"2026-01","horizon_months":3,"catalog":"catalog.json",
        "packages":[%1],"mixes":[%2],"cohorts":[%3]})")
        .arg(packages, mixes, cohorts)
        .toUtf8();
}

} // namespace

class TestScenario : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsTheBundledSample() {
        const Scenario s =
            Scenario::loadFile(QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json"));
        QCOMPARE(s.horizonMonths, 12);
        QCOMPARE(int(s.cohorts.size()), 3);
        QCOMPARE(s.cohorts[2].name, QString("heavy"));
        QVERIFY(s.packages.size() >= 6);
        QCOMPARE(int(s.mixes.size()), 2);
        QCOMPARE(*s.seed, quint64(20261123));
        QCOMPARE(s.startMonth, QDate(2026, 1, 1));
        // The scenario, its catalog, 8 packages and 2 mixes: every file hashed later.
        QCOMPARE(s.inputFiles.size(), 1 + 1 + int(s.packages.size()) + 2);
        // Repricing from month 6: the premium model's output at a third.
        QCOMPARE(s.pricesAt("claude-opus-4-5", 5).output, 25.0);
        QVERIFY(std::fabs(s.pricesAt("claude-opus-4-5", 6).output - 8.25) < 1e-12);
    }

    void writesItselfInlineAndReadsBackTheSame() {
        const Scenario sample =
            Scenario::loadFile(QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json"));
        const QJsonObject json = sample.toJson();
        QVERIFY(json.value("packages").toArray().at(0).isObject()); // inline, not paths
        const Scenario back = Scenario::fromJson(
            JsonNode::parseBytes(QJsonDocument(json).toJson(), "inline.json"), QString());
        QCOMPARE(back.toJson(), json);
        QCOMPARE(back.horizonMonths, sample.horizonMonths);
        QCOMPARE(back.seed, sample.seed);
        QCOMPARE(int(back.repricing.size()), 1);
        QCOMPARE(back.repricing[0].factors.output, 0.33);
        QCOMPARE(back.startMonth, sample.startMonth);
        QCOMPARE(int(back.packages.size()), 8);
        for (std::size_t i = 0; i < back.packages.size(); ++i)
            QCOMPARE(back.packages[i].toJson(), sample.packages[i].toJson());
        for (std::size_t i = 0; i < back.cohorts.size(); ++i)
            QCOMPARE(back.cohorts[i].toJson(), sample.cohorts[i].toJson());
    }

    void mixModelsMustBeInTheCatalog() {
        const QString message = loadError(scenarioWith(
            kPackage, R"({"name":"x","cohorts":{"default":{"no-such-model":1}}})", kCohort));
        QCOMPARE(message, QString("scenario.json: $.mixes[0]: mix \"x\": model \"no-such-model\" "
                                  "is not in the catalog"));
    }

    void mixSharesMustSumToOne() {
        const QString message = loadError(scenarioWith(
            kPackage, R"({"name":"x","cohorts":{"default":{"gpt-5":0.5,"gpt-5-mini":0.4}}})",
            kCohort));
        QVERIFY2(message.startsWith("scenario.json: $.mixes[0].cohorts.default: expected model "
                                    "shares that sum to 1 (they sum to 0.9)"),
                 qPrintable(message));
    }

    void everyCohortNeedsShares() {
        const QString message = loadError(
            scenarioWith(kPackage, R"({"name":"x","cohorts":{"heavy":{"gpt-5":1}}})", kCohort));
        QVERIFY2(message.endsWith("mix \"x\" has no shares for cohort \"low\" (nor \"default\")"),
                 qPrintable(message));
    }

    void perTokenRatesMustCoverMixedModels() {
        const QString message = loadError(scenarioWith(
            R"({"name":"pt","overage":{"price":1},"burn":{"type":"per_token","rates":{"gpt-5":{"input":1,"output":1}}}})",
            R"({"name":"x","cohorts":{"default":{"gpt-5":0.5,"gpt-5-mini":0.5}}})", kCohort));
        QVERIFY2(message.startsWith("scenario.json: $.packages[0]: package \"pt\" has no credit "
                                    "rates for model \"gpt-5-mini\""),
                 qPrintable(message));
    }

    void missingReferencedFileNamesThePath() {
        const QString message =
            loadError(scenarioWith("\"packages/nope.json\"",
                                   R"({"name":"x","cohorts":{"default":{"gpt-5":1}}})", kCohort));
        QVERIFY2(message.startsWith("scenario.json: $.packages[0]: file not found: "),
                 qPrintable(message));
    }

    void duplicateNamesAreRejected() {
        const QString message =
            loadError(scenarioWith(QString(kPackage) + "," + kPackage,
                                   R"({"name":"x","cohorts":{"default":{"gpt-5":1}}})", kCohort));
        QVERIFY2(
            message.startsWith("scenario.json: $.packages[1]: package name \"p\" is used twice"),
            qPrintable(message));
    }

    void cohortFieldsAreRangeChecked() {
        const QString message = loadError(
            scenarioWith(kPackage, R"({"name":"x","cohorts":{"default":{"gpt-5":1}}})",
                         R"({"name":"low","customers":10,"p_active":1.5,"mu":10,"sigma":1})"));
        QCOMPARE(
            message,
            QString(
                "scenario.json: $.cohorts[0].p_active: expected a number from 0 to 1, got 1.5"));
    }

    void cohortsThatCanDrawMoreTokensThanCanBeSummedAreRefused() {
        // mu 50 and sigma 10 are each inside their ranges; together a customer-month
        // could draw e^110 tokens, whose cost no sum holds.
        const QString message = loadError(
            scenarioWith(kPackage, R"({"name":"x","cohorts":{"default":{"gpt-5":1}}})",
                         R"({"name":"low","customers":10,"p_active":1,"mu":50,"sigma":10})"));
        QVERIFY2(message.startsWith("scenario.json: $.cohorts[0].mu: cohort \"low\" can draw "),
                 qPrintable(message));
        QVERIFY2(message.contains("expected below 1e13"), qPrintable(message));
        // The sample's heavy cohort is far inside.
        QVERIFY(loadError(scenarioWith(
                              kPackage, R"({"name":"x","cohorts":{"default":{"gpt-5":1}}})",
                              R"({"name":"low","customers":10,"p_active":1,"mu":16,"sigma":1.5})"))
                    .isEmpty());
    }

    void theScenarioGrowthOverridesFittedCohortsToo() {
        QTemporaryDir dir;
        QFile::copy(QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/catalog.json"),
                    dir.filePath("catalog.json"));
        QFile f(dir.filePath("scenario.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QJsonObject json =
            QJsonDocument::fromJson(
                scenarioWith(kPackage, R"({"name":"x","cohorts":{"default":{"gpt-5":1}}})",
                             R"({"name":"low","customers":10,"p_active":1,"mu":10,"sigma":1})"))
                .object();
        json.insert("growth", 0.05);
        f.write(QJsonDocument(json).toJson());
        f.close();
        Scenario s = Scenario::loadFile(f.fileName());
        QCOMPARE(s.cohorts[0].growth, 0.05);
        CohortProfile fitted = s.cohorts[0];
        fitted.growth = 0.0; // as fitted from flat usage
        s.useCohorts({fitted}, nullptr, "project");
        QCOMPARE(s.cohorts[0].growth, 0.05);
        // Written inline, the override survives (a stored run re-reads it).
        const Scenario again = Scenario::fromJson(
            JsonNode::parseBytes(QJsonDocument(s.toJson()).toJson(), "run"), dir.path());
        QCOMPARE(again.growth.value_or(-1), 0.05);
    }

    void churnGoesToTheFittedCohortOfItsNameOrIsRefused() {
        QTemporaryDir dir;
        QFile::copy(QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/catalog.json"),
                    dir.filePath("catalog.json"));
        QFile f(dir.filePath("scenario.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(scenarioWith(kPackage, R"({"name":"x","cohorts":{"default":{"gpt-5":1}}})",
                             R"({"name":"low","customers":10,"p_active":1,"mu":10,"sigma":1,
                                 "churn_monthly":0.03})"));
        f.close();
        const Scenario s = Scenario::loadFile(f.fileName());
        CohortProfile fitted = s.cohorts[0];
        fitted.churnMonthly = 0.0; // fits carry no churn
        Scenario same = s;
        same.useCohorts({fitted}, nullptr, "project");
        QCOMPARE(same.cohorts[0].churnMonthly, 0.03);
        // Other cut points, other names: the churn would be lost without a word.
        fitted.name = "cohort1";
        Scenario other = s;
        try {
            other.useCohorts({fitted}, nullptr, "project");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QCOMPARE(e.message(), QString("project: the scenario gives cohort \"low\" a monthly "
                                          "churn of 0.03, but the customers simulated are in "
                                          "cohorts cohort1: give the churn under their names"));
        }
    }

    void truncatedFileGivesTheLine() {
        const QString message = loadError("{\n\"name\": \"s\",\n\"start_month\": \"2026-");
        QVERIFY2(message.startsWith("scenario.json: line 3"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_Scenario.moc"
