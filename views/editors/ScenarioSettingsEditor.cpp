// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/ScenarioSettingsEditor.h"
#include "models/common/InputError.h"
#include "models/domain/Scenario.h"
#include "models/json/JsonNode.h"
#include "views/editors/EditorParts.h"
#include "views/editors/JsonEditCommand.h"
#include "views/editors/JsonFieldsModel.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace marginal {

namespace {

// The part this editor shows: everything but what other editors own.
QJsonObject settingsOf(QJsonObject scenario) {
    for (const char* key : {"catalog", "packages", "mixes"})
        scenario.remove(QLatin1String(key));
    return scenario;
}

} // namespace

ScenarioSettingsEditor::ScenarioSettingsEditor(QUndoStack& undo, QWidget* parent)
    : QWidget(parent), undo_(undo), fields_(new JsonFieldsModel(this)), view_(new QTableView),
      error_(EditorParts::refusalLabel()) {
    EditorParts::setUpFieldTable(*view_, fields_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* intro = new QLabel(tr("Scenario settings: horizon, cohorts (growth, usage), "
                                "repricing. Double-click to edit; Ctrl+Z undoes. (Daily "
                                "weights are edited in the scenario file.)"));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(view_, 1);
    layout->addWidget(error_);
    // 30 daily weights per cohort would bury the rest: they are edited in the file.
    fields_->setHiddenFields(
        [](const QStringList& path) { return path.contains(QLatin1String("daily_weights")); });
    fields_->setEditHandler([this](const QStringList& field, const QJsonValue& value) {
        const QJsonObject after = JsonFieldsModel::withValue(scenario_, field, value);
        try {
            Scenario::fromJson(
                JsonNode::parseBytes(QJsonDocument(after).toJson(QJsonDocument::Compact),
                                     scenario_.value("name").toString()),
                QString());
        } catch (const InputError& e) {
            error_->setText(e.message());
            return Status::failure(e.message());
        }
        error_->clear();
        undo_.push(new JsonEditCommand(
            kUndoKind, [this](int i, const QJsonObject& json) { applyScenario(i, json); }, 0, field,
            scenario_, after, tr("Edit scenario: %1").arg(JsonFieldsModel::label(field))));
        return Status::success();
    });
}

void ScenarioSettingsEditor::setScenario(const Scenario& scenario) {
    scenario_ = scenario.toJson();
    fields_->setDocument(settingsOf(scenario_));
}

QString ScenarioSettingsEditor::errorText() const {
    return error_->text();
}

void ScenarioSettingsEditor::applyScenario(int, const QJsonObject& json) {
    scenario_ = json;
    fields_->setDocument(settingsOf(json));
    Q_EMIT scenarioChanged(json);
}

} // namespace marginal
