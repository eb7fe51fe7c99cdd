// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Usage of models a price catalog lacks: which, and what share of the tokens. Such
// usage costs 0 wherever it is priced, so cohorts, replay and simulate --project name
// it, and stop above a threshold unless told to go on (docs/MODEL.md section 3,
// "Unpriced usage").
#include <QJsonArray>
#include <QString>
#include <cstdint>
#include <vector>

namespace marginal {

class UnpricedUsage {
public:
    // The share of tokens above which a command stops (1%).
    static constexpr double kDefaultThreshold = 0.01;

    struct Model {
        QString name;
        double tokens = 0.0;
    };

    // Every token counted, priced or not (the denominator of the shares).
    void addTotal(double tokens) { total_ += tokens; }
    void addUnpriced(const QString& model, double tokens);

    bool empty() const { return models_.empty(); }
    double totalTokens() const { return total_; }
    double unpricedTokens() const;
    double share() const; // of all tokens, those unpriced
    // Largest first.
    std::vector<Model> models() const;
    QStringList names() const;
    // "gpt-9 (12.5% of tokens), foo (0.1%)", shares to 0.1%.
    QString describe() const;
    // Why a command stops: the models and their shares, when more than `limit` (a share)
    // of tokens is unpriced; empty otherwise.
    QString refusal(double limit) const;
    // [{"model", "tokens", "token_share"}], largest first.
    QJsonArray toJson() const;

private:
    double total_ = 0.0;
    std::vector<Model> models_;
};

} // namespace marginal
