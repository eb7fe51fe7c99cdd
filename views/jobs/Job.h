// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one way the desktop app does long work (runs, what-ifs, imports, cohort refits):
// the work runs on a pool thread (QtConcurrent::run on Job::pool()), reports progress
// (at most ~30 signals a second) and polls a cancel flag; its result comes back on the
// GUI thread. An Error (or any std::exception) it throws becomes failed(message). A cancelled job
// delivers nothing but cancelled(): the previous results stay as they were.
//
// One Job runs one piece of work at a time; start() refuses while it runs.
#include "models/common/Cancelled.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>

namespace marginal {

class Job : public QObject {
    Q_OBJECT
public:
    // What the work sees: the cancel flag to poll and where to report progress.
    class Context {
    public:
        const std::atomic<bool>& cancel;
        bool cancelled() const { return cancel.load(std::memory_order_relaxed); }
        // Any thread; throttled.
        void progress(qint64 done, qint64 total) { report_(done, total); }

    private:
        friend class Job;
        Context(const std::atomic<bool>& c, std::function<void(qint64, qint64)> report)
            : cancel(c), report_(std::move(report)) {}
        std::function<void(qint64, qint64)> report_;
    };

    explicit Job(QObject* parent = nullptr);
    ~Job() override; // cancels the work and waits for it

    // Runs `work` in the background and hands its value to `done` on this object's
    // thread; false when a job is already running.
    template <typename T> bool start(std::function<T(Context&)> work, std::function<void(T)> done) {
        if (running_)
            return false;
        future_.waitForFinished();
        running_ = true;
        cancel_ = std::make_shared<std::atomic<bool>>(false);
        future_ = QtConcurrent::run(&pool(), [this, cancel = cancel_, work = std::move(work),
                                              done = std::move(done)]() mutable {
            Context context(*cancel, progressReporter());
            try {
                auto value = std::make_shared<T>(work(context));
                deliver([this, cancel, value, done] {
                    if (cancel->load())
                        return finish(Outcome::Cancelled, QString());
                    done(std::move(*value));
                    finish(Outcome::Finished, QString());
                });
            } catch (const Cancelled&) {
                deliver([this] { finish(Outcome::Cancelled, QString()); });
            } catch (const Error& e) {
                deliver([this, message = e.message()] { finish(Outcome::Failed, message); });
            } catch (const std::exception& e) { // out of memory, a library's own: said, not lost
                deliver([this, message = QString::fromLocal8Bit(e.what())] {
                    finish(Outcome::Failed, QStringLiteral("unexpected error: %1").arg(message));
                });
            }
        });
        return true;
    }
    bool isRunning() const { return running_; }
    // Asks the work to stop; cancelled() follows when it has.
    void cancel();
    // Blocks until the work has ended (its result is still delivered later).
    void wait() { future_.waitForFinished(); }

    // The pool jobs run on: enough threads that a refit, a full run and a what-if
    // never queue behind each other.
    static QThreadPool& pool();

Q_SIGNALS:
    void progressed(qint64 done, qint64 total);
    void finished();
    void cancelled();
    void failed(const QString& message);

private:
    enum class Outcome { Finished, Cancelled, Failed };
    void deliver(std::function<void()> onGuiThread);
    void finish(Outcome outcome, const QString& message);
    std::function<void(qint64, qint64)> progressReporter();

    QFuture<void> future_;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    bool running_ = false;
};

} // namespace marginal
