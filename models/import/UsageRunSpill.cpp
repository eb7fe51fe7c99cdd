// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/UsageRunSpill.h"
#include "models/project/ProjectError.h"

#include <cerrno>

#include <QFileInfo>
#include <algorithm>
#include <cstring>
#include <queue>

namespace marginal {

namespace {

// Writes one record (with its key) at the end of `out`: its size is known first, so
// the buffer grows once per record and the fields are copied in (appending them one
// by one was a third of the spill's time).
void putRecord(QByteArray& out, std::int64_t key, const UsageRecord& r) {
    const std::string* texts[] = {&r.customerId, &r.model, &r.eventId, &r.feature};
    qsizetype size = 9 * qsizetype(sizeof(std::int64_t)) + qsizetype(sizeof(std::int32_t)) +
                     qsizetype(sizeof(double));
    for (const std::string* text : texts)
        size += qsizetype(sizeof(std::uint32_t) + text->size());
    const qsizetype at = out.size();
    out.resize(at + size);
    char* p = out.data() + at;
    const auto put = [&p](const auto& value) {
        std::memcpy(p, &value, sizeof value);
        p += sizeof value;
    };
    put(key);
    put(r.periodStart);
    put(r.periodSeconds);
    for (std::int64_t field : {r.inputTokens, r.cachedInputTokens, r.cacheWriteTokens,
                               r.cacheWrite1hTokens, r.outputTokens, r.requests, r.sourceLine})
        put(field);
    put(r.reportedCostUsd);
    for (const std::string* text : texts) {
        put(std::uint32_t(text->size()));
        std::memcpy(p, text->data(), text->size());
        p += text->size();
    }
}

// The merge reads every run at once through a window each: together 8 MiB, so memory
// stays flat however many runs a large file makes (10M rows: 154 runs of 52 KiB
// windows; 100M rows: 1,540 of 5 KiB). A window is never under 4 KiB, so past 2,048
// runs (130M rows) they take 4 KiB each.
constexpr qint64 kMergeWindows = 8 << 20;
constexpr qint64 kLargestWindow = 64 << 10, kSmallestWindow = 4 << 10;

// One run read back through a window of `window` bytes.
class RunReader {
public:
    RunReader(QFile& file, qint64 begin, qint64 end, qint64 window)
        : file_(file), next_(begin), end_(end), window_(window) {
        buffer_.reserve(window_ + 256);
    }

    // The next record and its key; false at the run's end.
    bool read(UsageRecord& r, std::int64_t& key) {
        if (!ensure(sizeof(std::int64_t)))
            return false;
        key = get<std::int64_t>();
        ensure(2 * sizeof(std::int64_t) + sizeof(std::int32_t) + 7 * sizeof(std::int64_t) +
               sizeof(double));
        r.periodStart = get<std::int64_t>();
        r.periodSeconds = get<std::int32_t>();
        for (std::int64_t* field :
             {&r.inputTokens, &r.cachedInputTokens, &r.cacheWriteTokens, &r.cacheWrite1hTokens,
              &r.outputTokens, &r.requests, &r.sourceLine})
            *field = get<std::int64_t>();
        r.reportedCostUsd = get<double>();
        for (std::string* text : {&r.customerId, &r.model, &r.eventId, &r.feature}) {
            ensure(sizeof(std::uint32_t));
            const auto size = get<std::uint32_t>();
            ensure(size);
            text->assign(buffer_.constData() + pos_, size);
            pos_ += size;
        }
        return true;
    }

private:
    template <typename T> T get() {
        T value;
        std::memcpy(&value, buffer_.constData() + pos_, sizeof value);
        pos_ += sizeof value;
        return value;
    }
    // At least `n` unread bytes in the window, unless the run ends first.
    bool ensure(std::size_t n) {
        while (std::size_t(buffer_.size() - pos_) < n) {
            if (next_ >= end_)
                return false;
            buffer_.remove(0, pos_);
            pos_ = 0;
            const qint64 chunk =
                std::min<qint64>(end_ - next_, std::max<qint64>(window_, qint64(n)));
            const qsizetype kept = buffer_.size();
            buffer_.resize(kept + chunk); // within the window reserved, unless a record is larger
            if (!file_.seek(next_) || file_.read(buffer_.data() + kept, chunk) != chunk)
                throw ProjectError(
                    QStringLiteral("cannot read the import's temporary file back: %1")
                        .arg(file_.errorString()),
                    ProjectError::Kind::Io);
            next_ += chunk;
        }
        return true;
    }

    QFile& file_;
    qint64 next_, end_, window_;
    QByteArray buffer_;
    qsizetype pos_ = 0;
};

} // namespace

UsageRunSpill::UsageRunSpill(const QString& projectFile)
    : projectFile_(projectFile),
      file_(QFileInfo(projectFile).absoluteFilePath() + QStringLiteral(".import-XXXXXX")) {
    buffer_.reserve((1 << 20) + (64 << 10));
}

void UsageRunSpill::addRun(UsageBatch& batch) {
    // Written in key order through the sorted keys: the records themselves stay put.
    const std::vector<ProjectStore::UsageKey> keys = ProjectStore::sortedKeys(batch.live());
    if (!file_.isOpen() && !file_.open())
        throw ProjectError(QStringLiteral("%1: cannot make the import's temporary file beside "
                                          "it: %2; the project is as it was")
                               .arg(projectFile_, file_.errorString()),
                           ProjectError::Kind::Io);
    const qint64 begin = written_ + buffer_.size();
    for (std::size_t i = 0; i < batch.size; ++i) {
        putRecord(buffer_, keys[i].id, batch.records[keys[i].index]);
        if (buffer_.size() > (1 << 20))
            flush();
    }
    flush();
    runs_.push_back(Run{begin, written_});
    records_ += std::int64_t(batch.size);
    batch.size = 0;
    batch.keys.clear();
}

// A write that fails as the project's own would: the disk full (or a file-size limit)
// is ProjectError::Kind::Full or Io with the system's reason, the project untouched.
[[noreturn]] static void writeFailed(const QString& projectFile, const QFile& file) {
    const int error = errno; // Qt's own message for a buffered write is "Unknown error"
    const QString reason =
        error != 0 ? QString::fromLocal8Bit(std::strerror(error)) : file.errorString();
    throw ProjectError(QStringLiteral("%1: cannot write the import's temporary file beside it: "
                                      "%2; the project is as it was")
                           .arg(projectFile, reason),
                       error == ENOSPC ? ProjectError::Kind::Full : ProjectError::Kind::Io);
}

void UsageRunSpill::flush() {
    if (buffer_.isEmpty())
        return;
    if (file_.write(buffer_) != buffer_.size())
        writeFailed(projectFile_, file_);
    written_ += buffer_.size();
    buffer_.resize(0); // keeps its capacity (clear() would free it)
}

void UsageRunSpill::merge(std::size_t batchSize, const std::function<void(UsageBatch&)>& deliver,
                          const std::function<bool()>& stop) {
    if (runs_.empty())
        return;
    if (!file_.flush())
        writeFailed(projectFile_, file_);
    std::vector<RunReader> readers;
    std::vector<UsageRecord> heads(runs_.size());
    std::vector<std::int64_t> keys(runs_.size());
    // Smallest key first; among equal keys the earlier run, so file order is kept.
    using Entry = std::pair<std::int64_t, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> next;
    const qint64 window =
        std::clamp(kMergeWindows / qint64(runs_.size()), kSmallestWindow, kLargestWindow);
    readers.reserve(runs_.size());
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        readers.emplace_back(file_, runs_[i].begin, runs_[i].end, window);
        if (readers[i].read(heads[i], keys[i]))
            next.emplace(keys[i], i);
    }
    UsageBatch batch;
    while (!next.empty()) {
        const std::size_t run = next.top().second;
        next.pop();
        batch.keys.push_back(ProjectStore::UsageKey{keys[run], batch.size});
        batch.add(heads[run]);
        if (readers[run].read(heads[run], keys[run]))
            next.emplace(keys[run], run);
        if (batch.size >= batchSize) {
            if (stop())
                return;
            deliver(batch);
        }
    }
    if (batch.size > 0 && !stop())
        deliver(batch);
}

} // namespace marginal
