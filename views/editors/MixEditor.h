// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The model mixes of the open scenario: per cohort, the share of traffic each model
// serves, kept at 100% per cohort, with undo and redo. Models can be added from the
// scenario's price catalog (at 0%). Each taken edit is announced with mixChanged(),
// which the window turns into a quick what-if run.
#include "models/common/Result.h"
#include "models/domain/ModelMix.h"

#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;
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
    void applyMix(int index, const QJsonObject& json);

Q_SIGNALS:
    void mixChanged(int index, const marginal::ModelMix& mix);

private:
    void showCurrent();
    static constexpr int kUndoKind = 2; // JsonEditCommand::id()

    QUndoStack& undo_;
    std::vector<QJsonObject> mixes_;
    QListWidget* list_;
    QTableView* view_;
    MixSharesModel* shares_;
    QComboBox* addModel_;
    QLabel* error_;
};

} // namespace marginal
