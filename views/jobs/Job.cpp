// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/jobs/Job.h"

#include <QMetaObject>
#include <QMutex>

namespace marginal {

Job::Job(QObject* parent) : QObject(parent) {}

Job::~Job() {
    cancel_->store(true);
    future_.waitForFinished();
}

QThreadPool& Job::pool() {
    static QThreadPool* threads = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(8);
        return p;
    }();
    return *threads;
}

void Job::cancel() {
    cancel_->store(true);
}

void Job::deliver(std::function<void()> onGuiThread) {
    QMetaObject::invokeMethod(this, std::move(onGuiThread), Qt::QueuedConnection);
}

void Job::finish(Outcome outcome, const QString& message) {
    running_ = false;
    switch (outcome) {
    case Outcome::Finished:
        Q_EMIT finished();
        break;
    case Outcome::Cancelled:
        Q_EMIT cancelled();
        break;
    case Outcome::Failed:
        Q_EMIT failed(message);
        break;
    }
}

std::function<void(qint64, qint64)> Job::progressReporter() {
    // At most one signal every 33 ms, and always the last one (done == total).
    auto clock = std::make_shared<QElapsedTimer>();
    auto lock = std::make_shared<QMutex>();
    clock->start();
    return [this, clock, lock](qint64 done, qint64 total) {
        {
            QMutexLocker locked(lock.get());
            if (clock->elapsed() < 33 && done != total)
                return;
            clock->restart();
        }
        Q_EMIT progressed(done, total); // queued to the GUI thread: a cross-thread emit
    };
}

} // namespace marginal
