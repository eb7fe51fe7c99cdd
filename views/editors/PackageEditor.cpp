// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/PackageEditor.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"
#include "views/editors/EditorParts.h"
#include "views/editors/JsonEditCommand.h"
#include "views/editors/JsonFieldsModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginal {

PackageEditor::PackageEditor(QUndoStack& undo, QWidget* parent)
    : QWidget(parent), undo_(undo), list_(new QListWidget), view_(new QTableView),
      fields_(new JsonFieldsModel(this)), error_(EditorParts::refusalLabel()) {
    EditorParts::setUpFieldTable(*view_, fields_);
    list_->setMaximumWidth(260);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Double-click a value (or press F2) to edit it; Ctrl+Z "
                                   "undoes. Each edit re-runs a quick what-if simulation.")));
    right->addWidget(view_, 1);
    right->addWidget(error_);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(list_);
    layout->addLayout(right, 1);
    fields_->setEditHandler([this](const QStringList& field, const QJsonValue& value) {
        return edit(currentPackage(), field, value);
    });
    connect(list_, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
}

void PackageEditor::setPackages(const std::vector<PricingPackage>& packages) {
    const int keep = currentPackage();
    packages_.clear();
    list_->clear();
    for (const PricingPackage& p : packages) {
        packages_.push_back(p.toJson());
        list_->addItem(p.name);
    }
    error_->clear();
    selectPackage(keep >= 0 && keep < int(packages.size()) ? keep : 0);
    showCurrent();
}

int PackageEditor::currentPackage() const {
    return list_->currentRow();
}

void PackageEditor::selectPackage(int index) {
    list_->setCurrentRow(index);
}

QString PackageEditor::errorText() const {
    return error_->text();
}

void PackageEditor::showCurrent() {
    const int i = currentPackage();
    fields_->setDocument(i >= 0 && i < int(packages_.size()) ? packages_[std::size_t(i)]
                                                             : QJsonObject());
}

Status PackageEditor::edit(int index, const QStringList& field, const QJsonValue& value) {
    if (index < 0 || index >= int(packages_.size()))
        return Status::failure(tr("no package selected"));
    const QJsonObject before = packages_[std::size_t(index)];
    const QJsonObject after = JsonFieldsModel::withValue(before, field, value);
    try {
        const PricingPackage checked = PricingPackage::fromJson(JsonNode::parseBytes(
            QJsonDocument(after).toJson(QJsonDocument::Compact), before.value("name").toString()));
        (void)checked;
    } catch (const InputError& e) {
        error_->setText(e.message());
        return Status::failure(e.message());
    }
    error_->clear();
    undo_.push(new JsonEditCommand(
        kUndoKind, [this](int i, const QJsonObject& json) { applyPackage(i, json); }, index, field,
        before, after,
        tr("Edit %1: %2").arg(before.value("name").toString(), JsonFieldsModel::label(field))));
    return Status::success();
}

void PackageEditor::applyPackage(int index, const QJsonObject& json) {
    if (index < 0 || index >= int(packages_.size()))
        return;
    packages_[std::size_t(index)] = json;
    if (index == currentPackage())
        fields_->setDocument(json);
    else
        selectPackage(index); // show what undo or redo changed
    const PricingPackage package = PricingPackage::fromJson(JsonNode::parseBytes(
        QJsonDocument(json).toJson(QJsonDocument::Compact), json.value("name").toString()));
    Q_EMIT packageChanged(index, package);
}

} // namespace marginal
