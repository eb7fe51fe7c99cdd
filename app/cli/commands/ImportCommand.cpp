// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/ImportCommand.h"
#include "app/cli/Flags.h"
#include "models/import/FieldMapping.h"
#include "models/import/ImporterRegistry.h"
#include "models/project/Project.h"

#include <QFile>
#include <QFileInfo>

namespace marginal {

namespace {

// Imports one file; returns its exit status (0, 2, or 130 when cancelled).
int importOne(Project& project, ImportRequest request, bool quiet, CliContext& cli) {
    const QString& file = request.fileName;
    int lastPercent = -1;
    const ImportOutcome o =
        project.importUsage(request, [&](std::int64_t done, std::int64_t total) {
            const int percent = total > 0 ? int(done * 100 / total) : 0;
            if (!quiet && percent / 10 != lastPercent / 10) {
                lastPercent = percent;
                cli.err << QStringLiteral("\rimporting %1: %2%").arg(file).arg(percent)
                        << Qt::flush;
            }
            return !cli.cancel.load();
        });
    if (!quiet && lastPercent >= 0)
        cli.err << "\n";
    switch (o.status) {
    case ImportOutcome::Status::Imported: {
        cli.out << QStringLiteral("%1: %2 format: %3 records read, %4 added, %5 duplicates")
                       .arg(file, o.format)
                       .arg(o.rowsRead)
                       .arg(o.added)
                       .arg(o.duplicates);
        if (o.rejected > 0)
            cli.out << QStringLiteral(", %1 rejected (kept in the project with their reasons)")
                           .arg(o.rejected);
        cli.out << "\n";
        if (o.rejected > 0)
            cli.err << o.problemReport(file);
        // The import is committed: a failure to check its models is only a warning.
        const Result<QString> missing = catchingErrors([&] {
            return Result<QString>(Project::describe(project.modelsNotInCatalog(o.importId)));
        });
        if (!missing)
            cli.err << "marginal-cli: warning: cannot check the models against the catalog: "
                    << missing.error() << "\n";
        else if (!missing->isEmpty())
            cli.err << QStringLiteral("marginal-cli: warning: %1: models not in the project's "
                                      "catalog, priced at $0 until they are added: %2\n")
                           .arg(file, *missing);
        return kExitOk;
    }
    case ImportOutcome::Status::Cancelled:
        return kExitCancelled; // the caller says which files are in
    case ImportOutcome::Status::Rejected:
        break;
    }
    cli.err << "marginal-cli: " << o.error << "\n" << o.problemReport(file);
    return kExitBadInput;
}

} // namespace

QString ImportCommand::synopsis() const {
    return QStringLiteral("--project P FILE... [--format F] [--customer-field X] "
                          "[--mapping M.json] [--keep-invalid] [--quiet]");
}

QString ImportCommand::help() const {
    QString formats;
    for (const auto& importer : ImporterRegistry::all())
        formats += QStringLiteral("                      %1: %2\n")
                       .arg(importer->format(), importer->description());
    QString customers;
    for (const auto& importer : ImporterRegistry::all())
        customers += QStringLiteral("                      %1: %2\n")
                         .arg(importer->format(), importer->customerFieldHelp());
    return QStringLiteral(
               "loads usage exports into the project P (a *.marginal file, created when missing).\n"
               "Each file is one transaction: a file with any bad row is rejected whole and P is "
               "left as\n"
               "it was; records already in P (same event id, or same content) are not added "
               "again.\n"
               "  --format F          %1 (default: detected from the content)\n%2"
               "  --customer-field X  the source field that is the customer, where several fit:\n%3"
               "  --mapping M.json    source fields for canonical ones: CSV columns, e.g.\n"
               "                      {\"customer_id\": \"acct\"}; CloudEvents paths, e.g.\n"
               "                      {\"input_tokens\": \"data.usage.in\"}; conditions, "
               "constants\n"
               "                      and alternatives: see docs/FILE_FORMATS.md\n"
               "  --keep-invalid      import the valid rows; keep every rejected row and its "
               "reason in P\n"
               "  --quiet             no progress on stderr\n"
               "Prints per file the records read, added, duplicates and rejected. Problems are "
               "listed\n"
               "as file:line:field: expected ... (the first 50, then a count).\n")
        .arg(ImporterRegistry::formats().join(QStringLiteral(" | ")), formats, customers);
}

int ImportCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags =
        Flags::parse(args, {"--project", "--format", "--customer-field", "--mapping"},
                     {"--keep-invalid", "--quiet"}, true);
    if (!flags)
        return cli.fail(flags.error());
    if (!flags->has("--project") || flags->positional().isEmpty())
        return cli.fail(QStringLiteral(
            "import needs --project P and at least one FILE (see marginal-cli --help)"));
    ImportRequest base;
    base.format = flags->value("--format");
    base.options.customerField = flags->value("--customer-field");
    base.keepInvalid = flags->has("--keep-invalid");
    if (!base.format.isEmpty() && !ImporterRegistry::byFormat(base.format))
        return cli.fail(
            QStringLiteral("--format: expected one of %1, got \"%2\"")
                .arg(ImporterRegistry::formats().join(QStringLiteral(", ")), base.format));
    return reportingErrors(cli, [&]() -> int {
        if (flags->has("--mapping"))
            base.options.mapping = FieldMapping::loadFile(flags->value("--mapping"));
        const QString path = flags->value("--project");
        const bool existed = QFileInfo::exists(path);
        auto project = Project::open(path, Project::Mode::CreateIfMissing);
        // A project this command made, into which nothing went, is not left behind.
        const auto removeIfNew = [&] {
            if (existed || (project && !project->imports().empty()))
                return;
            project.reset();
            QFile::remove(path);
            QFile::remove(path + QStringLiteral("-journal"));
        };
        int status = kExitOk;
        QStringList committed;
        for (const QString& file : flags->positional()) {
            ImportRequest request = base;
            request.fileName = file;
            int fileStatus = kExitOk;
            try {
                fileStatus = importOne(*project, request, flags->has("--quiet"), cli);
            } catch (...) { // a full disk, a busy project: reported by the caller
                if (committed.isEmpty()) {
                    project.reset(); // closed first: it rolls back what it had begun
                    removeIfNew();
                }
                throw;
            }
            if (fileStatus == kExitCancelled) {
                removeIfNew();
                return cli.fail(
                    committed.isEmpty()
                        ? file + QStringLiteral(": import cancelled; the project is as it was")
                        : QStringLiteral("%1: import cancelled, %1 was not imported; imported "
                                         "before the cancel (and kept): %2")
                              .arg(file, committed.join(QStringLiteral(", "))),
                    kExitCancelled);
            }
            if (fileStatus == kExitOk)
                committed.append(file);
            status = std::max(status, fileStatus);
        }
        if (status != kExitOk && committed.isEmpty()) {
            removeIfNew();
            if (!project)
                return status;
        }
        cli.out << QStringLiteral("%1: %2 usage records\n")
                       .arg(flags->value("--project"))
                       .arg(project->usageCount());
        return status;
    });
}

} // namespace marginal
