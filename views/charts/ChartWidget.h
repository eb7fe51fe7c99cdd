#pragma once
// What every chart widget is: a QCustomPlot filling the widget under a bold title,
// colours from the palette (restyled when the palette changes, so dark themes read),
// drag to pan and wheel to zoom, hover tracking, and export to PNG, SVG or PDF.
#include <QWidget>

class QCustomPlot;

namespace marginal {

class ChartWidget : public QWidget {
    Q_OBJECT
public:
    QCustomPlot* plot() const { return plot_; }
    // By the file's suffix; returns an error message, empty on success.
    QString exportTo(const QString& fileName) const;

protected:
    // `exportTitle` names the chart in exported SVG files.
    ChartWidget(const QString& exportTitle, QWidget* parent);
    void setTitle(const QString& text);
    // Applies the palette's colours and redraws; call at the end of every update.
    void restyle();
    void changeEvent(QEvent* event) override;

    QCustomPlot* plot_;

private:
    QString exportTitle_;
};

} // namespace marginal
