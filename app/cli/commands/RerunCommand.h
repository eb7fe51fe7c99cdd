// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli rerun --project P --run ID --out DIR [--threads N] [--quiet]`: a stored
// run computed again from the inputs kept with it, whichever front end made it; says
// whether its decision table matches the stored one byte for byte.
#include "app/cli/Command.h"

namespace marginal {

class RerunCommand : public Command {
public:
    QString name() const override { return QStringLiteral("rerun"); }
    QString synopsis() const override {
        return QStringLiteral("--project P --run ID --out DIR [--threads N] [--quiet]");
    }
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
