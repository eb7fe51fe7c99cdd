// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/PackageEditor.h"
#include "models/common/InputError.h"
#include "models/domain/PackageSummary.h"
#include "models/domain/PackageTemplates.h"
#include "models/json/JsonNode.h"
#include "views/editors/EditorParts.h"
#include "views/editors/JsonEditCommand.h"
#include "views/editors/JsonFieldsModel.h"
#include "views/editors/NamedJsonList.h"
#include "views/editors/PackageForm.h"

#include <QAction>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginal {

namespace {

const QString kPackages = QStringLiteral("packages");

PricingPackage readPackage(const QJsonObject& json) {
    return PricingPackage::fromJson(JsonNode::parseBytes(
        QJsonDocument(json).toJson(QJsonDocument::Compact), json.value("name").toString()));
}

QJsonObject wrapped(const std::vector<QJsonObject>& packages) {
    QJsonArray array;
    for (const QJsonObject& p : packages)
        array.append(p);
    return {{kPackages, array}};
}

} // namespace

PackageEditor::PackageEditor(QUndoStack& undo, QWidget* parent)
    : QWidget(parent), undo_(undo), list_(new QListWidget), tabs_(new QTabWidget),
      form_(new PackageForm), view_(new QTableView), fields_(new JsonFieldsModel(this)),
      error_(EditorParts::refusalLabel()) {
    EditorParts::setUpFieldTable(*view_, fields_);
    list_->setMaximumWidth(240);
    list_->setObjectName(QStringLiteral("packageList"));
    auto* left = new QVBoxLayout;
    left->addWidget(buttons());
    left->addWidget(list_, 1);

    auto* allFields = new QWidget;
    auto* allLayout = new QVBoxLayout(allFields);
    allLayout->addWidget(new QLabel(tr("Every field as stored in the scenario file. Double-click "
                                       "a value (or press F2) to edit it.")));
    allLayout->addWidget(view_, 1);
    tabs_->addTab(form_, tr("&Form"));
    tabs_->addTab(allFields, tr("All &fields"));

    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Each change re-runs a quick what-if simulation; Ctrl+Z "
                                   "undoes it, Ctrl+R runs the full simulation.")));
    right->addWidget(tabs_, 1);
    right->addWidget(error_);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addLayout(right, 1);

    fields_->setEditHandler([this](const QStringList& field, const QJsonValue& value) {
        return edit(currentPackage(), field, value);
    });
    connect(form_, &PackageForm::edited, this,
            [this](const QString& key, const PricingPackage& after) {
                (void)replace(currentPackage(), after, key);
            });
    connect(form_, &PackageForm::refused, error_, &QLabel::setText);
    connect(list_, &QListWidget::currentRowChanged, this, [this] {
        error_->clear(); // a refusal belongs to the package it was about
        showCurrent();
    });
}

QWidget* PackageEditor::buttons() {
    auto* bar = new QWidget;
    auto* grid = new QGridLayout(bar); // two by two: the list stays narrow
    grid->setContentsMargins(0, 0, 0, 0);
    auto* add = new QToolButton;
    add->setText(tr("&New"));
    add->setToolTip(tr("A new package from a template"));
    add->setPopupMode(QToolButton::InstantPopup);
    auto* templates = new QMenu(add);
    for (const PackageTemplates::Template& t : PackageTemplates::all())
        templates->addAction(t.title, this, [this, id = t.id] { (void)addFromTemplate(id); });
    add->setMenu(templates);
    auto* copy = new QPushButton(tr("D&uplicate"));
    auto* renameButton = new QPushButton(tr("Rena&me"));
    auto* removeButton = new QPushButton(tr("&Delete"));
    renameButton->setToolTip(tr("Edit the name in the form (F2 in the list)"));
    connect(copy, &QPushButton::clicked, this, [this] { (void)duplicate(currentPackage()); });
    const auto startRename = [this] {
        tabs_->setCurrentWidget(form_);
        form_->focusName();
    };
    connect(renameButton, &QPushButton::clicked, this, startRename);
    connect(removeButton, &QPushButton::clicked, this, [this] { (void)remove(currentPackage()); });
    // Keyboard: Delete and F2 on the list, as in a file manager.
    auto* deleteKey = new QAction(list_);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteKey, &QAction::triggered, this, [this] { (void)remove(currentPackage()); });
    auto* renameKey = new QAction(list_);
    renameKey->setShortcut(Qt::Key_F2);
    renameKey->setShortcutContext(Qt::WidgetShortcut);
    connect(renameKey, &QAction::triggered, this, startRename);
    list_->addActions({deleteKey, renameKey});
    add->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    grid->addWidget(add, 0, 0);
    grid->addWidget(copy, 0, 1);
    grid->addWidget(renameButton, 1, 0);
    grid->addWidget(removeButton, 1, 1);
    bar->setMaximumWidth(240);
    return bar;
}

void PackageEditor::setPackages(const std::vector<PricingPackage>& packages) {
    const int keep = currentPackage();
    packages_.clear();
    {
        const QSignalBlocker block(list_);
        list_->clear();
        for (const PricingPackage& p : packages) {
            packages_.push_back(p.toJson());
            list_->addItem(p.name);
            list_->item(list_->count() - 1)->setToolTip(PackageSummary::sentence(p));
        }
    }
    error_->clear();
    selectPackage(keep >= 0 && keep < int(packages.size()) ? keep : 0);
    showCurrent();
}

void PackageEditor::setCatalog(const PriceCatalog& catalog) {
    catalog_ = catalog;
    form_->setCatalog(catalog);
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
    const bool valid = i >= 0 && i < int(packages_.size());
    fields_->setDocument(valid ? packages_[std::size_t(i)] : QJsonObject());
    form_->setEnabled(valid);
    if (valid)
        form_->setPackage(readPackage(packages_[std::size_t(i)]));
}

Status PackageEditor::check(const std::vector<QJsonObject>& packages) const {
    if (validator_)
        return validator_(packages);
    QSet<QString> names;
    for (const QJsonObject& json : packages) {
        const QString name = readPackage(json).name;
        if (names.contains(name))
            return Status::failure(tr("package name \"%1\" is used twice").arg(name));
        names.insert(name);
    }
    return Status::success();
}

Status PackageEditor::propose(std::vector<QJsonObject> after, int select, const QString& key,
                              const QString& text) {
    try {
        for (QJsonObject& json : after) // stored as the reader writes it back
            json = readPackage(json).toJson();
        if (renameHandler_ && after.size() == packages_.size())
            for (std::size_t i = 0; i < after.size(); ++i) {
                const QString from = packages_[i].value(QStringLiteral("name")).toString();
                const QString to = after[i].value(QStringLiteral("name")).toString();
                if (from != to) {
                    const Status taken = renameHandler_(after, from, to, key, text);
                    if (!taken) {
                        error_->setText(taken.error());
                    } else {
                        error_->clear();
                        selectPackage(int(i));
                    }
                    return taken;
                }
            }
        if (const Status checked = check(after); !checked) {
            error_->setText(checked.error());
            return checked;
        }
    } catch (const InputError& e) {
        error_->setText(e.message());
        return Status::failure(e.message());
    }
    error_->clear();
    if (after == packages_)
        return Status::success(); // nothing changes: no undo step
    undo_.push(new JsonEditCommand(
        kUndoKind, [this](int i, const QJsonObject& json) { applyPackages(i, json); }, select,
        {key}, wrapped(packages_), wrapped(after), text, currentPackage()));
    return Status::success();
}

Status PackageEditor::edit(int index, const QStringList& field, const QJsonValue& value) {
    if (index < 0 || index >= int(packages_.size()))
        return Status::failure(tr("no package selected"));
    std::vector<QJsonObject> after = packages_;
    after[std::size_t(index)] = JsonFieldsModel::withValue(after[std::size_t(index)], field, value);
    const QString name = packages_[std::size_t(index)].value("name").toString();
    return propose(std::move(after), index, QStringLiteral("%1/%2").arg(index).arg(field.join('.')),
                   tr("Edit %1: %2").arg(name, JsonFieldsModel::label(field)));
}

Status PackageEditor::replace(int index, const PricingPackage& after, const QString& key) {
    if (index < 0 || index >= int(packages_.size()))
        return Status::failure(tr("no package selected"));
    std::vector<QJsonObject> list = packages_;
    list[std::size_t(index)] = after.toJson();
    const QString name = packages_[std::size_t(index)].value("name").toString();
    return propose(std::move(list), index, QStringLiteral("%1/%2").arg(index).arg(key),
                   tr("Edit %1: %2").arg(name, key));
}

Status PackageEditor::addFromTemplate(const QString& templateId) {
    const QJsonObject made = PackageTemplates::make(
        templateId, NamedJsonList::unusedName(packages_, templateId), catalog_);
    if (made.isEmpty())
        return Status::failure(tr("no package template \"%1\"").arg(templateId));
    std::vector<QJsonObject> after = packages_;
    after.push_back(made);
    const Status added = propose(std::move(after), int(packages_.size()),
                                 QStringLiteral("list/%1").arg(++structuralEdits_),
                                 tr("New package %1").arg(made.value("name").toString()));
    if (added)
        tabs_->setCurrentWidget(form_);
    return added;
}

Status PackageEditor::duplicate(int index) {
    if (index < 0 || index >= int(packages_.size()))
        return Status::failure(tr("no package selected"));
    const QString name = NamedJsonList::nameAt(packages_, index);
    return propose(NamedJsonList::withCopy(packages_, index), index + 1,
                   QStringLiteral("list/%1").arg(++structuralEdits_), tr("Duplicate %1").arg(name));
}

Status PackageEditor::remove(int index) {
    if (index < 0 || index >= int(packages_.size()))
        return Status::failure(tr("no package selected"));
    if (packages_.size() == 1) {
        const QString message = tr("A scenario needs at least one package: add another first.");
        error_->setText(message);
        return Status::failure(message);
    }
    const QString name = NamedJsonList::nameAt(packages_, index);
    return propose(NamedJsonList::without(packages_, index),
                   std::min(index, int(packages_.size()) - 2),
                   QStringLiteral("list/%1").arg(++structuralEdits_), tr("Delete %1").arg(name));
}

Status PackageEditor::rename(int index, const QString& name) {
    if (index < 0 || index >= int(packages_.size()))
        return Status::failure(tr("no package selected"));
    PricingPackage renamed = readPackage(packages_[std::size_t(index)]);
    renamed.name = name.trimmed();
    return replace(index, renamed, QStringLiteral("name"));
}

void PackageEditor::applyPackages(int select, const QJsonObject& packages) {
    std::vector<PricingPackage> read;
    for (const QJsonValue& p : packages.value(kPackages).toArray())
        read.push_back(readPackage(p.toObject()));
    {
        const QSignalBlocker block(list_); // selected below, once the list is whole
        setPackages(read);
    }
    selectPackage(std::clamp(select, 0, int(read.size()) - 1));
    showCurrent();
    Q_EMIT packagesChanged(read);
}

} // namespace marginal
