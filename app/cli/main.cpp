// marginal-cli: the headless front end (see CliHelp.cpp for the interface).
#include "app/cli/CliHelp.h"
#include "app/cli/commands/ImportCommand.h"
#include "app/cli/commands/ProjectCommands.h"
#include "app/cli/commands/SimulateCommand.h"

#include <QCoreApplication>
#include <QTextStream>
#include <atomic>
#include <csignal>
#include <cstdio>

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
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    if (args[0] == QLatin1String("import"))
        return marginal::ImportCommand(out, err, cancelRequested).run(args.mid(1));
    if (args[0] == QLatin1String("cohorts"))
        return marginal::ProjectCommands(out, err).cohorts(args.mid(1));
    if (args[0] == QLatin1String("replay"))
        return marginal::ProjectCommands(out, err).replay(args.mid(1));
    if (args[0] == QLatin1String("generate-usage"))
        return marginal::ProjectCommands(out, err).generateUsage(args.mid(1));
    if (args[0] == QLatin1String("simulate"))
        return marginal::SimulateCommand(out, err, cancelRequested).run(args.mid(1));
    err << "marginal-cli: unknown command \"" << args[0] << "\" (see marginal-cli --help)\n";
    return marginal::kExitBadInput;
}
