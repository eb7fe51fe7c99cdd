#pragma once
// One edit of a package field, undoable. Successive edits of the same field merge
// into one step (typing 12, 15, 20 into the overage price undoes to where it began).
#include <QJsonObject>
#include <QStringList>
#include <QUndoCommand>

namespace marginal {

class PackageEditor;

class PackageEditCommand : public QUndoCommand {
public:
    PackageEditCommand(PackageEditor& editor, int package, const QStringList& field,
                       QJsonObject before, QJsonObject after, const QString& text);
    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    PackageEditor& editor_;
    int package_;
    QStringList field_;
    QJsonObject before_, after_;
};

} // namespace marginal
