// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/ImporterRegistry.h"
#include "models/import/formats/AnthropicUsageImporter.h"
#include "models/import/formats/CloudEventsImporter.h"
#include "models/import/formats/GenericCsvImporter.h"
#include "models/import/formats/LiteLlmSpendImporter.h"
#include "models/import/formats/OpenAiUsageImporter.h"

namespace marginal {

const std::vector<std::unique_ptr<UsageImporter>>& ImporterRegistry::all() {
    static const std::vector<std::unique_ptr<UsageImporter>> importers = [] {
        std::vector<std::unique_ptr<UsageImporter>> v;
        v.push_back(std::make_unique<OpenAiUsageImporter>());
        v.push_back(std::make_unique<AnthropicUsageImporter>());
        v.push_back(std::make_unique<LiteLlmSpendImporter>());
        v.push_back(std::make_unique<CloudEventsImporter>());
        v.push_back(std::make_unique<GenericCsvImporter>());
        return v;
    }();
    return importers;
}

const UsageImporter* ImporterRegistry::byFormat(const QString& format) {
    for (const auto& importer : all())
        if (importer->format() == format)
            return importer.get();
    return nullptr;
}

QStringList ImporterRegistry::formats() {
    QStringList names;
    for (const auto& importer : all())
        names.append(importer->format());
    return names;
}

Result<const UsageImporter*> ImporterRegistry::detect(const QByteArray& head,
                                                      const QString& fileName) {
    using R = Result<const UsageImporter*>;
    if (head.isEmpty())
        return R::failure(QStringLiteral("a usage export, the file is empty (0 bytes)"));
    if (head.contains('\0'))
        return R::failure(QStringLiteral("a text file (CSV or JSON), this one is binary"));
    const UsageImporter* best = nullptr;
    int bestScore = 0;
    for (const auto& importer : all()) {
        const int score = importer->confidence(head, fileName);
        if (score > bestScore) {
            best = importer.get();
            bestScore = score;
        }
    }
    if (!best)
        return R::failure(
            QStringLiteral(
                "a known usage export (%1); none recognised this file, choose one with --format")
                .arg(formats().join(QStringLiteral(", "))));
    return best;
}

} // namespace marginal
