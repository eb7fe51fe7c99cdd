// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One marginal-cli command: its name, its line in the usage summary, its section of
// --help, and what it does. A new command is its class in commands/ and one line in
// CommandRegistry.cpp; the help text is built from the registered commands.
#include "app/cli/CliSupport.h"

#include <QString>
#include <QStringList>

namespace marginal {

class Command {
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    // The arguments after the name, for the usage summary ("--project P FILE...").
    virtual QString synopsis() const = 0;
    // What it does and every flag, for --help (lines of at most 92 characters).
    virtual QString help() const = 0;
    // `args`: the arguments after the name. Returns the process's exit status.
    virtual int run(const QStringList& args, CliContext& cli) const = 0;
};

} // namespace marginal
