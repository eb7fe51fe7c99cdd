#include "app/cli/commands/ImportCommand.h"
#include "app/cli/commands/SimulateCommand.h"
#include "models/common/InputError.h"
#include "models/import/FieldMapping.h"
#include "models/import/UsageImport.h"
#include "models/project/ProjectStore.h"

namespace marginal {

int ImportCommand::run(const QStringList& args) {
    QString project, mappingFile;
    ImportRequest base;
    QStringList files;
    bool quiet = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--project") && hasValue)
            project = args[++i];
        else if (a == QLatin1String("--format") && hasValue)
            base.format = args[++i];
        else if (a == QLatin1String("--customer-field") && hasValue)
            base.options.customerField = args[++i];
        else if (a == QLatin1String("--mapping") && hasValue)
            mappingFile = args[++i];
        else if (a == QLatin1String("--keep-invalid"))
            base.keepInvalid = true;
        else if (a == QLatin1String("--quiet"))
            quiet = true;
        else if (a.startsWith(QLatin1String("--"))) {
            err_ << "marginal-cli: unknown option or missing value \"" << a
                 << "\" (see marginal-cli --help)\n";
            return kExitBadInput;
        } else
            files.append(a);
    }
    if (project.isEmpty() || files.isEmpty()) {
        err_ << "marginal-cli: import needs --project P and at least one FILE (see marginal-cli "
                "--help)\n";
        return kExitBadInput;
    }
    if (!base.format.isEmpty() && !UsageImport::byFormat(base.format)) {
        QStringList formats;
        for (const auto& importer : UsageImport::importers())
            formats.append(importer->format());
        err_ << "marginal-cli: --format: expected one of " << formats.join(QStringLiteral(", "))
             << ", got \"" << base.format << "\"\n";
        return kExitBadInput;
    }
    return reportingInputErrors(err_, [&]() -> int {
        if (!mappingFile.isEmpty())
            base.options.mapping = FieldMapping::loadFile(mappingFile);
        const auto store = ProjectStore::open(project, ProjectStore::Mode::CreateIfMissing);
        int status = kExitOk;
        for (const QString& file : files) {
            ImportRequest request = base;
            request.fileName = file;
            int lastPercent = -1;
            const ImportOutcome o =
                UsageImport::run(*store, request, [&](std::int64_t done, std::int64_t total) {
                    const int percent = total > 0 ? int(done * 100 / total) : 0;
                    if (!quiet && percent / 10 != lastPercent / 10) {
                        lastPercent = percent;
                        err_ << QStringLiteral("\rimporting %1: %2%").arg(file).arg(percent)
                             << Qt::flush;
                    }
                    return !cancel_.load();
                });
            if (!quiet && lastPercent >= 0)
                err_ << "\n";
            switch (o.status) {
            case ImportOutcome::Status::Imported:
                out_ << QStringLiteral("%1: %2 format: %3 records read, %4 added, %5 duplicates")
                            .arg(file, o.format)
                            .arg(o.rowsRead)
                            .arg(o.added)
                            .arg(o.duplicates);
                if (o.rejected > 0)
                    out_ << QStringLiteral(", %1 rejected (kept in the project with their reasons)")
                                .arg(o.rejected);
                out_ << "\n";
                if (o.rejected > 0)
                    err_ << o.problemReport(file);
                break;
            case ImportOutcome::Status::Cancelled:
                err_ << "marginal-cli: " << file
                     << ": import cancelled; the project is unchanged\n";
                return kExitCancelled;
            case ImportOutcome::Status::Rejected:
                err_ << "marginal-cli: " << o.error << "\n" << o.problemReport(file);
                status = kExitBadInput;
                break;
            }
        }
        out_ << QStringLiteral("%1: %2 usage records\n").arg(project).arg(store->usageCount());
        return status;
    });
}

} // namespace marginal
