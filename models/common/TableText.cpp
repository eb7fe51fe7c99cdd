// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/common/TableText.h"

namespace marginal {

static bool looksLikeFormula(const QString& text) {
    if (text.isEmpty())
        return false;
    const QChar first = text.front();
    if (first != u'=' && first != u'+' && first != u'-' && first != u'@' && first != u'\t' &&
        first != u'\r')
        return false;
    bool isNumber = false;
    text.toDouble(&isNumber);
    return !isNumber;
}

QString TableText::csvField(const QString& text) {
    QString value = looksLikeFormula(text) ? QStringLiteral("'") + text : text;
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n') ||
        value.contains(u'\r') || value.contains(u';')) {
        value.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        value = QStringLiteral("\"") + value + QStringLiteral("\"");
    }
    return value;
}

QString TableText::csvLine(const QStringList& fields) {
    QStringList escaped;
    escaped.reserve(fields.size());
    for (const QString& f : fields)
        escaped.append(csvField(f));
    return escaped.join(u',') + QStringLiteral("\r\n");
}

QString TableText::tsvLine(const QStringList& fields) {
    QStringList cells;
    cells.reserve(fields.size());
    for (const QString& f : fields) {
        QString value = looksLikeFormula(f) ? QStringLiteral("'") + f : f;
        for (const QChar c : {u'\t', u'\n', u'\r'})
            value.replace(c, u' ');
        cells.append(value);
    }
    return cells.join(u'\t') + u'\n';
}

QString TableText::markdownCell(const QString& text) {
    QString value = text;
    value.replace(QStringLiteral("\\"), QStringLiteral("\\\\"));
    value.replace(QStringLiteral("|"), QStringLiteral("\\|"));
    value.replace(QStringLiteral("\r"), QString());
    value.replace(QStringLiteral("\n"), QStringLiteral(" "));
    return value;
}

QString TableText::markdownTable(const QStringList& header, const QList<QStringList>& rows) {
    QString out;
    const auto line = [](const QStringList& cells) {
        QStringList escaped;
        for (const QString& c : cells)
            escaped.append(markdownCell(c));
        return QStringLiteral("| ") + escaped.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    };
    out += line(header);
    QStringList rule;
    for (qsizetype i = 0; i < header.size(); ++i)
        rule.append(QStringLiteral("---"));
    out += QStringLiteral("|") + rule.join(QStringLiteral("|")) + QStringLiteral("|\n");
    for (const QStringList& row : rows)
        out += line(row);
    return out;
}

} // namespace marginal
