// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli cohorts --project P [--catalog FILE] [--cuts 50,90] [--out DIR]`: ranks
// a project's customers by cost, cuts them into cohorts at the project's cut points
// (set with --cuts and kept in the project), fits each cohort and stores the fit.
#include "app/cli/Command.h"

namespace marginal {

class CohortsCommand : public Command {
public:
    QString name() const override { return QStringLiteral("cohorts"); }
    QString synopsis() const override;
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
