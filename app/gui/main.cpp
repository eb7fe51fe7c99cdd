// marginal: the desktop app. `marginal [SCENARIO.json] [PROJECT.marginal] [EXPORT]`;
// with no scenario it opens the last one, or on first start the bundled sample.
#include "MainWindow.h"

#include <QApplication>
#include <QSettings>

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
    if (!scenarioGiven) {
        const QStringList recent =
            QSettings().value(QStringLiteral("recentScenarios")).toStringList();
        files.prepend(recent.isEmpty() ? marginal::MainWindow::bundledSample() : recent.front());
    }
    window.show();
    for (const QString& file : files)
        if (!file.isEmpty())
            window.openFile(file); // a project, a scenario, or an export to import
    return app.exec();
}
