// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for the JSON documents people write and send each other: scenarios,
// pricing packages, price catalogs (Marginal's and LiteLLM's), model mixes and import
// mappings, all read from the same bytes. Built two ways, like fuzz_importer.cpp:
//  * with libFuzzer (scripts/fuzz.sh documents): explores new inputs;
//  * as a plain program (ctest): replays the kept corpus in tests/fuzz/corpus/documents.
// Any input may be refused (InputError); none may crash, hang or leak.
#include "models/common/InputError.h"
#include "models/domain/ModelMix.h"
#include "models/domain/PriceCatalog.h"
#include "models/domain/PricingPackage.h"
#include "models/domain/Scenario.h"
#include "models/import/FieldMapping.h"
#include "models/import/catalogs/LiteLlmCatalogReader.h"
#include "models/json/JsonNode.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>
#include <functional>

using namespace marginal;

namespace {

void refusedOrRead(const std::function<void()>& read) {
    try {
        read();
    } catch (const InputError&) {
    }
}

// Paths in a fuzzed scenario resolve against an empty folder: they can only be
// missing, or absolute (and then refused unless a regular JSON file).
const QString& emptyFolder() {
    static QTemporaryDir dir;
    static const QString path = dir.path();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    refusedOrRead([&] {
        const JsonNode root = JsonNode::parseBytes(bytes, QStringLiteral("fuzz"));
        refusedOrRead([&] { Scenario::fromJson(root, emptyFolder()); });
        refusedOrRead([&] { PricingPackage::fromJson(root); });
        refusedOrRead([&] { PriceCatalog::fromJson(root); });
        refusedOrRead([&] { LiteLlmCatalogReader::read(root, QDate(2026, 1, 1)); });
        refusedOrRead([&] { ModelMix::fromJson(root); });
        refusedOrRead([&] { FieldMapping::fromJson(root); });
    });
    return 0;
}

#ifndef MARGINAL_LIBFUZZER
int main(int argc, char** argv) {
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const QDir dir(QString::fromLocal8Bit(argv[i]));
        for (const QString& name : dir.entryList(QDir::Files)) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                   std::size_t(bytes.size()));
            ++files;
        }
    }
    std::printf("replayed %d corpus files through the scenario, package, catalog, mix and "
                "mapping readers without a crash\n",
                files);
    return files > 0 ? 0 : 1;
}
#endif
