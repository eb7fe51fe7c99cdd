#include "models/import/formats/CloudEventsImporter.h"
#include "models/import/FieldParsing.h"
#include "models/common/InputError.h"
#include "models/import/TimeParsing.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace marginal {

QStringList CloudEventsImporter::customerFields(const QByteArray&) const {
    // Any path into the event works (data.customer_id, ...); subject is the default.
    return {QStringLiteral("subject"), QStringLiteral("data.customer_id"),
            QStringLiteral("data.user_id")};
}

namespace {

// The value at a dotted path ("data.usage.in") of an event.
QJsonValue at(const QJsonObject& event, const QString& path) {
    QJsonValue v = event;
    for (const QString& part : path.split(u'.')) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        v = v.toObject().value(part);
    }
    return v;
}

} // namespace

int CloudEventsImporter::confidence(const QByteArray& head, const QString&) const {
    return head.contains("\"specversion\"") && head.contains("\"subject\"") ? 95 : 0;
}

void CloudEventsImporter::read(QIODevice& in, const QString& fileName, const ImportOptions& options,
                               UsageSink& sink) const {
    const auto path = [&](const char* canonical, std::initializer_list<const char*> defaults) {
        const QString key = QString::fromLatin1(canonical);
        QStringList paths;
        if (options.mapping.contains(key))
            paths.append(options.mapping.value(key));
        else
            for (const char* d : defaults)
                paths.append(QString::fromLatin1(d));
        return paths;
    };
    const QStringList customerPath = {options.customerField.isEmpty() ? QStringLiteral("subject")
                                                                      : options.customerField};
    const QStringList inputPaths =
        path("input_tokens", {"data.input_tokens", "data.prompt_tokens", "data.tokens"});
    const QStringList cachedPaths =
        path("cached_input_tokens", {"data.cached_input_tokens", "data.cache_read_input_tokens"});
    const QStringList writePaths =
        path("cache_write_tokens", {"data.cache_write_tokens", "data.cache_creation_input_tokens"});
    const QStringList outputPaths =
        path("output_tokens", {"data.output_tokens", "data.completion_tokens"});
    const QStringList requestPaths = path("requests", {"data.requests"});
    const QStringList modelPaths = path("model", {"data.model"});
    const QStringList featurePaths = path("feature", {"type"});

    std::int64_t line = 0;
    UsageRecord r;
    while (!in.atEnd()) {
        const QByteArray text = in.readLine();
        ++line;
        if (text.trimmed().isEmpty())
            continue;
        const auto problem = [&](const QString& field, const QString& expected) {
            sink.problem(ImportProblem{line, QString(), field, expected,
                                       QString::fromUtf8(text.trimmed().left(2000))});
        };
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            problem(QString(), QStringLiteral("one JSON event per line (%1)")
                                   .arg(doc.isObject() || error.error != QJsonParseError::NoError
                                            ? error.errorString()
                                            : QStringLiteral("not an object")));
            continue;
        }
        const QJsonObject event = doc.object();
        bool ok = true;
        const auto first = [&](const QStringList& paths) {
            for (const QString& p : paths) {
                const QJsonValue v = at(event, p);
                if (!v.isUndefined() && !v.isNull())
                    return std::pair{p, v};
            }
            return std::pair{paths.front(), QJsonValue(QJsonValue::Undefined)};
        };
        const auto count = [&](const QStringList& paths, std::int64_t fallback) -> std::int64_t {
            const auto [p, v] = first(paths);
            if (v.isUndefined())
                return fallback;
            // Meters send numbers or numeric strings ("25", as Stripe does).
            std::optional<std::int64_t> n;
            if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()) &&
                v.toDouble() <= 9007199254740992.0)
                n = std::int64_t(v.toDouble());
            else if (v.isString())
                n = parseCount(v.toString().toStdString());
            if (!n) {
                problem(p, QStringLiteral("a whole number >= 0, got %1")
                               .arg(QString::fromUtf8(QJsonDocument(QJsonObject{{"v", v}})
                                                          .toJson(QJsonDocument::Compact))
                                        .mid(5)
                                        .chopped(1)));
                ok = false;
                return 0;
            }
            return *n;
        };
        const QJsonValue specversion = event.value(QStringLiteral("specversion"));
        if (specversion.toString() != QLatin1String("1.0")) {
            problem(QStringLiteral("specversion"), QStringLiteral("\"1.0\""));
            continue;
        }
        const auto [cPath, customer] = first(customerPath);
        if (!customer.isString() || customer.toString().isEmpty()) {
            problem(cPath, QStringLiteral("the customer as a non-empty string"));
            ok = false;
        }
        const QJsonValue time = event.value(QStringLiteral("time"));
        const auto when = parseTimestamp(time.toString().toStdString());
        if (!when) {
            problem(QStringLiteral("time"), QStringLiteral("an RFC 3339 time"));
            ok = false;
        }
        const QJsonValue id = event.value(QStringLiteral("id"));
        if (!id.isString() || id.toString().isEmpty()) {
            problem(QStringLiteral("id"), QStringLiteral("the event id as a non-empty string"));
            ok = false;
        }
        r.inputTokens = count(inputPaths, 0);
        r.cachedInputTokens = count(cachedPaths, 0);
        r.cacheWriteTokens = count(writePaths, 0);
        r.cacheWrite1hTokens = 0;
        r.outputTokens = count(outputPaths, 0);
        r.requests = count(requestPaths, 1);
        if (!ok)
            continue;
        const auto [mPath, model] = first(modelPaths);
        const auto [fPath, feature] = first(featurePaths);
        r.customerId = customer.toString().toStdString();
        r.model = model.isString() && !model.toString().isEmpty() ? model.toString().toStdString()
                                                                  : "unknown";
        r.feature = feature.isString() ? feature.toString().toStdString() : "";
        r.periodStart = when->unixSeconds;
        r.periodSeconds = 0;
        r.eventId =
            (event.value(QStringLiteral("source")).toString() + QLatin1Char('/') + id.toString())
                .toStdString();
        r.reportedCostUsd = -1.0;
        r.sourceLine = line;
        sink.record(r);
        if (line % 4096 == 0) {
            sink.progress(in.pos());
            if (sink.cancelled())
                return;
        }
    }
    if (line == 0)
        throw InputError(fileName, QString(),
                         QStringLiteral("expected CloudEvents, one per line; the file is empty"));
}

} // namespace marginal
