// SPDX-License-Identifier: GPL-3.0-or-later
// What a reader of each chart relies on, checked on the drawing itself: every bar has
// its label (read back from the SVG the chart exports), the legend covers no data
// point (pixel geometry), money and percent axes carry their unit and thousands
// separators, a far GM% tail is clipped with a marker that names it, and the credit
// balance never goes below zero while demand beyond it is its own band.
#include "simulator/results/ResultSummary.h"
#include "simulator/results/RunDetail.h"
#include "views/charts/CreditBurnChart.h"
#include "views/charts/GmSpreadChart.h"
#include "views/charts/MarginComparisonChart.h"
#include "views/charts/TokenTicker.h"
#include "views/charts/UnitTicker.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QXmlStreamReader>
#include <QtTest>
#include <qcustomplot.h>

using namespace marginal;

namespace {

const QStringList kPackages = {"seat_29",        "credits_19",      "credits_49_rollover",
                               "payg_markup_30", "commit_875",      "commit_2500_trueup",
                               "hard_cap_15",    "team_throttle_40"};
const QStringList kMixes = {"balanced", "premium_heavy"};

std::vector<DecisionRow> rows(double lowestP5 = -40.0) {
    std::vector<DecisionRow> out;
    int i = 0;
    for (const QString& package : kPackages)
        for (const QString& mix : kMixes)
            for (const char* cohort : {"low", "medium", "heavy", "all"}) {
                DecisionRow r;
                r.package = package;
                r.mix = mix;
                r.cohort = cohort;
                r.meanMargin = 1500.0 * (i % 7) - 2500.0;
                r.meanMarginSe = 40.0;
                r.gmP5.value = i == 1 ? lowestP5 : -30.0 + i % 5;
                r.gmP50.value = 35.0 + i % 9;
                r.gmP95.value = 80.0 + i % 3;
                ++i;
                out.push_back(r);
            }
    return out;
}

// Every piece of text the chart draws at `size`, read from its SVG rendering.
QStringList drawnTexts(QCustomPlot& plot, QSize size) {
    QBuffer buffer;
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    QCPPainter painter;
    painter.begin(&svg);
    plot.toPainter(&painter, size.width(), size.height());
    painter.end();
    QStringList texts;
    QXmlStreamReader xml(buffer.data());
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text")
            texts.append(xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed());
    if (xml.hasError())
        qWarning() << xml.errorString();
    return texts;
}

// Pixel positions of every data point inside the axis rect: each point's main value
// and both ends of its value range (a bar's top and base, a box's whiskers).
QList<QPointF> dataPixels(QCustomPlot& plot) {
    QList<QPointF> out;
    const QRectF inside = plot.axisRect()->rect();
    for (int p = 0; p < plot.plottableCount(); ++p) {
        QCPAbstractPlottable* plottable = plot.plottable(p);
        QCPPlottableInterface1D* data = plottable->interface1D();
        if (!data || !plottable->visible())
            continue;
        for (int i = 0; i < data->dataCount(); ++i) {
            const double key = data->dataMainKey(i);
            const QCPRange values = data->dataValueRange(i);
            for (double value : {data->dataMainValue(i), values.lower, values.upper}) {
                const QPointF pixel = plottable->coordsToPixels(key, value);
                if (inside.contains(pixel))
                    out.append(pixel);
            }
        }
    }
    return out;
}

void verifyLegendCoversNoData(QCustomPlot& plot) {
    plot.setViewport(QRect(0, 0, 1000, 650));
    plot.replot();
    QVERIFY(plot.legend->visible());
    QVERIFY(plot.legend->itemCount() > 0);
    const QRect legend = plot.legend->outerRect();
    const QList<QPointF> points = dataPixels(plot);
    QVERIFY(points.size() > 10);
    for (const QPointF& point : points)
        QVERIFY2(!legend.contains(point.toPoint()),
                 qPrintable(QStringLiteral("the legend (%1,%2 %3x%4) covers a data point at %5,%6")
                                .arg(legend.x())
                                .arg(legend.y())
                                .arg(legend.width())
                                .arg(legend.height())
                                .arg(point.x())
                                .arg(point.y())));
}

BurnFan fan(const QString& cohort, double included, double perDay) {
    BurnFan f;
    f.cohort = cohort;
    f.included = included;
    f.samples = 1000;
    for (int d = 0; d < DailyProfile::kDays; ++d) {
        f.p10[std::size_t(d)] = included - 1.5 * perDay * (d + 1);
        f.p50[std::size_t(d)] = included - perDay * (d + 1);
        f.p90[std::size_t(d)] = included - 0.5 * perDay * (d + 1);
    }
    return f;
}

} // namespace

class ChartsTest : public QObject {
    Q_OBJECT
private slots:
    void everyComparisonBarHasItsLabel_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("export 1200x800") << QSize(1200, 800);
        QTest::newRow("window 1280x800") << QSize(1000, 560);
        QTest::newRow("narrow 700x500") << QSize(700, 500);
    }
    void everyComparisonBarHasItsLabel() {
        QFETCH(QSize, size);
        MarginComparisonChart chart(nullptr);
        chart.setRows(rows(), "all");
        QCOMPARE(chart.barCount(), 16);
        const QStringList texts = drawnTexts(*chart.plot(), size);
        for (const QString& package : kPackages)
            for (const QString& mix : kMixes)
                QVERIFY2(texts.contains(package + " / " + mix),
                         qPrintable(package + " / " + mix + " not drawn"));
    }

    // The bars are the `all` rows' mean margins in the rows' order, and each error bar
    // is that row's 95% interval, 1.96 SE either way (as the axis and tooltip say).
    void comparisonBarsAndErrorBarsAreTheRows() {
        std::vector<DecisionRow> all = rows();
        for (std::size_t i = 0; i < all.size(); ++i)
            all[i].meanMarginSe = 10.0 + double(i);
        MarginComparisonChart chart(nullptr);
        chart.setRows(all, "all");
        QCPBars* bars = nullptr;
        QCPErrorBars* errors = nullptr;
        for (int p = 0; p < chart.plot()->plottableCount(); ++p) {
            bars = bars ? bars : qobject_cast<QCPBars*>(chart.plot()->plottable(p));
            errors = errors ? errors : qobject_cast<QCPErrorBars*>(chart.plot()->plottable(p));
        }
        QVERIFY(bars && errors);
        std::vector<const DecisionRow*> shown;
        for (const DecisionRow& r : all)
            if (r.cohort == QLatin1String("all"))
                shown.push_back(&r);
        QCOMPARE(bars->data()->size(), int(shown.size()));
        QCOMPARE(errors->dataCount(), int(shown.size()));
        for (int i = 0; i < int(shown.size()); ++i) {
            QCOMPARE(bars->data()->at(i)->value, shown[std::size_t(i)]->meanMargin);
            QCOMPARE(errors->data()->at(i).errorMinus, 1.96 * shown[std::size_t(i)]->meanMarginSe);
            QCOMPARE(errors->data()->at(i).errorPlus, 1.96 * shown[std::size_t(i)]->meanMarginSe);
        }
    }

    // One box series per cohort; each box spans the row's P5 to P95 with the median at
    // P50, and its whiskers sit on the box's ends (only those three are estimated).
    void gmBoxesAreTheRowsQuantiles() {
        const std::vector<DecisionRow> all = rows();
        GmSpreadChart chart(nullptr);
        chart.setRows(all, "balanced");
        int boxes = 0;
        for (int p = 0; p < chart.plot()->plottableCount(); ++p) {
            auto* series = qobject_cast<QCPStatisticalBox*>(chart.plot()->plottable(p));
            if (!series)
                continue;
            const QString cohort = series->name().section(u' ', 1);
            std::vector<const DecisionRow*> expected;
            for (const DecisionRow& r : all)
                if (r.mix == QLatin1String("balanced") && r.cohort == cohort)
                    expected.push_back(&r);
            QCOMPARE(series->dataCount(), int(expected.size()));
            for (int i = 0; i < series->dataCount(); ++i) { // keys follow the packages' order
                const QCPStatisticalBoxData& box = *(series->data()->at(i));
                const DecisionRow& r = *expected[std::size_t(i)];
                QCOMPARE(box.minimum, r.gmP5.value);
                QCOMPARE(box.lowerQuartile, r.gmP5.value);
                QCOMPARE(box.median, r.gmP50.value);
                QCOMPARE(box.upperQuartile, r.gmP95.value);
                QCOMPARE(box.maximum, r.gmP95.value);
                ++boxes;
            }
        }
        QCOMPARE(boxes, 8 * 3); // packages x cohorts
    }

    void legendsCoverNoData() {
        MarginComparisonChart comparison(nullptr);
        comparison.setRows(rows(), "all");
        verifyLegendCoversNoData(*comparison.plot());
        GmSpreadChart spread(nullptr);
        spread.setRows(rows(), "balanced");
        verifyLegendCoversNoData(*spread.plot());
        CreditBurnChart burn(nullptr);
        VariantDetail detail;
        detail.package = "credits_19";
        detail.mix = "balanced";
        detail.fans = {fan("low", 2000, 10), fan("medium", 2000, 60), fan("heavy", 2000, 400)};
        burn.setDetail({detail}, "credits_19", "balanced");
        verifyLegendCoversNoData(*burn.plot());
    }

    void moneyAxesCarryDollarsAndThousandsSeparators() {
        MarginComparisonChart chart(nullptr);
        chart.setRows(rows(), "all"); // margins from -2,500 to 6,500
        chart.plot()->replot();
        const QList<QString> labels = chart.plot()->yAxis->tickVectorLabels();
        QVERIFY(labels.size() >= 3);
        static const QRegularExpression money(QStringLiteral("^\u2212?\\$\\d{1,3}(,\\d{3})*$"));
        bool grouped = false;
        for (const QString& label : labels) {
            QVERIFY2(money.match(label).hasMatch(), qPrintable(label));
            grouped = grouped || label.contains(u',');
        }
        QVERIFY(grouped);
        QVERIFY(labels.contains(QStringLiteral("\u2212$2,000")));
    }

    void tickLabelsFollowTheStep() {
        UnitTicker dollars(QStringLiteral("$"), QString());
        QCOMPARE(dollars.label(1234567.0, 500000.0), QStringLiteral("$1,234,567"));
        QCOMPARE(dollars.label(0.5, 0.25), QStringLiteral("$0.50"));
        QCOMPARE(dollars.label(-12.5, 2.5), QStringLiteral("\u2212$12.5"));
        QCOMPARE(dollars.label(-1e-12, 1000.0), QStringLiteral("$0"));
        UnitTicker percent(QString(), QStringLiteral("%"));
        QCOMPARE(percent.label(-250.0, 50.0), QStringLiteral("\u2212250%"));
        QCOMPARE(TokenTicker::label(100000.0), QStringLiteral("100k"));
        QCOMPARE(TokenTicker::label(1e6), QStringLiteral("1M"));
        QCOMPARE(TokenTicker::label(2.5e9), QStringLiteral("2.5B"));
        QCOMPARE(TokenTicker::label(10.0), QStringLiteral("10"));
    }

    void aFarGmTailIsClippedWithAMarker() {
        GmSpreadChart chart(nullptr);
        chart.setRows(rows(-2196.0), "balanced");
        // The axis keeps the other boxes readable...
        QVERIFY(chart.plot()->yAxis->range().lower > -300.0);
        // ...and the clipped box says where it goes.
        QStringList markers;
        for (int i = 0; i < chart.plot()->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(chart.plot()->item(i)))
                markers.append(text->text());
        QCOMPARE(markers.size(), 1);
        QVERIFY2(markers.front().contains(QStringLiteral("\u22122,196%")),
                 qPrintable(markers.front()));
        // No tail: no marker.
        chart.setRows(rows(-40.0), "balanced");
        int texts = 0;
        for (int i = 0; i < chart.plot()->itemCount(); ++i)
            texts += qobject_cast<QCPItemText*>(chart.plot()->item(i)) ? 1 : 0;
        QCOMPARE(texts, 0);
    }

    void theBalanceStopsAtZeroAndBlockedDemandIsItsOwnBand() {
        CreditBurnChart chart(nullptr);
        VariantDetail detail;
        detail.package = "hard_cap_15";
        detail.mix = "balanced";
        detail.enforcement = QStringLiteral("block");
        // Heavy: the median runs out on day 5 (2000 credits at 400 a day).
        detail.fans = {fan("low", 2000, 10), fan("heavy", 2000, 400)};
        chart.setDetail({detail}, "hard_cap_15", "balanced");
        QCOMPARE(chart.fanCount(), 2);
        QCPGraph* beyond = nullptr;
        for (int g = 0; g < chart.plot()->graphCount(); ++g) {
            QCPGraph* graph = chart.plot()->graph(g);
            if (graph->property("beyond").toBool()) {
                beyond = graph;
                continue;
            }
            for (int i = 0; i < graph->dataCount(); ++i)
                QVERIFY2(graph->dataMainValue(i) >= 0.0, qPrintable(graph->name()));
        }
        // The blocked demand of the heavy median: 400 x 30 - 2000 = 10,000 credits by
        // day 30, drawn below the zero line (as a negative) under its own name.
        QVERIFY(beyond);
        QVERIFY2(beyond->name().contains("blocked"), qPrintable(beyond->name()));
        QCOMPARE(beyond->dataMainValue(DailyProfile::kDays - 1), -10000.0);
        QCOMPARE(beyond->dataMainValue(0), 0.0);
        chart.plot()->savePng(QStringLiteral(MARGINAL_BINARY_DIR "/credit_burn_blocked.png"), 1000,
                              650);
        // A throttle moves it to the cheaper model: named so.
        detail.enforcement = QStringLiteral("throttle");
        chart.setDetail({detail}, "hard_cap_15", "balanced");
        QStringList names;
        for (int g = 0; g < chart.plot()->graphCount(); ++g)
            if (chart.plot()->graph(g)->property("beyond").toBool())
                names.append(chart.plot()->graph(g)->name());
        QCOMPARE(names.size(), 1);
        QVERIFY2(names.front().contains("throttled"), qPrintable(names.front()));
        // Overage bills it: the balance alone, floored at zero.
        detail.enforcement = QStringLiteral("overage");
        chart.setDetail({detail}, "hard_cap_15", "balanced");
        for (int g = 0; g < chart.plot()->graphCount(); ++g) {
            QVERIFY(!chart.plot()->graph(g)->property("beyond").toBool());
            for (int i = 0; i < chart.plot()->graph(g)->dataCount(); ++i)
                QVERIFY(chart.plot()->graph(g)->dataMainValue(i) >= 0.0);
        }
    }
};

QTEST_MAIN(ChartsTest)
#include "tst_Charts.moc"
