// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scenario's own settings, every field editable with undo and redo: name, start
// month, horizon, default trials and seed, each cohort's usage model (customers,
// p_active, mu, sigma, rho, growth, token shares, daily profile, bursts) and the
// repricing events. Packages, mixes and the catalog have editors of their own. An
// edit is checked by reading the whole scenario back before it is taken.
#include "models/common/Result.h"

#include <QJsonObject>
#include <QWidget>
#include <functional>

class QLabel;
class QMenu;
class QTableView;
class QUndoStack;

namespace marginal {

class JsonFieldsModel;
class Scenario;

class ScenarioSettingsEditor : public QWidget {
    Q_OBJECT
public:
    ScenarioSettingsEditor(QUndoStack& undo, QWidget* parent = nullptr);
    // Shows `scenario`; `baseDir` resolves nothing (the JSON is inline) but names errors.
    void setScenario(const Scenario& scenario);
    // Where the whole scenario is read from when an edit is made (the window's, which
    // other editors change too); without one, the last setScenario().
    void setSource(std::function<QJsonObject()> source) { source_ = std::move(source); }
    JsonFieldsModel& fields() const { return *fields_; }
    QString errorText() const;
    // Announces a scenario (full, inline JSON) after an edit, an undo or a redo.
    void applyScenario(int, const QJsonObject& json);
    // Checks `after` by reading it back and, when it reads, takes it as one undo step.
    Status propose(const QJsonObject& after, const QString& key, const QString& text);
    // Cohorts and repricing events added and removed (undoable); the mixes follow.
    Status addCohort(int copyOf);
    Status removeCohort(int index);
    Status addRepricingEvent();
    Status removeRepricingEvent(int index);

Q_SIGNALS:
    void scenarioChanged(const QJsonObject& json);

private:
    void fillMenus();
    static constexpr int kUndoKind = 4; // JsonEditCommand::id()
    int structuralEdits_ = 0;
    QMenu* cohortMenu_;
    QMenu* repricingMenu_;

    QUndoStack& undo_;
    QJsonObject current() const;
    std::function<QJsonObject()> source_;
    QJsonObject scenario_; // inline JSON of the whole scenario, as last shown
    JsonFieldsModel* fields_;
    QTableView* view_;
    QLabel* error_;
};

} // namespace marginal
