#pragma once
// What every marginal-cli command shares: exit codes and the reporting of bad input.
#include "models/common/InputError.h"
#include "models/project/ProjectStore.h"

#include <QTextStream>

namespace marginal {

enum ExitCode { kExitOk = 0, kExitBadInput = 2, kExitOutputFailed = 3, kExitCancelled = 130 };

// Runs a command's body; an input or project error becomes "marginal-cli: <message>"
// on stderr and exit status 2.
template <typename Body> int reportingInputErrors(QTextStream& err, Body&& body) {
    try {
        return body();
    } catch (const InputError& e) {
        err << "marginal-cli: " << e.message() << "\n";
    } catch (const ProjectError& e) {
        err << "marginal-cli: " << e.message() << "\n";
    }
    return kExitBadInput;
}

} // namespace marginal
