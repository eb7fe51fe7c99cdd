// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/jobs/RunController.h"

namespace marginal {

namespace {

struct Computed {
    std::shared_ptr<const RunInputs> inputs;
    std::shared_ptr<const RunRecord> record; // null: cancelled
};

} // namespace

bool RunController::start(const RunRequest& request,
                          const std::optional<ProjectCustomers>& customers, int threads,
                          bool quick) {
    return Job::start<Computed>(
        [request, customers, threads, quick](Context& context) {
            auto inputs = std::make_shared<const RunInputs>(
                Session::prepare(request, customers ? &*customers : nullptr));
            RunControl control;
            control.threads = threads;
            control.cancel = &context.cancel;
            control.progress = [&context](std::int64_t done, std::int64_t total) {
                context.progress(done, total);
            };
            control.detail = quick ? RunControl::Detail::Quick : RunControl::Detail::Full;
            std::optional<RunRecord> record = Session::run(*inputs, control);
            if (record)
                record->whatIf = quick;
            return Computed{inputs, record ? std::make_shared<const RunRecord>(std::move(*record))
                                           : nullptr};
        },
        [this](Computed computed) {
            inputs_ = computed.inputs;
            record_ = computed.record;
        });
}

} // namespace marginal
