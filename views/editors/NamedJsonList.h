// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// List operations on a scenario's named documents (packages, mixes), the same for every
// editor: a name not yet taken, a copy inserted after its original, an element removed.
// Each returns the list after the operation; the editor checks it and pushes it as one
// undo step.
#include <QJsonObject>
#include <QString>
#include <vector>

namespace marginal {

class NamedJsonList {
public:
    using List = std::vector<QJsonObject>;
    // `stem` when free, else the first free "stem_2", "stem_3", ...
    static QString unusedName(const List& list, const QString& stem);
    // A copy of list[index] named "NAME_copy" (or the next free name) after it.
    static List withCopy(List list, int index);
    static List without(List list, int index);
    static QString nameAt(const List& list, int index);
};

} // namespace marginal
