// SPDX-License-Identifier: GPL-3.0-or-later
// marginal-cli: the headless front end. `marginal-cli --help` documents every command
// (app/cli/CliHelp.cpp builds it from the registered commands).
#include "app/cli/CliHelp.h"
#include "app/cli/CommandRegistry.h"

#include <QCoreApplication>
#include <QTextStream>
#include <atomic>
#include <csignal>

namespace {
std::atomic<bool> cancelRequested{false};
extern "C" void onInterrupt(int) {
    cancelRequested.store(true);
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("marginal-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MARGINAL_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    marginal::CliContext cli{out, err, cancelRequested};
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args[0] == QLatin1String("--help") || args[0] == QLatin1String("-h") ||
        args[0] == QLatin1String("help")) {
        out << marginal::cliHelpText();
        return args.isEmpty() ? marginal::kExitBadInput : marginal::kExitOk;
    }
    if (args[0] == QLatin1String("--version")) {
        out << "marginal-cli " << MARGINAL_VERSION << "\n";
        return marginal::kExitOk;
    }
    const marginal::Command* command = marginal::CommandRegistry::find(args[0]);
    if (!command)
        return cli.fail(
            QStringLiteral("unknown command \"%1\" (see marginal-cli --help)").arg(args[0]));
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    return command->run(args.mid(1), cli);
}
