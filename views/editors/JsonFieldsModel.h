// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A JSON document's leaves (numbers, text, true/false, null) as an editable two-column
// table: the field's path and its value. The model does not change the document
// itself: an edit is handed to `proposeEdit`, which validates it and applies it (via
// the undo stack) by calling setDocument(). Used for packages, whose every field
// (docs/MODEL.md section 5) is then editable, with the package reader as the validator.
#include "models/common/Result.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <functional>
#include <vector>

namespace marginal {

class JsonFieldsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using Path = QStringList; // object keys and array indices, outermost first
    // Returns an error message (shown to the user), or empty when the edit was taken.
    using EditHandler = std::function<Status(const Path&, const QJsonValue&)>;

    explicit JsonFieldsModel(QObject* parent = nullptr);
    void setDocument(const QJsonObject& document);
    const QJsonObject& document() const { return document_; }
    void setEditHandler(EditHandler handler) { proposeEdit_ = std::move(handler); }
    // Leaves for which `hidden` is true are not listed (still kept in the document).
    void setHiddenFields(std::function<bool(const Path&)> hidden) { hidden_ = std::move(hidden); }
    const QString& lastError() const { return lastError_; }
    Path pathAt(int row) const { return leaves_.at(std::size_t(row)); }
    int rowOf(const Path& path) const;

    // `document` with the value at `path` replaced.
    static QJsonObject withValue(const QJsonObject& document, const Path& path,
                                 const QJsonValue& value);
    static QJsonValue valueAt(const QJsonObject& document, const Path& path);
    // "overage > 1 > price" for {"overage": [{"price": ...}]}: array items count from 1.
    static QString label(const Path& path);
    // The same, naming list elements by their "name" where they have one.
    static QString label(const QJsonObject& document, const Path& path);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void editRejected(const QString& message);

private:
    QJsonObject document_;
    std::vector<Path> leaves_;
    EditHandler proposeEdit_;
    std::function<bool(const Path&)> hidden_;
    QString lastError_;
};

} // namespace marginal
