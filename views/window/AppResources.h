// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The desktop app's compiled-in resources (resources/marginal.qrc: icon, help, the
// bundled sample). They live in the views library, a static library, so they are
// registered explicitly, once, before the first window is built.
namespace marginal {

void loadAppResources();

} // namespace marginal
