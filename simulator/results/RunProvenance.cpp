// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/RunProvenance.h"
#include "simulator/results/RunRecord.h"

#include <QJsonArray>
#include <QLocale>

namespace marginal {

namespace {

QString catalogText(const RunRecord& run) {
    if (run.catalogName.isEmpty())
        return run.catalogAsOf;
    return run.catalogAsOf.isEmpty()
               ? run.catalogName
               : QStringLiteral("%1 (%2)").arg(run.catalogName, run.catalogAsOf);
}

QString trialsText(const RunRecord& run) {
    const QLocale english(QLocale::English);
    if (run.trialsDone == run.trialsRequested)
        return english.toString(qint64(run.trialsDone));
    return QStringLiteral("%1 of %2 (cancelled)")
        .arg(english.toString(qint64(run.trialsDone)),
             english.toString(qint64(run.trialsRequested)));
}

} // namespace

QString RunProvenance::kind(const RunRecord& run) {
    return run.whatIf ? QStringLiteral("WHAT-IF (quick run, not the full run)")
                      : QStringLiteral("full run");
}

QList<QPair<QString, QString>> RunProvenance::rows(const RunRecord& run) {
    QList<QPair<QString, QString>> out = {
        {QStringLiteral("Scenario"), run.scenarioName},
        {QStringLiteral("Run"), kind(run)},
        {QStringLiteral("Customers from"), run.customersFrom},
        {QStringLiteral("Seed"), QString::number(run.seed)},
        {QStringLiteral("Trials"), trialsText(run)},
        {QStringLiteral("Start month"), run.startMonth},
        {QStringLiteral("Horizon (months)"), QString::number(run.months)},
        {QStringLiteral("Catalog"), catalogText(run)},
        {QStringLiteral("Finished (UTC)"), run.createdUtc},
        {QStringLiteral("Made by"),
         QStringLiteral("Marginal %1 (%2)").arg(QStringLiteral(MARGINAL_VERSION), run.source)},
    };
    for (const InputFile& input : run.inputFiles)
        out.append({QStringLiteral("SHA-256 of %1").arg(input.file), input.sha256});
    return out;
}

QJsonObject RunProvenance::json(const RunRecord& run) {
    QJsonArray inputs;
    for (const InputFile& input : run.inputFiles)
        inputs.append(QJsonObject{{QStringLiteral("file"), input.file},
                                  {QStringLiteral("sha256"), input.sha256}});
    QJsonObject json{
        {QStringLiteral("marginal_version"), QStringLiteral(MARGINAL_VERSION)},
        {QStringLiteral("scenario"), run.scenarioName},
        {QStringLiteral("what_if"), run.whatIf},
        {QStringLiteral("customers_from"), run.customersFrom},
        {QStringLiteral("seed"), QString::number(run.seed)},
        {QStringLiteral("trials_requested"), qint64(run.trialsRequested)},
        {QStringLiteral("trials_done"), qint64(run.trialsDone)},
        {QStringLiteral("start_month"), run.startMonth},
        {QStringLiteral("horizon_months"), run.months},
        {QStringLiteral("catalog"), QJsonObject{{QStringLiteral("name"), run.catalogName},
                                                {QStringLiteral("as_of"), run.catalogAsOf}}},
        {QStringLiteral("created_utc"), run.createdUtc},
        {QStringLiteral("source"), run.source},
        {QStringLiteral("inputs"), inputs},
    };
    if (!run.unpricedModels.isEmpty()) // only then: other runs' files stay as they were
        json.insert(QStringLiteral("unpriced_models"), run.unpricedModels);
    if (!run.warnings.isEmpty())
        json.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(run.warnings));
    return json;
}

QString RunProvenance::footnote(const RunRecord& run) {
    QStringList parts = {
        run.scenarioName,
        run.whatIf ? QStringLiteral("WHAT-IF quick run") : QStringLiteral("full run"),
        QStringLiteral("seed %1").arg(run.seed), QStringLiteral("%1 trials").arg(trialsText(run)),
        QStringLiteral("customers: %1").arg(run.customersFrom)};
    // One line under a chart: the catalog by its date only (its name is in the Run
    // sheet and the .run.json).
    if (!run.catalogAsOf.isEmpty())
        parts.append(QStringLiteral("catalog of %1").arg(run.catalogAsOf));
    return parts.join(QStringLiteral(" · "));
}

} // namespace marginal
