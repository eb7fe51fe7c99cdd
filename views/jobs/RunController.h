#pragma once
// Runs a simulation off the GUI thread: progress as signals (at most ~30 a second),
// Cancel through an atomic flag, the result handed back on the GUI thread. A
// cancelled or failed run leaves the previous result in place (no partial run).
#include "simulator/results/RunRecord.h"
#include "models/domain/Scenario.h"

#include <QObject>
#include <atomic>
#include <memory>
#include <thread>

namespace marginal {

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override; // cancels a run in progress and waits for it

    bool isRunning() const { return running_; }
    // Starts a run of `scenario` (copied); false when one is already running.
    // A quick run (what-if) draws its credit-burn and margin-vs-usage detail from
    // fewer customers, to redraw within a few tens of milliseconds.
    bool start(const Scenario& scenario, std::int64_t trials, std::uint64_t seed, int threads,
               bool quick = false);
    void cancel();
    // The last completed run, or nullptr.
    std::shared_ptr<const RunRecord> lastRecord() const { return record_; }

Q_SIGNALS:
    void progressed(qint64 done, qint64 total);
    void finished();
    void cancelled();
    void failed(const QString& message);

private:
    void joinWorker();

    std::thread worker_;
    std::atomic<bool> cancel_{false};
    bool running_ = false;
    std::shared_ptr<const RunRecord> record_;
};

} // namespace marginal
