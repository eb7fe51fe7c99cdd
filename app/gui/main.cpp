// marginal: the desktop app. `marginal [SCENARIO.json] [PROJECT.marginal] [EXPORT]`;
// with no scenario it opens the last one, or on first start the bundled sample.
#include "views/window/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Marginal"));
    QApplication::setApplicationName(QStringLiteral("Marginal"));
    QApplication::setApplicationVersion(QStringLiteral(MARGINAL_VERSION));
    marginal::MainWindow window;
    QStringList files = app.arguments().mid(1);
    bool scenarioGiven = false;
    for (const QString& file : files)
        scenarioGiven = scenarioGiven || !file.endsWith(QLatin1String(".marginal"));
    const QStringList recent = QSettings().value(QStringLiteral("recentScenarios")).toStringList();
    if (!scenarioGiven)
        files.prepend(recent.isEmpty() ? marginal::MainWindow::bundledSample() : recent.front());
    window.show();
    const QStringList projects = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    if (!scenarioGiven && files.size() == 1 && !projects.isEmpty() &&
        QFileInfo::exists(projects.front()))
        files.append(projects.front()); // and the last project with the last scenario
    else if (files.size() == 1 && recent.isEmpty()) {
        // First start: the sample scenario with the sample project, built once from
        // the bundled sample data into the user's data folder.
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        const QString project = QDir(folder).filePath(QStringLiteral("sample.marginal"));
        if (!QFileInfo::exists(project) && QDir().mkpath(folder))
            (void)marginal::MainWindow::createSampleProject(project);
        if (QFileInfo::exists(project))
            files.append(project);
    }
    for (const QString& file : files)
        if (!file.isEmpty())
            (void)window.openFile(file); // a project, a scenario, or an export to import
    return app.exec();
}
