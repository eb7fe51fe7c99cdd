// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/project/UsageBatchWriter.h"

#include <ctime>

namespace marginal {

double UsageBatchWriter::threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

UsageBatchWriter::UsageBatchWriter(ProjectStore& store)
    : store_(store), worker_([this] { work(); }) {}

UsageBatchWriter::~UsageBatchWriter() {
    abandon();
}

void UsageBatchWriter::rethrowError() {
    if (error_) // sticky: every later call fails the same way
        std::rethrow_exception(error_);
}

void UsageBatch::sortByKey() {
    // Records go in key order here, so the store reads them in sequence rather than
    // all over the batch (cache misses were a tenth of its time). A gather by cycles:
    // afterwards records[i] is what records[keys[i].index] was.
    keys = ProjectStore::sortedKeys(live());
    std::vector<std::size_t> from(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        from[i] = keys[i].index;
        keys[i].index = i;
    }
    for (std::size_t start = 0; start < from.size(); ++start) {
        std::size_t j = start;
        while (from[j] != start) {
            const std::size_t k = from[j];
            std::swap(records[j], records[k]);
            from[j] = j;
            j = k;
        }
        from[j] = j;
    }
}

void UsageBatchWriter::submit(UsageBatch& batch) {
    batch.sortByKey();
    submitSorted(batch);
}

void UsageBatchWriter::submitSorted(UsageBatch& batch) {
    submitToRuns(batch, nullptr);
}

void UsageBatchWriter::submitToRuns(UsageBatch& batch, std::function<void(UsageBatch&)> runs) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !queued_ || error_; });
    rethrowError();
    queued_.emplace(std::move(batch));
    queuedRuns_ = std::move(runs);
    batch = spare_ ? std::move(*spare_) : UsageBatch();
    spare_.reset();
    batch.clear();
    changed_.notify_all();
}

void UsageBatchWriter::drain() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return (!queued_ && !storing_) || error_; });
    rethrowError();
}

std::int64_t UsageBatchWriter::finish() {
    drain();
    std::unique_lock lock(mutex_);
    return added_;
}

void UsageBatchWriter::abandon() {
    {
        std::unique_lock lock(mutex_);
        stopping_ = true;
        queued_.reset();
        changed_.notify_all();
    }
    if (worker_.joinable())
        worker_.join();
}

void UsageBatchWriter::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return queued_ || stopping_; });
        if (stopping_)
            return;
        UsageBatch batch = std::move(*queued_);
        queued_.reset();
        const std::function<void(UsageBatch&)> runs = std::move(queuedRuns_);
        queuedRuns_ = nullptr;
        storing_ = true;
        changed_.notify_all(); // the importer may queue the next batch now
        lock.unlock();
        std::int64_t added = 0;
        std::exception_ptr error;
        const double cpuBefore = threadCpuSeconds();
        try {
            if (runs) {
                runs(batch); // sorts it
            } else {
                added = store_.addUsageBatch(batch.live(), batch.keys);
                for (const RejectedRow& r : batch.rejected)
                    store_.addRejected(r.line, r.field, r.reason, r.raw);
            }
        } catch (...) {
            error = std::current_exception();
        }
        const double cpu = threadCpuSeconds() - cpuBefore;
        lock.lock();
        storeCpuSeconds_ += cpu;
        spare_.emplace(std::move(batch));
        storing_ = false;
        added_ += added;
        if (error) {
            error_ = error;
            stopping_ = true;
        }
        changed_.notify_all();
        if (stopping_)
            return;
    }
}

} // namespace marginal
