// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/dialogs/FileDialogs.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace marginal {

namespace {
const QString kFolderKey = QStringLiteral("fileDialogFolder");
}

QString FileDialogs::folder() {
    const QString last = QSettings().value(kFolderKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

QString FileDialogs::remembered(const QString& chosen) {
    if (!chosen.isEmpty())
        QSettings().setValue(kFolderKey, QFileInfo(chosen).absolutePath());
    return chosen;
}

QString FileDialogs::open(QWidget* parent, const QString& title, const QString& filter) {
    return remembered(QFileDialog::getOpenFileName(parent, title, folder(), filter));
}

QString FileDialogs::save(QWidget* parent, const QString& title, const QString& suggested,
                          const QString& filter, QFileDialog::Options options) {
    const QString start =
        QFileInfo(suggested).isAbsolute() ? suggested : QDir(folder()).filePath(suggested);
    return remembered(QFileDialog::getSaveFileName(parent, title, start, filter, nullptr, options));
}

} // namespace marginal
