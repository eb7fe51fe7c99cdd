// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli merge FILE... --out DIR`: the shares of a run split across machines
// (simulate --trial-range A:B --partial FILE) merged into the run's tables, the same
// bytes as one run of all the trials.
#include "app/cli/Command.h"

namespace marginal {

class MergeCommand : public Command {
public:
    QString name() const override { return QStringLiteral("merge"); }
    QString synopsis() const override {
        return QStringLiteral("FILE... --out DIR [--gm-target PCT]");
    }
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
