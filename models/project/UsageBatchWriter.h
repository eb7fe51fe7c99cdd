// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Stores an import's batches on a worker thread while the importer parses the next
// one: parsing and SQLite then run side by side on two cores. At most one batch
// waits while another is being stored, so memory stays bounded whatever the file
// size. Only the worker touches the store between the first submit() and finish()
// (or abandon()); a store error is rethrown to the importer by submit() or finish().
#include "models/domain/UsageRecord.h"
#include "models/project/ProjectStore.h"

#include <QString>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace marginal {

struct RejectedRow {
    std::int64_t line = 0;
    QString field;
    QString reason;
    QString raw;
};

// The first `size` records are the batch; records past them are spare, kept so that
// refilling a recycled batch assigns into existing strings instead of allocating.
struct UsageBatch {
    std::vector<UsageRecord> records;
    std::size_t size = 0;
    std::vector<ProjectStore::UsageKey> keys; // filled by submit()
    std::vector<RejectedRow> rejected;

    void add(const UsageRecord& r) {
        if (size < records.size())
            records[size] = r;
        else
            records.push_back(r);
        ++size;
    }
    std::span<const UsageRecord> live() const { return {records.data(), size}; }
    bool empty() const { return size == 0 && rejected.empty(); }
    void clear() {
        size = 0;
        keys.clear();
        rejected.clear();
    }
    // Puts the records in key order, in place (swaps, no allocation).
    void sortByKey();
};

class UsageBatchWriter {
public:
    explicit UsageBatchWriter(ProjectStore& store);
    ~UsageBatchWriter(); // abandons what is not stored yet
    UsageBatchWriter(const UsageBatchWriter&) = delete;
    UsageBatchWriter& operator=(const UsageBatchWriter&) = delete;

    // Computes the batch's dedup keys and sorts it on the calling thread, then hands
    // it over; `batch` comes back empty (a recycled one when there is one). Waits
    // while an earlier batch is still queued.
    void submit(UsageBatch& batch);
    // The same for a batch already in key order with its keys (a merged spill).
    void submitSorted(UsageBatch& batch);
    // Hands the batch over to `runs` on the worker (which sorts it and writes it out)
    // instead of storing it: an import out of time order spills sorted runs while
    // the next batch is parsed (UsageRunSpill). `runs` is called on the worker only.
    void submitToRuns(UsageBatch& batch, std::function<void(UsageBatch&)> runs);
    // Waits until everything submitted is stored or given to its runs.
    void drain();
    // Waits until everything submitted is stored; returns how many records were
    // added (the rest were duplicates).
    std::int64_t finish();
    // Drops what is queued and waits for the worker to stop (before a rollback).
    void abandon();
    // CPU seconds the calling thread has used so far.
    static double threadCpuSeconds();
    // CPU seconds the worker has spent storing (for the import benchmark).
    double storeCpuSeconds() const { return storeCpuSeconds_; }

private:
    void work();
    void rethrowError();

    ProjectStore& store_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<UsageBatch> queued_;
    std::function<void(UsageBatch&)> queuedRuns_; // set: the queued batch goes to runs
    std::optional<UsageBatch> spare_;             // a stored batch, for reuse
    bool storing_ = false;
    bool stopping_ = false;
    std::exception_ptr error_;
    std::int64_t added_ = 0;
    double storeCpuSeconds_ = 0.0;
    std::thread worker_;
};

} // namespace marginal
