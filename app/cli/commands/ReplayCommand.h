// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli replay --project P --packages A.json,B.json --out DIR [--catalog FILE]`:
// each package applied to each customer's actual usage, month by month.
#include "app/cli/Command.h"

namespace marginal {

class ReplayCommand : public Command {
public:
    QString name() const override { return QStringLiteral("replay"); }
    QString synopsis() const override;
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
