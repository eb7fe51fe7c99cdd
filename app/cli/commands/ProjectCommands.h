#pragma once
// marginal-cli commands on a project's data:
//   generate-usage --scenario S --out FILE [--customers N] [--months M] [--seed X]
//   cohorts --project P [--catalog FILE] [--cuts 50,90] [--out DIR]
//   replay --project P --packages A.json,B.json --out DIR [--catalog FILE]
#include <QStringList>
#include <QTextStream>

namespace marginal {

class ProjectCommands {
public:
    ProjectCommands(QTextStream& out, QTextStream& err) : out_(out), err_(err) {}
    int generateUsage(const QStringList& args);
    int cohorts(const QStringList& args);
    int replay(const QStringList& args);

private:
    QTextStream& out_;
    QTextStream& err_;
};

} // namespace marginal
