// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every marginal-cli command shares: the exit codes and the reporting of errors.
#include "models/common/Cancelled.h"
#include "models/common/InputError.h"
#include "models/project/ProjectError.h"

#include <QTextStream>
#include <atomic>

namespace marginal {

enum ExitCode {
    kExitOk = 0,
    kExitDiffers = 1, // rerun: the figures differ from the stored run's
    kExitBadInput = 2,
    kExitOutputFailed = 3,
    kExitCancelled = 130
};

// What a command runs with: where it speaks, and the Ctrl+C / SIGTERM flag.
struct CliContext {
    QTextStream& out;
    QTextStream& err;
    const std::atomic<bool>& cancel;
    // "marginal-cli: <message>" on stderr; returns `code`.
    int fail(const QString& message, int code = kExitBadInput) {
        err << "marginal-cli: " << message << "\n";
        return code;
    }
};

// Runs a command's body; an Error it throws becomes "marginal-cli: <message>" on
// stderr and exit status 2 (3 when the project cannot be written, 130 when cancelled).
template <typename Body> int reportingErrors(CliContext& cli, Body&& body) {
    try {
        return body();
    } catch (const ProjectError& e) {
        const bool unwritable = e.kind() == ProjectError::Kind::ReadOnly ||
                                e.kind() == ProjectError::Kind::Full ||
                                e.kind() == ProjectError::Kind::Io;
        return cli.fail(e.message(), unwritable ? kExitOutputFailed : kExitBadInput);
    } catch (const Cancelled& e) {
        return cli.fail(e.message() + QStringLiteral(", the project is as it was"), kExitCancelled);
    } catch (const Error& e) {
        return cli.fail(e.message());
    }
}

} // namespace marginal
