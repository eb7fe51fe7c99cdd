// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Data page: the open project's imports (source, format, customer field, when,
// rows read / added / duplicate / rejected), its usage and rejected-row counts, and
// the buttons that start a new project, open one or import usage into it.
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace marginal {

class Project;

class DataPage : public QWidget {
    Q_OBJECT
public:
    explicit DataPage(QWidget* parent = nullptr);
    // Shows the project's imports and scenarios; nullptr shows "no project open".
    void setProject(const Project* project);
    QTableWidget& imports() const { return *imports_; }
    QListWidget& scenarios() const { return *scenarios_; }

Q_SIGNALS:
    void newProjectRequested();
    void openProjectRequested();
    void importRequested();
    void scenarioRequested(const QString& name);

private:
    QLabel* title_;
    QTableWidget* imports_;
    QListWidget* scenarios_;
    QPushButton* import_;
};

} // namespace marginal
