// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli sensitivity`: one-at-a-time sensitivity of every package x mix (docs/MODEL.md
// section 12), with paired standard errors, as DIR/tornado.csv.
#include "app/cli/Command.h"

namespace marginal {

class SensitivityCommand : public Command {
public:
    QString name() const override { return QStringLiteral("sensitivity"); }
    QString synopsis() const override;
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
