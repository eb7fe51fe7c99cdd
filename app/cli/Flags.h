// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A command's arguments: `--flag value` options, `--switch` options without a value,
// and plain arguments (files). Every command reads its arguments through this, so
// unknown flags, missing values and bad numbers are refused the same way everywhere.
#include "models/common/Result.h"

#include <QHash>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace marginal {

class Flags {
public:
    // `valued`: flags that take a value; `switches`: flags that do not. A flag given
    // twice keeps the last value. Plain arguments are refused unless `positional`.
    static Result<Flags> parse(const QStringList& args, const QStringList& valued,
                               const QStringList& switches = {}, bool positional = false);

    bool has(const QString& flag) const { return values_.contains(flag); }
    QString value(const QString& flag) const { return values_.value(flag); }
    const QStringList& positional() const { return positional_; }
    // The flag's value as a whole number in [min, max], or `fallback` when absent.
    Result<std::int64_t> integer(const QString& flag, std::int64_t min, std::int64_t max,
                                 std::int64_t fallback) const;
    // The flag's value as an unsigned 64-bit number, or none when absent.
    Result<std::optional<std::uint64_t>> unsignedValue(const QString& flag) const;
    // "<command> needs --out DIR" for each of `flags` ("--out DIR": the flag, then how
    // --help names its value) that is absent.
    Status require(const QStringList& flags, const QString& command) const;

private:
    QHash<QString, QString> values_;
    QStringList positional_;
};

} // namespace marginal
