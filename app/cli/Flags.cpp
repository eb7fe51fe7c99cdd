// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/Flags.h"

namespace marginal {

Result<Flags> Flags::parse(const QStringList& args, const QStringList& valued,
                           const QStringList& switches, bool positional) {
    Flags flags;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (switches.contains(a)) {
            flags.values_.insert(a, QString());
        } else if (valued.contains(a)) {
            if (i + 1 >= args.size())
                return Result<Flags>::failure(QStringLiteral("%1 needs a value").arg(a));
            flags.values_.insert(a, args[++i]);
        } else if (a.startsWith(QLatin1String("--")) || !positional) {
            return Result<Flags>::failure(
                QStringLiteral("unknown option \"%1\" (see marginal-cli --help)").arg(a));
        } else {
            flags.positional_.append(a);
        }
    }
    return flags;
}

Result<std::int64_t> Flags::integer(const QString& flag, std::int64_t min, std::int64_t max,
                                    std::int64_t fallback) const {
    if (!has(flag))
        return fallback;
    bool ok = false;
    const qint64 v = value(flag).toLongLong(&ok);
    if (!ok || v < min || v > max)
        return Result<std::int64_t>::failure(
            QStringLiteral("%1: expected a whole number from %2 to %3, got \"%4\"")
                .arg(flag)
                .arg(min)
                .arg(max)
                .arg(value(flag)));
    return std::int64_t(v);
}

Result<std::optional<std::uint64_t>> Flags::unsignedValue(const QString& flag) const {
    if (!has(flag))
        return std::optional<std::uint64_t>();
    bool ok = false;
    const quint64 v = value(flag).toULongLong(&ok);
    if (!ok)
        return Result<std::optional<std::uint64_t>>::failure(
            QStringLiteral("%1: expected a whole number from 0 to 18446744073709551615, got \"%2\"")
                .arg(flag, value(flag)));
    return std::optional<std::uint64_t>(v);
}

Status Flags::require(const QStringList& required, const QString& command) const {
    QStringList missing;
    for (const QString& entry : required)
        if (!has(entry.section(u' ', 0, 0)))
            missing.append(entry);
    if (missing.isEmpty())
        return Status::success();
    return Status::failure(QStringLiteral("%1 needs %2 (see marginal-cli --help)")
                               .arg(command, missing.join(QStringLiteral(", "))));
}

} // namespace marginal
