// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The packages of the open scenario (docs/MODEL.md section 5): a list with New (from a
// template), Duplicate, Rename and Delete, and the selected package in a form grouped
// as a pricing person thinks (PackageForm) or as all its fields. Every change, one
// field or the whole list, is checked before it is taken (by the scenario reader when
// the window gives a validator: a per-token package must price the mixes' models) and
// is one step on the undo stack. A refused change shows the reader's message (field and
// what was expected) under the form, and nothing changes. Taken changes are announced
// with packagesChanged(), which the window turns into a quick what-if run.
#include "models/common/Result.h"
#include "models/domain/PriceCatalog.h"
#include "models/domain/PricingPackage.h"

#include <QJsonObject>
#include <QWidget>
#include <functional>
#include <vector>

class QLabel;
class QListWidget;
class QTabWidget;
class QTableView;
class QUndoStack;

namespace marginal {

class JsonFieldsModel;
class PackageForm;

class PackageEditor : public QWidget {
    Q_OBJECT
public:
    using Validator = std::function<Status(const std::vector<QJsonObject>& packages)>;

    PackageEditor(QUndoStack& undo, QWidget* parent = nullptr);
    void setPackages(const std::vector<PricingPackage>& packages);
    void setCatalog(const PriceCatalog& catalog);
    // Checks a whole candidate list; without one, each package is read on its own and
    // names must differ.
    void setValidator(Validator validator) { validator_ = std::move(validator); }
    // A package renamed is named elsewhere too (lineups, the baseline): with a handler,
    // a list change that renames one package goes to it whole (the list after, the old
    // and the new name), to be made one step with what names it; without, it is taken
    // here like any edit.
    using RenameHandler =
        std::function<Status(const std::vector<QJsonObject>& packages, const QString& from,
                             const QString& to, const QString& key, const QString& text)>;
    void setRenameHandler(RenameHandler handler) { renameHandler_ = std::move(handler); }
    int currentPackage() const;
    void selectPackage(int index);
    int packageCount() const { return int(packages_.size()); }
    const QJsonObject& packageJson(int index) const { return packages_.at(std::size_t(index)); }
    PackageForm& form() const { return *form_; }
    JsonFieldsModel& fields() const { return *fields_; }
    QTableView& fieldsView() const { return *view_; }
    QListWidget& list() const { return *list_; }
    QString errorText() const;

    // Edits one field of package `index` (the all-fields table); empty error when taken.
    Status edit(int index, const QStringList& field, const QJsonValue& value);
    // Replaces package `index` by `after`; `key` names the field for undo merging.
    Status replace(int index, const PricingPackage& after, const QString& key);
    // The list operations; each selects the package it made or left in view.
    Status addFromTemplate(const QString& templateId);
    Status duplicate(int index);
    Status remove(int index);
    Status rename(int index, const QString& name);
    // Sets the whole list (undo and redo call this); announces the change.
    void applyPackages(int select, const QJsonObject& packages);

Q_SIGNALS:
    void packagesChanged(const std::vector<marginal::PricingPackage>& packages);

private:
    Status propose(std::vector<QJsonObject> after, int select, const QString& key,
                   const QString& text);
    Status check(const std::vector<QJsonObject>& packages) const;
    void showCurrent();
    QWidget* buttons();
    static constexpr int kUndoKind = 1; // JsonEditCommand::id()

    QUndoStack& undo_;
    Validator validator_;
    RenameHandler renameHandler_;
    PriceCatalog catalog_;
    std::vector<QJsonObject> packages_;
    int structuralEdits_ = 0; // list operations never merge: each gets its own key
    QListWidget* list_;
    QTabWidget* tabs_;
    PackageForm* form_;
    QTableView* view_;
    JsonFieldsModel* fields_;
    QLabel* error_;
};

} // namespace marginal
