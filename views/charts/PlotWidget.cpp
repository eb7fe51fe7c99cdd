// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/charts/PlotWidget.h"
#include "views/charts/ChartStyle.h"

#include <QEvent>
#include <QShortcut>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace marginal {

PlotWidget::PlotWidget(const QString& exportTitle, QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), exportTitle_(exportTitle),
      footnote_(new QCPTextElement(plot_, QString(), QFont(font().family(), 8))) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setMouseTracking(true);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(
        0, 0, new QCPTextElement(plot_, QString(), QFont(font().family(), 11, QFont::Bold)));
    // Rows: title, axis rect, legend, footnote. The legend sits under the axis rect,
    // not inside it, so it never covers a bar, a box or the end of a line.
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->axisRect()->insetLayout()->simplify();
    plot_->plotLayout()->addElement(2, 0, plot_->legend);
    plot_->legend->setVisible(true);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setWrap(3);
    plot_->plotLayout()->addElement(3, 0, footnote_);
    for (int row : {0, 2, 3})
        plot_->plotLayout()->setRowStretchFactor(row, 0.001);
    footnote_->setVisible(false); // no run drawn yet
    ChartStyle::apply(*plot_, palette());
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
    auto* home = new QShortcut(QKeySequence(Qt::Key_Home), this, [this] { resetView(); });
    home->setContext(Qt::WidgetWithChildrenShortcut);
}

void PlotWidget::resetView() {
    for (const auto& [axis, range] : drawnRanges_)
        axis->setRange(range.first, range.second);
    plot_->replot();
}

void PlotWidget::setFootnote(const QString& text) {
    footnote_->setText(text);
    footnote_->setVisible(!text.isEmpty());
}

QString PlotWidget::footnote() const {
    return footnote_->text();
}

void PlotWidget::setTitle(const QString& text) {
    static_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))->setText(text);
}

void PlotWidget::restyle() {
    ChartStyle::apply(*plot_, palette());
    drawnRanges_.clear();
    for (QCPAxisRect* rect : plot_->axisRects())
        for (QCPAxis* axis : rect->axes())
            drawnRanges_.push_back({axis, {axis->range().lower, axis->range().upper}});
    plot_->replot();
}

Status PlotWidget::exportTo(const QString& fileName) const {
    return ChartStyle::exportTo(*plot_, fileName, exportTitle_);
}

void PlotWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        restyle();
    QWidget::changeEvent(event);
}

} // namespace marginal
