// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/UsageImport.h"
#include "models/common/InputError.h"
#include "models/common/PrintableText.h"
#include "models/import/ImportSource.h"
#include "models/import/ImporterRegistry.h"
#include "models/import/UsageRunSpill.h"
#include "models/project/ProjectStore.h"
#include "models/project/UsageBatchWriter.h"

#include <QFileInfo>
#include <limits>

namespace marginal {

namespace {

// Streams records into the open import transaction and counts what happened.
// Batches are stored by a UsageBatchWriter on a second thread while reading goes on.
class StoreSink : public UsageSink {
public:
    StoreSink(ProjectStore& store, bool keepInvalid, std::int64_t total,
              const std::function<bool(std::int64_t, std::int64_t)>& progress,
              ImportOutcome& outcome)
        : writer_(store), spill_(store.fileName()), keepInvalid_(keepInvalid), total_(total),
          progress_(progress), outcome_(outcome) {}
    // The writer's thread writes to spill_: stopped before spill_ goes.
    ~StoreSink() override { writer_.abandon(); }

    // Records are stored in batches of kMinBatch to kMaxBatch records (memory stays
    // bounded whatever the file size); finish() stores the last one and waits for
    // the writer. A batch ends where a day ends when it can: row ids lead with the
    // day, so a chronological export's days are then each sorted once and appended
    // at the end of the table, instead of being merged into pages already written.
    // Once a day comes before the one ahead of it (an export customer by customer, a
    // shuffled file), batches go to sorted runs on disk instead (UsageRunSpill), merged
    // into the table in row-id order at the end.
    void record(const UsageRecord& r) override {
        ++outcome_.rowsRead;
        if (!keepInvalid_ && outcome_.problemCount > 0)
            return; // the file will be rejected whole: only its problems matter now
        const std::int64_t day = r.periodStart / 86400;
        chronological_ = chronological_ && day >= lastDay_;
        if (batch_.size >= kMaxBatch ||
            (chronological_ && batch_.size >= kMinBatch && day != lastDay_))
            store();
        lastDay_ = day;
        batch_.add(r);
    }
    void finish() {
        if (!batch_.empty())
            store();
        writer_.drain(); // the last runs written
        spill_.merge(
            kMaxBatch, [&](UsageBatch& batch) { writer_.submitSorted(batch); },
            [&] { // the merge asks for a cancel between batches
                progress(total_);
                return cancelled_;
            });
        outcome_.added = writer_.finish();
        outcome_.storeCpuSeconds = writer_.storeCpuSeconds();
        outcome_.duplicates = outcome_.rowsRead - outcome_.rejected - outcome_.added;
    }
    // The batch to the table while rows come in time order, else to the spill's runs
    // (its rejected rows, which have no row id, to the table).
    void store() {
        if (chronological_) {
            writer_.submit(batch_);
            return;
        }
        if (!batch_.rejected.empty()) {
            UsageBatch rejectedOnly;
            rejectedOnly.rejected = std::move(batch_.rejected);
            batch_.rejected.clear();
            writer_.submit(rejectedOnly);
        }
        if (batch_.size > 0) // sorted and written on the writer's thread
            writer_.submitToRuns(batch_, [this](UsageBatch& b) { spill_.addRun(b); });
    }
    // Stops the writer before the caller rolls back.
    void abandon() { writer_.abandon(); }
    void problem(const ImportProblem& p) override {
        // A row may have several problems; it is one rejected row (per line).
        if (p.line == 0 || p.line != lastProblemLine_) {
            ++outcome_.rowsRead;
            ++outcome_.rejected;
        }
        lastProblemLine_ = p.line;
        ++outcome_.problemCount;
        if (int(outcome_.problems.size()) < ImportOutcome::kMaxListedProblems)
            outcome_.problems.push_back(p);
        if (keepInvalid_)
            batch_.rejected.push_back(
                RejectedRow{p.line, p.field.isEmpty() ? p.location : p.field, p.expected, p.raw});
    }
    bool cancelled() const override { return cancelled_; }
    void progress(std::int64_t bytesRead) override {
        if (progress_ && !progress_(bytesRead, total_))
            cancelled_ = true;
    }

private:
    UsageBatchWriter writer_;
    UsageRunSpill spill_;
    bool keepInvalid_;
    std::int64_t total_;
    const std::function<bool(std::int64_t, std::int64_t)>& progress_;
    ImportOutcome& outcome_;
    std::int64_t lastProblemLine_ = -1;
    static constexpr std::size_t kMinBatch = 8192, kMaxBatch = 65536;
    std::int64_t lastDay_ = std::numeric_limits<std::int64_t>::min();
    bool chronological_ = true;
    UsageBatch batch_;
    bool cancelled_ = false;
};

// The importer the request names, else the one the file's first bytes fit.
Result<const UsageImporter*> chooseImporter(const QByteArray& head, const ImportRequest& request) {
    if (request.format.isEmpty() || head.isEmpty() || head.contains('\0'))
        return ImporterRegistry::detect(head, request.fileName); // says "empty" or "binary"
    if (const UsageImporter* chosen = ImporterRegistry::byFormat(request.format))
        return chosen;
    return Result<const UsageImporter*>::failure(
        QStringLiteral("a known format for --format (%1), got \"%2\"")
            .arg(ImporterRegistry::formats().join(QStringLiteral(", ")), request.format));
}

// A file imported before (same SHA-256) whose records now come out differently: read
// with another customer field (or another mapping), its usage would be counted twice,
// once under each reading. Read the same way, all its records are duplicates.
QString readDifferently(const ProjectStore& store, const QString& sha256,
                        const ImportRequest& request, const ImportOutcome& outcome) {
    if (outcome.added == 0)
        return QString();
    for (const ImportSummary& past : store.imports()) {
        if (past.sha256 != sha256)
            continue;
        const auto field = [](const QString& f) {
            return f.isEmpty() ? QStringLiteral("the format's default")
                               : QStringLiteral("\"%1\"").arg(f);
        };
        return QStringLiteral(
                   "%1: this file (SHA-256 %2) was imported before (import %3 of %4, customer "
                   "field %5); read now with customer field %6 it gives %7 records the earlier "
                   "import does not have, so its usage would be counted twice. Nothing "
                   "imported: import it again as before (--customer-field as then, the same "
                   "--mapping), or into another project")
            .arg(request.fileName, sha256.left(12), QString::number(past.id), past.importedAt,
                 field(past.customerField), field(request.options.customerField))
            .arg(outcome.added);
    }
    return QString();
}

} // namespace

QString ImportOutcome::problemReport(const QString& fileName) const {
    QString text;
    for (const ImportProblem& p : problems) {
        QString where = fileName;
        if (!p.location.isEmpty()) // JSON: the path says more than a record number
            where += QStringLiteral(":%1").arg(p.location);
        else if (p.line > 0)
            where += QStringLiteral(":%1").arg(p.line);
        if (!p.field.isEmpty())
            where += QStringLiteral(":%1").arg(p.field);
        // Locations, fields and expectations quote the file: its control characters
        // are escaped, not sent to the terminal.
        text += QStringLiteral("%1: expected %2\n")
                    .arg(printableText(where), printableText(p.expected));
    }
    if (problemCount > std::int64_t(problems.size()))
        text += QStringLiteral("... and %1 more problems\n")
                    .arg(problemCount - std::int64_t(problems.size()));
    return text;
}

ImportOutcome UsageImport::run(ProjectStore& store, const ImportRequest& request,
                               const std::function<bool(std::int64_t, std::int64_t)>& progress) {
    ImportOutcome outcome;
    // Read once: the importer parses the bytes the hash is taken of (a pipe is copied
    // to a temporary file first, and that copy can be cancelled).
    std::unique_ptr<ImportSource> source;
    try {
        source = std::make_unique<ImportSource>(request.fileName, [&](std::int64_t copied) {
            return !progress || progress(copied, 0);
        });
    } catch (const InputError& e) {
        outcome.error = e.message();
        return outcome;
    }
    if (source->cancelled()) {
        outcome.status = ImportOutcome::Status::Cancelled;
        return outcome;
    }
    QIODevice& file = source->device();
    const QByteArray head = file.peek(1 << 16);
    const Result<const UsageImporter*> importer = chooseImporter(head, request);
    if (!importer) {
        outcome.error = QStringLiteral("%1: expected %2").arg(request.fileName, importer.error());
        return outcome;
    }
    outcome.format = (*importer)->format();

    ImportSummary meta;
    meta.sourceName =
        request.sourceName.isEmpty() ? QFileInfo(request.fileName).fileName() : request.sourceName;
    meta.format = (*importer)->format();
    meta.customerField = request.options.customerField;
    store.beginImport(meta);
    StoreSink sink(store, request.keepInvalid, source->size(), progress, outcome);
    try {
        const double cpuBefore = UsageBatchWriter::threadCpuSeconds();
        (*importer)->read(file, request.fileName, request.options, sink);
        outcome.readCpuSeconds = UsageBatchWriter::threadCpuSeconds() - cpuBefore;
        if (!sink.cancelled())
            sink.finish();
        // Asked once more at the very end: a cancel after the last row still undoes all.
        sink.progress(file.size());
    } catch (const InputError& e) {
        sink.abandon();
        store.rollbackImport();
        outcome.error = e.message();
        return outcome;
    } catch (...) {
        sink.abandon();
        store.rollbackImport();
        throw;
    }
    if (sink.cancelled()) {
        sink.abandon();
        store.rollbackImport();
        outcome.status = ImportOutcome::Status::Cancelled;
        return outcome;
    }
    if (outcome.rowsRead == 0) {
        store.rollbackImport();
        outcome.error =
            QStringLiteral("%1: expected at least one usage row, found none").arg(request.fileName);
        return outcome;
    }
    if (outcome.problemCount > 0 && !request.keepInvalid) {
        store.rollbackImport();
        outcome.error =
            QStringLiteral("%1: %2 of %3 rows rejected; nothing imported (%4 imports the "
                           "valid rows and keeps the rejected ones in the project)")
                .arg(request.fileName)
                .arg(outcome.rejected)
                .arg(outcome.rowsRead)
                .arg(request.keepInvalidHint);
        return outcome;
    }
    const QString sha256 = source->sha256();
    const QString readTwice = readDifferently(store, sha256, request, outcome);
    if (!readTwice.isEmpty()) {
        store.rollbackImport();
        outcome.error = readTwice;
        return outcome;
    }
    outcome.status = ImportOutcome::Status::Imported;
    if (outcome.added == 0 && outcome.rejected == 0) {
        // Everything was there already: the project (and its import history) stays as
        // it was, so a fit made on it stays current.
        store.rollbackImport();
        return outcome;
    }
    store.setImportFileHash(sha256);
    outcome.importId =
        store.commitImport(outcome.rowsRead, outcome.added, outcome.duplicates, outcome.rejected);
    return outcome;
}

} // namespace marginal
