// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The packages of the open scenario, every field editable (docs/MODEL.md section 5) with
// undo and redo. An edit is checked by the package reader before it is taken: a bad
// value is refused with the reader's message (field and what was expected) shown
// under the table, and nothing changes. Taken edits are announced with
// packageChanged(), which the window turns into a quick what-if run.
#include "models/common/Result.h"
#include "models/domain/PricingPackage.h"

#include <QJsonObject>
#include <QWidget>
#include <vector>

class QLabel;
class QListWidget;
class QTableView;
class QUndoStack;

namespace marginal {

class JsonFieldsModel;

class PackageEditor : public QWidget {
    Q_OBJECT
public:
    PackageEditor(QUndoStack& undo, QWidget* parent = nullptr);
    void setPackages(const std::vector<PricingPackage>& packages);
    int currentPackage() const;
    void selectPackage(int index);
    JsonFieldsModel& fields() const { return *fields_; }
    QTableView& fieldsView() const { return *view_; }
    QString errorText() const;

    // Validates `json` as package `index` and pushes the change on the undo stack;
    // returns the reader's error message, empty when the edit was taken.
    Status edit(int index, const QStringList& field, const QJsonValue& value);
    // Sets package `index` (undo and redo call this); announces the change.
    void applyPackage(int index, const QJsonObject& json);

Q_SIGNALS:
    void packageChanged(int index, const marginal::PricingPackage& package);

private:
    void showCurrent();
    static constexpr int kUndoKind = 1; // JsonEditCommand::id()

    QUndoStack& undo_;
    std::vector<QJsonObject> packages_;
    QListWidget* list_;
    QTableView* view_;
    JsonFieldsModel* fields_;
    QLabel* error_;
};

} // namespace marginal
