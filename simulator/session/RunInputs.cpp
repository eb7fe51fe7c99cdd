// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/session/RunInputs.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace marginal {

QJsonObject RunInputs::numbersJson() const {
    QJsonArray fileArray;
    for (const InputFile& f : files)
        fileArray.append(
            QJsonObject{{QStringLiteral("file"), f.file}, {QStringLiteral("sha256"), f.sha256}});
    return QJsonObject{{QStringLiteral("inputs_version"), kFormatVersion},
                       {QStringLiteral("customers_from"), customerSourceName(customersFrom)},
                       {QStringLiteral("seed"), QString::number(seed)}, // > 2^53: a string
                       {QStringLiteral("trials"), qint64(trials)},
                       {QStringLiteral("files"), fileArray},
                       {QStringLiteral("customers_basis"), customersBasis},
                       {QStringLiteral("scenario"), scenario.toJson()}};
}

QJsonObject RunInputs::toJson() const {
    QJsonObject json = numbersJson();
    json.insert(QStringLiteral("source"), source);
    return json;
}

RunInputs RunInputs::fromJson(const QJsonObject& json, const QString& where) {
    if (!json.contains(QStringLiteral("inputs_version")))
        throw InputError(where, QString(),
                         QStringLiteral("a run stored with its inputs; this one was stored by an "
                                        "older Marginal (its parameters only), so it cannot be "
                                        "computed again"));
    const JsonNode root(json, QStringLiteral("$"), where);
    if (root[QStringLiteral("inputs_version")].toInt(1, 1000) > kFormatVersion)
        root[QStringLiteral("inputs_version")].reject(
            QStringLiteral("stored by a newer Marginal; update to re-run it"));
    RunInputs inputs;
    const JsonNode from = root[QStringLiteral("customers_from")];
    inputs.customersFrom = *customerSourceFromName(from.toEnum(
        {QStringLiteral("scenario"), QStringLiteral("fitted"), QStringLiteral("empirical")}));
    bool ok = false;
    inputs.seed = root[QStringLiteral("seed")].toString().toULongLong(&ok);
    if (!ok)
        root[QStringLiteral("seed")].fail(QStringLiteral("a seed from 0 to 2^64 - 1"));
    inputs.trials = root[QStringLiteral("trials")].toInt64(1, 100000000);
    inputs.source = root.optional(QStringLiteral("source")).toStringOr(QString());
    root[QStringLiteral("files")].forEach([&](const JsonNode& f) {
        inputs.files.push_back(InputFile{f[QStringLiteral("file")].toString(),
                                         f[QStringLiteral("sha256")].toString()});
    });
    inputs.customersBasis = json.value(QStringLiteral("customers_basis")).toObject();
    inputs.scenario = Scenario::fromJson(root[QStringLiteral("scenario")], QString());
    return inputs;
}

} // namespace marginal
