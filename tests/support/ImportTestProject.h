// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A new project in a temporary folder for import tests: files written beside it,
// imports run through the real pipeline, the project file's bytes hashed (a rejected
// import must leave them as they were) and its records read back.
#include "models/import/UsageImport.h"
#include "models/project/ProjectStore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

namespace marginal::test {

class ImportTestProject {
public:
    ImportTestProject() : path_(dir_.filePath("p.marginal")) {
        store = ProjectStore::open(path_, ProjectStore::Mode::CreateIfMissing);
    }
    QString path(const QString& name) const { return dir_.filePath(name); }
    QString write(const QString& name, const QByteArray& bytes) {
        QFile f(dir_.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return f.fileName();
    }
    ImportOutcome import(const QString& file, ImportOptions options = {}, bool keepInvalid = false,
                         const QString& format = {}) {
        return UsageImport::run(*store,
                                ImportRequest{file, format, std::move(options), keepInvalid});
    }
    QByteArray hash() const {
        QFile f(path_);
        f.open(QIODevice::ReadOnly);
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    std::vector<UsageRecord> records() const {
        std::vector<UsageRecord> all;
        store->forEachUsage([&](const UsageRecord& r) { all.push_back(r); });
        return all;
    }
    // The message a user sees for an outcome, with this folder's path left out.
    QString report(const ImportOutcome& o, const QString& file) const {
        QString text = o.error + "\n" + o.problemReport(file);
        return text.replace(dir_.path() + "/", QString());
    }
    std::unique_ptr<ProjectStore> store;

private:
    QTemporaryDir dir_;
    QString path_;
};

// Token totals by class, as users check an import: per customer, month and model.
struct Totals {
    std::int64_t input = 0, cached = 0, write5m = 0, write1h = 0, output = 0, requests = 0;
    double cost = 0;
    std::int64_t records = 0;
    bool operator==(const Totals& o) const {
        return std::tie(input, cached, write5m, write1h, output, requests, records) ==
               std::tie(o.input, o.cached, o.write5m, o.write1h, o.output, o.requests, o.records);
    }
};

// "YYYY-MM" of a unix time, UTC.
inline QString monthOf(std::int64_t unixSeconds) {
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString("yyyy-MM");
}

// Totals keyed by (customer, "YYYY-MM", model).
using TotalsByKey = std::map<std::tuple<std::string, QString, std::string>, Totals>;
inline TotalsByKey totalsOf(const std::vector<UsageRecord>& records) {
    TotalsByKey totals;
    for (const UsageRecord& r : records) {
        Totals& t = totals[{r.customerId, monthOf(r.periodStart), r.model}];
        t.input += r.inputTokens;
        t.cached += r.cachedInputTokens;
        t.write5m += r.cacheWriteTokens;
        t.write1h += r.cacheWrite1hTokens;
        t.output += r.outputTokens;
        t.requests += r.requests;
        t.cost += r.reportedCostUsd > 0 ? r.reportedCostUsd : 0;
        ++t.records;
    }
    return totals;
}

} // namespace marginal::test
