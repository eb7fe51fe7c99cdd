// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/LineupEditor.h"
#include "views/editors/EditorParts.h"
#include "views/editors/LineupEdits.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginal {

namespace {

const QString kNoBaseline = QStringLiteral("(none: bills are not compared)");

QTableWidget* twoColumnTable(const QString& second) {
    auto* table = new QTableWidget(0, 2);
    table->setHorizontalHeaderLabels({QObject::tr("cohort"), second});
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setSelectionMode(QAbstractItemView::NoSelection);
    return table;
}

// Makes `list` show `names`, reusing its items: a refresh runs inside the signals of
// the widgets it updates, so none of them is deleted under its own signal.
void syncList(QListWidget* list, const QStringList& names, Qt::ItemFlags flags) {
    const QSignalBlocker quiet(list);
    while (list->count() > names.size())
        delete list->takeItem(list->count() - 1);
    for (qsizetype i = 0; i < names.size(); ++i) {
        QListWidgetItem* item = i < list->count() ? list->item(int(i)) : new QListWidgetItem(list);
        item->setText(names[i]);
        item->setFlags(flags);
    }
}

// Sets a box's value without announcing it (a refresh is not an edit).
template <typename Box, typename V> void quietly(Box* box, V value) {
    const QSignalBlocker quiet(box);
    box->setValue(value);
}

} // namespace

LineupEditor::LineupEditor(Source source, Propose proposer, QWidget* parent)
    : QWidget(parent), source_(std::move(source)), propose_(std::move(proposer)),
      error_(EditorParts::refusalLabel()) {
    list_ = new QListWidget;
    list_->setObjectName(QStringLiteral("lineupList"));
    list_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    new_ = new QPushButton(tr("&New"));
    duplicate_ = new QPushButton(tr("D&uplicate"));
    rename_ = new QPushButton(tr("Rena&me"));
    rename_->setToolTip(tr("Edit the name in the list (F2)"));
    delete_ = new QPushButton(tr("&Delete"));
    auto* deleteKey = new QAction(list_);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    list_->addAction(deleteKey);
    auto* buttons = new QGridLayout;
    buttons->addWidget(new_, 0, 0);
    buttons->addWidget(duplicate_, 0, 1);
    buttons->addWidget(rename_, 1, 0);
    buttons->addWidget(delete_, 1, 1);
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Lineups: the packages shipped together. Each is run beside "
                                  "the single packages, on the same customers.")));
    left->itemAt(0)->widget()->setProperty("wordWrap", true);
    left->addWidget(list_, 1);
    left->addLayout(buttons);

    packages_ = new QListWidget;
    packages_->setObjectName(QStringLiteral("lineupPackages"));
    rule_ = new QComboBox;
    rule_->setObjectName(QStringLiteral("lineupRule"));
    rule_->addItems({tr("A package per cohort"), tr("Each customer on the cheapest package")});
    reviewEvery_ = new QSpinBox;
    reviewEvery_->setRange(0, 120);
    reviewEvery_->setSuffix(tr(" months"));
    reviewEvery_->setToolTip(tr("0: customers stay on the package they start on"));
    lookback_ = new QSpinBox;
    lookback_->setRange(1, 120);
    lookback_->setSuffix(tr(" months"));
    threshold_ = new QDoubleSpinBox;
    threshold_->setRange(0, 100);
    threshold_->setSuffix(QStringLiteral(" %"));
    threshold_->setToolTip(tr("How much cheaper another package must have been to move to it"));
    cheapestBox_ = new QGroupBox(tr("Each customer on the cheapest"));
    auto* cheapest = new QFormLayout(cheapestBox_);
    cheapest->addRow(tr("Review every"), reviewEvery_);
    cheapest->addRow(tr("Comparing the bills of the last"), lookback_);
    cheapest->addRow(tr("Moving when at least this much cheaper"), threshold_);
    byCohort_ = twoColumnTable(tr("package"));
    byCohort_->setObjectName(QStringLiteral("lineupCohortPackages"));
    byCohortBox_ = new QGroupBox(tr("A package per cohort"));
    auto* byCohort = new QVBoxLayout(byCohortBox_);
    byCohort->addWidget(byCohort_);
    lineupBox_ = new QGroupBox(tr("Lineup"));
    auto* lineup = new QVBoxLayout(lineupBox_);
    lineup->addWidget(new QLabel(tr("Packages (up to 8):")));
    lineup->addWidget(packages_, 1);
    auto* ruleRow = new QHBoxLayout;
    ruleRow->addWidget(new QLabel(tr("Customers land on")));
    ruleRow->addWidget(rule_, 1);
    lineup->addLayout(ruleRow);
    lineup->addWidget(cheapestBox_);
    lineup->addWidget(byCohortBox_, 1);

    baseline_ = new QComboBox;
    baseline_->setObjectName(QStringLiteral("scenarioBaseline"));
    baseline_->setToolTip(tr("Today's plan: every customer's bill is compared with theirs on it"));
    elasticity_ = new QDoubleSpinBox;
    elasticity_->setRange(0, 100);
    elasticity_->setDecimals(2);
    elasticity_->setToolTip(tr(
        "A month's churn is the cohort's x exp(elasticity x the bill's rise over the baseline's)"));
    shock_ = new QDoubleSpinBox;
    shock_->setRange(1, 100);
    shock_->setDecimals(2);
    shock_->setSuffix(QStringLiteral(" \u00d7"));
    shock_->setToolTip(
        tr("A bill above this many times the median of the months before is a shock"));
    churn_ = twoColumnTable(tr("monthly churn"));
    churn_->setObjectName(QStringLiteral("cohortChurn"));
    auto* moveBox = new QGroupBox(tr("Today's plan and churn (every package and lineup)"));
    auto* move = new QFormLayout(moveBox);
    move->addRow(tr("Baseline (today's plan)"), baseline_);
    move->addRow(tr("Bill elasticity of churn"), elasticity_);
    move->addRow(tr("Bill shock at"), shock_);
    move->addRow(churn_);

    auto* right = new QVBoxLayout;
    right->addWidget(lineupBox_, 3);
    right->addWidget(moveBox, 2);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(error_);

    connect(list_, &QListWidget::currentRowChanged, this, [this] { showLineup(); });
    connect(new_, &QPushButton::clicked, this, [this] { (void)addLineup(); });
    connect(duplicate_, &QPushButton::clicked, this, [this] { (void)duplicate(currentLineup()); });
    connect(delete_, &QPushButton::clicked, this, [this] { (void)remove(currentLineup()); });
    connect(deleteKey, &QAction::triggered, this, [this] { (void)remove(currentLineup()); });
    connect(rename_, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = list_->currentItem())
            list_->editItem(item);
    });
    connect(list_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (!refreshing_)
            (void)rename(list_->row(item), item->text().trimmed());
    });
    connect(packages_, &QListWidget::itemChanged, this, [this] {
        if (refreshing_ || currentLineup() < 0)
            return;
        QStringList chosen;
        for (int i = 0; i < packages_->count(); ++i)
            if (packages_->item(i)->checkState() == Qt::Checked)
                chosen << packages_->item(i)->text();
        const int index = currentLineup();
        (void)propose(LineupEdits::withPackages(source_(), index, chosen),
                      QStringLiteral("lineup/%1").arg(++structuralEdits_),
                      tr("Choose the packages of a lineup"));
    });
    connect(rule_, &QComboBox::currentIndexChanged, this, [this](int rule) {
        if (refreshing_ || currentLineup() < 0)
            return;
        (void)propose(LineupEdits::withRule(source_(), currentLineup(), Lineup::Rule(rule)),
                      QStringLiteral("lineup/%1").arg(++structuralEdits_),
                      tr("Change how customers land on a lineup"));
    });
    // Typing in one field merges into one step; another field is another step.
    connect(reviewEvery_, &QSpinBox::valueChanged, this,
            [this] { proposeCheapest(QStringLiteral("review_every")); });
    connect(lookback_, &QSpinBox::valueChanged, this,
            [this] { proposeCheapest(QStringLiteral("lookback")); });
    connect(threshold_, &QDoubleSpinBox::valueChanged, this,
            [this] { proposeCheapest(QStringLiteral("switch_threshold")); });
    connect(baseline_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (refreshing_)
            return;
        (void)propose(
            LineupEdits::withBaseline(source_(), i <= 0 ? QString() : baseline_->itemText(i)),
            QStringLiteral("baseline/%1").arg(++structuralEdits_), tr("Choose the baseline"));
    });
    connect(elasticity_, &QDoubleSpinBox::valueChanged, this, [this](double x) {
        if (!refreshing_)
            (void)propose(LineupEdits::withElasticity(source_(), x),
                          QStringLiteral("bill_elasticity"),
                          tr("Set the bill elasticity of churn"));
    });
    connect(shock_, &QDoubleSpinBox::valueChanged, this, [this](double x) {
        if (!refreshing_)
            (void)propose(LineupEdits::withShockFactor(source_(), x),
                          QStringLiteral("shock_factor"), tr("Set the bill shock factor"));
    });
    refresh();
}

int LineupEditor::currentLineup() const {
    return list_->currentRow();
}

void LineupEditor::selectLineup(int index) {
    list_->setCurrentRow(index);
}

QString LineupEditor::errorText() const {
    return error_->text();
}

Status LineupEditor::propose(const QJsonObject& after, const QString& key, const QString& text) {
    // Keys of their own: the settings editor's edits of the same scenario are of the same
    // undo kind and number their list edits too; a shared key would merge two steps.
    const Status s = propose_(after, QStringLiteral("lineups/") + key, text);
    if (!s)
        error_->setText(s.error());
    else
        error_->clear();
    refresh(); // a refused edit puts the widgets back as the scenario has them
    return s;
}

void LineupEditor::proposeCheapest(const QString& field) {
    if (refreshing_ || currentLineup() < 0)
        return;
    (void)propose(LineupEdits::withCheapest(source_(), currentLineup(), reviewEvery_->value(),
                                            lookback_->value(), threshold_->value() / 100.0),
                  QStringLiteral("lineup/%1/%2").arg(currentLineup()).arg(field),
                  tr("Change a lineup's reviews"));
}

Status LineupEditor::addLineup() {
    const QJsonObject scenario = source_();
    if (LineupEdits::packageNames(scenario).isEmpty())
        return Status::failure(tr("A lineup needs packages: add one on the Packages page."));
    const Status s = propose(LineupEdits::added(scenario),
                             QStringLiteral("list/%1").arg(++structuralEdits_), tr("New lineup"));
    if (s)
        selectLineup(list_->count() - 1);
    return s;
}

Status LineupEditor::duplicate(int index) {
    if (index < 0)
        return Status::failure(tr("Choose a lineup first."));
    const Status s =
        propose(LineupEdits::duplicated(source_(), index),
                QStringLiteral("list/%1").arg(++structuralEdits_), tr("Duplicate lineup"));
    if (s)
        selectLineup(index + 1);
    return s;
}

Status LineupEditor::remove(int index) {
    if (index < 0)
        return Status::failure(tr("Choose a lineup first."));
    const Status s =
        propose(LineupEdits::removed(source_(), index),
                QStringLiteral("list/%1").arg(++structuralEdits_), tr("Delete lineup"));
    if (s)
        selectLineup(std::min(index, list_->count() - 1));
    return s;
}

Status LineupEditor::rename(int index, const QString& name) {
    if (index < 0)
        return Status::failure(tr("Choose a lineup first."));
    const Status s =
        propose(LineupEdits::renamed(source_(), index, name),
                QStringLiteral("list/%1").arg(++structuralEdits_), tr("Rename lineup"));
    selectLineup(index);
    return s;
}

void LineupEditor::refresh() {
    refreshing_ = true;
    const QJsonObject scenario = source_();
    const std::vector<Lineup> lineups = LineupEdits::lineupsOf(scenario);
    const int keep = list_->currentRow();
    QStringList names;
    for (const Lineup& l : lineups)
        names << l.name;
    syncList(list_, names, Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
    {
        const QSignalBlocker quiet(list_);
        list_->setCurrentRow(lineups.empty() ? -1 : std::clamp(keep, 0, int(lineups.size()) - 1));
    }
    for (QPushButton* b : {duplicate_, rename_, delete_})
        b->setEnabled(!lineups.empty());
    new_->setEnabled(!scenario.isEmpty());
    // What decides who moves and who leaves.
    {
        const QSignalBlocker quiet(baseline_);
        baseline_->clear();
        baseline_->addItem(kNoBaseline);
        baseline_->addItems(LineupEdits::packageNames(scenario));
        for (const Lineup& l : lineups)
            baseline_->addItem(l.name);
        const QString chosen = scenario.value(QStringLiteral("baseline")).toString();
        baseline_->setCurrentIndex(chosen.isEmpty() ? 0 : std::max(0, baseline_->findText(chosen)));
    }
    quietly(elasticity_, scenario.value(QStringLiteral("bill_elasticity")).toDouble(0.0));
    quietly(shock_, scenario.value(QStringLiteral("shock_factor")).toDouble(2.0));
    const QStringList cohorts = LineupEdits::cohortNames(scenario);
    const QJsonArray cohortJson = scenario.value(QStringLiteral("cohorts")).toArray();
    churn_->setRowCount(int(cohorts.size()));
    for (int c = 0; c < cohorts.size(); ++c) {
        churn_->setItem(c, 0, new QTableWidgetItem(cohorts[c]));
        churn_->item(c, 0)->setFlags(Qt::ItemIsEnabled);
        auto* box = qobject_cast<QDoubleSpinBox*>(churn_->cellWidget(c, 1));
        if (!box) {
            box = new QDoubleSpinBox;
            box->setRange(0, 100);
            box->setDecimals(2);
            box->setSuffix(QStringLiteral(" % a month"));
            churn_->setCellWidget(c, 1, box);
            connect(box, &QDoubleSpinBox::valueChanged, this, [this, c](double percent) {
                if (!refreshing_)
                    (void)propose(LineupEdits::withChurn(source_(), c, percent / 100.0),
                                  QStringLiteral("churn/%1").arg(c), tr("Set a cohort's churn"));
            });
        }
        quietly(
            box,
            100.0 *
                cohortJson.at(c).toObject().value(QStringLiteral("churn_monthly")).toDouble(0.0));
    }
    refreshing_ = false;
    showLineup();
}

void LineupEditor::showLineup() {
    refreshing_ = true;
    const QJsonObject scenario = source_();
    const std::vector<Lineup> lineups = LineupEdits::lineupsOf(scenario);
    const int index = currentLineup();
    lineupBox_->setEnabled(index >= 0 && index < int(lineups.size()));
    if (!lineupBox_->isEnabled()) {
        syncList(packages_, {}, Qt::NoItemFlags);
        byCohort_->setRowCount(0);
        refreshing_ = false;
        return;
    }
    const Lineup& l = lineups[std::size_t(index)];
    lineupBox_->setTitle(tr("Lineup %1").arg(l.name));
    syncList(packages_, LineupEdits::packageNames(scenario),
             Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    {
        const QSignalBlocker quiet(packages_);
        for (int i = 0; i < packages_->count(); ++i)
            packages_->item(i)->setCheckState(
                l.packages.contains(packages_->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
    }
    {
        const QSignalBlocker quiet(rule_);
        rule_->setCurrentIndex(int(l.rule));
    }
    const bool cheapest = l.rule == Lineup::Rule::Cheapest;
    cheapestBox_->setVisible(cheapest);
    byCohortBox_->setVisible(!cheapest);
    quietly(reviewEvery_, l.reviewEvery);
    quietly(lookback_, l.lookback);
    quietly(threshold_, 100.0 * l.switchThreshold);
    const QStringList cohorts = LineupEdits::cohortNames(scenario);
    byCohort_->setRowCount(cheapest ? 0 : int(cohorts.size()));
    for (int c = 0; !cheapest && c < cohorts.size(); ++c) {
        byCohort_->setItem(c, 0, new QTableWidgetItem(cohorts[c]));
        byCohort_->item(c, 0)->setFlags(Qt::ItemIsEnabled);
        auto* box = qobject_cast<QComboBox*>(byCohort_->cellWidget(c, 1));
        if (!box) {
            box = new QComboBox;
            byCohort_->setCellWidget(c, 1, box);
            connect(box, &QComboBox::currentTextChanged, this, [this, c](const QString& p) {
                if (!refreshing_ && byCohort_->item(c, 0))
                    (void)propose(LineupEdits::withCohortPackage(source_(), currentLineup(),
                                                                 byCohort_->item(c, 0)->text(), p),
                                  QStringLiteral("lineup/%1").arg(++structuralEdits_),
                                  tr("Place a cohort on a package"));
            });
        }
        const QSignalBlocker quiet(box);
        box->clear();
        box->addItems(l.packages);
        box->setCurrentIndex(std::max(0, int(l.packages.indexOf(l.packageFor(cohorts[c])))));
    }
    refreshing_ = false;
}

} // namespace marginal
