// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/search/PackageField.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <functional>

namespace marginal {

namespace {

// "overage.tiers[1].price" -> {"overage", "[1]", "price"} in toJson() form, where
// overage is an array of tiers; "overage.price" is tier 0 of a one-tier overage.
std::optional<QStringList> steps(const QString& path, const PricingPackage& package, QString& why) {
    static const QRegularExpression part(
        QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)((\\[\\d+\\])*)$"));
    static const QRegularExpression index(QStringLiteral("\\[(\\d+)\\]"));
    QStringList out;
    for (const QString& piece : path.split(QLatin1Char('.'))) {
        const QRegularExpressionMatch m = part.match(piece);
        if (!m.hasMatch()) {
            why = QStringLiteral("\"%1\" is not a key or key[index]").arg(piece);
            return std::nullopt;
        }
        out << m.captured(1);
        auto it = index.globalMatch(m.captured(2));
        while (it.hasNext())
            out << QStringLiteral("[%1]").arg(it.next().captured(1));
    }
    if (out.size() >= 2 && out[0] == QLatin1String("overage")) {
        if (out[1] == QLatin1String("tiers"))
            out.removeAt(1);
        else if (out[1] == QLatin1String("price") && out.size() == 2) {
            if (package.overage.size() != 1) {
                why = QStringLiteral("its overage has %1 tiers; name one, e.g. "
                                     "overage.tiers[0].price")
                          .arg(package.overage.size());
                return std::nullopt;
            }
            out.insert(1, QStringLiteral("[0]"));
        }
    }
    return out;
}

QJsonValue get(const QJsonValue& v, const QStringList& s, int i) {
    if (i == s.size())
        return v;
    if (s[i].startsWith(QLatin1Char('['))) {
        const int k = s[i].mid(1, s[i].size() - 2).toInt();
        if (!v.isArray() || k >= v.toArray().size())
            return QJsonValue(QJsonValue::Undefined);
        return get(v.toArray().at(k), s, i + 1);
    }
    if (!v.isObject() || !v.toObject().contains(s[i]))
        return QJsonValue(QJsonValue::Undefined);
    return get(v.toObject().value(s[i]), s, i + 1);
}

QJsonValue set(const QJsonValue& v, const QStringList& s, int i, double value) {
    if (i == s.size())
        return value;
    if (s[i].startsWith(QLatin1Char('['))) {
        QJsonArray a = v.toArray();
        const int k = s[i].mid(1, s[i].size() - 2).toInt();
        a[k] = set(a.at(k), s, i + 1, value);
        return a;
    }
    QJsonObject o = v.toObject();
    o[s[i]] = set(o.value(s[i]), s, i + 1, value);
    return o;
}

} // namespace

Result<PackageField> PackageField::resolve(const QString& path, const PricingPackage& package) {
    using R = Result<PackageField>;
    QString why;
    const std::optional<QStringList> s = steps(path, package, why);
    if (!s)
        return R::failure(
            QStringLiteral("--vary %1: package \"%2\": %3").arg(path, package.name, why));
    const QJsonValue v = get(package.toJson(), *s, 0);
    if (v.isUndefined())
        return R::failure(
            QStringLiteral("--vary %1: package \"%2\" has no field %1").arg(path, package.name));
    if (!v.isDouble())
        return R::failure(QStringLiteral("--vary %1: field %1 of package \"%2\" is not a number")
                              .arg(path, package.name));
    PackageField f;
    f.path_ = path;
    f.steps_ = *s;
    f.current_ = v.toDouble();
    return f;
}

QStringList PackageField::numericPaths(const PricingPackage& package) {
    QStringList paths;
    const std::function<void(const QJsonValue&, const QString&)> walk = [&](const QJsonValue& v,
                                                                            const QString& at) {
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                walk(it.value(), at.isEmpty() ? it.key() : at + QLatin1Char('.') + it.key());
        } else if (v.isArray()) {
            const QJsonArray a = v.toArray();
            for (qsizetype k = 0; k < a.size(); ++k)
                walk(a.at(k), QStringLiteral("%1[%2]").arg(at).arg(k));
        } else if (v.isDouble()) {
            paths << at;
        }
    };
    walk(package.toJson(), QString());
    QStringList out;
    for (QString path : paths) {
        // The file form's names for the overage tiers (see steps()).
        if (path.startsWith(QLatin1String("overage[")))
            path.insert(int(qstrlen("overage")), QStringLiteral(".tiers"));
        if (package.overage.size() == 1 && path == QLatin1String("overage.tiers[0].price"))
            path = QStringLiteral("overage.price");
        if (resolve(path, package))
            out << path;
    }
    return out;
}

PricingPackage PackageField::withValues(const PricingPackage& package,
                                        const std::vector<PackageField>& fields,
                                        const std::vector<double>& values) {
    QJsonValue json = package.toJson();
    QStringList what;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        json = set(json, fields[i].steps_, 0, values[i]);
        what << QStringLiteral("%1=%2").arg(fields[i].path_).arg(values[i], 0, 'g', 10);
    }
    PricingPackage edited = PricingPackage::fromJson(JsonNode(
        json, QStringLiteral("$"),
        QStringLiteral("package \"%1\" with %2").arg(package.name, what.join(QLatin1Char(' ')))));
    edited.name = package.name;
    return edited;
}

} // namespace marginal
