// SPDX-License-Identifier: GPL-3.0-or-later
// marginal: the desktop app.
//   marginal [SCENARIO.json] [PROJECT.marginal] [EXPORT] [--screenshot FILE.png]
//            [--screenshots DIR]
// With no scenario it opens the last one, or on first start the bundled sample with the
// sample project (built once into the user's data folder). --screenshot grabs the
// window once what was opened has been fitted and drawn, writes it and quits (exit 0;
// 2 when a file could not be opened): for scripted checks. --screenshots DIR runs the
// full simulation and writes the README's pictures (ScreenshotTour).
#include "ScreenshotTour.h"
#include "views/jobs/RunController.h"
#include "views/window/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

namespace {

// The files to open: those given, else the last scenario (and project), else on
// first start the sample scenario with the sample project.
QStringList filesToOpen(QStringList files) {
    bool scenarioGiven = false;
    for (const QString& file : files)
        scenarioGiven = scenarioGiven || !file.endsWith(QLatin1String(".marginal"));
    const QStringList recent = QSettings().value(QStringLiteral("recentScenarios")).toStringList();
    if (!scenarioGiven)
        files.prepend(recent.isEmpty() ? marginal::MainWindow::bundledSample() : recent.front());
    const QStringList projects = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    if (!scenarioGiven && files.size() == 1 && !projects.isEmpty() &&
        QFileInfo::exists(projects.front())) {
        files.append(projects.front()); // and the last project with the last scenario
    } else if (files.size() == 1 && recent.isEmpty()) {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        const QString project = QDir(folder).filePath(QStringLiteral("sample.marginal"));
        if (!QFileInfo::exists(project) && QDir().mkpath(folder))
            (void)marginal::MainWindow::createSampleProject(project);
        if (QFileInfo::exists(project))
            files.append(project);
    }
    return files;
}

// Grabs the window into `file` once nothing is being fitted or drawn, then quits.
void screenshotWhenSettled(marginal::MainWindow& window, const QString& file, int status) {
    auto* poll = new QTimer(&window);
    auto waited = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, file, status, poll, waited] {
        const bool busy =
            window.isRefitting() || window.whatIfRuns().isRunning() || window.runs().isRunning();
        if (busy && ++*waited < 1200) // at most two minutes
            return;
        poll->stop();
        const bool saved = window.grab().save(file);
        QTextStream(stdout) << (saved ? "wrote: " : "cannot write: ") << file << "\n";
        QApplication::exit(saved ? status : 3);
    });
    poll->start(100);
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Marginal"));
    QApplication::setApplicationName(QStringLiteral("Marginal"));
    QApplication::setApplicationVersion(QStringLiteral(MARGINAL_VERSION));
    QStringList args = app.arguments().mid(1);
    QString screenshot, screenshots;
    for (auto [option, value] : {std::pair{QStringLiteral("--screenshot"), &screenshot},
                                 std::pair{QStringLiteral("--screenshots"), &screenshots}})
        if (const qsizetype i = args.indexOf(option); i >= 0) {
            if (i + 1 >= args.size()) {
                QTextStream(stderr) << "marginal: " << option << " needs a file name\n";
                return 2;
            }
            *value = args[i + 1];
            args.remove(i, 2);
        }
    if (args.contains(QStringLiteral("--version"))) {
        QTextStream(stdout) << "marginal " << MARGINAL_VERSION << "\n";
        return 0;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        QTextStream(stdout)
            << "Usage: marginal [SCENARIO.json] [PROJECT.marginal] [EXPORT] [--screenshot "
               "FILE.png]\n"
               "Opens a scenario, a project, or a usage export (for the import wizard).\n"
               "--screenshot FILE.png  grab the window once fitted and drawn, then quit\n"
               "--screenshots DIR      run the full simulation, write the README's pictures\n"
               "                       (summary, package form, decision table, two charts)\n"
               "                       into DIR, then quit\n";
        return 0;
    }
    marginal::MainWindow window;
    if (!screenshot.isEmpty() || !screenshots.isEmpty())
        window.setInteractive(false);
    window.show();
    int status = 0;
    for (const QString& file : filesToOpen(args))
        if (!file.isEmpty() && !window.openFile(file)) // a project, a scenario, an export
            status = 2;
    if (!screenshot.isEmpty())
        screenshotWhenSettled(window, screenshot, status);
    else if (!screenshots.isEmpty())
        marginal::ScreenshotTour::start(window, screenshots);
    return app.exec();
}
