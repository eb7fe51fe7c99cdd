#include "PackageEditCommand.h"
#include "PackageEditor.h"

namespace marginal {

PackageEditCommand::PackageEditCommand(PackageEditor& editor, int package, const QStringList& field,
                                       QJsonObject before, QJsonObject after, const QString& text)
    : QUndoCommand(text), editor_(editor), package_(package), field_(field),
      before_(std::move(before)), after_(std::move(after)) {}

void PackageEditCommand::undo() {
    editor_.applyPackage(package_, before_);
}

void PackageEditCommand::redo() {
    editor_.applyPackage(package_, after_);
}

bool PackageEditCommand::mergeWith(const QUndoCommand* other) {
    const auto* edit = static_cast<const PackageEditCommand*>(other);
    if (edit->package_ != package_ || edit->field_ != field_)
        return false;
    after_ = edit->after_;
    return true;
}

} // namespace marginal
