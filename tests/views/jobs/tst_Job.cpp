// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app's background work (Job): a value comes back on the GUI thread; an
// Error, and any other std::exception (out of memory, a library's own), becomes
// failed(message) rather than a job that never ends; a cancel delivers nothing.
#include "models/common/InputError.h"
#include "views/jobs/Job.h"

#include <QSignalSpy>
#include <QtTest>
#include <new>
#include <stdexcept>

using namespace marginal;

class TestJob : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aValueComesBackOnTheGuiThread() {
        Job job;
        QSignalSpy finished(&job, &Job::finished);
        int got = 0;
        QThread* deliveredOn = nullptr;
        QVERIFY(job.start<int>([](Job::Context&) { return 42; },
                               [&](int value) {
                                   got = value;
                                   deliveredOn = QThread::currentThread();
                               }));
        QVERIFY(finished.wait(10000));
        QCOMPARE(got, 42);
        QCOMPARE(deliveredOn, QThread::currentThread());
    }

    void anyExceptionBecomesFailed_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("an Error") << 0 << "f.json: a number";
        QTest::newRow("std::runtime_error") << 1 << "unexpected error: disk on fire";
        QTest::newRow("std::bad_alloc") << 2 << "unexpected error: std::bad_alloc";
    }
    void anyExceptionBecomesFailed() {
        QFETCH(int, kind);
        QFETCH(QString, message);
        Job job;
        QSignalSpy failed(&job, &Job::failed);
        bool delivered = false;
        job.start<int>(
            [kind](Job::Context&) -> int {
                if (kind == 0)
                    throw InputError(QStringLiteral("f.json"), QString(),
                                     QStringLiteral("a number"));
                if (kind == 1)
                    throw std::runtime_error("disk on fire");
                throw std::bad_alloc();
            },
            [&](int) { delivered = true; });
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.front().front().toString().contains(message),
                 qPrintable(failed.front().front().toString()));
        QVERIFY(!delivered);
        QVERIFY(!job.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_Job.moc"
