// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Summary page, where the app opens: what is open, the next thing to do (with a
// button for it), and the shown run's headline (the best package by margin per
// customer on each model mix; the packages and cohorts likely to lose money).
#include <QWidget>

class QLabel;
class QPushButton;

namespace marginal {

class Project;
class Scenario;
struct RunRecord;

class SummaryPage : public QWidget {
    Q_OBJECT
public:
    explicit SummaryPage(QWidget* parent = nullptr);
    // Any of them may be null. `whatIf`: the shown run is a what-if preview.
    void update(const Scenario* scenario, const Project* project, const RunRecord* shown,
                bool whatIf);
    // The texts shown, for tests and screen readers.
    QString openText() const;
    QString nextStepText() const;
    QString headlineText() const;
    // The button that does the next step (its text says what it does).
    QPushButton& nextStepButton() const { return *next_; }

Q_SIGNALS:
    void sampleRequested();
    void newProjectRequested();
    void importRequested();
    void runRequested();
    void decisionTableRequested();

private:
    enum class Step { OpenSample, Run, Import, ReadResults };
    QLabel* open_;
    QLabel* nextStep_;
    QLabel* headline_;
    QPushButton* next_;
    QPushButton* sample_;
    QPushButton* newProject_;
    Step step_ = Step::OpenSample;
};

} // namespace marginal
