// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/DecisionTablePage.h"
#include "views/tables/DecisionFilterModel.h"
#include "views/tables/DecisionPivotModel.h"
#include "views/tables/DecisionTableModel.h"
#include "views/tables/FrozenColumnsTableView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace marginal {

namespace {

const char* const kHiddenColumnsKey = "decisionTable/hiddenColumns";

QComboBox* picker(QHBoxLayout* bar, const QString& label, const QString& tip) {
    auto* box = new QComboBox;
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setToolTip(tip);
    auto* text = new QLabel(label);
    text->setBuddy(box);
    bar->addWidget(text);
    bar->addWidget(box);
    return box;
}

// Refills `box` with `items` after `first` (none when empty), keeping the current
// choice when it is still there.
void refill(QComboBox* box, const QString& first, const QStringList& items) {
    const QString previous = box->currentData().toString();
    QSignalBlocker block(box);
    box->clear();
    if (!first.isEmpty())
        box->addItem(first, QString());
    for (const QString& item : items)
        box->addItem(item, item);
    const int index = box->findData(previous);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

} // namespace

DecisionTablePage::DecisionTablePage(DecisionTableModel& model, QWidget* parent)
    : QWidget(parent), model_(model), filtered_(new DecisionFilterModel(this)),
      pivot_(new DecisionPivotModel(this)) {
    filtered_->setSourceModel(&model_);
    hidden_ = QSettings().value(QLatin1String(kHiddenColumnsKey)).toStringList();

    auto* bar = new QHBoxLayout;
    cohort_ = picker(bar, tr("C&ohort"), tr("Show one cohort's rows, or all"));
    mix_ = picker(bar, tr("M&ix"), tr("Show one model mix's rows, or all"));
    baseline_ = picker(bar, tr("&Baseline"),
                       tr("Compare every row's margin with this package's on the same mix "
                          "and cohort"));
    baseline_->setObjectName(QStringLiteral("baselinePicker"));
    columns_ = new QToolButton;
    columns_->setText(tr("Co&lumns"));
    columns_->setToolTip(tr("Choose the columns shown (exports keep all of them)"));
    columns_->setPopupMode(QToolButton::InstantPopup);
    columns_->setMenu(new QMenu(columns_));
    bar->addWidget(columns_);
    bar->addStretch(1);
    connect(cohort_, &QComboBox::currentIndexChanged, this,
            [this] { filtered_->setCohort(cohort_->currentData().toString()); });
    connect(mix_, &QComboBox::currentIndexChanged, this,
            [this] { filtered_->setMix(mix_->currentData().toString()); });
    connect(baseline_, &QComboBox::currentIndexChanged, this, [this] {
        model_.setBaseline(baseline_->currentData().toString());
        applyHiddenColumns();
    });

    table_ = new FrozenColumnsTableView(DecisionTableModel::kIdentityColumns);
    table_->setModel(filtered_);
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // run order
    table_->setSortingEnabled(true);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->frozenView().setAlternatingRowColors(true);
    connect(&model_, &QAbstractItemModel::modelReset, this, [this] { applyHiddenColumns(); });

    auto* legend = new QLabel(
        tr("<span style='color:#c81e1e'>Red</span>: a negative margin per customer, or "
           "P(margin &lt; 0) at %1% or more. ± is one standard error. Hover a header for "
           "its meaning (Help > Column Glossary).")
            .arg(int(100 * DecisionTableModel::kRiskyNegativeShare)));
    legend->setWordWrap(true);

    auto* tablePage = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(bar);
    tableLayout->addWidget(table_, 1);
    tableLayout->addWidget(legend);

    auto* pivotBar = new QHBoxLayout;
    pivotMix_ = picker(pivotBar, tr("Mi&x"), tr("The model mix pivoted"));
    pivotMeasure_ = picker(pivotBar, tr("Meas&ure"), tr("The figure in each cell"));
    pivotMeasure_->addItem(tr("GM %"), int(DecisionPivotModel::Measure::GmPercent));
    pivotMeasure_->addItem(tr("Margin / customer ($)"),
                           int(DecisionPivotModel::Measure::MarginPerCustomer));
    pivotBar->addStretch(1);
    connect(pivotMix_, &QComboBox::currentIndexChanged, this,
            [this] { pivot_->setMix(pivotMix_->currentData().toString()); });
    connect(pivotMeasure_, &QComboBox::currentIndexChanged, this, [this] {
        pivot_->setMeasure(DecisionPivotModel::Measure(pivotMeasure_->currentData().toInt()));
    });
    pivotView_ = new QTableView;
    pivotView_->setModel(pivot_);
    pivotView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    pivotView_->setAlternatingRowColors(true);
    auto* pivotPage = new QWidget;
    auto* pivotLayout = new QVBoxLayout(pivotPage);
    pivotLayout->setContentsMargins(0, 0, 0, 0);
    pivotLayout->addLayout(pivotBar);
    pivotLayout->addWidget(pivotView_, 1);
    pivotLayout->addWidget(new QLabel(tr("Packages down, cohorts across, for one model mix. "
                                         "Hover a cell for its margin, SE and P(margin < 0).")));

    tabs_ = new QTabWidget;
    tabs_->addTab(tablePage, tr("Table"));
    tabs_->addTab(pivotPage, tr("Pivot"));

    auto* empty = new QLabel(tr("<h3>No run yet</h3><p>Run the scenario (<b>Run</b>, Ctrl+R) "
                                "and its decision table appears here: one row per package, "
                                "model mix and cohort.</p>"));
    empty->setObjectName(QStringLiteral("emptyState"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    stack_ = new QStackedWidget;
    stack_->addWidget(empty);
    stack_->addWidget(tabs_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack_);
    rebuildColumnMenu();
}

void DecisionTablePage::setRows(const std::vector<DecisionRow>& rows,
                                const QString& scenarioBaseline) {
    const DecisionNames names = DecisionNames::of(rows);
    refill(cohort_, tr("All cohorts"), names.cohorts);
    refill(mix_, tr("All mixes"), names.mixes);
    refill(baseline_, tr("None"), names.packages);
    // The scenario's plan of today is the comparison to start from, until one is chosen.
    if (baseline_->currentIndex() == 0 && !scenarioBaseline.isEmpty()) {
        const QSignalBlocker block(baseline_);
        baseline_->setCurrentIndex(std::max(0, baseline_->findData(scenarioBaseline)));
    }
    refill(pivotMix_, QString(), names.mixes);
    filtered_->setCohort(cohort_->currentData().toString());
    filtered_->setMix(mix_->currentData().toString());
    model_.setBaseline(baseline_->currentData().toString());
    pivot_->setRows(rows);
    pivot_->setMix(pivotMix_->currentData().toString());
    stack_->setCurrentIndex(rows.empty() ? 0 : 1);
    applyHiddenColumns();
}

void DecisionTablePage::setColumnShown(const QString& name, bool shown) {
    hidden_.removeAll(name);
    if (!shown)
        hidden_.append(name);
    QSettings().setValue(QLatin1String(kHiddenColumnsKey), hidden_);
    applyHiddenColumns();
}

bool DecisionTablePage::isColumnShown(const QString& name) const {
    const int column = model_.columnOf(name);
    return column >= 0 && !table_->isColumnHidden(column);
}

void DecisionTablePage::applyHiddenColumns() {
    for (int c = 0; c < model_.columnCount(); ++c) // identity columns always shown
        table_->setColumnHidden(c, c >= DecisionTableModel::kIdentityColumns &&
                                       hidden_.contains(model_.columnName(c)));
    rebuildColumnMenu();
}

void DecisionTablePage::rebuildColumnMenu() {
    QMenu* menu = columns_->menu();
    menu->clear();
    for (int c = DecisionTableModel::kIdentityColumns; c < model_.columnCount(); ++c) {
        const QString name = model_.columnName(c);
        QAction* action =
            menu->addAction(model_.headerData(c, Qt::Horizontal).toString(), this,
                            [this, name](bool checked) { setColumnShown(name, checked); });
        action->setCheckable(true);
        action->setChecked(!hidden_.contains(name));
    }
}

} // namespace marginal
