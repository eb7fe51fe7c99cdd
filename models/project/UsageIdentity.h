// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// When two usage records are the same record (docs/MODEL.md section 2, import
// guarantees): the same event id where the source has one, else the same content
// (customer, bucket, model, token counts, requests, feature). The reported cost and
// the line are not part of it: a re-export may round a cost differently or move rows.
#include "models/domain/UsageRecord.h"

#include <cstdint>

namespace marginal {

//
// The period is normalised (docs/FILE_FORMATS.md, "Limits and normalisation"): a
// period that starts at 00:00:00 UTC with no length (an instant, as unix seconds or a
// date-time give a day) is that day's bucket, so re-importing a daily export with its
// dates written the other way finds every row. Ids are trimmed by the importers.
bool sameIdentity(const UsageRecord& a, const UsageRecord& b);
// The bucket length the identity uses: 86400 for an instant at a UTC midnight.
std::int32_t identityPeriodSeconds(const UsageRecord& r);

// A 64-bit hash of the identity (not cryptographic; collisions are told apart by
// sameIdentity()).
std::uint64_t identityHash(const UsageRecord& r);

// The record's row id in the project: the day of its period start in the top bits,
// 40 bits of its identity hash below. Rows are then kept in time order, and an
// import of a chronological export appends. Two records of one day with equal low
// 40 bits (odds about n^2 / 2^41 for n records that day) are told apart by
// sameIdentity(); the later one takes the next free id.
std::int64_t usageKey(const UsageRecord& r);

} // namespace marginal
