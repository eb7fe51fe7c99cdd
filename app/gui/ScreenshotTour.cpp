// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScreenshotTour.h"
#include "views/editors/PackageEditor.h"
#include "views/jobs/RunController.h"
#include "views/window/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>
#include <functional>

namespace marginal {

namespace {

bool busy(const MainWindow& w) {
    return w.isRefitting() || w.whatIfRuns().isRunning() || w.runs().isRunning();
}

// Calls `then` once the window has nothing running (polled; at most five minutes).
void whenSettled(MainWindow& window, std::function<void()> then) {
    auto* poll = new QTimer(&window);
    auto waited = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, waited, then] {
        if (busy(window) && ++*waited < 3000)
            return;
        poll->stop();
        poll->deleteLater();
        then();
    });
    poll->start(100);
}

bool grab(MainWindow& window, const QDir& dir, const QString& name) {
    QApplication::processEvents(); // lay out and paint the page just shown
    const QString file = dir.filePath(name);
    const bool saved = window.grab().save(file);
    QTextStream(stdout) << (saved ? "wrote: " : "cannot write: ") << file << "\n";
    return saved;
}

QString firstPackage(const PackageEditor& packages, const QString& enforcement) {
    for (int i = 0; i < packages.packageCount(); ++i)
        if (packages.packageJson(i).value(QStringLiteral("enforcement")).toString() == enforcement)
            return packages.packageJson(i).value(QStringLiteral("name")).toString();
    return QString();
}

void takePictures(MainWindow& window, const QDir& dir) {
    bool ok = true;
    window.showPage(MainWindow::SummaryPageIndex);
    ok &= grab(window, dir, QStringLiteral("summary.png"));
    window.showPage(MainWindow::PackagesPage);
    // A package that shows most of the form: rollover, top-ups, a pack limit.
    PackageEditor& packages = window.packageEditor();
    for (int i = 0; i < packages.packageCount(); ++i)
        if (packages.packageJson(i).value(QStringLiteral("name")).toString() ==
            firstPackage(packages, QStringLiteral("auto_topup")))
            packages.selectPackage(i);
    ok &= grab(window, dir, QStringLiteral("package_form.png"));
    window.showPage(MainWindow::DecisionPage);
    ok &= grab(window, dir, QStringLiteral("decision_table.png"));
    window.showPage(MainWindow::ChartsPage);
    auto* charts = window.findChild<QTabWidget*>(QStringLiteral("chartTabs"));
    const QStringList names = {QStringLiteral("chart_margin_comparison.png"),
                               QStringLiteral("chart_credit_burn.png")};
    for (int i = 0; charts && i < charts->count(); ++i) {
        const QString title = charts->tabText(i).toLower();
        const int which = title.contains(QLatin1String("comparison")) ? 0
                          : title.contains(QLatin1String("burn"))     ? 1
                                                                      : -1;
        if (which < 0)
            continue;
        charts->setCurrentIndex(i);
        // The burn of a hard-capped package: the balance floored, blocked demand shown.
        auto* package = window.findChild<QComboBox*>(QStringLiteral("chartPackage"));
        if (const QString capped = firstPackage(packages, QStringLiteral("block"));
            package && which == 1 && !capped.isEmpty())
            package->setCurrentIndex(package->findText(capped));
        ok &= grab(window, dir, names[which]);
    }
    QApplication::exit(ok ? 0 : 3);
}

} // namespace

void ScreenshotTour::start(MainWindow& window, const QString& directory) {
    const QDir dir(directory);
    if (!QDir().mkpath(directory)) {
        QTextStream(stderr) << "marginal: cannot create " << directory << "\n";
        QTimer::singleShot(0, [] { QApplication::exit(3); });
        return;
    }
    window.resize(1280, 800);
    whenSettled(window, [&window, dir] {
        window.runSimulation();
        whenSettled(window, [&window, dir] { takePictures(window, dir); });
    });
}

} // namespace marginal
