// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/session/PartialRun.h"
#include "models/common/InputError.h"
#include "simulator/engine/SimulationPlan.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

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
    return kMagic + QByteArray::number(block.size()) + '\n' + block +
           QCryptographicHash::hash(block, QCryptographicHash::Sha256);
}

PartialRun PartialRun::fromBytes(const QByteArray& bytes, const QString& file) {
    const auto refuse = [&](const QString& what) { return InputError(file, QString(), what); };
    if (!bytes.startsWith(kMagic))
        throw refuse(
            QStringLiteral("expected a partial run written by marginal-cli simulate --partial"));
    const qsizetype lineEnd = bytes.indexOf('\n', kMagic.size());
    bool ok = false;
    const qint64 size =
        lineEnd < 0 ? -1 : bytes.mid(kMagic.size(), lineEnd - kMagic.size()).toLongLong(&ok);
    const qsizetype hashSize = 32;
    if (!ok || size < 0 || bytes.size() != lineEnd + 1 + size + hashSize)
        throw refuse(QStringLiteral("expected a whole partial run file (this one is cut short "
                                    "or has bytes added)"));
    const QByteArray block = bytes.mid(lineEnd + 1, size);
    if (QCryptographicHash::hash(block, QCryptographicHash::Sha256) != bytes.right(hashSize))
        throw refuse(QStringLiteral("expected an undamaged partial run file (its checksum does "
                                    "not match: it changed after it was written)"));
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
    std::vector<std::size_t> order(shares.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return shares[a].first < shares[b].first; });
    std::int64_t next = 0;
    for (const std::size_t i : order) {
        const PartialRun& s = shares[i];
        if (s.first != next)
            throw InputError(
                files[qsizetype(i)], QString(),
                s.first < next ? QStringLiteral("expected trials from %3 on; its trials %1:%2 "
                                                "overlap another share's")
                                     .arg(s.first)
                                     .arg(s.first + s.count)
                                     .arg(next)
                               : QStringLiteral("expected a share of trials from %1 on before it; "
                                                "trials %1:%2 are missing")
                                     .arg(next)
                                     .arg(s.first));
        next = s.first + s.count;
    }
    if (next != shares[0].inputs.trials)
        throw InputError(files[qsizetype(order.back())], QString(),
                         QStringLiteral("expected the shares to cover all %1 trials; trials %2:%1 "
                                        "are missing")
                             .arg(shares[0].inputs.trials)
                             .arg(next));
    RunStatistics merged = std::move(shares[order[0]].stats);
    for (std::size_t k = 1; k < order.size(); ++k)
        merged.merge(std::move(shares[order[k]].stats));
    return merged;
}

} // namespace marginal
