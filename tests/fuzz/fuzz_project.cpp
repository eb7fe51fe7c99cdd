// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for the project opener: each input is written as a .marginal file and
// opened; a file that opens is read every way the front ends read it. A damaged,
// foreign or truncated file must be refused with a ProjectError (or an InputError for
// a document inside it); none may crash, hang or leak. Built like fuzz_importers: a
// libFuzzer program with MARGINAL_FUZZ, else a replayer of corpus_project/.
#include "models/common/InputError.h"
#include "models/project/Project.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>

using namespace marginal;

namespace {

void readEverything(const Project& project) {
    (void)project.imports();
    (void)project.usageCount();
    (void)project.rejectedCount();
    (void)project.usageSpan();
    std::int64_t tokens = 0;
    project.usage()([&](const UsageRecord& r) { tokens += r.totalTokens(); });
    (void)project.catalog();
    (void)project.catalog(QDate(2030, 1, 1));
    (void)project.cohortCuts();
    (void)project.lastFit();
    (void)project.fittedCohorts();
    for (DocumentKind kind : {DocumentKind::Package, DocumentKind::Mix, DocumentKind::Scenario})
        for (const QString& name : project.documentNames(kind))
            (void)project.document(kind, name);
    for (const RunSummary& run : project.runs())
        (void)project.run(run.id);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fuzz.marginal"));
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-journal"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return 0;
        f.write(reinterpret_cast<const char*>(data), qint64(size));
    }
    try {
        readEverything(*Project::open(path, Project::Mode::ReadOnly));
        readEverything(*Project::open(path)); // read-write: an upgrade may run
    } catch (const Error&) {
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
    std::printf("opened %d corpus files as projects without a crash\n", files);
    return files > 0 ? 0 : 1;
}
#endif
