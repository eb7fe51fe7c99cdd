// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/JsonEditCommand.h"

namespace marginal {

JsonEditCommand::JsonEditCommand(int kind, Apply apply, int document, const QStringList& field,
                                 QJsonObject before, QJsonObject after, const QString& text,
                                 int documentBefore)
    : QUndoCommand(text), kind_(kind), apply_(std::move(apply)), document_(document),
      documentBefore_(documentBefore < 0 ? document : documentBefore), field_(field),
      before_(std::move(before)), after_(std::move(after)) {}

void JsonEditCommand::undo() {
    apply_(documentBefore_, before_);
}

void JsonEditCommand::redo() {
    apply_(document_, after_);
}

bool JsonEditCommand::mergeWith(const QUndoCommand* other) {
    const auto* edit = static_cast<const JsonEditCommand*>(other);
    if (edit->document_ != document_ || edit->field_ != field_)
        return false;
    after_ = edit->after_;
    return true;
}

} // namespace marginal
