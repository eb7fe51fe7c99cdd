// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Imports one usage export into a project as a single transaction (docs/MODEL.md
// section 2 and the import guarantees): the format is detected by content, every
// record is validated, re-imported records are recognised (event id, else content)
// and not added twice. By default a file with any bad row is rejected whole and the
// project is left exactly as it was; with keepInvalid the valid rows are imported and
// every rejected row is kept in the project with its reason. A cancelled import rolls
// back.
#include "models/import/UsageImporter.h"

#include <functional>
#include <memory>
#include <vector>

namespace marginal {

class ProjectStore;

struct ImportRequest {
    QString fileName;
    QString format; // empty: detect
    ImportOptions options;
    bool keepInvalid = false;
    // How the front end asks for keepInvalid, named in the refusal of a file with
    // rejected rows (the wizard names its check box).
    QString keepInvalidHint = QStringLiteral("--keep-invalid");
    // What the import history calls the source (default: the file's name).
    QString sourceName = QString();
};

struct ImportOutcome {
    enum class Status { Imported, Rejected, Cancelled };
    Status status = Status::Rejected;
    QString format;
    std::int64_t importId = 0;
    std::int64_t rowsRead = 0; // records read, valid or not
    std::int64_t added = 0;
    std::int64_t duplicates = 0;
    std::int64_t rejected = 0;           // rows with problems
    std::vector<ImportProblem> problems; // the first kMaxListedProblems
    std::int64_t problemCount = 0;
    QString error; // why the file was rejected, when it was
    // Where the time went: CPU seconds reading (this thread) and storing (the
    // writer thread), which run side by side.
    double readCpuSeconds = 0.0;
    double storeCpuSeconds = 0.0;

    static constexpr int kMaxListedProblems = 50;
    // "file:line:field: expected ..." lines, the first 50 and a count of the rest.
    QString problemReport(const QString& fileName) const;
};

class UsageImport {
public:
    // `progress(bytesDone, bytesTotal)` returns false to cancel.
    static ImportOutcome run(ProjectStore& store, const ImportRequest& request,
                             const std::function<bool(std::int64_t, std::int64_t)>& progress = {});
};

} // namespace marginal
