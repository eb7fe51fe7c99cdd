// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every usage importer, in detection order. The CLI's help and --format check, the
// import wizard's format list and the fuzz targets all read this list, so a new
// format is its importer class, its test and one line in ImporterRegistry.cpp.
#include "models/common/Result.h"
#include "models/import/UsageImporter.h"

#include <memory>
#include <vector>

namespace marginal {

class ImporterRegistry {
public:
    static const std::vector<std::unique_ptr<UsageImporter>>& all();
    static const UsageImporter* byFormat(const QString& format);
    // "csv, openai, ..." in registration order.
    static QStringList formats();
    // The most likely importer for a file from its first bytes, or why none fits
    // (phrased to follow "expected ").
    static Result<const UsageImporter*> detect(const QByteArray& head, const QString& fileName);
};

} // namespace marginal
