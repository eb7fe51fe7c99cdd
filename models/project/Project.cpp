// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/project/Project.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"
#include "models/project/ProjectStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace marginal {

namespace {

const QString kCatalogInUse = QStringLiteral("default");
const QString kFitName = QStringLiteral("fitted");
const QString kCutsName = QStringLiteral("cohort_cuts");

QString kindName(DocumentKind kind) {
    return QString::fromLatin1(storedKindName(kind));
}

QByteArray compact(const QJsonObject& json) {
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QJsonArray cutsJson(const std::vector<double>& cuts) {
    QJsonArray array;
    for (double c : cuts)
        array.append(c);
    return array;
}

} // namespace

Project::Project(std::unique_ptr<ProjectStore> store) : store_(std::move(store)) {}
Project::~Project() = default;

std::unique_ptr<Project> Project::open(const QString& fileName, Mode mode) {
    const ProjectStore::Mode storeMode =
        mode == Mode::CreateIfMissing ? ProjectStore::Mode::CreateIfMissing
        : mode == Mode::ReadOnly      ? ProjectStore::Mode::ReadOnly
                                      : ProjectStore::Mode::OpenExisting;
    return std::unique_ptr<Project>(new Project(ProjectStore::open(fileName, storeMode)));
}

std::unique_ptr<Project> Project::openAgain() const {
    // This connection's open checked the whole file; the schema is still checked.
    return std::unique_ptr<Project>(
        new Project(ProjectStore::open(fileName(), ProjectStore::Mode::OpenExisting, false)));
}

const QString& Project::fileName() const {
    return store_->fileName();
}

ImportOutcome
Project::importUsage(const ImportRequest& request,
                     const std::function<bool(std::int64_t, std::int64_t)>& progress) {
    return UsageImport::run(*store_, request, progress);
}

std::vector<ImportSummary> Project::imports() const {
    return store_->imports();
}

std::int64_t Project::usageCount() const {
    return store_->usageCount();
}

std::optional<Project::UsageSpan> Project::usageSpan() const {
    ProjectStore::SpanEnd first, last;
    if (!store_->usageSpan(first, last))
        return std::nullopt;
    return UsageSpan{first.record, last.record, first.source, last.source};
}

std::int64_t Project::rejectedCount() const {
    return store_->rejectedCount();
}

UsageSource Project::usage() const {
    return [this](const UsageVisitor& visit) { store_->forEachUsage(visit); };
}

QByteArray Project::rawDocument(DocumentKind kind, const QString& name) const {
    return store_->document(kindName(kind), name);
}

void Project::putDocument(DocumentKind kind, const QString& name, const QJsonObject& json) {
    store_->putDocument(kindName(kind), name, compact(json));
}

std::optional<QJsonObject> Project::document(DocumentKind kind, const QString& name) const {
    const QByteArray bytes = rawDocument(kind, name);
    if (bytes.isEmpty())
        return std::nullopt;
    const JsonNode root = JsonNode::parseBytes(
        bytes, QStringLiteral("%1 (%2 \"%3\")").arg(fileName(), kindName(kind), name));
    if (!root.isObject())
        root.fail(QStringLiteral("a JSON object"));
    return root.value().toObject();
}

QStringList Project::documentNames(DocumentKind kind) const {
    QStringList names = store_->documentNames(kindName(kind));
    if (kind == DocumentKind::Catalog)
        names.removeAll(kCatalogInUse);
    return names;
}

std::optional<PriceCatalog> Project::catalog() const {
    const QByteArray bytes = rawDocument(DocumentKind::Catalog, kCatalogInUse);
    if (bytes.isEmpty())
        return std::nullopt;
    return PriceCatalog::fromJson(
        JsonNode::parseBytes(bytes, fileName() + QStringLiteral(" (catalog)")));
}

std::optional<PriceCatalog> Project::catalog(const QDate& asOf) const {
    std::optional<PriceCatalog> best;
    for (const QString& name : documentNames(DocumentKind::Catalog)) {
        PriceCatalog version = PriceCatalog::fromJson(
            JsonNode::parseBytes(rawDocument(DocumentKind::Catalog, name),
                                 QStringLiteral("%1 (catalog \"%2\")").arg(fileName(), name)));
        if (version.asOf <= asOf && (!best || version.asOf > best->asOf))
            best = std::move(version);
    }
    return best;
}

void Project::setCatalog(const PriceCatalog& catalog) {
    const QJsonObject json = catalog.toJson();
    putDocument(DocumentKind::Catalog, kCatalogInUse, json);
    putDocument(
        DocumentKind::Catalog,
        QStringLiteral("%1 (as of %2)").arg(catalog.name, catalog.asOf.toString(Qt::ISODate)),
        json);
}

Status Project::checkCuts(const std::vector<double>& cuts) {
    if (cuts.empty())
        return Status::failure(QStringLiteral("expected at least one cut point"));
    for (std::size_t i = 0; i < cuts.size(); ++i)
        if (!(cuts[i] > 0.0 && cuts[i] < 100.0) || (i > 0 && cuts[i] <= cuts[i - 1]))
            return Status::failure(
                QStringLiteral("expected increasing percentiles between 0 and 100, like 50,90"));
    return Status::success();
}

std::vector<double> Project::cohortCuts() const {
    const std::optional<QJsonObject> stored = document(DocumentKind::Settings, kCutsName);
    if (!stored)
        return {std::begin(kDefaultCuts), std::end(kDefaultCuts)};
    std::vector<double> cuts;
    const JsonNode root(stored->value(QStringLiteral("cuts")), QStringLiteral("$.cuts"),
                        fileName() + QStringLiteral(" (cohort cuts)"));
    root.forEach([&](const JsonNode& c) { cuts.push_back(c.toNumber(0.0, 100.0)); });
    if (const Status s = checkCuts(cuts); !s)
        root.fail(s.error().mid(QStringLiteral("expected ").size()));
    return cuts;
}

void Project::setCohortCuts(const std::vector<double>& cuts) {
    if (const Status s = checkCuts(cuts); !s)
        throw InputError(fileName(), QStringLiteral("cohort cut points"), s.error());
    putDocument(DocumentKind::Settings, kCutsName, QJsonObject{{"cuts", cutsJson(cuts)}});
}

QJsonObject Project::fitBasis(const std::vector<double>& cuts) const {
    // What a fit depends on: the cut points, the usage (imports only ever add rows,
    // so the last import and the row count identify it) and the catalog's prices.
    const std::vector<ImportSummary> history = imports();
    return QJsonObject{
        {QStringLiteral("cuts"), cutsJson(cuts)},
        {QStringLiteral("last_import"), qint64(history.empty() ? 0 : history.back().id)},
        {QStringLiteral("usage_records"), qint64(usageCount())},
        {QStringLiteral("catalog_sha256"),
         QString::fromLatin1(
             QCryptographicHash::hash(rawDocument(DocumentKind::Catalog, kCatalogInUse),
                                      QCryptographicHash::Sha256)
                 .toHex())}};
}

std::optional<CohortFitResult> Project::lastFit() const {
    const std::optional<QJsonObject> stored = document(DocumentKind::CohortFit, kFitName);
    if (!stored)
        return std::nullopt;
    // Older projects keep the fit itself; newer ones {"basis": ..., "fit": ...}.
    const QJsonValue fit = stored->contains(QStringLiteral("fit"))
                               ? stored->value(QStringLiteral("fit"))
                               : QJsonValue(*stored);
    return CohortFitResult::fromJson(
        JsonNode(fit, QStringLiteral("$"), fileName() + QStringLiteral(" (fitted cohorts)")));
}

std::optional<CohortFitResult> Project::fittedCohorts() const {
    const std::optional<QJsonObject> stored = document(DocumentKind::CohortFit, kFitName);
    if (!stored || stored->value(QStringLiteral("basis")) != QJsonValue(fitBasis(cohortCuts())))
        return std::nullopt;
    return lastFit();
}

void Project::storeFit(const std::vector<double>& cuts, const CohortFitResult& fit) {
    putDocument(DocumentKind::CohortFit, kFitName,
                QJsonObject{{QStringLiteral("basis"), fitBasis(cuts)},
                            {QStringLiteral("fit"), fit.toJson()}});
    putDocument(DocumentKind::Mix, fit.observedMix.name, fit.observedMix.toJson());
}

std::vector<RunSummary> Project::runs() const {
    return store_->runs();
}

std::int64_t Project::addRun(const QString& scenario, std::uint64_t seed, const QJsonObject& inputs,
                             const QJsonObject& results) {
    return store_->addRun(scenario, QString::number(seed), compact(inputs), compact(results));
}

std::vector<Project::ModelShare> Project::modelsNotInCatalog(std::int64_t importId) const {
    const std::optional<PriceCatalog> prices = catalog();
    if (!prices)
        return {};
    const auto byModel = store_->tokensByModel(importId);
    double total = 0.0;
    for (const auto& [model, tokens] : byModel)
        total += double(tokens);
    std::vector<ModelShare> missing;
    for (const auto& [model, tokens] : byModel)
        if (!prices->find(model))
            missing.push_back({model, tokens, total > 0.0 ? double(tokens) / total : 0.0});
    return missing;
}

QString Project::describe(const std::vector<ModelShare>& models) {
    QStringList parts;
    for (const ModelShare& m : models)
        parts << QStringLiteral("%1 (%2% of the tokens)")
                     .arg(m.model)
                     .arg(m.share * 100.0, 0, 'f', m.share < 0.001 ? 3 : 1);
    return parts.join(QStringLiteral(", "));
}

bool Project::labelRun(std::int64_t id, const QString& name, const QString& notes) {
    return store_->labelRun(id, name, notes);
}

bool Project::deleteRun(std::int64_t id) {
    return store_->deleteRun(id);
}

std::optional<StoredRun> Project::run(std::int64_t id) const {
    QByteArray parameters, results;
    if (!store_->run(id, parameters, results))
        return std::nullopt;
    StoredRun stored;
    for (const RunSummary& s : runs())
        if (s.id == id)
            stored.summary = s;
    const QJsonDocument doc = QJsonDocument::fromJson(parameters);
    stored.inputs = doc.object();
    stored.results = results;
    return stored;
}

} // namespace marginal
