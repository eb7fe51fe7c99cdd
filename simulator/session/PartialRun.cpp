// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/session/PartialRun.h"
#include "models/common/InputError.h"
#include "simulator/engine/SimulationPlan.h"
#include "simulator/session/ShareFile.h"

#include <QDataStream>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

namespace marginal {

namespace {

const QByteArray kMagic = "marginal partial run 1\n";

// An empty statistics table of the shape of the inputs' run.
RunStatistics statisticsFor(const RunInputs& inputs, bool keepTrialTotals) {
    const SimulationPlan plan = SimulationPlan::compile(inputs.scenario);
    return RunStatistics(plan.variantCount(), plan.cohortCount(), plan.months, keepTrialTotals,
                         plan.migration.enabled && plan.migration.hasBaseline());
}

} // namespace

QByteArray PartialRun::toBytes() const {
    QByteArray block;
    {
        QDataStream out(&block, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_0);
        out << inputsJson << qint64(first) << qint64(count);
        stats.save(out);
    }
    return ShareFile::wrap(kMagic, block);
}

PartialRun PartialRun::fromBytes(const QByteArray& bytes, const QString& file) {
    const auto refuse = [&](const QString& what) { return InputError(file, QString(), what); };
    const QByteArray block = ShareFile::unwrap(bytes, kMagic, file, QStringLiteral("partial run"),
                                               QStringLiteral("marginal-cli simulate --partial"));
    QDataStream in(block);
    in.setVersion(QDataStream::Qt_6_0);
    PartialRun share;
    qint64 first = 0, count = 0;
    in >> share.inputsJson >> first >> count;
    const QJsonDocument json = QJsonDocument::fromJson(share.inputsJson);
    if (in.status() != QDataStream::Ok || !json.isObject())
        throw refuse(QStringLiteral("expected a partial run's inputs"));
    share.inputs = RunInputs::fromJson(json.object(), file);
    share.first = first;
    share.count = count;
    if (first < 0 || count < 1 || first + count > share.inputs.trials)
        throw refuse(QStringLiteral("expected a trial range inside the run's %1 trials, got %2:%3")
                         .arg(share.inputs.trials)
                         .arg(first)
                         .arg(first + count));
    // Loaded over a table of the run's own shape: a share of another shape is refused.
    share.stats = statisticsFor(share.inputs, false);
    if (!share.stats.load(in) || share.stats.trialsDone != count || !in.atEnd())
        throw refuse(QStringLiteral("expected the statistics of %1 trials of this run").arg(count));
    return share;
}

RunStatistics PartialRun::merge(std::vector<PartialRun> shares, const QStringList& files) {
    if (shares.empty())
        throw InputError(QString(), QStringLiteral("merge"),
                         QStringLiteral("expected partial run files"));
    for (std::size_t i = 1; i < shares.size(); ++i)
        if (shares[i].inputsJson != shares[0].inputsJson)
            throw InputError(files[qsizetype(i)], QString(),
                             QStringLiteral("expected a share of the same run as %1 (same "
                                            "scenario, customers, seed and trials); its inputs "
                                            "differ")
                                 .arg(files[0]));
    std::vector<ShareFile::Range> ranges;
    for (const PartialRun& s : shares)
        ranges.push_back({s.first, s.count});
    const std::vector<std::size_t> order =
        ShareFile::coverOnce(ranges, shares[0].inputs.trials, files, QStringLiteral("trials"));
    RunStatistics merged = std::move(shares[order[0]].stats);
    for (std::size_t k = 1; k < order.size(); ++k)
        merged.merge(std::move(shares[order[k]].stats));
    return merged;
}

} // namespace marginal
