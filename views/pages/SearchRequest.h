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
};

// `trials`: per evaluation. A failure says why there is nothing to run (no scenario).
using SearchRequestSource = std::function<Result<SearchRequest>(std::int64_t trials)>;

} // namespace marginal
