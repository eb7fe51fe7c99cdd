// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScreenshotTour.h"
#include "views/charts/PriceGridChart.h"
#include "views/editors/PackageEditor.h"
#include "views/jobs/RunController.h"
#include "views/pages/PriceSearchPage.h"
#include "views/window/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QSpinBox>
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

void pricePictures(MainWindow& window, const QDir& dir, bool ok);

// The overage price of credits_19 that gives a GM% of 30, found by the root finder;
// exits once taken.
void optimisePicture(MainWindow& window, const QDir& dir, bool ok) {
    PriceSearchPage& page = window.priceSearchPage();
    OptimisePanel& optimise = page.optimise();
    page.tabs().setCurrentWidget(&optimise);
    optimise.packageBox().setCurrentText(QStringLiteral("credits_19"));
    optimise.field(0).field->setCurrentText(QStringLiteral("overage.price"));
    optimise.field(0).lo->setValue(0.001);
    optimise.field(0).hi->setValue(0.2);
    optimise.constraint(0).metric->setCurrentIndex(1); // GM%
    optimise.constraint(0).op->setCurrentIndex(2);     // =
    optimise.constraint(0).bound->setValue(30);
    QObject::connect(&optimise, &OptimisePanel::finished, &window, [&window, &optimise, dir, ok] {
        QApplication::processEvents(); // the last evaluations drawn
        const bool taken = optimise.result().has_value() && optimise.result()->feasible &&
                           grab(window, dir, QStringLiteral("optimise.png"));
        QApplication::exit(ok && taken ? 0 : 3);
    });
    if (!optimise.start())
        QApplication::exit(3);
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
    pricePictures(window, dir, ok);
}

// The price search: the grid of credits_19's base fee x included credits as GM% with
// the 60% frontier, then the tornado of the same package; exits when both are taken.
void pricePictures(MainWindow& window, const QDir& dir, bool ok) {
    window.showPage(MainWindow::PriceSearchPageIndex);
    PriceSearchPage& page = window.priceSearchPage();
    PriceGridPanel& grid = page.grid();
    page.tabs().setCurrentWidget(&grid);
    grid.packageBox().setCurrentText(QStringLiteral("credits_19"));
    for (int i = 0; i < 2; ++i) { // base fee $10 to $110, included credits 250 to 2,500
        grid.axis(i).lo->setValue(i == 0 ? 10 : 250);
        grid.axis(i).hi->setValue(i == 0 ? 110 : 2500);
        grid.axis(i).steps->setValue(11);
    }
    grid.targetBox().setValue(30);
    grid.trialsBox().setValue(100);
    QObject::connect(
        &grid, &PriceGridPanel::finished, &window, [&window, &page, dir, ok]() mutable {
            PriceGridPanel& grid = page.grid();
            grid.metricBox().setCurrentIndex(int(PriceGridChart::Metric::GmPercent));
            ok &= grid.result().has_value() && grab(window, dir, QStringLiteral("price_grid.png"));
            SensitivityPanel& tornado = page.sensitivity();
            page.tabs().setCurrentWidget(&tornado);
            tornado.trialsBox().setValue(50);
            QObject::connect(&tornado, &SensitivityPanel::finished, &window,
                             [&window, &tornado, dir, ok]() mutable {
                                 tornado.packageBox().setCurrentText(QStringLiteral("credits_19"));
                                 ok &= tornado.result().has_value() &&
                                       grab(window, dir, QStringLiteral("tornado.png"));
                                 optimisePicture(window, dir, ok);
                             });
            if (!tornado.start())
                QApplication::exit(3);
        });
    if (!grid.start())
        QApplication::exit(3);
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
