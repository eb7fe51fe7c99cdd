// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The model mixes of the open scenario: per cohort, the share of traffic each model
// serves, kept at 100% per cohort, with undo and redo. Models can be added from the
// scenario's price catalog (at 0%). Mixes are made (New: all traffic on one model),
// duplicated, renamed and deleted as undo steps too; every change is checked by the
// window's validator (the whole scenario read back: a per-token package must price the
// mix's models) and announced with mixesChanged(), which the window turns into a
// quick what-if run.
#include "models/common/Result.h"
#include "models/domain/ModelMix.h"

#include <QJsonObject>
#include <QWidget>
#include <functional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QTableView;
class QUndoStack;

namespace marginal {

class MixSharesModel;

class MixEditor : public QWidget {
    Q_OBJECT
public:
    MixEditor(QUndoStack& undo, QWidget* parent = nullptr);
    // `models`: the catalog's models, offered by "Add model".
    // `cohorts`: the scenario's cohorts, the order of the columns.
    void setMixes(const std::vector<ModelMix>& mixes, const QStringList& models,
                  const QStringList& cohorts);
    int currentMix() const;
    void selectMix(int index);
    MixSharesModel& shares() const { return *shares_; }
    QString errorText() const;
    // Adds `model` at 0% to every cohort of the current mix (undoable).
    Status addModel(const QString& model);
    // Validates and pushes an edited mix (undoable); returns an error, empty if taken.
    Status edit(int index, const QJsonObject& edited, const QString& what);
    // The list operations (undoable); each selects the mix it made or left in view.
    // New: every cohort's traffic on `model`.
    Status addMix(const QString& model);
    Status duplicate(int index);
    Status remove(int index);
    Status rename(int index, const QString& name);
    int mixCount() const { return int(mixes_.size()); }
    // Checks a whole candidate list (the window reads the scenario back with it).
    using Validator = std::function<Status(const std::vector<QJsonObject>& mixes)>;
    void setValidator(Validator validator) { validator_ = std::move(validator); }
    // Sets the whole list (undo and redo call this); announces the change.
    void applyMixes(int select, const QJsonObject& mixes);

Q_SIGNALS:
    void mixesChanged(const std::vector<marginal::ModelMix>& mixes);

private:
    Status propose(std::vector<QJsonObject> after, int select, const QString& key,
                   const QString& text);
    void showCurrent();
    QWidget* listButtons();
    static constexpr int kUndoKind = 2; // JsonEditCommand::id()

    QUndoStack& undo_;
    Validator validator_;
    std::vector<QJsonObject> mixes_;
    QStringList cohorts_;
    int structuralEdits_ = 0;
    QLineEdit* name_;
    QListWidget* list_;
    QTableView* view_;
    MixSharesModel* shares_;
    QComboBox* addModel_;
    QLabel* error_;
};

} // namespace marginal
