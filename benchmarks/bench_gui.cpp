// SPDX-License-Identifier: GPL-3.0-or-later
// Responsiveness of the desktop app on the bundled sample scenario (run it with
// QT_QPA_PLATFORM=offscreen on a machine without a display):
//  - what-if latency: from a package edit (the field model's setData, as the editor
//    does) to the quick run's results drawn in the table and charts, over N edits;
//  - the longest event-loop stall during a full run and during the what-ifs: a 5 ms
//    timer runs throughout and every gap between its ticks beyond 5 ms is a stall.
//
//  - with --project: the longest stall while a project opens and its cohorts are
//    fitted (on a background thread), and the time until they are shown.
//
//   marginal-bench-gui [--edits N] [--trials T] [--project P.marginal [--open-only]]
//
// --open-only skips the sample's what-ifs and full run: the figures (and the process's
// peak memory) are then the opening's alone.
#include "benchmarks/BenchSupport.h"
#include "views/editors/JsonFieldsModel.h"
#include "views/editors/PackageEditor.h"
#include "views/jobs/RunController.h"
#include "views/window/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QSpinBox>
#include <QTextStream>
#include <QTimer>
#include <algorithm>
#include <vector>

using namespace marginal;

namespace {

// Ticks every 5 ms and keeps the largest gap between ticks.
class StallMeter {
public:
    StallMeter() {
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            const qint64 now = clock_.nsecsElapsed();
            if (last_ >= 0)
                longest_ = std::max(longest_, (now - last_) / 1e6 - 5.0);
            last_ = now;
        });
        timer_.setTimerType(Qt::PreciseTimer);
    }
    void start() {
        longest_ = 0.0;
        last_ = -1;
        clock_.start();
        timer_.start(5);
    }
    double stop() {
        timer_.stop();
        return std::max(0.0, longest_);
    }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = -1;
    double longest_ = 0.0;
};

bool waitFor(QObject* sender, void (MainWindow::*signal)(), int timeoutMs) {
    QEventLoop loop;
    bool fired = false;
    QObject::connect(static_cast<MainWindow*>(sender), signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return fired;
}

// On the bundled sample: what-if latency over edits of each package's base fee (up and
// down), then a full run. Returns 0, or the exit code of a failure.
int measureWhatIfsAndRun(MainWindow& w, StallMeter& stalls, int edits, int trials,
                         QTextStream& out) {
    if (const Status opened = w.openScenario(MainWindow::bundledSample()); !opened) {
        QTextStream(stderr) << opened.error() << "\n";
        return 2;
    }
    if (trials > 0)
        w.trialsBox().setValue(trials);
    w.showPage(MainWindow::ChartsPage); // the charts redraw in view

    // What-if latency over edits of each package's base fee, up and down.
    JsonFieldsModel& fields = w.packageEditor().fields();
    std::vector<double> latency;
    stalls.start();
    const int packages = int(w.scenario()->packages.size());
    for (int e = 0; e < edits; ++e) {
        w.packageEditor().selectPackage((e / 2) % packages); // +1 then back
        const int row = fields.rowOf({QStringLiteral("base_fee")});
        const double fee = fields.data(fields.index(row, 1), Qt::EditRole).toDouble();
        QElapsedTimer t;
        t.start();
        if (!fields.setData(fields.index(row, 1), fee + (e % 2 ? -1.0 : 1.0))) {
            QTextStream(stderr) << "edit refused: " << fields.lastError() << "\n";
            return 1;
        }
        if (!waitFor(&w, &MainWindow::resultsShown, 60000)) {
            QTextStream(stderr) << "what-if run did not finish\n";
            return 1;
        }
        latency.push_back(t.nsecsElapsed() / 1e6);
    }
    const double whatIfStall = stalls.stop();
    std::sort(latency.begin(), latency.end());
    out << QStringLiteral("what-if latency (edit to results drawn, %1 trials, %2 edits): median "
                          "%3 ms, P90 %4 ms, max %5 ms (target <= 300 ms)\n")
               .arg(MainWindow::kWhatIfTrials)
               .arg(edits)
               .arg(median(latency), 0, 'f', 1)
               .arg(latency[std::size_t(0.9 * double(latency.size() - 1))], 0, 'f', 1)
               .arg(latency.back(), 0, 'f', 1)
        << QStringLiteral("longest event-loop stall during the what-ifs: %1 ms\n")
               .arg(whatIfStall, 0, 'f', 1);

    // A full run.
    QElapsedTimer run;
    run.start();
    stalls.start();
    w.runSimulation();
    if (!waitFor(&w, &MainWindow::resultsShown, 600000)) {
        QTextStream(stderr) << "full run did not finish\n";
        return 1;
    }
    const double runStall = stalls.stop();
    out << QStringLiteral("full run (%1 trials): %2 s; longest event-loop stall %3 ms (target "
                          "< 100 ms)\n")
               .arg(w.trialsBox().value())
               .arg(run.nsecsElapsed() / 1e9, 0, 'f', 2)
               .arg(runStall, 0, 'f', 1);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    int edits = 25;
    int trials = 0; // 0: the scenario's
    QString project;
    bool openOnly = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--edits") && i + 1 < args.size())
            edits = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--trials") && i + 1 < args.size())
            trials = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--project") && i + 1 < args.size())
            project = args[++i];
        else if (args[i] == QLatin1String("--open-only"))
            openOnly = true;
        else {
            QTextStream(stderr)
                << "usage: marginal-bench-gui [--edits N] [--trials T] [--project P.marginal "
                   "[--open-only]]\n";
            return 2;
        }
    }
    if (openOnly && project.isEmpty()) {
        QTextStream(stderr) << "--open-only needs --project\n";
        return 2;
    }
    MainWindow w;
    w.setInteractive(false);
    w.resize(1280, 800);
    w.show();
    StallMeter stalls;
    if (!openOnly)
        if (const int failed = measureWhatIfsAndRun(w, stalls, edits, trials, out))
            return failed;
    if (!project.isEmpty()) {
        QElapsedTimer open;
        open.start();
        stalls.start();
        if (const Status opened = w.openProject(project); !opened) {
            QTextStream(stderr) << opened.error() << "\n";
            return 2;
        }
        const double openCall = open.nsecsElapsed() / 1e6;
        if (!waitFor(&w, &MainWindow::cohortsRefitted, 600000)) {
            QTextStream(stderr) << "the cohorts were not fitted\n";
            return 1;
        }
        out << QStringLiteral("open project %1: the call returns in %2 ms, cohorts shown after "
                              "%3 ms; longest event-loop stall %4 ms\n")
                   .arg(QFileInfo(project).fileName())
                   .arg(openCall, 0, 'f', 1)
                   .arg(open.nsecsElapsed() / 1e6, 0, 'f', 0)
                   .arg(stalls.stop(), 0, 'f', 1); // openProject runs an event loop
    }
    return 0;
}
