// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli simulate`: a scenario's packages and mixes against its customers (its
// own cohorts, or a project's fitted cohorts or customer histories), written as
// decision tables; with a project, the run is stored there with all its inputs.
#include "app/cli/Command.h"

namespace marginal {

struct RunRecord;

class SimulateCommand : public Command {
public:
    QString name() const override { return QStringLiteral("simulate"); }
    QString synopsis() const override;
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;

    // The decision table as the terminal shows it (also used by rerun).
    static void printTable(QTextStream& out, const RunRecord& record);
};

} // namespace marginal
