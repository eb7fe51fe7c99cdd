#pragma once
// `marginal-cli import --project P FILE... [--format F] [--customer-field X]
//  [--mapping M.json] [--keep-invalid] [--quiet]`
#include <QStringList>
#include <QTextStream>
#include <atomic>

namespace marginal {

class ImportCommand {
public:
    ImportCommand(QTextStream& out, QTextStream& err, const std::atomic<bool>& cancel)
        : out_(out), err_(err), cancel_(cancel) {}
    int run(const QStringList& args);

private:
    QTextStream& out_;
    QTextStream& err_;
    const std::atomic<bool>& cancel_;
};

} // namespace marginal
