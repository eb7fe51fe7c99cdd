// SPDX-License-Identifier: GPL-3.0-or-later
// The Catalog page merging pydantic's genai-prices table as of a date, headless: the
// catalog's own models gain the prices the table dates on or before that day, nothing
// later and no other model; each merge is one undo step.
#include "tests/support/StatusChecks.h"
#include "views/editors/CatalogEditor.h"

#include "models/json/JsonNode.h"

#include <QJsonDocument>
#include <QListWidget>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

using namespace marginal;

namespace {

const QString kTable = QStringLiteral(MARGINAL_SOURCE_DIR "/sample_data/genai-prices/data.json");

PriceCatalog twoModels() {
    PriceCatalog c;
    c.name = "mine";
    c.asOf = QDate(2025, 1, 1);
    c.addPrice("o3", "openai", "", PricePoint{QDate(2025, 1, 1), TokenPrices{12, 1, 12, 12, 48}});
    c.addPrice("in-house", "", "", PricePoint{QDate(2025, 1, 1), TokenPrices{1, 1, 1, 1, 1}});
    return c;
}

std::vector<QDate> datesOf(const QJsonObject& json, const QString& model) {
    PriceCatalog c = PriceCatalog::fromJson(
        JsonNode::parseBytes(QJsonDocument(json).toJson(), QStringLiteral("catalog.json")));
    std::vector<QDate> dates;
    for (const PricePoint& p : c.find(model)->history)
        dates.push_back(p.effective);
    return dates;
}

} // namespace

class TestCatalogEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mergesGenaiPricesAsOfADate() {
        QUndoStack undo;
        CatalogEditor editor(undo);
        editor.setCatalog(twoModels());
        const QJsonObject original = editor.catalogJson();
        QSignalSpy changed(&editor, &CatalogEditor::catalogChanged);

        // As of 2025-05-31: o3's undated list price (10 / 40) joins, not the 2025-06-10 cut.
        QVERIFY_OK(editor.importPriceTable(kTable, QDate(2025, 5, 31)));
        QCOMPARE(datesOf(editor.catalogJson(), "o3"),
                 (std::vector<QDate>{QDate(1970, 1, 1), QDate(2025, 1, 1)}));
        QCOMPARE(editor.modelList().count(), 2); // no model of the table's other 1,000+
        QCOMPARE(datesOf(editor.catalogJson(), "in-house"), std::vector<QDate>{QDate(2025, 1, 1)});

        // As of 2025-07-01: the cut too; the point already there is kept as it is.
        QVERIFY_OK(editor.importPriceTable(kTable, QDate(2025, 7, 1)));
        QCOMPARE(datesOf(editor.catalogJson(), "o3"),
                 (std::vector<QDate>{QDate(1970, 1, 1), QDate(2025, 1, 1), QDate(2025, 6, 10)}));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(undo.count(), 2);
        undo.undo();
        undo.undo();
        QCOMPARE(editor.catalogJson(), original);
    }
};

QTEST_MAIN(TestCatalogEditor)
#include "tst_CatalogEditor.moc"
