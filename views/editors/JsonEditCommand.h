// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One undoable edit of a JSON document held by an editor (a package, a model mix):
// the document before and after, put back by the editor's `apply`. Successive edits
// of the same field of the same document merge into one step (typing 12, 15, 20
// into the overage price undoes to where it began).
#include <QJsonObject>
#include <QStringList>
#include <QUndoCommand>
#include <functional>

namespace marginal {

class JsonEditCommand : public QUndoCommand {
public:
    using Apply = std::function<void(int document, const QJsonObject& json)>;
    // `kind` tells editors apart (commands of different editors never merge).
    // `documentBefore`: the document undo shows (an editor's selection before a list
    // operation); -1: `document`, the one redo shows.
    JsonEditCommand(int kind, Apply apply, int document, const QStringList& field,
                    QJsonObject before, QJsonObject after, const QString& text,
                    int documentBefore = -1);
    void undo() override;
    void redo() override;
    int id() const override { return kind_; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    int kind_;
    Apply apply_;
    int document_, documentBefore_;
    QStringList field_;
    QJsonObject before_, after_;
};

} // namespace marginal
