// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandRegistry.h"
#include "app/cli/commands/CatalogCommand.h"
#include "app/cli/commands/CohortsCommand.h"
#include "app/cli/commands/GenerateUsageCommand.h"
#include "app/cli/commands/ImportCommand.h"
#include "app/cli/commands/MergeCommand.h"
#include "app/cli/commands/OptimizeCommand.h"
#include "app/cli/commands/ReplayCommand.h"
#include "app/cli/commands/RerunCommand.h"
#include "app/cli/commands/RunsCommand.h"
#include "app/cli/commands/SensitivityCommand.h"
#include "app/cli/commands/SimulateCommand.h"
#include "app/cli/commands/SweepCommand.h"

namespace marginal {

const std::vector<std::unique_ptr<Command>>& CommandRegistry::commands() {
    static const std::vector<std::unique_ptr<Command>> all = [] {
        std::vector<std::unique_ptr<Command>> v;
        v.push_back(std::make_unique<SimulateCommand>());
        v.push_back(std::make_unique<ImportCommand>());
        v.push_back(std::make_unique<CohortsCommand>());
        v.push_back(std::make_unique<ReplayCommand>());
        v.push_back(std::make_unique<CatalogCommand>());
        v.push_back(std::make_unique<RunsCommand>());
        v.push_back(std::make_unique<RerunCommand>());
        v.push_back(std::make_unique<MergeCommand>());
        v.push_back(std::make_unique<GenerateUsageCommand>());
        v.push_back(std::make_unique<SweepCommand>());
        v.push_back(std::make_unique<OptimizeCommand>());
        v.push_back(std::make_unique<SensitivityCommand>());
        return v;
    }();
    return all;
}

const Command* CommandRegistry::find(const QString& name) {
    for (const auto& command : commands())
        if (command->name() == name)
            return command.get();
    return nullptr;
}

} // namespace marginal
