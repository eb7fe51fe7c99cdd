#pragma once
#include <QString>

namespace marginal {

// The text of `marginal-cli --help`: every command, flag, output file and column.
QString cliHelpText();

} // namespace marginal
