// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An import whose rows do not come in time order (a warehouse export customer by
// customer, a shuffled file) would insert every batch all over the usage table, whose
// row ids lead with the day. Instead its batches are sorted by row id and written to a
// temporary file beside the project as runs, then merged back in row-id order: the
// table is then filled from one end, as a chronological export fills it. Memory holds
// one batch and a 64 KiB buffer per run, whatever the file size.
#include "models/project/UsageBatchWriter.h"

#include <QTemporaryFile>
#include <functional>
#include <vector>

namespace marginal {

class UsageRunSpill {
public:
    // The temporary file goes beside `projectFile` (on its disk, not in a RAM /tmp).
    explicit UsageRunSpill(const QString& projectFile);

    // Writes the batch's records, sorted by key (UsageBatch::sortByKey), as one run.
    // Throws Error when the file cannot be written (disk full).
    void addRun(UsageBatch& batch);
    bool empty() const { return runs_.empty(); }
    std::int64_t records() const { return records_; }
    // Reads every run back merged in key order (file order among equal keys), in
    // batches of at most `batchSize` records with their keys, in order, handed to
    // `deliver` (which takes the batch
    // and leaves it empty). `stop` is asked between batches.
    void merge(std::size_t batchSize, const std::function<void(UsageBatch&)>& deliver,
               const std::function<bool()>& stop);

private:
    struct Run {
        qint64 begin = 0, end = 0;
    };
    void flush();

    QString projectFile_;
    QTemporaryFile file_;
    QByteArray buffer_; // written to the file past 1 MiB
    std::vector<Run> runs_;
    qint64 written_ = 0;
    std::int64_t records_ = 0;
};

} // namespace marginal
