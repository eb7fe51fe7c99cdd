// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/SearchRun.h"
#include "views/dialogs/FileDialogs.h"
#include "views/jobs/Job.h"

#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>

namespace marginal {

SearchRun::SearchRun(QWidget* owner, const QString& runText, const QString& cancelledText,
                     const QString& intro)
    : QObject(owner), job_(new Job(this)), run_(new QPushButton(runText, owner)),
      cancel_(new QPushButton(tr("Cancel"), owner)), progress_(new QProgressBar(owner)),
      status_(new QLabel(intro, owner)), cancelledText_(cancelledText) {
    cancel_->setEnabled(false);
    progress_->setRange(0, 100);
    progress_->setValue(0);
    status_->setWordWrap(true);
    connect(run_, &QPushButton::clicked, this, &SearchRun::runRequested);
    connect(cancel_, &QPushButton::clicked, job_, &Job::cancel);
    connect(job_, &Job::progressed, this, [this](qint64 done, qint64 total) {
        progress_->setValue(total > 0 ? int(100 * done / total) : 0);
    });
    connect(job_, &Job::cancelled, this, [this] { ended(cancelledText_); });
    connect(job_, &Job::failed, this, [this](const QString& why) { ended(why); });
}

void SearchRun::started(bool busy) {
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setRange(0, busy ? 0 : 100);
    progress_->setValue(0);
    status_->setText(tr("Running\u2026"));
}

void SearchRun::succeeded(const QString& text) {
    progress_->setRange(0, 100);
    progress_->setValue(100);
    ended(text);
}

void SearchRun::ended(const QString& text) {
    run_->setEnabled(true);
    cancel_->setEnabled(false);
    if (progress_->maximum() == 0) // a busy bar stops
        progress_->setRange(0, 100);
    status_->setText(text);
    Q_EMIT finished();
}

void SearchRun::exportFile(QWidget* parent, const QString& title, const QString& suggested,
                           const std::function<Status(const QString&)>& write) {
    const QString file = FileDialogs::save(parent, title, suggested, tr("CSV (*.csv)"));
    if (file.isEmpty())
        return;
    if (const Status s = write(file); !s)
        QMessageBox::warning(parent, title, s.error());
}

} // namespace marginal
