// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/MixSharesModel.h"
#include "models/json/JsonNode.h"

#include <QJsonDocument>
#include <QLocale>
#include <algorithm>
#include <cmath>

namespace marginal {

MixSharesModel::MixSharesModel(QObject* parent) : QAbstractTableModel(parent) {}

void MixSharesModel::setMix(const QJsonObject& json) {
    const ModelMix mix = ModelMix::fromJson(JsonNode::parseBytes(
        QJsonDocument(json).toJson(QJsonDocument::Compact), json.value("name").toString()));
    QStringList models, cohorts;
    const QJsonObject byCohort = json.value(QStringLiteral("cohorts")).toObject();
    for (const auto& [cohort, shares] : mix.cohorts()) {
        cohorts.append(cohort);
        const QJsonObject entry = byCohort.value(cohort).toObject();
        for (auto it = entry.begin(); it != entry.end(); ++it)
            if (!models.contains(it.key()))
                models.append(it.key());
    }
    std::stable_sort(cohorts.begin(), cohorts.end(), [this](const QString& a, const QString& b) {
        const auto rank = [this](const QString& c) {
            const qsizetype i = cohortOrder_.indexOf(c);
            return i < 0 ? cohortOrder_.size() : i;
        };
        return rank(a) < rank(b);
    });
    if (models == models_ && cohorts == cohorts_) { // same shape: values changed
        mix_ = mix;
        if (!models_.isEmpty() && !cohorts_.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    mix_ = mix;
    models_ = models;
    cohorts_ = cohorts;
    endResetModel();
}

double MixSharesModel::shareOf(const QString& cohort, const QString& model) const {
    for (const auto& [name, shares] : mix_.cohorts())
        if (name == cohort)
            for (const auto& [m, share] : shares)
                if (m == model)
                    return share;
    return 0.0;
}

ModelMix MixSharesModel::withShare(const ModelMix& mix, const QString& cohort, const QString& model,
                                   double share, QString* error) {
    error->clear();
    if (!(share >= 0.0 && share <= 1.0)) {
        *error = tr("%1, %2: expected a share from 0 to 100%").arg(cohort, model);
        return mix;
    }
    ModelShares shares;
    for (const auto& [name, s] : mix.cohorts())
        if (name == cohort)
            shares = s;
    bool found = false;
    double others = 0.0;
    int otherCount = 0;
    for (const auto& [m, s] : shares) {
        if (m == model) {
            found = true;
        } else {
            others += s;
            ++otherCount;
        }
    }
    if (!found)
        shares.emplace_back(model, 0.0);
    if (otherCount == 0 && share < 1.0) {
        *error = tr("%1: %2 is the only model, so it carries all the traffic; add another "
                    "model to the mix first")
                     .arg(cohort, model);
        return mix;
    }
    const double rest = 1.0 - share;
    for (auto& [m, s] : shares) {
        if (m == model)
            s = share;
        else // in proportion; evenly when the others had nothing
            s = others > 0.0 ? s * rest / others : rest / otherCount;
    }
    ModelMix edited = mix;
    edited.setShares(cohort, shares);
    return edited;
}

int MixSharesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(models_.size());
}

int MixSharesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(cohorts_.size());
}

QVariant MixSharesModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const double share = 100.0 * shareOf(cohorts_[index.column()], models_[index.row()]);
    switch (role) {
    case Qt::DisplayRole:
        return QLocale().toString(share, 'f', 1) + QStringLiteral(" %");
    case Qt::EditRole:
        return share;
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return tr("Share of %1 traffic served by %2; the column always sums to 100%")
            .arg(cohorts_[index.column()], models_[index.row()]);
    default:
        return {};
    }
}

bool MixSharesModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::EditRole || !proposeEdit_)
        return false;
    bool ok = false;
    double percent = value.toDouble(&ok);
    if (!ok)
        percent = QLocale().toDouble(value.toString().remove(u'%').trimmed(), &ok);
    const QString cohort = cohorts_[index.column()], model = models_[index.row()];
    if (!ok) {
        lastError_ =
            tr("%1, %2: expected a share in %, got \"%3\"").arg(cohort, model, value.toString());
        return false;
    }
    if (std::abs(percent / 100.0 - shareOf(cohort, model)) < 1e-12)
        return true;
    const ModelMix edited = withShare(mix_, cohort, model, percent / 100.0, &lastError_);
    if (lastError_.isEmpty())
        lastError_ = proposeEdit_(edited.toJson(), tr("%1 share of %2").arg(model, cohort)).error();
    return lastError_.isEmpty();
}

Qt::ItemFlags MixSharesModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

QVariant MixSharesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section < columnCount() ? QVariant(cohorts_[section]) : QVariant();
    return section < rowCount() ? QVariant(models_[section]) : QVariant();
}

} // namespace marginal
