// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/dialogs/RunComparisonDialog.h"
#include "models/domain/PackageSummary.h"
#include "views/dialogs/FileDialogs.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginal {

namespace {

QString moneyCell(const std::optional<DecisionRow>& row) {
    return row ? PackageSummary::money(std::round(row->meanMargin * 100.0) / 100.0) : QString();
}

QString percentCell(const std::optional<DecisionRow>& row, bool gm) {
    if (!row || (gm && !row->gmDefined))
        return QString();
    return QString::number(gm ? row->gmPercent : 100.0 * row->pNegative, 'f', 1) + QLatin1Char('%');
}

} // namespace

RunComparisonDialog::RunComparisonDialog(const QString& titleA, const QString& titleB,
                                         RunComparison comparison, QWidget* parent)
    : QDialog(parent), comparison_(std::move(comparison)), table_(new QTableWidget) {
    setWindowTitle(tr("Compare runs: A %1, B %2").arg(titleA, titleB));
    auto* intro = new QLabel(
        tr("<b>A</b>: %1<br><b>B</b>: %2<br>%3 shared rows. B \u2212 A is per customer over the "
           "horizon, \u00b1 the combined standard error; <b>bold</b>: beyond the noise (more than "
           "2 SE).")
            .arg(titleA.toHtmlEscaped(), titleB.toHtmlEscaped())
            .arg(comparison_.sharedRows()));
    intro->setWordWrap(true);
    const QStringList headers = {
        tr("Package"),        tr("Mix"),   tr("Cohort"), tr("Margin A ($)"), tr("Margin B ($)"),
        tr("B \u2212 A ($)"), tr("GM% A"), tr("GM% B"),  tr("P(loss) A"),    tr("P(loss) B")};
    table_->setColumnCount(int(headers.size()));
    table_->setHorizontalHeaderLabels(headers);
    table_->setRowCount(int(comparison_.rows.size()));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    for (int r = 0; r < int(comparison_.rows.size()); ++r) {
        const RunComparison::Row& row = comparison_.rows[std::size_t(r)];
        const bool both = row.a && row.b;
        const QString difference =
            both ? QStringLiteral("%1 \u00b1 %2")
                       .arg(PackageSummary::money(std::round(row.marginDifference * 100) / 100),
                            PackageSummary::money(std::round(row.marginDifferenceSe * 100) / 100))
                 : (row.a ? tr("only in A") : tr("only in B"));
        const QStringList cells = {row.package,
                                   row.mix,
                                   row.cohort,
                                   moneyCell(row.a),
                                   moneyCell(row.b),
                                   difference,
                                   percentCell(row.a, true),
                                   percentCell(row.b, true),
                                   percentCell(row.a, false),
                                   percentCell(row.b, false)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c >= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (row.beyondNoise && c == 5) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            if (!both)
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            table_->setItem(r, c, item);
        }
    }
    table_->resizeColumnsToContents();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* exportButton =
        buttons->addButton(tr("&Export CSV..."), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString name = FileDialogs::save(
            this, tr("Export comparison"), QStringLiteral("run_comparison.csv"), tr("CSV (*.csv)"));
        if (name.isEmpty())
            return;
        if (const Status written = exportCsv(name); !written)
            QMessageBox::warning(this, tr("Export comparison"), written.error());
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(table_, 1);
    layout->addWidget(buttons);
    resize(1100, 600);
}

Status RunComparisonDialog::exportCsv(const QString& fileName) const {
    QSaveFile file(fileName);
    const QByteArray bytes = comparison_.csv().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Status::failure(
            tr("%1: cannot write the comparison: %2").arg(fileName, file.errorString()));
    return Status::success();
}

} // namespace marginal
