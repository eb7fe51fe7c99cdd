// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli import --project P FILE... [--format F] [--customer-field X]
// [--mapping M.json] [--keep-invalid] [--quiet]`: loads usage exports into a project.
#include "app/cli/Command.h"

namespace marginal {

class ImportCommand : public Command {
public:
    QString name() const override { return QStringLiteral("import"); }
    QString synopsis() const override;
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
