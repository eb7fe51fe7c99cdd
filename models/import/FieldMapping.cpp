// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/import/FieldMapping.h"
#include "models/import/RecordRules.h"
#include "models/json/JsonNode.h"

#include <cmath>

namespace marginal {

namespace {

const QStringList kCounts = {"input_tokens",
                             "total_input_tokens",
                             "cached_input_tokens",
                             "cache_write_tokens",
                             "cache_write_1h_tokens",
                             "output_tokens",
                             "requests"};
// Text fields a constant may stand for (one customer for the whole file, one model).
const QStringList kConstantText = {"customer_id", "model", "feature"};

// A condition value as text: strings as they are, whole numbers without a fraction,
// booleans as true / false.
QString conditionText(const JsonNode& v) {
    const QJsonValue& j = v.value();
    if (j.isString())
        return j.toString();
    if (j.isBool())
        return j.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (j.isDouble()) {
        const double d = j.toDouble();
        return d == std::floor(d) && std::fabs(d) < 1e15 ? QString::number(qint64(d))
                                                         : QString::number(d, 'g', 17);
    }
    v.fail(QStringLiteral("a string, number, boolean or null to compare with"));
}

MappingCondition readCondition(const QString& field, const JsonNode& node) {
    MappingCondition c;
    c.field = field;
    if (field.trimmed().isEmpty())
        node.reject(QStringLiteral("expected a field name to test, got an empty one"));
    const auto add = [&](const JsonNode& v) {
        if (v.isNull())
            c.orAbsent = true;
        else
            c.values.append(conditionText(v));
    };
    if (node.isArray()) {
        if (node.size() == 0)
            node.fail(QStringLiteral("at least one value to compare with"));
        node.forEach(add);
    } else {
        add(node);
    }
    return c;
}

MappingCase readCase(const QString& canonical, const JsonNode& node) {
    MappingCase c;
    c.includesCache = canonical == QLatin1String("total_input_tokens");
    if (node.isString()) {
        c.field = node.toString();
        return c;
    }
    if (!node.isObject())
        node.fail(QStringLiteral("a source field name, an object {\"field\" or \"value\", "
                                 "\"when\"}, or a list of them"));
    node.requireOnlyKeys(
        {QStringLiteral("field"), QStringLiteral("value"), QStringLiteral("when")});
    const bool hasField = node.has(QStringLiteral("field")),
               hasValue = node.has(QStringLiteral("value"));
    if (hasField == hasValue)
        node.reject(QStringLiteral("expected exactly one of \"field\" (a source field) and "
                                   "\"value\" (a constant)"));
    if (hasField) {
        c.field = node[QStringLiteral("field")].toString();
    } else {
        const JsonNode value = node[QStringLiteral("value")];
        if (kCounts.contains(canonical))
            c.constant = QString::number(value.toInt64(0, RecordRules::kMaxCount));
        else if (kConstantText.contains(canonical))
            c.constant = value.toString();
        else
            value.reject(
                QStringLiteral("expected a source field: %1 cannot be a constant").arg(canonical));
    }
    const JsonNode when = node.optional(QStringLiteral("when"));
    if (!when.isNull()) {
        if (!when.isObject() || when.keys().isEmpty())
            when.fail(QStringLiteral("an object of field: value(s) that must all match"));
        for (const QString& field : when.keys())
            c.when.push_back(readCondition(field, when[field]));
    }
    return c;
}

} // namespace

FieldMapping::FieldMapping(std::initializer_list<std::pair<QString, QString>> plain) {
    for (const auto& [canonical, source] : plain)
        insert(canonical, source);
}

const QStringList& FieldMapping::mappableFields() {
    static const QStringList names = {"customer_id",
                                      "date",
                                      "model",
                                      "input_tokens",
                                      "total_input_tokens",
                                      "cached_input_tokens",
                                      "cache_write_tokens",
                                      "cache_write_1h_tokens",
                                      "output_tokens",
                                      "requests",
                                      "event_id",
                                      "feature",
                                      "cost_usd"};
    return names;
}

FieldMapping FieldMapping::fromJson(const JsonNode& root) {
    if (!root.isObject())
        root.fail(QStringLiteral("an object of canonical field: source field"));
    root.requireOnlyKeys(mappableFields());
    if (root.has(QStringLiteral("input_tokens")) && root.has(QStringLiteral("total_input_tokens")))
        root[QStringLiteral("total_input_tokens")].reject(
            QStringLiteral("expected input_tokens (uncached input) or total_input_tokens (input "
                           "including cache reads and writes), not both"));
    FieldMapping mapping;
    for (const QString& canonical : root.keys()) {
        const JsonNode node = root[canonical];
        std::vector<MappingCase> cases;
        if (node.isArray()) {
            if (node.size() == 0)
                node.fail(QStringLiteral("at least one alternative"));
            node.forEach([&](const JsonNode& alternative) {
                cases.push_back(readCase(canonical, alternative));
            });
        } else {
            cases.push_back(readCase(canonical, node));
        }
        mapping.insertCases(canonical, std::move(cases));
    }
    return mapping;
}

FieldMapping FieldMapping::loadFile(const QString& fileName) {
    return fromJson(JsonNode::parseFile(fileName));
}

void FieldMapping::insert(const QString& canonical, const QString& sourceField) {
    MappingCase c;
    c.field = sourceField;
    c.includesCache = canonical == QLatin1String("total_input_tokens");
    insertCases(canonical, {c});
}

void FieldMapping::insertCases(const QString& canonical, std::vector<MappingCase> cases) {
    const bool total = canonical == QLatin1String("total_input_tokens");
    for (MappingCase& c : cases)
        c.includesCache = c.includesCache || total;
    fields_.insert(total ? QStringLiteral("input_tokens") : canonical, std::move(cases));
}

QString FieldMapping::value(const QString& canonical) const {
    const std::vector<MappingCase>& c = cases(canonical);
    return c.size() == 1 && c.front().when.empty() ? c.front().field : QString();
}

const std::vector<MappingCase>& FieldMapping::cases(const QString& canonical) const {
    static const std::vector<MappingCase> none;
    const auto it = fields_.constFind(canonical);
    return it == fields_.constEnd() ? none : *it;
}

} // namespace marginal
