// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for the usage importers: each input goes through format detection and
// through every importer of ImporterRegistry. Built two ways:
//  * with libFuzzer (scripts/fuzz.sh, clang, ASan): explores new inputs;
//  * as a plain program (ctest): replays the kept corpus folders given to it.
// Any input may be rejected (InputError, row problems); none may crash, hang or leak.
#include "models/common/InputError.h"
#include "models/import/ImporterRegistry.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <cstdio>

using namespace marginal;

namespace {

class CountingSink : public UsageSink {
public:
    void record(const UsageRecord& r) override {
        tokens_ += r.totalTokens() + std::int64_t(r.customerId.size());
    }
    void problem(const ImportProblem& p) override { problems_ += p.expected.size(); }

private:
    std::int64_t tokens_ = 0;
    qsizetype problems_ = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)ImporterRegistry::detect(bytes.left(1 << 16), QStringLiteral("fuzz"));
    for (const auto& importer : ImporterRegistry::all()) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        CountingSink sink;
        (void)importer->customerFields(bytes.left(1 << 16));
        try {
            importer->read(buffer, QStringLiteral("fuzz"), ImportOptions{}, sink);
        } catch (const InputError&) {
        }
    }
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
    std::printf("replayed %d corpus files through %d importers without a crash\n", files,
                int(ImporterRegistry::all().size()));
    return files > 0 ? 0 : 1;
}
#endif
