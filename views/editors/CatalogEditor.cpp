// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/CatalogEditor.h"
#include "models/common/InputError.h"
#include "models/import/catalogs/GenaiPricesReader.h"
#include "models/json/JsonNode.h"
#include "views/dialogs/FileDialogs.h"
#include "views/editors/EditorParts.h"
#include "views/editors/JsonEditCommand.h"
#include "views/editors/JsonFieldsModel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginal {

namespace {

PriceCatalog catalogFromJson(const QJsonObject& json) {
    return PriceCatalog::fromJson(JsonNode::parseBytes(
        QJsonDocument(json).toJson(QJsonDocument::Compact), QObject::tr("price catalog")));
}

} // namespace

CatalogEditor::CatalogEditor(QUndoStack& undo, QWidget* parent)
    : QWidget(parent), undo_(undo), filter_(new QLineEdit), list_(new QListWidget),
      view_(new QTableView), fields_(new JsonFieldsModel(this)),
      error_(EditorParts::refusalLabel()) {
    filter_->setPlaceholderText(tr("Filter models"));
    filter_->setClearButtonEnabled(true);
    EditorParts::setUpFieldTable(*view_, fields_);
    auto* addPoint = new QPushButton(tr("Add &Price Point"));
    addPoint->setToolTip(tr("A new price for the selected model, effective today (edit the "
                            "date and prices after)"));
    auto* import = new QPushButton(tr("Import Price &Table..."));
    import->setToolTip(tr("Merge a price table in as of a date: pydantic's genai-prices table "
                          "(dated prices of the models listed here, with cache classes and "
                          "long-context tiers) or LiteLLM's model_prices_and_context_window.json "
                          "(every model, effective on the date)"));
    auto* left = new QVBoxLayout;
    left->addWidget(filter_);
    left->addWidget(list_, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addPoint);
    buttons->addWidget(import);
    buttons->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Prices in USD per 1M tokens, each effective from its date "
                                   "until the next one. Double-click to edit; Ctrl+Z undoes.")));
    right->addWidget(view_, 1);
    right->addLayout(buttons);
    right->addWidget(error_);
    auto* layout = new QHBoxLayout(this);
    auto* leftBox = new QWidget;
    leftBox->setLayout(left);
    leftBox->setMaximumWidth(280);
    layout->addWidget(leftBox);
    layout->addLayout(right, 1);
    fields_->setEditHandler([this](const QStringList& field, const QJsonValue& value) {
        const int m = modelIndex(currentModel());
        if (m < 0)
            return Status::failure(tr("no model selected"));
        QJsonObject after = catalog_;
        QJsonArray models = after.value(QStringLiteral("models")).toArray();
        models.replace(m, JsonFieldsModel::withValue(models.at(m).toObject(), field, value));
        after.insert(QStringLiteral("models"), models);
        return propose(after, QStringList{currentModel()} + field,
                       tr("%1: %2").arg(currentModel(), JsonFieldsModel::label(field)));
    });
    connect(filter_, &QLineEdit::textChanged, this, [this] { fillList(); });
    connect(list_, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
    connect(addPoint, &QPushButton::clicked, this, [this] {
        if (const Status added = addPricePoint(QDate::currentDate()); !added)
            error_->setText(added.error());
    });
    connect(import, &QPushButton::clicked, this, [this] {
        const QString file =
            FileDialogs::open(this, tr("Price table (genai-prices data.json or LiteLLM)"),
                              tr("JSON (*.json);;All files (*)"));
        if (file.isEmpty())
            return;
        bool ok = false;
        const QString date = QInputDialog::getText(
            this, tr("As of"),
            tr("Merge the table as of (YYYY-MM-DD; LiteLLM's prices take effect then):"),
            QLineEdit::Normal, QDate::currentDate().toString(Qt::ISODate), &ok);
        if (!ok)
            return;
        const QDate effective = QDate::fromString(date.trimmed(), Qt::ISODate);
        const Status imported =
            effective.isValid()
                ? importPriceTable(file, effective)
                : Status::failure(tr("expected a date as YYYY-MM-DD, got \"%1\"").arg(date));
        if (!imported)
            error_->setText(imported.error());
    });
}

void CatalogEditor::setCatalog(const PriceCatalog& catalog) {
    catalog_ = catalog.toJson();
    error_->clear();
    fillList();
}

int CatalogEditor::modelIndex(const QString& id) const {
    const QJsonArray models = catalog_.value(QStringLiteral("models")).toArray();
    for (int i = 0; i < models.size(); ++i)
        if (models.at(i).toObject().value(QStringLiteral("id")).toString() == id)
            return i;
    return -1;
}

void CatalogEditor::fillList() {
    const QString keep = currentModel();
    const QSignalBlocker block(list_);
    list_->clear();
    for (const QJsonValue& m : catalog_.value(QStringLiteral("models")).toArray()) {
        const QString id = m.toObject().value(QStringLiteral("id")).toString();
        if (id.contains(filter_->text().trimmed(), Qt::CaseInsensitive))
            list_->addItem(id);
    }
    const QList<QListWidgetItem*> again = list_->findItems(keep, Qt::MatchExactly);
    list_->setCurrentRow(again.isEmpty() ? 0 : list_->row(again.front()));
    showCurrent();
}

bool CatalogEditor::selectModel(const QString& id) {
    if (modelIndex(id) < 0)
        return false;
    filter_->clear();
    const QList<QListWidgetItem*> items = list_->findItems(id, Qt::MatchExactly);
    if (items.isEmpty())
        return false;
    list_->setCurrentItem(items.front());
    return true;
}

QString CatalogEditor::currentModel() const {
    return list_->currentItem() ? list_->currentItem()->text() : QString();
}

QString CatalogEditor::errorText() const {
    return error_->text();
}

void CatalogEditor::showCurrent() {
    const int m = modelIndex(currentModel());
    fields_->setDocument(m < 0
                             ? QJsonObject()
                             : catalog_.value(QStringLiteral("models")).toArray().at(m).toObject());
}

Status CatalogEditor::propose(const QJsonObject& after, const QStringList& field,
                              const QString& what) {
    try {
        catalogFromJson(after);
    } catch (const InputError& e) {
        error_->setText(e.message());
        return Status::failure(e.message());
    }
    error_->clear();
    undo_.push(new JsonEditCommand(
        kUndoKind, [this](int i, const QJsonObject& json) { applyCatalog(i, json); }, 0, field,
        catalog_, after, tr("Edit catalog: %1").arg(what)));
    return Status::success();
}

Status CatalogEditor::addPricePoint(const QDate& effective) {
    const int m = modelIndex(currentModel());
    if (m < 0)
        return Status::failure(tr("no model selected"));
    PriceCatalog catalog = catalogFromJson(catalog_);
    const CatalogModel& model = catalog.models()[std::size_t(m)];
    if (model.history.empty())
        return Status::failure(tr("%1 has no price to start from").arg(model.id));
    PricePoint point = model.history.back();
    if (point.effective >= effective)
        return Status::failure(tr("%1: the new point must be later than the last one (%2)")
                                   .arg(model.id, point.effective.toString(Qt::ISODate)));
    point.effective = effective;
    catalog.addPrice(model.id, model.provider, model.source, point);
    return propose(catalog.toJson(), {model.id, QStringLiteral("new point")},
                   tr("%1: price from %2").arg(model.id, effective.toString(Qt::ISODate)));
}

Status CatalogEditor::importPriceTable(const QString& fileName, const QDate& date) {
    PriceCatalog merged = catalogFromJson(catalog_);
    try {
        const JsonNode root = JsonNode::parseFile(fileName);
        const bool dated = GenaiPricesReader::looksLike(root);
        const PriceCatalog imported = PriceCatalog::fromAnyFormat(root, date);
        for (const CatalogModel& m : imported.models()) {
            if (dated && !merged.findExact(m.id))
                continue; // a table of 1,000+ models: only those the catalog prices
            for (const PricePoint& p : m.history) {
                if (p.effective > date)
                    break; // not yet in force on the date merged as of
                const CatalogModel* known = merged.findExact(m.id);
                const bool same = known && std::any_of(known->history.begin(), known->history.end(),
                                                       [&](const PricePoint& q) {
                                                           return q.effective == p.effective;
                                                       });
                if (!same) // a point already dated that day is kept as it is
                    merged.addPrice(m.id, m.provider, m.source, p);
            }
            // The names usage reports for it (dated versions), when the catalog has none.
            const CatalogModel* known = merged.findExact(m.id);
            if (known && known->match.empty() && !m.match.empty())
                merged.setMatch(m.id, m.match);
        }
    } catch (const InputError& e) {
        error_->setText(e.message());
        return Status::failure(e.message());
    }
    return propose(merged.toJson(),
                   {QStringLiteral("import"), fileName, date.toString(Qt::ISODate)},
                   tr("import %1").arg(QFileInfo(fileName).fileName()));
}

void CatalogEditor::applyCatalog(int, const QJsonObject& json) {
    catalog_ = json;
    fillList();
    Q_EMIT catalogChanged(catalogFromJson(json));
}

} // namespace marginal
