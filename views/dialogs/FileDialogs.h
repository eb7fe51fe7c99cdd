// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File dialogs that open where the user last chose a file (kept in the settings),
// else in Documents: never in the process's working folder, which for a desktop app
// is wherever it happened to be started from.
#include <QFileDialog>
#include <QString>

class QWidget;

namespace marginal {

class FileDialogs {
public:
    static QString open(QWidget* parent, const QString& title, const QString& filter);
    // `suggested`: a file name, put in the folder, or a path kept as it is.
    static QString save(QWidget* parent, const QString& title, const QString& suggested,
                        const QString& filter, QFileDialog::Options options = {});
    // The folder the next dialog opens in.
    static QString folder();

private:
    static QString remembered(const QString& chosen);
};

} // namespace marginal
