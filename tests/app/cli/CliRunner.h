// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs marginal-cli as users do and captures what it says.
#include <QElapsedTimer>
#include <QProcess>
#include <QStringList>
#include <QThread>

struct CliRun {
    int exitCode = -1;
    QString out, err;
};

inline CliRun cli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(MARGINAL_CLI), args);
    // A run still going after 5 minutes is a failure, not an exit code 0 read from a
    // process that has not finished.
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        return CliRun{-1, QString(), QStringLiteral("marginal-cli did not finish in 5 minutes")};
    }
    return CliRun{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                  QString::fromUtf8(p.readAllStandardOutput()),
                  QString::fromUtf8(p.readAllStandardError())};
}
