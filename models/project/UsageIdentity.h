#pragma once
// When two usage records are the same record (docs/MODEL.md section 2, import
// guarantees): the same event id where the source has one, else the same content
// (customer, bucket, model, token counts, requests, feature). The reported cost and
// the line are not part of it: a re-export may round a cost differently or move rows.
#include "models/domain/UsageRecord.h"

#include <cstdint>

namespace marginal {

bool sameIdentity(const UsageRecord& a, const UsageRecord& b);

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
