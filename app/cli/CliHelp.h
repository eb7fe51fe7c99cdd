// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

namespace marginal {

// The text of `marginal-cli --help`: every command (from CommandRegistry), flag,
// output file, column and exit status.
QString cliHelpText();

} // namespace marginal
