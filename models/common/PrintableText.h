// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Text from an input file made safe to echo in a message: control characters (an
// ANSI escape sequence could recolour, move or clear the user's terminal), C1 controls
// and bidirectional overrides (which reorder what is shown) are written as escapes
// such as \x1b or \u202e; everything else is kept.
#include <QString>
#include <QStringView>

namespace marginal {

QString printableText(QStringView text);

} // namespace marginal
