// marginal: the desktop app. `marginal [SCENARIO.json]`; with no argument it opens the
// last scenario, or on first start the bundled sample.
#include "MainWindow.h"

#include <QApplication>
#include <QSettings>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Marginal"));
    QApplication::setApplicationName(QStringLiteral("Marginal"));
    QApplication::setApplicationVersion(QStringLiteral(MARGINAL_VERSION));
    marginal::MainWindow window;
    QString file = app.arguments().size() > 1 ? app.arguments().at(1) : QString();
    if (file.isEmpty()) {
        const QStringList recent =
            QSettings().value(QStringLiteral("recentScenarios")).toStringList();
        file = recent.isEmpty() ? marginal::MainWindow::bundledSample() : recent.front();
    }
    window.show();
    if (!file.isEmpty())
        window.openScenario(file);
    return app.exec();
}
