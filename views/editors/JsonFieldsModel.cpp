// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/JsonFieldsModel.h"

#include <QJsonArray>
#include <QLocale>
#include <algorithm>

namespace marginal {

namespace {

void collectLeaves(const QJsonValue& value, const JsonFieldsModel::Path& path,
                   std::vector<JsonFieldsModel::Path>& out) {
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectLeaves(it.value(), path + QStringList{it.key()}, out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            collectLeaves(array.at(i), path + QStringList{QString::number(i)}, out);
    } else {
        out.push_back(path);
    }
}

QJsonValue replaced(const QJsonValue& node, const JsonFieldsModel::Path& path, int depth,
                    const QJsonValue& value) {
    if (depth == path.size())
        return value;
    const QString& part = path.at(depth);
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const int i = part.toInt();
        array.replace(i, replaced(array.at(i), path, depth + 1, value));
        return array;
    }
    QJsonObject object = node.toObject();
    object.insert(part, replaced(object.value(part), path, depth + 1, value));
    return object;
}

} // namespace

JsonFieldsModel::JsonFieldsModel(QObject* parent) : QAbstractTableModel(parent) {}

void JsonFieldsModel::setDocument(const QJsonObject& document) {
    std::vector<Path> leaves;
    collectLeaves(document, {}, leaves);
    if (hidden_)
        std::erase_if(leaves, hidden_);
    // The document's own fields first, then those nested in objects and lists.
    std::stable_sort(leaves.begin(), leaves.end(),
                     [](const Path& a, const Path& b) { return a.size() == 1 && b.size() > 1; });
    if (leaves == leaves_) { // same fields: values changed, keep the view's state
        document_ = document;
        if (!leaves_.empty())
            Q_EMIT dataChanged(index(0, 1), index(int(leaves_.size()) - 1, 1));
        return;
    }
    beginResetModel();
    document_ = document;
    leaves_ = std::move(leaves);
    endResetModel();
}

int JsonFieldsModel::rowOf(const Path& path) const {
    for (std::size_t i = 0; i < leaves_.size(); ++i)
        if (leaves_[i] == path)
            return int(i);
    return -1;
}

QJsonObject JsonFieldsModel::withValue(const QJsonObject& document, const Path& path,
                                       const QJsonValue& value) {
    return replaced(document, path, 0, value).toObject();
}

QJsonValue JsonFieldsModel::valueAt(const QJsonObject& document, const Path& path) {
    QJsonValue node = document;
    for (const QString& part : path)
        node = node.isArray() ? node.toArray().at(part.toInt()) : node.toObject().value(part);
    return node;
}

QString JsonFieldsModel::label(const QJsonObject& document, const Path& path) {
    // A list element with a name is called by it: "cohorts > heavy > mu", not "> 3 >".
    QStringList parts;
    QJsonValue node = document;
    for (const QString& part : path) {
        bool isIndex = false;
        const int i = part.toInt(&isIndex);
        if (node.isArray() && isIndex) {
            node = node.toArray().at(i);
            const QString name = node.toObject().value(QStringLiteral("name")).toString();
            parts.append(name.isEmpty() ? QString::number(i + 1) : name);
        } else {
            node = node.toObject().value(part);
            parts.append(part);
        }
    }
    return parts.join(QStringLiteral(" > "));
}

QString JsonFieldsModel::label(const Path& path) {
    QStringList parts;
    for (const QString& part : path) {
        bool isIndex = false;
        const int i = part.toInt(&isIndex);
        parts.append(isIndex ? QString::number(i + 1) : part);
    }
    return parts.join(QStringLiteral(" > "));
}

int JsonFieldsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(leaves_.size());
}

int JsonFieldsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 2;
}

QVariant JsonFieldsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Path& path = leaves_[std::size_t(index.row())];
    if (index.column() == 0)
        return role == Qt::DisplayRole ? QVariant(label(document_, path)) : QVariant();
    const QJsonValue value = valueAt(document_, path);
    switch (role) {
    case Qt::DisplayRole:
        if (value.isDouble()) { // no grouping: a seed or an id is not 20,261,123
            QLocale locale;
            locale.setNumberOptions(QLocale::OmitGroupSeparator);
            return locale.toString(value.toDouble(), 'g', 12);
        }
        if (value.isBool())
            return value.toBool() ? tr("true") : tr("false");
        if (value.isNull())
            return tr("(none)");
        return value.toString();
    case Qt::EditRole:
        if (value.isDouble())
            return value.toDouble();
        if (value.isBool())
            return value.toBool();
        return value.isNull() ? QString() : value.toString();
    case Qt::TextAlignmentRole:
        return value.isDouble() ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        return value.isNull() ? tr("Empty: no limit / not set. Type a number to set one.")
                              : QVariant();
    default:
        return {};
    }
}

bool JsonFieldsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != 1 || role != Qt::EditRole || !proposeEdit_)
        return false;
    const Path path = leaves_[std::size_t(index.row())];
    const QJsonValue current = valueAt(document_, path);
    QJsonValue proposed;
    const QString text = value.toString().trimmed();
    if (current.isBool()) {
        proposed = value.toBool();
    } else if (current.isDouble() || current.isNull()) {
        bool ok = false;
        double number = value.typeId() == QMetaType::Double ? value.toDouble(&ok)
                                                            : QLocale().toDouble(text, &ok);
        if (!ok)
            number = text.toDouble(&ok); // "1.5" whatever the locale
        if (text.isEmpty() && current.isNull()) {
            proposed = QJsonValue::Null;
        } else if (!ok) {
            lastError_ = tr("%1: expected a number, got \"%2\"").arg(label(path), text);
            Q_EMIT editRejected(lastError_);
            return false;
        } else {
            proposed = number;
        }
    } else {
        proposed = text;
    }
    if (proposed == current)
        return true;
    lastError_ = proposeEdit_(path, proposed).error();
    if (!lastError_.isEmpty()) {
        Q_EMIT editRejected(lastError_);
        return false;
    }
    return true;
}

Qt::ItemFlags JsonFieldsModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == 1)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant JsonFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Field") : tr("Value");
}

} // namespace marginal
