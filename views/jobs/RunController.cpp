#include "views/jobs/RunController.h"
#include "models/common/InputError.h"
#include "simulator/engine/MonteCarloEngine.h"
#include "simulator/engine/SimulationPlan.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace marginal {

RunController::RunController(QObject* parent) : QObject(parent) {}

RunController::~RunController() {
    cancel_ = true;
    joinWorker();
}

void RunController::joinWorker() {
    if (worker_.joinable())
        worker_.join();
}

void RunController::cancel() {
    cancel_ = true;
}

bool RunController::start(const Scenario& scenario, std::int64_t trials, std::uint64_t seed,
                          int threads, bool quick) {
    if (running_)
        return false;
    joinWorker();
    running_ = true;
    cancel_ = false;
    worker_ = std::thread([this, scenario, trials, seed, threads, quick] {
        // Results come back through queued calls: everything below runs off the GUI thread.
        const auto post = [this](auto f) {
            QMetaObject::invokeMethod(this, f, Qt::QueuedConnection);
        };
        try {
            const SimulationPlan plan = SimulationPlan::compile(scenario);
            RunOptions options;
            options.seed = seed;
            options.trials = trials;
            options.threads = threads;
            options.cancel = &cancel_;
            QElapsedTimer sinceSignal;
            sinceSignal.start();
            options.progress = [&](std::int64_t done, std::int64_t total) {
                if (sinceSignal.elapsed() >= 33 || done == total) {
                    sinceSignal.restart();
                    Q_EMIT progressed(done, total);
                }
            };
            const RunStatistics stats = MonteCarloEngine(plan).run(options);
            if (stats.trialsDone < trials) {
                post([this] {
                    running_ = false;
                    Q_EMIT cancelled();
                });
                return;
            }
            RunRecord full = RunRecord::fromRun(scenario, plan, stats, seed, trials, threads);
            // The fans and scatter come from the first few trials' draws: enough
            // customer-months for the quantiles, fast next to the run itself.
            full.detail =
                quick ? RunDetail::compute(plan, seed, 1, 3000, 150)
                      : RunDetail::compute(plan, seed, int(std::min<std::int64_t>(trials, 4)));
            auto record = std::make_shared<const RunRecord>(std::move(full));
            post([this, record] {
                record_ = record;
                running_ = false;
                Q_EMIT finished();
            });
        } catch (const InputError& e) {
            const QString message = e.message();
            post([this, message] {
                running_ = false;
                Q_EMIT failed(message);
            });
        }
    });
    return true;
}

} // namespace marginal
