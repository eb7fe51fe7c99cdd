#pragma once
#include <QString>

namespace marginal {

// SHA-256 of a file's bytes as lower-case hex; empty when the file cannot be read.
QString sha256OfFile(const QString& fileName);

} // namespace marginal
