// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The price catalog of the open scenario: each model's dated price points (USD per 1M
// tokens by class, effective from a date), editable with undo and redo and checked
// by the catalog reader before they are taken. "Add Price Point" dates a new price
// from today; "Import Price Table" merges pydantic's genai-prices table (the catalog's
// models, their dated prices as of a chosen date) or LiteLLM's
// model_prices_and_context_window.json (price points effective on a chosen date).
// Taken edits are announced with catalogChanged() (the window re-runs a what-if).
#include "models/common/Result.h"
#include "models/domain/PriceCatalog.h"

#include <QDate>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QTableView;
class QUndoStack;

namespace marginal {

class JsonFieldsModel;

class CatalogEditor : public QWidget {
    Q_OBJECT
public:
    CatalogEditor(QUndoStack& undo, QWidget* parent = nullptr);
    void setCatalog(const PriceCatalog& catalog);
    const QJsonObject& catalogJson() const { return catalog_; }
    // Selects the model with this id (clearing the filter); false when unknown.
    bool selectModel(const QString& id);
    QString currentModel() const;
    JsonFieldsModel& fields() const { return *fields_; }
    QListWidget& modelList() const { return *list_; }
    QString errorText() const;

    // Undoable edits; each returns the reader's error message, empty when taken.
    Status addPricePoint(const QDate& effective);
    // Merges a price table in. LiteLLM's (undated): every model, its prices effective on
    // `date`. genai-prices' (dated): the models the catalog has, with every price the
    // table dates on or before `date` (the table as it stood then). Points already dated
    // the same day are kept as they are.
    Status importPriceTable(const QString& fileName, const QDate& date);
    void applyCatalog(int, const QJsonObject& json);

Q_SIGNALS:
    void catalogChanged(const marginal::PriceCatalog& catalog);

private:
    Status propose(const QJsonObject& after, const QStringList& field, const QString& what);
    int modelIndex(const QString& id) const;
    void fillList();
    void showCurrent();
    static constexpr int kUndoKind = 3; // JsonEditCommand::id()

    QUndoStack& undo_;
    QJsonObject catalog_;
    QLineEdit* filter_;
    QListWidget* list_;
    QTableView* view_;
    JsonFieldsModel* fields_;
    QLabel* error_;
};

} // namespace marginal
