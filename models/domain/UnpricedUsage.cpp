// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/domain/UnpricedUsage.h"

#include <QJsonObject>
#include <QStringList>
#include <algorithm>

namespace marginal {

void UnpricedUsage::addUnpriced(const QString& model, double tokens) {
    auto it = std::find_if(models_.begin(), models_.end(),
                           [&](const Model& m) { return m.name == model; });
    if (it == models_.end())
        models_.push_back(Model{model, tokens});
    else
        it->tokens += tokens;
}

double UnpricedUsage::unpricedTokens() const {
    double sum = 0.0;
    for (const Model& m : models_)
        sum += m.tokens;
    return sum;
}

double UnpricedUsage::share() const {
    return total_ > 0 ? unpricedTokens() / total_ : 0.0;
}

std::vector<UnpricedUsage::Model> UnpricedUsage::models() const {
    std::vector<Model> sorted = models_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Model& a, const Model& b) { return a.tokens > b.tokens; });
    return sorted;
}

QStringList UnpricedUsage::names() const {
    QStringList names;
    for (const Model& m : models())
        names.append(m.name);
    return names;
}

QString UnpricedUsage::describe() const {
    QStringList parts;
    bool first = true;
    for (const Model& m : models()) {
        const double percent = total_ > 0 ? 100.0 * m.tokens / total_ : 0.0;
        parts.append(QStringLiteral("%1 (%2%%3)")
                         .arg(m.name, QString::number(percent, 'f', percent < 0.1 ? 3 : 1),
                              first ? QStringLiteral(" of tokens") : QString()));
        first = false;
    }
    return parts.join(QStringLiteral(", "));
}

QString UnpricedUsage::refusal(double limit) const {
    if (empty() || share() <= limit)
        return QString();
    return QStringLiteral("models without a price in the catalog for their months (absent, or "
                          "none in force yet) would be priced at 0: %1; %2% of tokens in all, "
                          "above the %3% limit. Add their prices (marginal-cli catalog import, "
                          "or the Catalog page) or pass --allow-unpriced to go on with them at 0")
        .arg(describe(), QString::number(100.0 * share(), 'g', 4),
             QString::number(100.0 * limit, 'g', 3));
}

QJsonArray UnpricedUsage::toJson() const {
    QJsonArray out;
    for (const Model& m : models())
        out.append(
            QJsonObject{{QStringLiteral("model"), m.name},
                        {QStringLiteral("tokens"), m.tokens},
                        {QStringLiteral("token_share"), total_ > 0 ? m.tokens / total_ : 0.0}});
    return out;
}

} // namespace marginal
