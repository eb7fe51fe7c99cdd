// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/window/AppResources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE names a function of the global namespace: call it from there.
static void initMarginalResources() {
    Q_INIT_RESOURCE(marginal);
}

namespace marginal {

void loadAppResources() {
    static const bool loaded = [] {
        initMarginalResources();
        return true;
    }();
    (void)loaded;
}

} // namespace marginal
