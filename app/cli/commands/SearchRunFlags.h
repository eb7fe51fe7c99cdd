// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The run flags sweep, optimize and sensitivity share with simulate (--trials, --seed,
// --threads), read once, and the scenario prepared from them as simulate prepares it.
#include "app/cli/Flags.h"
#include "simulator/session/Session.h"

#include <algorithm>
#include <thread>

namespace marginal {

struct SearchRunFlags {
    std::int64_t trials = 0; // 0: the scenario's
    std::optional<std::uint64_t> seed;
    int threads = 0; // 0: every core

    static Result<SearchRunFlags> parse(const Flags& flags) {
        const Result<std::int64_t> trials = flags.integer("--trials", 1, 100000000, 0);
        const Result<std::int64_t> threads = flags.integer("--threads", 1, 1024, 0);
        const Result<std::optional<std::uint64_t>> seed = flags.unsignedValue("--seed");
        for (const QString& error : {trials.error(), threads.error(), seed.error()})
            if (!error.isEmpty())
                return Result<SearchRunFlags>::failure(error);
        return SearchRunFlags{*trials, *seed, int(*threads)};
    }

    int threadCount() const {
        return threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    }

    // The scenario file read and prepared (seed and trials settled) for a CLI run.
    RunInputs prepare(const QString& scenarioFile) const {
        RunRequest request;
        request.scenario = Scenario::loadFile(scenarioFile);
        request.seed = seed;
        if (trials > 0)
            request.trials = trials;
        request.source = QStringLiteral("cli");
        return Session::prepare(request, nullptr);
    }
};

} // namespace marginal
