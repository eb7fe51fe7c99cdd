// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which model names a catalog model prices besides its own id: providers report
// dated or versioned names (Anthropic's usage report says claude-sonnet-4-20250514 for
// claude-sonnet-4). The rule is genai-prices' own syntax, kept as the table has it:
// {"equals": s}, {"starts_with": s}, {"ends_with": s}, {"contains": s}, {"regex": r},
// {"or": [rules]}, {"and": [rules]}.
#include <QJsonValue>
#include <QRegularExpression>
#include <QString>
#include <vector>

namespace marginal {

class JsonNode;

class ModelNameRule {
public:
    // Reads a rule; throws InputError at the node's path for anything else (an unknown
    // clause, a regex that does not compile). A null node is the empty rule.
    static ModelNameRule fromJson(const JsonNode& node);
    bool empty() const { return kind_ == Kind::None; }
    bool matches(const QString& name) const;
    QJsonValue toJson() const;

private:
    enum class Kind { None, Equals, StartsWith, EndsWith, Contains, Regex, Any, All };
    Kind kind_ = Kind::None;
    QString text_;
    QRegularExpression regex_;
    std::vector<ModelNameRule> parts_;
};

} // namespace marginal
