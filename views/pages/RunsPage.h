// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Runs page: every run stored in the open project (by the desktop app or
// `marginal-cli simulate --project`), newest first, with its headline (the best
// package by margin per customer, per mix) and the user's name and notes, edited in
// place. Opening one shows its decision table and charts again, exactly as they were
// computed (seed and all); two selected runs can be compared side by side; a run can
// be deleted.
#include <QWidget>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace marginal {

class Job;
class Project;

class RunsPage : public QWidget {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        NameColumn,
        HeadlineColumn,
        CreatedColumn,
        SourceColumn,
        ScenarioColumn,
        CustomersColumn,
        SeedColumn,
        TrialsColumn,
        NotesColumn
    };
    explicit RunsPage(QWidget* parent = nullptr);
    // Lists the project's runs; nullptr shows "no project open".
    void setProject(const Project* project);
    QTableWidget& runs() const { return *runs_; }
    qint64 runIdAt(int row) const;
    // Asks for the run on `row` to be shown.
    void openRow(int row);
    // The selected runs' ids, oldest first.
    QList<qint64> selectedRuns() const;

Q_SIGNALS:
    void openRequested(qint64 runId);
    void compareRequested(qint64 older, qint64 newer);
    void deleteRequested(qint64 runId);
    void labelChanged(qint64 runId, const QString& name, const QString& notes);
    // The "best package" column is filled (read from each run's results on a worker:
    // a run on a large project's customers keeps megabytes of them).
    void headlinesShown();

private:
    void updateButtons();
    void startHeadlines(const Project& project, const std::vector<qint64>& runIds);
    static QString headlineOf(const Project& project, qint64 runId);

    QLabel* title_;
    QTableWidget* runs_;
    QPushButton* open_;
    QPushButton* compare_;
    QPushButton* delete_;
    bool filling_ = false;
    Job* headlines_;
};

} // namespace marginal
