// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli optimize`: the best values of up to three numeric fields of a package
// within bounds and under constraints (docs/MODEL.md section 13), as DIR/optimum.json.
#include "app/cli/Command.h"

namespace marginal {

class OptimizeCommand : public Command {
public:
    QString name() const override { return QStringLiteral("optimize"); }
    QString synopsis() const override;
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
