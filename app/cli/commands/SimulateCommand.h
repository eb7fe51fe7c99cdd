#pragma once
// `marginal-cli simulate`: load a scenario, run it, write the decision tables.
#include "app/cli/CliSupport.h"

#include <QStringList>
#include <QTextStream>
#include <atomic>

namespace marginal {

class SimulateCommand {
public:
    SimulateCommand(QTextStream& out, QTextStream& err, const std::atomic<bool>& cancel)
        : out_(out), err_(err), cancel_(cancel) {}
    // `args`: the arguments after "simulate". Returns the process exit code.
    int run(const QStringList& args);

private:
    QTextStream& out_;
    QTextStream& err_;
    const std::atomic<bool>& cancel_;
};

} // namespace marginal
