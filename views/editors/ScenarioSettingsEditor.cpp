// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/ScenarioSettingsEditor.h"
#include "models/common/InputError.h"
#include "models/domain/Scenario.h"
#include "models/json/JsonNode.h"
#include "views/editors/EditorParts.h"
#include "views/editors/JsonEditCommand.h"
#include "views/editors/JsonFieldsModel.h"
#include "views/editors/ScenarioEdits.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
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
        // A cohort's name is also the key of its shares in every mix: renamed together.
        const bool cohortName = field.size() == 3 && field[0] == QLatin1String("cohorts") &&
                                field[2] == QLatin1String("name");
        const QJsonObject after =
            cohortName ? ScenarioEdits::renameCohort(current(), field[1].toInt(), value.toString())
                       : JsonFieldsModel::withValue(current(), field, value);
        return propose(after, field.join(QLatin1Char('.')),
                       tr("Edit scenario: %1").arg(JsonFieldsModel::label(field)));
    });
    auto* buttons = new QHBoxLayout;
    for (auto [title, menu] : {std::pair{tr("C&ohorts"), &cohortMenu_},
                               std::pair{tr("&Repricing Events"), &repricingMenu_}}) {
        auto* button = new QToolButton;
        button->setText(title);
        button->setPopupMode(QToolButton::InstantPopup);
        *menu = new QMenu(button);
        // Filled as it opens: an action is never deleted while it is being triggered.
        connect(*menu, &QMenu::aboutToShow, this, &ScenarioSettingsEditor::fillMenus);
        button->setMenu(*menu);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    layout->insertLayout(2, buttons);
}

Status ScenarioSettingsEditor::propose(const QJsonObject& after, const QString& key,
                                       const QString& text) {
    try {
        Scenario::fromJson(JsonNode::parseBytes(QJsonDocument(after).toJson(QJsonDocument::Compact),
                                                current().value("name").toString()),
                           QString());
    } catch (const InputError& e) {
        error_->setText(e.message());
        return Status::failure(e.message());
    }
    error_->clear();
    if (after == current())
        return Status::success(); // nothing changes: no undo step
    undo_.push(new JsonEditCommand(
        kUndoKind, [this](int i, const QJsonObject& json) { applyScenario(i, json); }, 0, {key},
        current(), after, text));
    return Status::success();
}

Status ScenarioSettingsEditor::addCohort(int copyOf) {
    const QString name = ScenarioEdits::unusedCohortName(current(), QStringLiteral("cohort"));
    return propose(ScenarioEdits::addCohort(current(), copyOf, name, 100),
                   QStringLiteral("list/%1").arg(++structuralEdits_),
                   tr("Add cohort %1").arg(name));
}

Status ScenarioSettingsEditor::removeCohort(int index) {
    return propose(ScenarioEdits::removeCohort(current(), index),
                   QStringLiteral("list/%1").arg(++structuralEdits_), tr("Remove a cohort"));
}

Status ScenarioSettingsEditor::addRepricingEvent() {
    const QJsonArray models = current().value("catalog").toObject().value("models").toArray();
    const QString model =
        models.isEmpty() ? QString() : models.first().toObject().value("id").toString();
    const int month = std::max(1, current().value("horizon_months").toInt() / 2);
    return propose(ScenarioEdits::addRepricing(current(), month, model),
                   QStringLiteral("list/%1").arg(++structuralEdits_), tr("Add a repricing event"));
}

Status ScenarioSettingsEditor::removeRepricingEvent(int index) {
    return propose(ScenarioEdits::removeRepricing(current(), index),
                   QStringLiteral("list/%1").arg(++structuralEdits_),
                   tr("Remove a repricing event"));
}

void ScenarioSettingsEditor::fillMenus() {
    cohortMenu_->clear();
    const QJsonArray cohorts = current().value("cohorts").toArray();
    for (int i = 0; i < cohorts.size(); ++i)
        cohortMenu_->addAction(
            tr("Add a copy of %1").arg(cohorts[i].toObject().value("name").toString()), this,
            [this, i] { (void)addCohort(i); });
    cohortMenu_->addSeparator();
    for (int i = 0; cohorts.size() > 1 && i < cohorts.size(); ++i) // a scenario keeps one
        cohortMenu_->addAction(tr("Remove %1").arg(cohorts[i].toObject().value("name").toString()),
                               this, [this, i] { (void)removeCohort(i); });
    repricingMenu_->clear();
    repricingMenu_->addAction(tr("Add an event"), this, [this] { (void)addRepricingEvent(); });
    const QJsonArray events = current().value("repricing").toArray();
    if (!events.isEmpty())
        repricingMenu_->addSeparator();
    for (int i = 0; i < events.size(); ++i) {
        const QJsonObject e = events[i].toObject();
        repricingMenu_->addAction(tr("Remove month %1: %2")
                                      .arg(e.value("month").toInt())
                                      .arg(e.value("model").toString()),
                                  this, [this, i] { (void)removeRepricingEvent(i); });
    }
}

QJsonObject ScenarioSettingsEditor::current() const {
    return source_ ? source_() : scenario_;
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
