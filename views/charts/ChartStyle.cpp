// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/ChartStyle.h"

#include <QFileInfo>
#include <QPalette>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace marginal {

void ChartStyle::apply(QCustomPlot& plot, const QPalette& palette) {
    const QColor background = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(45);
    plot.setBackground(background);
    for (QCPAxis* axis : plot.axisRect()->axes()) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(text, 1));
    }
    plot.legend->setBrush(background);
    plot.legend->setBorderPen(QPen(grid));
    plot.legend->setTextColor(text);
    for (int i = 0; i < plot.plotLayout()->elementCount(); ++i)
        if (auto* title = qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(i)))
            title->setTextColor(text);
}

QColor ChartStyle::series(int i) {
    // Okabe-Ito, which reads on white and on dark grey.
    static const QColor colours[] = {
        QColor(0, 114, 178),  QColor(230, 159, 0), QColor(0, 158, 115),  QColor(204, 121, 167),
        QColor(86, 180, 233), QColor(213, 94, 0),  QColor(240, 228, 66), QColor(150, 150, 150)};
    return colours[std::size_t(i) % (sizeof colours / sizeof colours[0])];
}

Status ChartStyle::exportTo(QCustomPlot& plot, const QString& fileName, const QString& title) {
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot.savePng(fileName, 1200, 800, 1.0);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot.savePdf(fileName, 1200, 800);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(fileName);
        svg.setSize(QSize(1200, 800));
        svg.setViewBox(QRect(0, 0, 1200, 800));
        svg.setTitle(title);
        QCPPainter painter;
        painter.begin(&svg);
        plot.toPainter(&painter, 1200, 800);
        ok = painter.end();
    } else {
        return Status::failure(
            QObject::tr("%1: expected a .png, .svg or .pdf file name").arg(fileName));
    }
    return ok ? Status::success()
              : Status::failure(QObject::tr("%1: cannot write the chart").arg(fileName));
}

} // namespace marginal
