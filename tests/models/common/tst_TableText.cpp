// SPDX-License-Identifier: GPL-3.0-or-later
// Exported cells: CSV quoting, spreadsheet formula neutralisation, Markdown escapes.
#include "models/common/TableText.h"

#include <QtTest>

using namespace marginal;

class TestTableText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void csvQuotesWhatNeedsQuoting() {
        QCOMPARE(TableText::csvField("plain"), QString("plain"));
        QCOMPARE(TableText::csvField("a,b"), QString("\"a,b\""));
        QCOMPARE(TableText::csvField("say \"hi\""), QString("\"say \"\"hi\"\"\""));
        QCOMPARE(TableText::csvField("two\nlines"), QString("\"two\nlines\""));
        QCOMPARE(TableText::csvLine({"a", "b,c"}), QString("a,\"b,c\"\r\n"));
    }

    void formulasAreNeutralisedButNumbersAreNot() {
        QCOMPARE(TableText::csvField("=HYPERLINK(\"x\")"), QString("\"'=HYPERLINK(\"\"x\"\")\""));
        QCOMPARE(TableText::csvField("+1+2"), QString("'+1+2"));
        QCOMPARE(TableText::csvField("@SUM(A1)"), QString("'@SUM(A1)"));
        QCOMPARE(TableText::csvField("-cmd"), QString("'-cmd"));
        QCOMPARE(TableText::csvField("-12.50"), QString("-12.50"));
        QCOMPARE(TableText::csvField("+3"), QString("+3"));
    }

    void semicolonsAndTabsAreKeptInTheirCell() {
        // Spreadsheets in semicolon locales split on ';': such a cell is quoted too.
        QCOMPARE(TableText::csvField("a;b"), QString("\"a;b\""));
        QCOMPARE(TableText::csvField("\tcmd"), QString("'\tcmd"));
        // Clipboard rows: tab-separated, formulas neutralised, tabs and line breaks in a
        // cell made spaces so a pasted row stays one row of cells.
        QCOMPARE(TableText::tsvLine({"a\tb", "two\nlines", "=1+1", "-3"}),
                 QString("a b\ttwo lines\t'=1+1\t-3\n"));
    }

    void markdownEscapesPipes() {
        QCOMPARE(TableText::markdownCell("a|b"), QString("a\\|b"));
        QCOMPARE(TableText::markdownCell("back\\slash\r\nnext"), QString("back\\\\slash next"));
        QCOMPARE(TableText::markdownTable({"x", "y"}, {{"1", "2"}}),
                 QString("| x | y |\n|---|---|\n| 1 | 2 |\n"));
    }
};

QTEST_APPLESS_MAIN(TestTableText)
#include "tst_TableText.moc"
