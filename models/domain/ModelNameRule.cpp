// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/ModelNameRule.h"
#include "models/json/JsonNode.h"

#include <QJsonArray>
#include <QJsonObject>
#include <array>
#include <utility>

namespace marginal {

namespace {

constexpr std::array<const char*, 7> kKeys = {"equals", "starts_with", "ends_with", "contains",
                                              "regex",  "or",          "and"};

} // namespace

ModelNameRule ModelNameRule::fromJson(const JsonNode& node) {
    ModelNameRule rule;
    if (node.isNull())
        return rule;
    QStringList allowed;
    for (const char* key : kKeys)
        allowed << QString::fromLatin1(key);
    node.requireOnlyKeys(allowed);
    const QStringList keys = node.keys();
    if (keys.size() != 1)
        node.fail(QStringLiteral("a model name rule with one of %1").arg(allowed.join(u", ")));
    const QString key = keys.front();
    const JsonNode value = node[key];
    rule.kind_ = Kind(1 + allowed.indexOf(key));
    if (rule.kind_ == Kind::Any || rule.kind_ == Kind::All) {
        if (value.size() == 0)
            value.fail(QStringLiteral("a list of rules"));
        value.forEach([&](const JsonNode& part) { rule.parts_.push_back(fromJson(part)); });
        return rule;
    }
    rule.text_ = value.toString();
    if (rule.kind_ == Kind::Regex) {
        rule.regex_ = QRegularExpression(rule.text_);
        if (!rule.regex_.isValid())
            value.fail(QStringLiteral("a regular expression (%1)").arg(rule.regex_.errorString()));
    }
    return rule;
}

bool ModelNameRule::matches(const QString& name) const {
    switch (kind_) {
    case Kind::None:
        return false;
    case Kind::Equals:
        return name == text_;
    case Kind::StartsWith:
        return name.startsWith(text_);
    case Kind::EndsWith:
        return name.endsWith(text_);
    case Kind::Contains:
        return name.contains(text_);
    case Kind::Regex:
        return regex_.match(name).hasMatch();
    case Kind::Any:
        for (const ModelNameRule& part : parts_)
            if (part.matches(name))
                return true;
        return false;
    case Kind::All:
        for (const ModelNameRule& part : parts_)
            if (!part.matches(name))
                return false;
        return true;
    }
    return false;
}

QJsonValue ModelNameRule::toJson() const {
    if (kind_ == Kind::None)
        return QJsonValue();
    const QString key = QString::fromLatin1(kKeys[std::size_t(kind_) - 1]);
    if (kind_ != Kind::Any && kind_ != Kind::All)
        return QJsonObject{{key, text_}};
    QJsonArray parts;
    for (const ModelNameRule& part : parts_)
        parts.append(part.toJson());
    return QJsonObject{{key, parts}};
}

} // namespace marginal
