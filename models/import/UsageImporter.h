// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One importer per export format, behind one small interface (the Tiled file-format
// pattern): how sure it is that some bytes are its format, and how to read a file
// into usage records, reporting every problem with its line (or JSON path), field
// and what was expected.
#include "models/domain/UsageRecord.h"
#include "models/import/FieldMapping.h"

#include <QHash>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace marginal {

struct ImportProblem {
    std::int64_t line = 0; // 1-based line (JSON: the record's number in the file)
    QString location;      // JSON path, for JSON sources
    QString field;
    QString expected; // "a whole number >= 0, got \"-5\""
    QString raw;      // the offending row or value, for the rejected-rows table
};

struct ImportOptions {
    // The source field that is the customer where several fit (project, user, API
    // key, workspace, end user, subject...). Empty: the importer picks the only one,
    // or says which to choose from.
    QString customerField;
    // Column mapping overrides: canonical field (customer_id, date, model,
    // input_tokens, ...) -> source field (docs/FILE_FORMATS.md, "Field mappings").
    FieldMapping mapping;
};

// Where an importer's output goes. The import stops when cancelled() turns true.
class UsageSink {
public:
    virtual ~UsageSink() = default;
    virtual void record(const UsageRecord& r) = 0;
    virtual void problem(const ImportProblem& p) = 0;
    virtual bool cancelled() const { return false; }
    virtual void progress(std::int64_t bytesRead) { (void)bytesRead; }
};

class UsageImporter {
public:
    virtual ~UsageImporter() = default;
    virtual QString format() const = 0;      // "csv", "openai", "anthropic", ...
    virtual QString description() const = 0; // for --help and the import wizard
    // 0: not this format; higher: more certain. `head` is the file's first 64 KiB.
    virtual int confidence(const QByteArray& head, const QString& fileName) const = 0;
    // The source fields that can be the customer (ImportOptions::customerField), for
    // the import wizard to offer; `head` is the file's first 64 KiB.
    virtual QStringList customerFields(const QByteArray& head) const = 0;
    // The same for --help, without a file: "project_id, user_id, api_key_id".
    virtual QString customerFieldHelp() const = 0;
    // Reads everything; a problem that stops reading (no header, not JSON) throws
    // InputError, row problems go to the sink and reading goes on.
    virtual void read(QIODevice& in, const QString& fileName, const ImportOptions& options,
                      UsageSink& sink) const = 0;
};

} // namespace marginal
