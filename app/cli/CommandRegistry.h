// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every marginal-cli command, in the order --help lists them.
#include "app/cli/Command.h"

#include <memory>
#include <vector>

namespace marginal {

class CommandRegistry {
public:
    static const std::vector<std::unique_ptr<Command>>& commands();
    static const Command* find(const QString& name);
};

} // namespace marginal
