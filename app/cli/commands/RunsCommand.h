// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli runs --project P`: the runs stored in a project, newest first.
#include "app/cli/Command.h"

namespace marginal {

class RunsCommand : public Command {
public:
    QString name() const override { return QStringLiteral("runs"); }
    QString synopsis() const override { return QStringLiteral("--project P"); }
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
