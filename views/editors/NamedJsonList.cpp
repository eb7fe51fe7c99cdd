// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/NamedJsonList.h"

#include <QSet>

namespace marginal {

namespace {
const QString kName = QStringLiteral("name");
}

QString NamedJsonList::unusedName(const List& list, const QString& stem) {
    QSet<QString> names;
    for (const QJsonObject& item : list)
        names.insert(item.value(kName).toString());
    QString name = stem;
    for (int n = 2; names.contains(name); ++n)
        name = QStringLiteral("%1_%2").arg(stem).arg(n);
    return name;
}

NamedJsonList::List NamedJsonList::withCopy(List list, int index) {
    QJsonObject copy = list.at(std::size_t(index));
    copy.insert(kName, unusedName(list, nameAt(list, index) + QStringLiteral("_copy")));
    list.insert(list.begin() + index + 1, copy);
    return list;
}

NamedJsonList::List NamedJsonList::without(List list, int index) {
    list.erase(list.begin() + index);
    return list;
}

QString NamedJsonList::nameAt(const List& list, int index) {
    return list.at(std::size_t(index)).value(kName).toString();
}

} // namespace marginal
