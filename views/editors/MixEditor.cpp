// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/MixEditor.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"
#include "views/editors/EditorParts.h"
#include "views/editors/JsonEditCommand.h"
#include "views/editors/MixSharesModel.h"
#include "views/editors/NamedJsonList.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginal {

namespace {

ModelMix mixFromJson(const QJsonObject& json) {
    return ModelMix::fromJson(JsonNode::parseBytes(
        QJsonDocument(json).toJson(QJsonDocument::Compact), json.value("name").toString()));
}

const QString kMixes = QStringLiteral("mixes");

QJsonObject wrapped(const std::vector<QJsonObject>& mixes) {
    QJsonArray array;
    for (const QJsonObject& m : mixes)
        array.append(m);
    return {{kMixes, array}};
}

} // namespace

MixEditor::MixEditor(QUndoStack& undo, QWidget* parent)
    : QWidget(parent), undo_(undo), list_(new QListWidget), view_(new QTableView),
      shares_(new MixSharesModel(this)), name_(new QLineEdit), addModel_(new QComboBox),
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
    auto* nameRow = new QHBoxLayout;
    auto* nameLabel = new QLabel(tr("&Name"));
    nameLabel->setBuddy(name_);
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(name_, 1);
    connect(name_, &QLineEdit::editingFinished, this, [this] {
        const int i = currentMix();
        if (i >= 0 && i < int(mixes_.size()) &&
            name_->text().trimmed() != mixes_[std::size_t(i)].value("name").toString())
            (void)rename(i, name_->text());
    });
    auto* right = new QVBoxLayout;
    right->addLayout(nameRow);
    auto* intro = new QLabel(tr("Share of each cohort's traffic per model. Type a share: the "
                                "other models of that cohort move in proportion, so each "
                                "column stays at 100%. Ctrl+Z undoes."));
    intro->setWordWrap(true);
    right->addWidget(intro);
    right->addWidget(view_, 1);
    right->addLayout(addRow);
    right->addWidget(error_);
    auto* left = new QVBoxLayout;
    left->addWidget(listButtons());
    left->addWidget(list_, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left);
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

QWidget* MixEditor::listButtons() {
    auto* bar = new QWidget;
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    auto* add = new QPushButton(tr("&New"));
    add->setToolTip(tr("A new mix with all traffic on the model chosen under the table"));
    auto* copy = new QPushButton(tr("D&uplicate"));
    auto* removeButton = new QPushButton(tr("&Delete"));
    connect(add, &QPushButton::clicked, this, [this] { (void)addMix(addModel_->currentText()); });
    connect(copy, &QPushButton::clicked, this, [this] { (void)duplicate(currentMix()); });
    connect(removeButton, &QPushButton::clicked, this, [this] { (void)remove(currentMix()); });
    for (QPushButton* b : {add, copy, removeButton})
        row->addWidget(b);
    return bar;
}

void MixEditor::setMixes(const std::vector<ModelMix>& mixes, const QStringList& models,
                         const QStringList& cohorts) {
    const int keep = currentMix();
    cohorts_ = cohorts;
    shares_->setCohortOrder(cohorts);
    mixes_.clear();
    {
        const QSignalBlocker block(list_);
        list_->clear();
        for (const ModelMix& m : mixes) {
            mixes_.push_back(m.toJson());
            list_->addItem(m.name);
        }
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
    if (i >= 0 && i < int(mixes_.size())) {
        shares_->setMix(mixes_[std::size_t(i)]);
        name_->setText(mixes_[std::size_t(i)].value("name").toString());
    }
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
    std::vector<QJsonObject> after = mixes_;
    after[std::size_t(index)] = edited;
    return propose(
        std::move(after), index, QStringLiteral("%1/%2").arg(index).arg(what),
        tr("Edit %1: %2").arg(mixes_[std::size_t(index)].value("name").toString(), what));
}

Status MixEditor::propose(std::vector<QJsonObject> after, int select, const QString& key,
                          const QString& text) {
    try {
        QSet<QString> names;
        for (QJsonObject& json : after) {
            // The reader's checks: names, shares in [0, 1] summing to 1 per cohort.
            const ModelMix mix = mixFromJson(json);
            if (names.contains(mix.name)) {
                const QString message = tr("mix name \"%1\" is used twice").arg(mix.name);
                error_->setText(message);
                showCurrent(); // the name field back to the name kept
                return Status::failure(message);
            }
            names.insert(mix.name);
        }
        if (validator_)
            if (const Status checked = validator_(after); !checked) {
                error_->setText(checked.error());
                showCurrent();
                return checked;
            }
    } catch (const InputError& e) {
        error_->setText(e.message());
        showCurrent();
        return Status::failure(e.message());
    }
    error_->clear();
    if (after == mixes_)
        return Status::success(); // nothing changes: no undo step
    undo_.push(new JsonEditCommand(
        kUndoKind, [this](int i, const QJsonObject& json) { applyMixes(i, json); }, select, {key},
        wrapped(mixes_), wrapped(after), text, currentMix()));
    return Status::success();
}

Status MixEditor::addMix(const QString& model) {
    if (model.isEmpty())
        return Status::failure(tr("no model chosen for the new mix"));
    QJsonObject cohorts;
    for (const QString& cohort : cohorts_)
        cohorts.insert(cohort, QJsonObject{{model, 1.0}});
    const QJsonObject mix{
        {QStringLiteral("name"), NamedJsonList::unusedName(mixes_, QStringLiteral("all_") + model)},
        {QStringLiteral("cohorts"), cohorts}};
    std::vector<QJsonObject> after = mixes_;
    after.push_back(mix);
    return propose(std::move(after), int(mixes_.size()),
                   QStringLiteral("list/%1").arg(++structuralEdits_),
                   tr("New mix %1").arg(mix.value("name").toString()));
}

Status MixEditor::duplicate(int index) {
    if (index < 0 || index >= int(mixes_.size()))
        return Status::failure(tr("no mix selected"));
    const QString name = NamedJsonList::nameAt(mixes_, index);
    return propose(NamedJsonList::withCopy(mixes_, index), index + 1,
                   QStringLiteral("list/%1").arg(++structuralEdits_), tr("Duplicate %1").arg(name));
}

Status MixEditor::remove(int index) {
    if (index < 0 || index >= int(mixes_.size()))
        return Status::failure(tr("no mix selected"));
    if (mixes_.size() == 1) {
        const QString message = tr("A scenario needs at least one mix: add another first.");
        error_->setText(message);
        return Status::failure(message);
    }
    const QString name = NamedJsonList::nameAt(mixes_, index);
    return propose(NamedJsonList::without(mixes_, index), std::min(index, int(mixes_.size()) - 2),
                   QStringLiteral("list/%1").arg(++structuralEdits_), tr("Delete %1").arg(name));
}

Status MixEditor::rename(int index, const QString& name) {
    if (index < 0 || index >= int(mixes_.size()))
        return Status::failure(tr("no mix selected"));
    QJsonObject renamed = mixes_[std::size_t(index)];
    renamed.insert(QStringLiteral("name"), name.trimmed());
    return edit(index, renamed, QStringLiteral("name"));
}

void MixEditor::applyMixes(int select, const QJsonObject& mixes) {
    mixes_.clear();
    std::vector<ModelMix> read;
    {
        const QSignalBlocker block(list_);
        list_->clear();
        for (const QJsonValue& m : mixes.value(kMixes).toArray()) {
            mixes_.push_back(m.toObject());
            read.push_back(mixFromJson(m.toObject()));
            list_->addItem(read.back().name);
        }
        list_->setCurrentRow(std::clamp(select, 0, int(read.size()) - 1));
    }
    showCurrent();
    Q_EMIT mixesChanged(read);
}

} // namespace marginal
