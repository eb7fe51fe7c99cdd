// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Runs page: every run stored in the open project (by the desktop app or
// `marginal-cli simulate --project`), newest first; opening one shows its decision
// table and charts again, exactly as they were computed (seed and all).
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace marginal {

class Project;

class RunsPage : public QWidget {
    Q_OBJECT
public:
    explicit RunsPage(QWidget* parent = nullptr);
    // Lists the project's runs; nullptr shows "no project open".
    void setProject(const Project* project);
    QTableWidget& runs() const { return *runs_; }
    // Asks for the run on `row` to be shown.
    void openRow(int row);

Q_SIGNALS:
    void openRequested(qint64 runId);

private:
    QLabel* title_;
    QTableWidget* runs_;
    QPushButton* open_;
};

} // namespace marginal
