// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/RecordRules.h"

#include <QDateTime>
#include <cmath>

namespace marginal {

namespace {

void trim(std::string& s) {
    const auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
    };
    std::size_t end = s.size();
    while (end > 0 && space(s[end - 1]))
        --end;
    std::size_t begin = 0;
    while (begin < end && space(s[begin]))
        ++begin;
    if (begin > 0 || end < s.size())
        s = s.substr(begin, end - begin);
}

} // namespace

ImportProblem RecordRules::problemAt(const RecordOrigin& origin, const QString& field,
                                     const QString& expected) {
    QString raw = origin.raw;
    if (origin.csvRow) {
        QStringList fields;
        for (const std::string& f : *origin.csvRow)
            fields.append(QString::fromUtf8(f.data(), qsizetype(f.size())));
        raw = fields.join(u',');
    }
    if (origin.location.isEmpty())
        return ImportProblem{origin.line, QString(), field, expected, raw};
    return ImportProblem{origin.line,
                         field.isEmpty() ? origin.location : origin.location + u'.' + field,
                         QString(), expected, raw};
}

namespace {

QString dateOf(std::int64_t unixSeconds) {
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).date().toString(Qt::ISODate);
}

} // namespace

bool RecordRules::accept(UsageRecord& r, const RecordOrigin& origin, UsageSink& sink) {
    bool ok = true;
    const auto problem = [&](const QString& field, const QString& expected) {
        sink.problem(problemAt(origin, field, expected));
        ok = false;
    };
    const bool customerGiven = !r.customerId.empty();
    trim(r.customerId);
    trim(r.model);
    trim(r.eventId);
    if (r.customerId.empty())
        problem(origin.customerField,
                customerGiven ? QStringLiteral("a customer id; this one is only white space")
                              : QStringLiteral("a customer id, the field is empty"));
    if (r.model.empty())
        problem(QStringLiteral("model"),
                QStringLiteral("a model name; this one is only white space"));
    if (r.periodStart < kEarliestStart || r.periodStart >= kLatestStart) {
        const QString expected =
            QStringLiteral("a date from 2000-01-01 to 2099-12-31 (UTC), got %1")
                .arg(dateOf(r.periodStart));
        if (origin.dateField.startsWith(u'$')) { // a JSON path of its own (a bucket's start)
            sink.problem(
                ImportProblem{origin.line, origin.dateField, QString(), expected, origin.raw});
            ok = false;
        } else {
            problem(origin.dateField, expected);
        }
    }
    const std::pair<const char*, std::int64_t> counts[] = {
        {"input_tokens", r.inputTokens},
        {"cached_input_tokens", r.cachedInputTokens},
        {"cache_write_tokens", r.cacheWriteTokens},
        {"cache_write_1h_tokens", r.cacheWrite1hTokens},
        {"output_tokens", r.outputTokens},
        {"requests", r.requests}};
    for (const auto& [name, value] : counts)
        if (value < 0 || value > kMaxCount)
            problem(QString::fromLatin1(name),
                    QStringLiteral("a count from 0 to 10^15, got %1").arg(value));
    if (r.reportedCostUsd > kMaxCostUsd || std::isnan(r.reportedCostUsd))
        problem(QStringLiteral("cost_usd"),
                QStringLiteral("a cost in USD from 0 to 10^9, got %1").arg(r.reportedCostUsd));
    return ok;
}

std::optional<std::int64_t> RecordRules::uncachedInput(std::int64_t whole, std::int64_t parts,
                                                       const QString& wholeName,
                                                       const QString& partsName, const QString& why,
                                                       const RecordOrigin& origin,
                                                       UsageSink& sink) {
    if (parts <= whole)
        return whole - parts;
    sink.problem(problemAt(
        origin, partsName,
        QStringLiteral("at most %1 (%2%3), got %4").arg(wholeName).arg(whole).arg(why).arg(parts)));
    return std::nullopt;
}

} // namespace marginal
