// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A simulation in the background (a Job): the run's inputs prepared by the session
// layer, exactly as the CLI prepares them, then computed with progress and Cancel. A
// cancelled or failed run leaves the previous result in place (no partial run).
#include "simulator/session/Session.h"
#include "views/jobs/Job.h"

#include <memory>
#include <optional>

namespace marginal {

class RunController : public Job {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr) : Job(parent) {}

    // Starts a run; false when one is already running. `customers`: the open
    // project's, for fitted or empirical customers (copied). A quick run (what-if)
    // draws lighter chart detail, to redraw within a few tens of milliseconds.
    bool start(const RunRequest& request, const std::optional<ProjectCustomers>& customers,
               int threads, bool quick = false);
    // The last completed run and the inputs it was computed from, or nullptr.
    std::shared_ptr<const RunRecord> lastRecord() const { return record_; }
    std::shared_ptr<const RunInputs> lastInputs() const { return inputs_; }

private:
    std::shared_ptr<const RunRecord> record_;
    std::shared_ptr<const RunInputs> inputs_;
};

} // namespace marginal
