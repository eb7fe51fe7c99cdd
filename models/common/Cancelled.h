// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Thrown when the user stops a long piece of work (Ctrl+C, SIGTERM, Cancel): the work
// unwinds, writes nothing and leaves the project as it was. The CLI exits 130.
#include "models/common/Error.h"

#include <atomic>

namespace marginal {

class Cancelled : public Error {
public:
    Cancelled() : Error(QStringLiteral("cancelled; nothing was written")) {}
    // Throws Cancelled when `flag` (which may be null) is set.
    static void check(const std::atomic<bool>* flag) {
        if (flag && flag->load(std::memory_order_relaxed))
            throw Cancelled();
    }
};

} // namespace marginal
