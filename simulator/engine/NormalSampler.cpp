// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/engine/NormalSampler.h"

namespace marginal {

namespace {
constexpr double kTailStart = 3.442619855899;      // r: start of the tail
constexpr double kLayerArea = 9.91256303526217e-3; // v: area of each layer
constexpr double kScale = 2147483648.0;            // 2^31
} // namespace

NormalSampler::Tables::Tables() {
    double dn = kTailStart;
    double tn = dn;
    const double q = kLayerArea / std::exp(-0.5 * dn * dn);
    kn[0] = std::uint32_t((dn / q) * kScale);
    kn[1] = 0;
    wn[0] = q / kScale;
    wn[127] = dn / kScale;
    fn[0] = 1.0;
    fn[127] = std::exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; --i) {
        dn = std::sqrt(-2.0 * std::log(kLayerArea / dn + std::exp(-0.5 * dn * dn)));
        kn[i + 1] = std::uint32_t((dn / tn) * kScale);
        tn = dn;
        fn[i] = std::exp(-0.5 * dn * dn);
        wn[i] = dn / kScale;
    }
}

const NormalSampler::Tables& NormalSampler::tables() {
    static const Tables instance;
    return instance;
}

double NormalSampler::slowPath(RandomStream& rng, std::int32_t hz, int layer) {
    const Tables& t = tables();
    for (;;) {
        double x = hz * t.wn[layer];
        if (layer == 0) { // the tail beyond r: Marsaglia's exponential rejection
            double y;
            do {
                x = -std::log(rng.uniformOpen()) / kTailStart;
                y = -std::log(rng.uniformOpen());
            } while (y + y < x * x);
            return hz > 0 ? kTailStart + x : -kTailStart - x;
        }
        if (t.fn[layer] + rng.uniform() * (t.fn[layer - 1] - t.fn[layer]) < std::exp(-0.5 * x * x))
            return x;
        const std::uint64_t bits = rng.next();
        layer = int(bits & 127u);
        hz = std::int32_t(std::uint32_t(bits >> 32));
        if (std::uint32_t(hz < 0 ? -std::int64_t(hz) : hz) < t.kn[layer])
            return hz * t.wn[layer];
    }
}

} // namespace marginal
