// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/project/UsageIdentity.h"

#include <cstring>
#include <string_view>

namespace marginal {

namespace {

// Absorbs 8-byte words; strings go in with their length first, so that field
// boundaries count ("ab" + "c" differs from "a" + "bc").
class IdentityHasher {
public:
    explicit IdentityHasher(std::uint64_t kind) : state_(0x243F6A8885A308D3ull ^ kind) {}

    // Each step is a bijection of the state for a given word (xor, rotate, odd
    // multiply), so inputs of one length that differ in one word never collide;
    // the avalanche comes once, at the end.
    void add(std::uint64_t word) {
        state_ = state_ ^ word;
        state_ = ((state_ << 29) | (state_ >> 35)) * 0x9E3779B97F4A7C15ull;
    }
    void add(std::string_view s) {
        add(std::uint64_t(s.size()));
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            add(word);
        }
        if (i < s.size()) {
            std::uint64_t tail = 0;
            std::memcpy(&tail, s.data() + i, s.size() - i);
            add(tail);
        }
    }
    std::uint64_t result() const { return mix(state_); }

private:
    static std::uint64_t mix(std::uint64_t z) { // SplitMix64's finaliser
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t state_;
};

} // namespace

std::int32_t identityPeriodSeconds(const UsageRecord& r) {
    return r.periodSeconds == 0 && r.periodStart % 86400 == 0 ? 86400 : r.periodSeconds;
}

bool sameIdentity(const UsageRecord& a, const UsageRecord& b) {
    if (!a.eventId.empty() || !b.eventId.empty())
        return a.eventId == b.eventId;
    return a.customerId == b.customerId && a.periodStart == b.periodStart &&
           identityPeriodSeconds(a) == identityPeriodSeconds(b) && a.model == b.model &&
           a.inputTokens == b.inputTokens && a.cachedInputTokens == b.cachedInputTokens &&
           a.cacheWriteTokens == b.cacheWriteTokens &&
           a.cacheWrite1hTokens == b.cacheWrite1hTokens && a.outputTokens == b.outputTokens &&
           a.requests == b.requests && a.feature == b.feature;
}

std::uint64_t identityHash(const UsageRecord& r) {
    if (!r.eventId.empty()) {
        IdentityHasher h('e');
        h.add(r.eventId);
        return h.result();
    }
    IdentityHasher h('c');
    h.add(r.customerId);
    h.add(r.model);
    h.add(r.feature);
    for (std::int64_t v :
         {r.periodStart, std::int64_t(identityPeriodSeconds(r)), r.inputTokens, r.cachedInputTokens,
          r.cacheWriteTokens, r.cacheWrite1hTokens, r.outputTokens, r.requests})
        h.add(std::uint64_t(v));
    return h.result();
}

std::int64_t usageKey(const UsageRecord& r) {
    const std::int64_t day = r.periodStart >= 0 ? r.periodStart / 86400 : 0;
    return (day << 40) | std::int64_t(identityHash(r) & 0xFFFFFFFFFFull);
}

} // namespace marginal
