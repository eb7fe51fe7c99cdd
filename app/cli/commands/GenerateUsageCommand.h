// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli generate-usage --scenario S --out FILE [--customers N] [--months M]
// [--seed X]`: a seeded, realistic usage export (generic CSV) from a scenario.
#include "app/cli/Command.h"

namespace marginal {

class GenerateUsageCommand : public Command {
public:
    QString name() const override { return QStringLiteral("generate-usage"); }
    QString synopsis() const override;
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
