// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every plot of the app is: a QCustomPlot filling the widget under a bold title,
// a legend below it and a footnote saying what it draws, colours from the palette
// (restyled when the palette changes, so dark themes read), drag to pan and wheel to
// zoom (double-click or Home resets), hover tracking, and export to PNG, SVG or PDF.
// The run charts (ChartWidget) and the price search's plots build on it.
#include "models/common/Result.h"

#include <QWidget>
#include <utility>
#include <vector>

class QCPAxis;
class QCPTextElement;
class QCustomPlot;

namespace marginal {

class PlotWidget : public QWidget {
    Q_OBJECT
public:
    QCustomPlot* plot() const { return plot_; }
    // By the file's suffix.
    Status exportTo(const QString& fileName) const;
    // Back to the ranges the chart was drawn with, after panning and zooming
    // (double-click on the chart, or Home).
    void resetView();
    // The one line under the chart, on screen and in every export, saying which run it
    // draws (RunProvenance::footnote: scenario, full or what-if, seed, trials).
    void setFootnote(const QString& text);
    QString footnote() const;

protected:
    // `exportTitle` names the chart in exported SVG files.
    PlotWidget(const QString& exportTitle, QWidget* parent);
    void setTitle(const QString& text);
    // Applies the palette's colours and redraws; call at the end of every update.
    void restyle();
    void changeEvent(QEvent* event) override;

    QCustomPlot* plot_;

private:
    QString exportTitle_;
    QCPTextElement* footnote_;
    // Each axis's range as last drawn: what resetView() returns to.
    std::vector<std::pair<QCPAxis*, std::pair<double, double>>> drawnRanges_;
};

} // namespace marginal
