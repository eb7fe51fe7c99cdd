// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The project (*.marginal) as the front ends see it: typed access to what a project
// keeps. Its usage and import history; the price catalog in use and every dated
// version of it; the cohort cut points and the cohorts fitted with them; packages,
// mixes and scenarios; runs with all their inputs. Both marginal-cli and the desktop
// app go through this class; the SQLite file itself is ProjectStore's, private to
// this room.
//
// One Project is one SQLite connection, used by one thread at a time: a background
// job opens its own with openAgain().
#include "models/common/Result.h"
#include "models/domain/CohortFitResult.h"
#include "models/domain/PriceCatalog.h"
#include "models/domain/UsageSource.h"
#include "models/import/UsageImport.h"
#include "models/project/DocumentKind.h"
#include "models/project/ImportSummary.h"
#include "models/project/ProjectError.h"
#include "models/project/StoredRun.h"

#include <QJsonObject>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace marginal {

class ProjectStore;

class Project {
public:
    // ReadOnly: never written (for commands that only read: runs, rerun).
    enum class Mode { OpenExisting, CreateIfMissing, ReadOnly };
    // Throws ProjectError (not a project, newer, damaged, missing, cannot create).
    static std::unique_ptr<Project> open(const QString& fileName, Mode mode = Mode::OpenExisting);
    // Another connection to the same file, for another thread (without checking every
    // page again, as opening did).
    std::unique_ptr<Project> openAgain() const;
    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    const QString& fileName() const;

    // Usage, imported in transactions (see UsageImport), and the import history.
    ImportOutcome importUsage(const ImportRequest& request,
                              const std::function<bool(std::int64_t, std::int64_t)>& progress = {});
    std::vector<ImportSummary> imports() const;
    // The models an import brought that the catalog in use lacks (they would be priced
    // at 0), with their tokens and share of the import's tokens, most tokens first.
    // Empty when every model is priced, or the project has no catalog yet.
    struct ModelShare {
        QString model;
        std::int64_t tokens = 0;
        double share = 0.0; // of all the import's tokens
    };
    std::vector<ModelShare> modelsNotInCatalog(std::int64_t importId) const;
    // "gpt-4o (12.5% of the tokens), ..." or empty.
    static QString describe(const std::vector<ModelShare>& models);
    std::int64_t usageCount() const;
    std::int64_t rejectedCount() const; // rows kept by --keep-invalid imports
    // Every record, ordered by customer then period start.
    UsageSource usage() const;
    // The earliest and latest record and the file each came from (none: no usage).
    struct UsageSpan {
        UsageRecord first, last;
        QString firstSource, lastSource;
    };
    std::optional<UsageSpan> usageSpan() const;

    // The price catalog in use, or none yet.
    std::optional<PriceCatalog> catalog() const;
    // The stored version in force on `asOf`: the latest with asOf on or before it.
    std::optional<PriceCatalog> catalog(const QDate& asOf) const;
    // Makes `catalog` the one in use and keeps it as a dated version.
    void setCatalog(const PriceCatalog& catalog);

    // Cohort cut points: increasing percentiles of mean monthly cost (default 50, 90).
    static constexpr double kDefaultCuts[] = {50.0, 90.0};
    std::vector<double> cohortCuts() const;
    // Throws InputError when the cuts are not increasing percentiles in (0, 100).
    void setCohortCuts(const std::vector<double>& cuts);
    static Status checkCuts(const std::vector<double>& cuts);
    // The stored fit, when it was made with today's cut points on today's usage and
    // catalog; none when there is none or it is out of date.
    std::optional<CohortFitResult> fittedCohorts() const;
    // The stored fit whatever it was made on (for showing a project while it refits).
    std::optional<CohortFitResult> lastFit() const;
    // Keeps `fit` (made with `cuts` on the usage and catalog as they are now) and the
    // mix observed in the data.
    void storeFit(const std::vector<double>& cuts, const CohortFitResult& fit);
    // What a fit with `cuts` depends on now: the cuts, the usage (last import, row
    // count) and the catalog's SHA-256. A stored fit is current when its basis is this.
    QJsonObject fitBasis(const std::vector<double>& cuts) const;

    // Named documents: packages, mixes, scenarios (as JSON, written by their types).
    void putDocument(DocumentKind kind, const QString& name, const QJsonObject& json);
    std::optional<QJsonObject> document(DocumentKind kind, const QString& name) const;
    QStringList documentNames(DocumentKind kind) const;
    QStringList scenarios() const { return documentNames(DocumentKind::Scenario); }

    // Runs, newest first; a run with all its inputs.
    std::vector<RunSummary> runs() const;
    std::int64_t addRun(const QString& scenario, std::uint64_t seed, const QJsonObject& inputs,
                        const QJsonObject& results);
    std::optional<StoredRun> run(std::int64_t id) const;
    // A run's name and notes (the Runs page); false when there is no run `id`.
    bool labelRun(std::int64_t id, const QString& name, const QString& notes);
    // Removes a run for good; false when there is no run `id`.
    bool deleteRun(std::int64_t id);

private:
    explicit Project(std::unique_ptr<ProjectStore> store);
    QByteArray rawDocument(DocumentKind kind, const QString& name) const;

    std::unique_ptr<ProjectStore> store_;
};

} // namespace marginal
