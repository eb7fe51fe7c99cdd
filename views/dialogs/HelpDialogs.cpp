// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/dialogs/HelpDialogs.h"
#include "simulator/results/DecisionColumnFormat.h"
#include "simulator/results/ResultSummary.h"
#include "views/window/AppResources.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <boost/version.hpp>
#include <qcustomplot.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

namespace marginal {

namespace {

void showHtml(QWidget* parent, const QString& title, const QString& html, QSize size) {
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* text = new QTextBrowser;
    text->setHtml(html);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog.resize(size);
    dialog.exec();
}

} // namespace

QString HelpDialogs::shortcutsText(const QList<QAction*>& actions) {
    QString text;
    for (const QAction* action : actions) {
        if (action->shortcut().isEmpty())
            continue;
        text += action->shortcut().toString(QKeySequence::NativeText) + QLatin1Char('\t') +
                action->text().remove(QLatin1Char('&')).remove(QStringLiteral("...")) +
                QLatin1Char('\n');
    }
    return text;
}

QString HelpDialogs::glossaryHtml() {
    QString html = QStringLiteral(
        "<p>The decision table has one row per package, model mix and cohort (and an "
        "<i>all</i> row per package and mix). Figures are per customer over the whole "
        "horizon; ± is one Monte Carlo standard error. Exports keep the machine names.</p>"
        "<table border='1' cellspacing='0' cellpadding='3'><tr><th>On screen</th>"
        "<th>In decision_table.csv</th><th>Meaning</th></tr>");
    for (const auto& column : ResultSummary::decisionColumns())
        html += QStringLiteral("<tr><td>%1</td><td><code>%2</code></td><td>%3</td></tr>")
                    .arg(DecisionColumnFormat::of(column.name).label().toHtmlEscaped(), column.name,
                         column.help.toHtmlEscaped());
    html += QStringLiteral(
        "<tr><td>Δ margin vs baseline ($)</td><td><code>margin_vs_baseline_usd</code></td>"
        "<td>with a baseline package chosen: this row's margin per customer minus the "
        "baseline's on the same mix and cohort</td></tr>"
        "<tr><td>± Δ margin ($)</td><td><code>margin_vs_baseline_se</code></td><td>its "
        "standard error, both SEs combined as if independent (the packages share their "
        "draws, so it errs on the safe side)</td></tr></table>");
    return html;
}

QString HelpDialogs::aboutHtml() {
    loadAppResources();
    QFile file(QStringLiteral(":/help/about.html"));
    QString html = file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll())
                                                  : QStringLiteral("<h2>Marginal %1</h2>");
    return html.arg(QStringLiteral(MARGINAL_VERSION), QString::fromLatin1(qVersion()),
                    QString::fromLatin1(sqlite3_libversion()),
                    QStringLiteral(BOOST_LIB_VERSION).replace(QLatin1Char('_'), QLatin1Char('.')),
                    QStringLiteral(LXW_VERSION)) +
           QStringLiteral("<p>QCustomPlot %1.</p>").arg(QStringLiteral(QCUSTOMPLOT_VERSION_STR));
}

void HelpDialogs::showShortcuts(QWidget* parent, const QList<QAction*>& actions) {
    QString html = QStringLiteral("<table cellpadding='3'>");
    for (const QString& line :
         shortcutsText(actions).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList parts = line.split(QLatin1Char('\t'));
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(parts.value(0).toHtmlEscaped(), parts.value(1).toHtmlEscaped());
    }
    html += QStringLiteral("</table><p>In the charts: drag to pan, the wheel zooms, "
                           "double-click or Home resets the view.</p>");
    showHtml(parent, QObject::tr("Keyboard shortcuts"), html, QSize(460, 520));
}

void HelpDialogs::showGlossary(QWidget* parent) {
    showHtml(parent, QObject::tr("Column glossary"), glossaryHtml(), QSize(820, 640));
}

void HelpDialogs::showAbout(QWidget* parent) {
    QMessageBox box(parent);
    box.setWindowTitle(QObject::tr("About Marginal"));
    box.setIconPixmap(QIcon(QStringLiteral(":/icons/marginal.svg")).pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(aboutHtml());
    box.exec();
}

} // namespace marginal
