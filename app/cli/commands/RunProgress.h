// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A run's progress on stderr, in steps of 10% ("simulating: 40%"), or nothing with
// --quiet. Shared by simulate and rerun.
#include <QTextStream>
#include <cstdint>
#include <functional>

namespace marginal {

class RunProgress {
public:
    RunProgress(QTextStream& err, bool quiet) : err_(err), quiet_(quiet) {}
    std::function<void(std::int64_t, std::int64_t)> callback() {
        return [this](std::int64_t done, std::int64_t total) {
            done_ = done;
            total_ = total;
            if (quiet_)
                return;
            const int decile = total > 0 ? int(done * 10 / total) : 10;
            if (decile != lastDecile_) {
                lastDecile_ = decile;
                err_ << QStringLiteral("\rsimulating: %1%").arg(decile * 10) << Qt::flush;
            }
        };
    }
    // Ends the progress line.
    void finish() {
        if (!quiet_ && lastDecile_ >= 0)
            err_ << "\n";
    }
    // "cancelled after 12 of 100 trials; nothing written"
    QString cancelledMessage() const {
        return QStringLiteral("cancelled after %1 of %2 trials; nothing written")
            .arg(done_)
            .arg(total_);
    }

private:
    QTextStream& err_;
    bool quiet_;
    int lastDecile_ = -1;
    std::int64_t done_ = 0, total_ = 0;
};

} // namespace marginal
