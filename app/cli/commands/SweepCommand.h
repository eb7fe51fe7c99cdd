// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli sweep`: one package's figures over a grid of one or two of its numeric
// fields, every point on the same draws (docs/MODEL.md section 13), as DIR/grid.csv.
#include "app/cli/Command.h"

namespace marginal {

class SweepCommand : public Command {
public:
    QString name() const override { return QStringLiteral("sweep"); }
    QString synopsis() const override;
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
