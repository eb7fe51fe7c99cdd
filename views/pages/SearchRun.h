// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every panel of the Price search page runs with: its background job, Run and
// Cancel, a progress bar and a status line. A cancel or a failure says so in the status
// line and leaves the panel's last result shown; finished() follows every end.
#include "models/common/Result.h"

#include <QObject>
#include <QString>
#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QWidget;

namespace marginal {

class Job;

class SearchRun : public QObject {
    Q_OBJECT
public:
    // The widgets are children of `owner`, for it to lay out; `cancelledText` is what
    // the status line says after a cancel, `intro` what it says before the first run.
    SearchRun(QWidget* owner, const QString& runText, const QString& cancelledText,
              const QString& intro);

    Job& job() const { return *job_; }
    QPushButton& runButton() const { return *run_; }
    QPushButton& cancelButton() const { return *cancel_; }
    QProgressBar& progress() const { return *progress_; }
    QLabel& status() const { return *status_; }

    void setCancelledText(const QString& text) { cancelledText_ = text; }
    // The job has started; `busy`: the work's length is not known (no percentage).
    void started(bool busy = false);
    // The job's result is shown: the status line says `text`.
    void succeeded(const QString& text);

    // Asks for a file name (suggesting `suggested`) and writes it with `write`; a
    // failure is shown in a dialog titled `title`.
    static void exportFile(QWidget* parent, const QString& title, const QString& suggested,
                           const std::function<Status(const QString&)>& write);

Q_SIGNALS:
    void runRequested(); // Run clicked
    void finished();     // after a result, a cancel or a failure

private:
    void ended(const QString& text);

    Job* job_;
    QPushButton *run_, *cancel_;
    QProgressBar* progress_;
    QLabel* status_;
    QString cancelledText_;
};

} // namespace marginal
