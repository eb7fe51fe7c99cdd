#include "models/import/UsageImport.h"
#include "models/common/InputError.h"
#include "models/common/PrintableText.h"
#include "models/import/ImportSource.h"
#include "models/import/formats/AnthropicUsageImporter.h"
#include "models/import/formats/CloudEventsImporter.h"
#include "models/import/formats/GenericCsvImporter.h"
#include "models/import/formats/LiteLlmSpendImporter.h"
#include "models/import/formats/OpenAiUsageImporter.h"
#include "models/project/ProjectStore.h"
#include "models/project/UsageBatchWriter.h"

#include <QFileInfo>

namespace marginal {

namespace {

// Streams records into the open import transaction and counts what happened.
// Batches are stored by a UsageBatchWriter on a second thread while reading goes on.
class StoreSink : public UsageSink {
public:
    StoreSink(ProjectStore& store, bool keepInvalid, std::int64_t total,
              const std::function<bool(std::int64_t, std::int64_t)>& progress,
              ImportOutcome& outcome)
        : writer_(store), keepInvalid_(keepInvalid), total_(total), progress_(progress),
          outcome_(outcome) {}

    // Records are stored in batches of kMinBatch to kMaxBatch records (memory stays
    // bounded whatever the file size); finish() stores the last one and waits for
    // the writer. A batch ends where a day ends when it can: row ids lead with the
    // day, so a chronological export's days are then each sorted once and appended
    // at the end of the table, instead of being merged into pages already written.
    void record(const UsageRecord& r) override {
        ++outcome_.rowsRead;
        if (!keepInvalid_ && outcome_.problemCount > 0)
            return; // the file will be rejected whole: only its problems matter now
        const std::int64_t day = r.periodStart / 86400;
        if (batch_.size >= kMaxBatch || (batch_.size >= kMinBatch && day != lastDay_))
            writer_.submit(batch_);
        lastDay_ = day;
        batch_.add(r);
    }
    void finish() {
        if (!batch_.empty())
            writer_.submit(batch_);
        outcome_.added = writer_.finish();
        outcome_.storeCpuSeconds = writer_.storeCpuSeconds();
        outcome_.duplicates = outcome_.rowsRead - outcome_.rejected - outcome_.added;
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
    bool keepInvalid_;
    std::int64_t total_;
    const std::function<bool(std::int64_t, std::int64_t)>& progress_;
    ImportOutcome& outcome_;
    std::int64_t lastProblemLine_ = -1;
    static constexpr std::size_t kMinBatch = 8192, kMaxBatch = 65536;
    std::int64_t lastDay_ = 0;
    UsageBatch batch_;
    bool cancelled_ = false;
};

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

const std::vector<std::unique_ptr<UsageImporter>>& UsageImport::importers() {
    static const std::vector<std::unique_ptr<UsageImporter>> all = [] {
        std::vector<std::unique_ptr<UsageImporter>> v;
        v.push_back(std::make_unique<OpenAiUsageImporter>());
        v.push_back(std::make_unique<AnthropicUsageImporter>());
        v.push_back(std::make_unique<LiteLlmSpendImporter>());
        v.push_back(std::make_unique<CloudEventsImporter>());
        v.push_back(std::make_unique<GenericCsvImporter>());
        return v;
    }();
    return all;
}

const UsageImporter* UsageImport::byFormat(const QString& format) {
    for (const auto& importer : importers())
        if (importer->format() == format)
            return importer.get();
    return nullptr;
}

const UsageImporter* UsageImport::detect(const QByteArray& head, const QString& fileName,
                                         QString* why) {
    if (head.isEmpty()) {
        *why = QStringLiteral("a usage export, the file is empty (0 bytes)");
        return nullptr;
    }
    if (head.contains('\0')) {
        *why = QStringLiteral("a text file (CSV or JSON), this one is binary");
        return nullptr;
    }
    const UsageImporter* best = nullptr;
    int bestScore = 0;
    for (const auto& importer : importers()) {
        const int score = importer->confidence(head, fileName);
        if (score > bestScore) {
            best = importer.get();
            bestScore = score;
        }
    }
    if (!best) {
        QStringList formats;
        for (const auto& importer : importers())
            formats.append(importer->format());
        *why = QStringLiteral(
                   "a known usage export (%1); none recognised this file, choose one with --format")
                   .arg(formats.join(QStringLiteral(", ")));
    }
    return best;
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
    QString why;
    const QByteArray head = file.peek(1 << 16);
    const UsageImporter* importer = nullptr;
    if (!request.format.isEmpty()) {
        importer = byFormat(request.format);
        if (!importer)
            why = QStringLiteral("a known format for --format, got \"%1\"").arg(request.format);
        else if (head.isEmpty() || head.contains('\0'))
            detect(head, request.fileName, &why);
    } else {
        importer = detect(head, request.fileName, &why);
    }
    if (!why.isEmpty() || !importer) {
        outcome.error = QStringLiteral("%1: expected %2").arg(request.fileName, why);
        return outcome;
    }
    outcome.format = importer->format();

    ImportSummary meta;
    meta.sourceName = QFileInfo(request.fileName).fileName();
    meta.format = importer->format();
    meta.customerField = request.options.customerField;
    store.beginImport(meta);
    StoreSink sink(store, request.keepInvalid, source->size(), progress, outcome);
    try {
        const double cpuBefore = UsageBatchWriter::threadCpuSeconds();
        importer->read(file, request.fileName, request.options, sink);
        outcome.readCpuSeconds = UsageBatchWriter::threadCpuSeconds() - cpuBefore;
        if (!sink.cancelled())
            sink.finish();
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
            QStringLiteral(
                "%1: %2 of %3 rows rejected; nothing imported (--keep-invalid imports the "
                "valid rows and keeps the rejected ones in the project)")
                .arg(request.fileName)
                .arg(outcome.rejected)
                .arg(outcome.rowsRead);
        return outcome;
    }
    const QString sha256 = source->sha256();
    const QString readTwice = readDifferently(store, sha256, request, outcome);
    if (!readTwice.isEmpty()) {
        store.rollbackImport();
        outcome.error = readTwice;
        return outcome;
    }
    store.setImportFileHash(sha256);
    outcome.importId =
        store.commitImport(outcome.rowsRead, outcome.added, outcome.duplicates, outcome.rejected);
    outcome.status = ImportOutcome::Status::Imported;
    return outcome;
}

} // namespace marginal
