// SPDX-License-Identifier: GPL-3.0-or-later
// Engine throughput on a scenario (default: the bundled sample): customer-months per
// second for 1 and 2 threads (medians of repeated runs), the 2-thread speed-up, and
// peak memory for a run with 10x the trials (measured in a child process), and the
// ratio to benchmarks/numpy_reference.py on the same scenario (one run of each); then
// a price grid's throughput, batched and scalar (GridBenchmark.h).
//
//   marginal-bench-engine [--scenario FILE] [--trials N] [--repeats R] [--no-numpy]
//                         [--grid-package NAME | --no-grid] [--grid-only]
//
// A customer-month is counted once, with every package x mix variant billed on it.
#include "benchmarks/BenchSupport.h"
#include "benchmarks/GridBenchmark.h"
#include "models/common/InputError.h"
#include "models/domain/Scenario.h"
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/engine/SimulationPlan.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTextStream>
#include <algorithm>
#include <vector>

using namespace marginal;

namespace {

double secondsFor(const SimulationPlan& plan, std::int64_t trials, int threads) {
    RunOptions o;
    o.seed = 1;
    o.trials = trials;
    o.threads = threads;
    QElapsedTimer timer;
    timer.start();
    const RunStatistics stats = MonteCarloEngine(plan).run(o);
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (stats.trialsDone != trials)
        qFatal("run incomplete");
    return seconds;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QString scenarioFile = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/scenario.json");
    std::int64_t trials = 0;
    int repeats = 5;
    bool memoryChild = false;
    bool numpy = true, grid = true, gridOnly = false;
    QString gridPackage = QStringLiteral("credits_19");
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--scenario") && i + 1 < args.size())
            scenarioFile = args[++i];
        else if (args[i] == QLatin1String("--trials") && i + 1 < args.size())
            trials = args[++i].toLongLong();
        else if (args[i] == QLatin1String("--repeats") && i + 1 < args.size())
            repeats = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--memory-child"))
            memoryChild = true;
        else if (args[i] == QLatin1String("--no-numpy"))
            numpy = false;
        else if (args[i] == QLatin1String("--grid-package") && i + 1 < args.size())
            gridPackage = args[++i];
        else if (args[i] == QLatin1String("--no-grid"))
            grid = false;
        else if (args[i] == QLatin1String("--grid-only"))
            gridOnly = true;
        else {
            QTextStream(stderr)
                << "usage: marginal-bench-engine [--scenario FILE] [--trials N] [--repeats R] "
                   "[--no-numpy] [--grid-package NAME | --no-grid] [--grid-only]\n";
            return 2;
        }
    }
    try {
        const Scenario scenario = Scenario::loadFile(scenarioFile);
        const SimulationPlan plan = SimulationPlan::compile(scenario);
        if (trials <= 0)
            trials = scenario.trials;
        if (memoryChild) { // one 2-thread run; report peak memory
            secondsFor(plan, trials, 2);
            out << peakMemoryMiB() << "\n";
            return 0;
        }
        if (gridOnly) {
            GridBenchmark(scenario, gridPackage).print(out, trials, repeats);
            return 0;
        }
        const double customerMonths =
            double(plan.customersPerTrial()) * plan.months * double(trials);
        out << QStringLiteral(
                   "scenario: %1\n%2 trials x %3 customers x %4 months = %5 customer-months, "
                   "%6 variants (packages x mixes) billed on each\n")
                   .arg(scenario.name)
                   .arg(trials)
                   .arg(plan.customersPerTrial())
                   .arg(plan.months)
                   .arg(customerMonths, 0, 'g', 4)
                   .arg(plan.variantCount());
        secondsFor(plan, std::max<std::int64_t>(1, trials / 10), 2); // warm-up
        double median1 = 0.0, median2 = 0.0;
        for (int threads : {1, 2}) {
            std::vector<double> seconds;
            for (int r = 0; r < repeats; ++r)
                seconds.push_back(secondsFor(plan, trials, threads));
            const double m = median(seconds);
            (threads == 1 ? median1 : median2) = m;
            out << QStringLiteral("threads %1: median %2 s of %3 runs (min %4, max %5): %6 M "
                                  "customer-months/s, "
                                  "%7 M package-customer-months/s%8\n")
                       .arg(threads)
                       .arg(m, 0, 'f', 3)
                       .arg(repeats)
                       .arg(*std::min_element(seconds.begin(), seconds.end()), 0, 'f', 3)
                       .arg(*std::max_element(seconds.begin(), seconds.end()), 0, 'f', 3)
                       .arg(customerMonths / m / 1e6, 0, 'f', 2)
                       .arg(customerMonths * plan.variantCount() / m / 1e6, 0, 'f', 1)
                       .arg(threads == 2
                                ? QStringLiteral("; speed-up %1x").arg(median1 / m, 0, 'f', 2)
                                : QString());
            out.flush();
        }
        // The same customers billed under one variant only (first package, first mix):
        // the figure to compare with single-package prototypes.
        {
            Scenario one = scenario;
            one.packages.resize(1);
            one.mixes.resize(1);
            const SimulationPlan single = SimulationPlan::compile(one);
            std::vector<double> seconds;
            for (int r = 0; r < repeats; ++r)
                seconds.push_back(secondsFor(single, trials, 1));
            const double m = median(seconds);
            out << QStringLiteral(
                       "one variant (%1 / %2), 1 thread: median %3 s: %4 M customer-months/s\n")
                       .arg(one.packages[0].name, one.mixes[0].name)
                       .arg(m, 0, 'f', 3)
                       .arg(customerMonths / m / 1e6, 0, 'f', 1);
        }
        for (std::int64_t t : {trials, trials * 10}) {
            QProcess child;
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--scenario"), scenarioFile, QStringLiteral("--trials"),
                         QString::number(t), QStringLiteral("--memory-child")});
            child.waitForFinished(-1);
            out << QStringLiteral("peak memory, %1 trials on 2 threads: %2 MiB\n")
                       .arg(t)
                       .arg(QString::fromUtf8(child.readAllStandardOutput()).trimmed().toDouble(),
                            0, 'f', 1);
        }
        if (numpy) {
            // numpy's own timer covers the simulation only (not Python's start-up).
            QProcess python;
            python.start(QStringLiteral("/usr/bin/python3"),
                         {QStringLiteral(MARGINAL_SOURCE_DIR "/benchmarks/numpy_reference.py"),
                          QStringLiteral("--scenario"), scenarioFile, QStringLiteral("--trials"),
                          QString::number(trials)});
            python.waitForFinished(-1);
            const QString line = QString::fromUtf8(python.readAllStandardOutput()).trimmed();
            const QRegularExpressionMatch m =
                QRegularExpression(QStringLiteral(" in ([0-9.]+) s")).match(line);
            if (python.exitCode() == 0 && m.hasMatch()) {
                const double numpySeconds = m.captured(1).toDouble();
                out << line << "\n"
                    << QStringLiteral("C++ vs numpy, same scenario and trials: %1x on 1 thread, "
                                      "%2x on 2 threads\n")
                           .arg(numpySeconds / median1, 0, 'f', 1)
                           .arg(numpySeconds / median2, 0, 'f', 1);
            } else {
                out << "numpy reference not run (needs /usr/bin/python3 with numpy)\n";
            }
        }
        const bool hasGridPackage =
            std::any_of(scenario.packages.begin(), scenario.packages.end(),
                        [&](const PricingPackage& p) { return p.name == gridPackage; });
        if (grid && !hasGridPackage)
            out << QStringLiteral("grid: no package %1 in the scenario (--grid-package NAME)\n")
                       .arg(gridPackage);
        else if (grid)
            GridBenchmark(scenario, gridPackage).print(out, trials, repeats);
    } catch (const InputError& e) {
        QTextStream(stderr) << e.message() << "\n";
        return 2;
    }
    return 0;
}
