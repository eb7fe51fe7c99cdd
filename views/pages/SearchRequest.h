// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the price search's panels run on, as the window gives it when asked: the
// scenario with its edits and the run settings (customers from, seed), the project's
// fitted customers when they are used, the threads, and a line saying so for the
// plots' footnotes. Prepared (Session::prepare) on the worker thread.
#include "models/common/Result.h"
#include "simulator/session/Session.h"

#include <functional>
#include <optional>

namespace marginal {

struct SearchRequest {
    RunRequest run;
    std::optional<ProjectCustomers> customers;
    int threads = 1;
    QString footnote;

    RunInputs prepare() const { return Session::prepare(run, customers ? &*customers : nullptr); }
    // The run options of an analysis of `inputs`: their seed and trials, these threads,
    // and the job's cancel flag and progress.
    RunOptions optionsFor(const RunInputs& inputs, const std::atomic<bool>& cancel,
                          std::function<void(std::int64_t, std::int64_t)> progress = {}) const {
        RunOptions options;
        options.seed = inputs.seed;
        options.trials = inputs.trials;
        options.threads = threads;
        options.cancel = &cancel;
        options.progress = std::move(progress);
        return options;
    }
};

// `trials`: per evaluation. A failure says why there is nothing to run (no scenario).
using SearchRequestSource = std::function<Result<SearchRequest>(std::int64_t trials)>;

} // namespace marginal
