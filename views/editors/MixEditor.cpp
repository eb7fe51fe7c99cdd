// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/MixEditor.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"
#include "views/editors/EditorParts.h"
#include "views/editors/JsonEditCommand.h"
#include "views/editors/MixSharesModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginal {

namespace {

ModelMix mixFromJson(const QJsonObject& json) {
    return ModelMix::fromJson(JsonNode::parseBytes(
        QJsonDocument(json).toJson(QJsonDocument::Compact), json.value("name").toString()));
}

} // namespace

MixEditor::MixEditor(QUndoStack& undo, QWidget* parent)
    : QWidget(parent), undo_(undo), list_(new QListWidget), view_(new QTableView),
      shares_(new MixSharesModel(this)), addModel_(new QComboBox),
      error_(EditorParts::refusalLabel()) {
    view_->setModel(shares_);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::AnyKeyPressed);
    list_->setMaximumWidth(260);
    auto* add = new QPushButton(tr("&Add Model"));
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(addModel_, 1);
    addRow->addWidget(add);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Share of each cohort's traffic per model. Type a share: the "
                                   "other models of that cohort move in proportion, so each "
                                   "column stays at 100%. Ctrl+Z undoes.")));
    right->addWidget(view_, 1);
    right->addLayout(addRow);
    right->addWidget(error_);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(list_);
    layout->addLayout(right, 1);
    shares_->setEditHandler([this](const QJsonObject& edited, const QString& what) {
        return edit(currentMix(), edited, what);
    });
    connect(list_, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
    connect(add, &QPushButton::clicked, this, [this] {
        if (const Status added = addModel(addModel_->currentText()); !added)
            error_->setText(added.error());
    });
}

void MixEditor::setMixes(const std::vector<ModelMix>& mixes, const QStringList& models,
                         const QStringList& cohorts) {
    const int keep = currentMix();
    shares_->setCohortOrder(cohorts);
    mixes_.clear();
    list_->clear();
    for (const ModelMix& m : mixes) {
        mixes_.push_back(m.toJson());
        list_->addItem(m.name);
    }
    addModel_->clear();
    addModel_->addItems(models);
    error_->clear();
    list_->setCurrentRow(keep >= 0 && keep < int(mixes.size()) ? keep : 0);
    showCurrent();
}

int MixEditor::currentMix() const {
    return list_->currentRow();
}

void MixEditor::selectMix(int index) {
    list_->setCurrentRow(index);
}

QString MixEditor::errorText() const {
    return error_->text();
}

void MixEditor::showCurrent() {
    const int i = currentMix();
    if (i >= 0 && i < int(mixes_.size()))
        shares_->setMix(mixes_[std::size_t(i)]);
}

Status MixEditor::addModel(const QString& model) {
    const int i = currentMix();
    if (i < 0 || i >= int(mixes_.size()) || model.isEmpty())
        return Status::failure(tr("no mix or model selected"));
    if (shares_->models().contains(model))
        return Status::failure(tr("%1 is in the mix already").arg(model));
    QJsonObject edited = mixes_[std::size_t(i)];
    QJsonObject cohorts = edited.value(QStringLiteral("cohorts")).toObject();
    for (auto it = cohorts.begin(); it != cohorts.end(); ++it) {
        QJsonObject shares = it.value().toObject();
        shares.insert(model, 0.0);
        it.value() = shares;
    }
    edited.insert(QStringLiteral("cohorts"), cohorts);
    return edit(i, edited, tr("add %1").arg(model));
}

Status MixEditor::edit(int index, const QJsonObject& edited, const QString& what) {
    if (index < 0 || index >= int(mixes_.size()))
        return Status::failure(tr("no mix selected"));
    const QJsonObject before = mixes_[std::size_t(index)], after = edited;
    try {
        mixFromJson(after); // the reader's checks: names, shares in [0, 1] summing to 1
    } catch (const InputError& e) {
        error_->setText(e.message());
        return Status::failure(e.message());
    }
    error_->clear();
    undo_.push(new JsonEditCommand(
        kUndoKind, [this](int i, const QJsonObject& json) { applyMix(i, json); }, index, {what},
        before, after, tr("Edit %1: %2").arg(before.value("name").toString(), what)));
    return Status::success();
}

void MixEditor::applyMix(int index, const QJsonObject& json) {
    if (index < 0 || index >= int(mixes_.size()))
        return;
    mixes_[std::size_t(index)] = json;
    if (index != currentMix())
        selectMix(index); // show what undo or redo changed
    shares_->setMix(json);
    Q_EMIT mixChanged(index, mixFromJson(json));
}

} // namespace marginal
