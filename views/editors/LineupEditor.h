// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Lineups page: the packages a business ships together and how customers land on
// them (each on the cheapest, reviewed every few months; or a package per cohort),
// and what decides who moves and who leaves: today's plan (the baseline every bill is
// compared with), the bill elasticity of churn, the shock factor and each cohort's
// monthly churn (docs/MODEL.md sections 9-10). Every change is one undo step, checked
// by reading the whole scenario back (LineupEdits makes the edits).
#include "models/common/Result.h"

#include <QJsonObject>
#include <QWidget>
#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace marginal {

class LineupEditor : public QWidget {
    Q_OBJECT
public:
    using Source = std::function<QJsonObject()>;
    using Propose =
        std::function<Status(const QJsonObject& after, const QString& key, const QString& text)>;
    LineupEditor(Source source, Propose proposer, QWidget* parent = nullptr);
    // Shows the scenario as the source has it now.
    void refresh();

    int currentLineup() const;
    void selectLineup(int index);
    // The list operations; each selects the lineup it made or left in view.
    Status addLineup();
    Status duplicate(int index);
    Status remove(int index);
    Status rename(int index, const QString& name);

    QListWidget& list() const { return *list_; }
    QListWidget& packages() const { return *packages_; }
    QComboBox& rule() const { return *rule_; }
    QSpinBox& reviewEvery() const { return *reviewEvery_; }
    QSpinBox& lookback() const { return *lookback_; }
    QDoubleSpinBox& switchThreshold() const { return *threshold_; }
    QTableWidget& cohortPackages() const { return *byCohort_; }
    QComboBox& baseline() const { return *baseline_; }
    QDoubleSpinBox& elasticity() const { return *elasticity_; }
    QDoubleSpinBox& shockFactor() const { return *shock_; }
    QTableWidget& churn() const { return *churn_; }
    QString errorText() const;

private:
    Status propose(const QJsonObject& after, const QString& key, const QString& text);
    void showLineup();
    void proposeCheapest(const QString& field);

    Source source_;
    Propose propose_;
    int structuralEdits_ = 0;
    bool refreshing_ = false;
    QListWidget *list_, *packages_;
    QPushButton *new_, *duplicate_, *rename_, *delete_;
    QComboBox *rule_, *baseline_;
    QGroupBox *cheapestBox_, *byCohortBox_, *lineupBox_;
    QSpinBox *reviewEvery_, *lookback_;
    QDoubleSpinBox *threshold_, *elasticity_, *shock_;
    QTableWidget *byCohort_, *churn_;
    QLabel* error_;
};

} // namespace marginal
