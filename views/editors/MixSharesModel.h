// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A model mix as a table: one row per model, one column per cohort, each cell the
// share of that cohort's traffic (in %). Every column stays at 100%: setting one
// share rescales the other models of that cohort in proportion (or spreads the rest
// evenly when they had none). The edit goes to `proposeEdit`, which validates it and
// applies it through the undo stack by calling setMix().
#include "models/common/Result.h"
#include "models/domain/ModelMix.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <functional>

namespace marginal {

class MixSharesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Returns an error message, or empty when the edit was taken.
    using EditHandler = std::function<Status(const QJsonObject& edited, const QString& what)>;

    explicit MixSharesModel(QObject* parent = nullptr);
    // A mix in its JSON form, which keeps models at 0% (just added) as rows;
    // ModelMix drops them. The JSON must be a valid mix.
    void setMix(const QJsonObject& json);
    const ModelMix& mix() const { return mix_; }
    void setEditHandler(EditHandler handler) { proposeEdit_ = std::move(handler); }
    // Columns in this order (the scenario's cohorts); others follow.
    void setCohortOrder(const QStringList& order) { cohortOrder_ = order; }
    const QString& lastError() const { return lastError_; }
    QStringList models() const { return models_; }
    QStringList cohorts() const { return cohorts_; }

    // `mix` with `model`'s share of `cohort` set to `share` (0..1) and the other
    // models of that cohort rescaled so the cohort still sums to 1. Empty error text
    // on success.
    static ModelMix withShare(const ModelMix& mix, const QString& cohort, const QString& model,
                              double share, QString* error); // error: empty when fine

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    double shareOf(const QString& cohort, const QString& model) const;

    ModelMix mix_;
    QStringList models_, cohorts_, cohortOrder_;
    EditHandler proposeEdit_;
    QString lastError_;
};

} // namespace marginal
