// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, 128 layers),
// from our own uniform stream. std::normal_distribution is not used: its algorithm
// differs between standard libraries, and seeds must reproduce everywhere.
// The layer index comes from the low 7 bits and the value from the high 32 bits of
// one 64-bit draw, so index and value are not correlated (Doornik 2005).
#include "simulator/engine/RandomStream.h"

#include <cmath>
#include <cstdint>

namespace marginal {

class NormalSampler {
public:
    static double draw(RandomStream& rng) {
        const Tables& t = tables();
        const std::uint64_t bits = rng.next();
        const int layer = int(bits & 127u);
        const auto hz = std::int32_t(std::uint32_t(bits >> 32));
        if (std::uint32_t(hz < 0 ? -std::int64_t(hz) : hz) < t.kn[layer])
            return hz * t.wn[layer];
        return slowPath(rng, hz, layer);
    }

private:
    struct Tables {
        std::uint32_t kn[128];
        double wn[128];
        double fn[128];
        Tables();
    };
    static const Tables& tables();
    static double slowPath(RandomStream& rng, std::int32_t hz, int layer);
};

} // namespace marginal
