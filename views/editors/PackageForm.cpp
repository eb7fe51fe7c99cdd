// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/editors/PackageForm.h"
#include "models/domain/Limits.h"
#include "models/domain/PackageSummary.h"
#include "models/domain/PackageTemplates.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace marginal {

namespace {

const QLocale kEnglish(QLocale::English, QLocale::UnitedStates);
const QString kAnyModel = QStringLiteral("*");

// "1,000", "$0.012", " 25 ": what a person types into a table cell.
std::optional<double> parseAmount(QString text) {
    text = text.trimmed().remove(QLatin1Char('$'));
    // Commas only as thousands separators: "1,2,3" is a typo, not 123.
    static const QRegularExpression grouped(QStringLiteral(R"(^-?\d{1,3}(,\d{3})+(\.\d*)?$)"));
    if (text.contains(QLatin1Char(',')) && !grouped.match(text).hasMatch())
        return std::nullopt;
    text.remove(QLatin1Char(','));
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

QTableWidget* smallTable(const QStringList& headers) {
    auto* table = new QTableWidget(0, int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setMinimumHeight(90);
    table->setMaximumHeight(160);
    return table;
}

QGroupBox* group(const QString& title, QFormLayout*& form) {
    auto* box = new QGroupBox(title);
    form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    return box;
}

// The per-credit list price: what one credit of usage costs at the supplier's prices.
double costPerCredit(const PricingPackage& p) {
    return p.burn.type == BurnRule::Type::CostPlus && p.burn.creditsPerUsd > 0.0
               ? 1.0 / p.burn.creditsPerUsd
               : 0.01;
}

// A first pack: a month's credits at cost +20%, bought below a tenth of a pack.
TopUpPack startingPack(const PricingPackage& p) {
    TopUpPack pack;
    pack.credits = std::max(100.0, std::round(p.includedCredits));
    pack.price = std::round(pack.credits * costPerCredit(p) * 120.0) / 100.0;
    pack.threshold = std::round(pack.credits / 10.0);
    pack.maxPacksPerMonth = 5;
    return pack;
}

OverageTier startingTier(const PricingPackage& p) {
    return {std::numeric_limits<double>::infinity(), costPerCredit(p) * 1.2};
}

} // namespace

PackageForm::PackageForm(QWidget* parent)
    : QWidget(parent), summary_(new QLabel), name_(new QLineEdit), description_(new QLineEdit),
      burnType_(new QComboBox), rolloverMode_(new QComboBox), enforcement_(new QComboBox),
      throttleModel_(new QComboBox), afterLimit_(new QComboBox), addRateModel_(new QComboBox),
      topUpNote_(new QLabel(tr("Packs are bought automatically when the balance runs low: "
                               "choose \"Buy top-up packs automatically\" under At a zero "
                               "balance."))),
      topUpExpires_(new QCheckBox(tr("Pack credits lapse at month end"))),
      rates_(smallTable({tr("Input"), tr("Cached input"), tr("Cache write"), tr("Output")})),
      tiers_(smallTable({tr("Up to (credits)"), tr("Price ($ per credit)")})) {
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setStyleSheet(QStringLiteral("font-weight: bold; padding: 4px"));
    summary_->setObjectName(QStringLiteral("packageSummary"));

    auto* identity = new QFormLayout;
    addRow(identity, tr("&Name"), QStringLiteral("name"), name_);
    addRow(identity, tr("N&otes"), QStringLiteral("description"), description_);
    description_->setPlaceholderText(tr("Your own words; the line above is generated"));
    connect(name_, &QLineEdit::editingFinished, this, [this] {
        const QString name = name_->text().trimmed();
        if (name != package_.name)
            change(QStringLiteral("name"), [name](PricingPackage& p) { p.name = name; });
    });
    connect(description_, &QLineEdit::editingFinished, this, [this] {
        const QString text = description_->text();
        if (text != package_.description)
            change(QStringLiteral("description"),
                   [text](PricingPackage& p) { p.description = text; });
    });

    auto* columns = new QGridLayout;
    columns->addWidget(feesGroup(), 0, 0);
    columns->addWidget(creditsGroup(), 1, 0);
    columns->addWidget(overageGroup(), 2, 0);
    columns->addWidget(zeroBalanceGroup(), 0, 1);
    columns->addWidget(rolloverGroup(), 1, 1);
    columns->addWidget(topUpGroup(), 2, 1);
    columns->addWidget(otherGroup(), 3, 0, 1, 2);
    columns->setRowStretch(4, 1);

    auto* inner = new QWidget;
    auto* innerLayout = new QVBoxLayout(inner);
    innerLayout->addWidget(summary_);
    innerLayout->addLayout(identity);
    innerLayout->addLayout(columns, 1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void PackageForm::addRow(QFormLayout* form, const QString& label, const QString& key,
                         QWidget* widget) {
    form->addRow(label, widget);
    widget->setObjectName(key);
    fields_.emplace_back(key, widget);
    rows_.emplace_back(form, widget);
}

QDoubleSpinBox* PackageForm::number(const QString& key, const QString& prefix,
                                    const QString& suffix, double max, int decimals, Get get,
                                    Set set) {
    auto* box = new QDoubleSpinBox;
    box->setLocale(kEnglish);
    box->setGroupSeparatorShown(true);
    box->setDecimals(decimals);
    box->setRange(0.0, max);
    box->setPrefix(prefix);
    box->setSuffix(suffix);
    box->setKeyboardTracking(false); // one edit when the typing is done, not per digit
    box->setAccelerated(true);
    connect(box, &QDoubleSpinBox::valueChanged, this, [this, key, set](double value) {
        change(key, [set, value](PricingPackage& p) { set(p, value); });
    });
    numbers_.push_back({box, std::move(get)});
    return box;
}

QWidget* PackageForm::feesGroup() {
    QFormLayout* form = nullptr;
    QGroupBox* box = group(tr("Fees"), form);
    addRow(form, tr("Base fee"), QStringLiteral("base_fee"),
           number(
               QStringLiteral("base_fee"), QStringLiteral("$"), tr(" a month"), limits::kMonthlyUsd,
               2, [](const PricingPackage& p) { return p.baseFee; },
               [](PricingPackage& p, double v) { p.baseFee = v; }));
    addRow(form, tr("Seat fee"), QStringLiteral("seat_fee"),
           number(
               QStringLiteral("seat_fee"), QStringLiteral("$"), tr(" per seat a month"),
               limits::kMonthlyUsd, 2, [](const PricingPackage& p) { return p.seatFee; },
               [](PricingPackage& p, double v) {
                   p.seatFee = v;
                   if (v > 0.0 && p.seats == 0)
                       p.seats = 1;
               }));
    addRow(form, tr("Seats"), QStringLiteral("seats"),
           number(
               QStringLiteral("seats"), QString(), tr(" seats"), 1000000, 0,
               [](const PricingPackage& p) { return p.seats; },
               [](PricingPackage& p, double v) {
                   p.seats = std::max(int(v), p.seatFee > 0.0 ? 1 : 0); // a seat fee needs a seat
               }));
    return box;
}

QWidget* PackageForm::creditsGroup() {
    QFormLayout* form = nullptr;
    QGroupBox* box = group(tr("Credits and burn"), form);
    addRow(form, tr("Included"), QStringLiteral("included_credits"),
           number(
               QStringLiteral("included_credits"), QString(), tr(" credits a month"),
               limits::kCredits, 0, [](const PricingPackage& p) { return p.includedCredits; },
               [](PricingPackage& p, double v) { p.includedCredits = v; }));
    burnType_->addItem(tr("Cost-plus: credits per $1 of inference cost"),
                       int(BurnRule::Type::CostPlus));
    burnType_->addItem(tr("Per token: credits per 1M tokens, by model"),
                       int(BurnRule::Type::PerToken));
    connect(burnType_, &QComboBox::activated, this,
            [this] { switchBurn(BurnRule::Type(burnType_->currentData().toInt())); });
    addRow(form, tr("Usage burns"), QStringLiteral("burn.type"), burnType_);
    addRow(form, tr("Credits per $1"), QStringLiteral("burn.credits_per_usd"),
           number(
               QStringLiteral("burn.credits_per_usd"), QString(), tr(" credits per $1 of cost"),
               limits::kCreditRate, 2, [](const PricingPackage& p) { return p.burn.creditsPerUsd; },
               [](PricingPackage& p, double v) { p.burn.creditsPerUsd = v; }));

    // The per-token rates: a model x token-class grid, with models added and removed.
    auto* ratesBox = new QWidget;
    auto* ratesLayout = new QVBoxLayout(ratesBox);
    ratesLayout->setContentsMargins(0, 0, 0, 0);
    ratesLayout->addWidget(new QLabel(tr("Credits per 1M tokens")));
    ratesLayout->addWidget(rates_);
    auto* ratesButtons = new QHBoxLayout;
    auto* addRate = new QPushButton(tr("Add model"));
    auto* removeRate = new QPushButton(tr("Remove model"));
    ratesButtons->addWidget(addRateModel_, 1);
    ratesButtons->addWidget(addRate);
    ratesButtons->addWidget(removeRate);
    ratesLayout->addLayout(ratesButtons);
    addRow(form, tr("Rates"), QStringLiteral("burn.rates"), ratesBox);
    connect(rates_, &QTableWidget::cellChanged, this, &PackageForm::rateEdited);
    connect(addRate, &QPushButton::clicked, this, [this] {
        const QString model = addRateModel_->currentData().toString();
        if (model.isEmpty())
            return;
        change(discrete(QStringLiteral("burn.rates+") + model), [this, model](PricingPackage& p) {
            const CreditRates rates = ratesFromCatalog(model, 100.0);
            if (model == kAnyModel) {
                p.burn.hasDefaultRates = true;
                p.burn.defaultRates = rates;
            } else {
                p.burn.perModel.emplace_back(model, rates);
            }
        });
    });
    connect(removeRate, &QPushButton::clicked, this, [this] {
        const int row = rates_->currentRow();
        if (row < 0) {
            Q_EMIT refused(tr("Select the model to remove in the rates grid first."));
            return;
        }
        change(discrete(QStringLiteral("burn.rates-%1").arg(row)), [row](PricingPackage& p) {
            if (row < int(p.burn.perModel.size()))
                p.burn.perModel.erase(p.burn.perModel.begin() + row);
            else
                p.burn.hasDefaultRates = false;
        });
    });
    addRow(form, tr("Per request"), QStringLiteral("burn.credits_per_request"),
           number(
               QStringLiteral("burn.credits_per_request"), QString(), tr(" credits a request"),
               limits::kCreditRate, 2,
               [](const PricingPackage& p) { return p.burn.creditsPerRequest; },
               [](PricingPackage& p, double v) { p.burn.creditsPerRequest = v; }));
    return box;
}

QWidget* PackageForm::overageGroup() {
    QFormLayout* form = nullptr;
    QGroupBox* box = group(tr("Overage (credits beyond the balance)"), form);
    auto* tiersBox = new QWidget;
    auto* tiersLayout = new QVBoxLayout(tiersBox);
    tiersLayout->setContentsMargins(0, 0, 0, 0);
    tiersLayout->addWidget(tiers_);
    auto* buttons = new QHBoxLayout;
    auto* addTier = new QPushButton(tr("Add tier"));
    auto* removeTier = new QPushButton(tr("Remove tier"));
    buttons->addStretch(1);
    buttons->addWidget(addTier);
    buttons->addWidget(removeTier);
    tiersLayout->addLayout(buttons);
    addRow(form, tr("Tiers"), QStringLiteral("overage"), tiersBox);
    tiers_->setToolTip(tr("Graduated: each tier prices the overage credits of the month up "
                          "to its bound; the last tier has no limit."));
    connect(tiers_, &QTableWidget::cellChanged, this, &PackageForm::tierEdited);
    connect(addTier, &QPushButton::clicked, this, [this] {
        change(discrete(QStringLiteral("overage+")), [](PricingPackage& p) {
            if (p.overage.empty()) { // the first tier: usage at cost +20%
                p.overage.push_back(startingTier(p));
                return;
            }
            // The open last tier gets a bound; a new open tier follows at its price.
            const double lower = p.overage.size() > 1 ? p.overage[p.overage.size() - 2].upTo : 0.0;
            OverageTier& last = p.overage.back();
            last.upTo = lower > 0.0 ? lower * 2.0 : 1000.0;
            p.overage.push_back({std::numeric_limits<double>::infinity(), last.price});
        });
    });
    connect(removeTier, &QPushButton::clicked, this, [this] {
        const int row = tiers_->currentRow() >= 0 ? tiers_->currentRow() : tiers_->rowCount() - 1;
        if (row < 0)
            return;
        if (tiers_->rowCount() == 1 &&
            package_.enforcement == PricingPackage::Enforcement::Overage) {
            Q_EMIT refused(tr("Billing overage needs a price: keep one tier, or choose another "
                              "behaviour under At a zero balance first."));
            return;
        }
        change(discrete(QStringLiteral("overage-%1").arg(row)), [row](PricingPackage& p) {
            if (row >= int(p.overage.size()))
                return;
            p.overage.erase(p.overage.begin() + row);
            if (!p.overage.empty()) // the last tier has no upper bound
                p.overage.back().upTo = std::numeric_limits<double>::infinity();
        });
    });
    return box;
}

QWidget* PackageForm::rolloverGroup() {
    QFormLayout* form = nullptr;
    QGroupBox* box = group(tr("Rollover of unused credits"), form);
    rolloverMode_->addItem(tr("None: unused credits lapse at month end"),
                           int(Rollover::Mode::None));
    rolloverMode_->addItem(tr("Capped: carried over up to a balance"), int(Rollover::Mode::Capped));
    rolloverMode_->addItem(tr("Expiry: usable for some more months"), int(Rollover::Mode::Expiry));
    connect(rolloverMode_, &QComboBox::activated, this, [this] {
        const auto mode = Rollover::Mode(rolloverMode_->currentData().toInt());
        change(discrete(QStringLiteral("rollover.mode")), [mode](PricingPackage& p) {
            p.rollover.mode = mode;
            if (mode == Rollover::Mode::Capped && p.rollover.maxBalance <= 0.0)
                p.rollover.maxBalance = p.includedCredits * 2.0;
            if (mode == Rollover::Mode::Expiry && p.rollover.expiryMonths <= 0)
                p.rollover.expiryMonths = 1;
        });
    });
    addRow(form, tr("Rollover"), QStringLiteral("rollover.mode"), rolloverMode_);
    addRow(form, tr("Most carried"), QStringLiteral("rollover.max_balance"),
           number(
               QStringLiteral("rollover.max_balance"), QString(), tr(" credits"), limits::kCredits,
               0, [](const PricingPackage& p) { return p.rollover.maxBalance; },
               [](PricingPackage& p, double v) { p.rollover.maxBalance = v; }));
    addRow(form, tr("Usable for"), QStringLiteral("rollover.months"),
           number(
               QStringLiteral("rollover.months"), QString(), tr(" more months"), 24, 0,
               [](const PricingPackage& p) { return p.rollover.expiryMonths; },
               [](PricingPackage& p, double v) { p.rollover.expiryMonths = int(v); }));
    return box;
}

QWidget* PackageForm::zeroBalanceGroup() {
    QFormLayout* form = nullptr;
    QGroupBox* box = group(tr("At a zero balance"), form);
    enforcement_->addItem(tr("Bill overage"), int(PricingPackage::Enforcement::Overage));
    enforcement_->addItem(tr("Block usage (hard cap)"), int(PricingPackage::Enforcement::Block));
    enforcement_->addItem(tr("Throttle to a cheaper model"),
                          int(PricingPackage::Enforcement::Throttle));
    enforcement_->addItem(tr("Buy top-up packs automatically"),
                          int(PricingPackage::Enforcement::AutoTopUp));
    connect(enforcement_, &QComboBox::activated, this, [this] {
        switchEnforcement(PricingPackage::Enforcement(enforcement_->currentData().toInt()));
    });
    addRow(form, tr("Then"), QStringLiteral("enforcement"), enforcement_);
    connect(throttleModel_, &QComboBox::activated, this, [this] {
        const QString model = throttleModel_->currentText();
        change(discrete(QStringLiteral("throttle_model")),
               [model](PricingPackage& p) { p.throttleModel = model; });
    });
    addRow(form, tr("Served on"), QStringLiteral("throttle_model"), throttleModel_);
    afterLimit_->addItem(tr("Block usage"), int(PricingPackage::AfterLimit::Block));
    afterLimit_->addItem(tr("Bill overage"), int(PricingPackage::AfterLimit::Overage));
    connect(afterLimit_, &QComboBox::activated, this, [this] {
        const auto after = PricingPackage::AfterLimit(afterLimit_->currentData().toInt());
        change(discrete(QStringLiteral("after_limit")), [after](PricingPackage& p) {
            p.afterLimit = after;
            if (after == PricingPackage::AfterLimit::Overage && p.overage.empty())
                p.overage.push_back(startingTier(p));
        });
    });
    addRow(form, tr("Past the pack limit"), QStringLiteral("after_limit"), afterLimit_);
    return box;
}

QWidget* PackageForm::topUpGroup() {
    QFormLayout* form = nullptr;
    QGroupBox* box = group(tr("Top-up packs"), form);
    topUpNote_->setWordWrap(true);
    addRow(form, QString(), QStringLiteral("topup.note"), topUpNote_);
    addRow(form, tr("Pack"), QStringLiteral("topup.pack_credits"),
           number(
               QStringLiteral("topup.pack_credits"), QString(), tr(" credits"), limits::kCredits, 0,
               [](const PricingPackage& p) { return p.topUp.credits; },
               [](PricingPackage& p, double v) { p.topUp.credits = v; }));
    addRow(form, tr("Pack price"), QStringLiteral("topup.pack_price"),
           number(
               QStringLiteral("topup.pack_price"), QStringLiteral("$"), tr(" a pack"),
               limits::kMonthlyUsd, 2, [](const PricingPackage& p) { return p.topUp.price; },
               [](PricingPackage& p, double v) { p.topUp.price = v; }));
    addRow(form, tr("Bought below"), QStringLiteral("topup.threshold"),
           number(
               QStringLiteral("topup.threshold"), QString(), tr(" credits of balance"),
               limits::kCredits, 0, [](const PricingPackage& p) { return p.topUp.threshold; },
               [](PricingPackage& p, double v) { p.topUp.threshold = v; }));
    addRow(form, tr("At most"), QStringLiteral("topup.max_packs_per_month"),
           number(
               QStringLiteral("topup.max_packs_per_month"), QString(), tr(" packs a month"), 10000,
               0, [](const PricingPackage& p) { return p.topUp.maxPacksPerMonth; },
               [](PricingPackage& p, double v) { p.topUp.maxPacksPerMonth = int(v); }));
    connect(topUpExpires_, &QCheckBox::toggled, this, [this](bool on) {
        change(discrete(QStringLiteral("topup.expires_at_month_end")),
               [on](PricingPackage& p) { p.topUp.expiresAtMonthEnd = on; });
    });
    addRow(form, QString(), QStringLiteral("topup.expires_at_month_end"), topUpExpires_);
    return box;
}

QWidget* PackageForm::otherGroup() {
    QFormLayout* form = nullptr;
    QGroupBox* box = group(tr("Commit, outcomes and payment fees"), form);
    addRow(form, tr("Commit"), QStringLiteral("commit"),
           number(
               QStringLiteral("commit"), QStringLiteral("$"),
               tr(" a month minimum (shortfall billed as a true-up)"), limits::kMonthlyUsd, 2,
               [](const PricingPackage& p) { return p.commit; },
               [](PricingPackage& p, double v) { p.commit = v; }));
    addRow(form, tr("Outcome price"), QStringLiteral("outcomes.price"),
           number(
               QStringLiteral("outcomes.price"), QStringLiteral("$"), tr(" per outcome"),
               limits::kMonthlyUsd, 4, [](const PricingPackage& p) { return p.outcomes.price; },
               [](PricingPackage& p, double v) { p.outcomes.price = v; }));
    addRow(form, tr("Outcomes"), QStringLiteral("outcomes.rate_per_request"),
           number(
               QStringLiteral("outcomes.rate_per_request"), QString(), tr(" per served request"),
               1.0, 4, [](const PricingPackage& p) { return p.outcomes.ratePerRequest; },
               [](PricingPackage& p, double v) { p.outcomes.ratePerRequest = v; }));
    addRow(form, tr("Payment fee"), QStringLiteral("payment_fees.percent"),
           number(
               QStringLiteral("payment_fees.percent"), QString(), tr(" % of the month's charges"),
               100.0, 2, [](const PricingPackage& p) { return p.fees.percent; },
               [](PricingPackage& p, double v) { p.fees.percent = v; }));
    addRow(form, tr("Fixed fee"), QStringLiteral("payment_fees.fixed"),
           number(
               QStringLiteral("payment_fees.fixed"), QStringLiteral("$"), tr(" per invoice"),
               limits::kMonthlyUsd, 2, [](const PricingPackage& p) { return p.fees.fixed; },
               [](PricingPackage& p, double v) { p.fees.fixed = v; }));
    return box;
}

void PackageForm::setCatalog(const PriceCatalog& catalog) {
    catalog_ = catalog;
    const QSignalBlocker block(throttleModel_);
    throttleModel_->clear();
    for (const CatalogModel& m : catalog_.models())
        throttleModel_->addItem(m.id);
    fill();
}

void PackageForm::setPackage(const PricingPackage& package) {
    package_ = package;
    fill();
}

QString PackageForm::summaryText() const {
    return summary_->text();
}

void PackageForm::focusName() {
    name_->setFocus(Qt::ShortcutFocusReason);
    name_->selectAll();
}

QWidget* PackageForm::field(const QString& key) const {
    for (const auto& [name, widget] : fields_)
        if (name == key)
            return widget;
    return nullptr;
}

bool PackageForm::isFieldShown(const QString& key) const {
    for (const auto& [form, widget] : rows_)
        if (widget->objectName() == key)
            return form->isRowVisible(widget);
    return false;
}

QString PackageForm::discrete(const QString& key) {
    return QStringLiteral("%1#%2").arg(key).arg(++discreteEdits_);
}

void PackageForm::change(const QString& key, const Change& how) {
    if (filling_)
        return;
    PricingPackage after = package_;
    how(after);
    Q_EMIT edited(key, after);
    fill(); // a refused edit shows the package as it still is
}

void PackageForm::fill() {
    filling_ = true;
    const PricingPackage& p = package_;
    summary_->setText(PackageSummary::sentence(p));
    name_->setText(p.name);
    description_->setText(p.description);
    for (const NumberField& n : numbers_) {
        const QSignalBlocker block(n.box);
        n.box->setValue(n.get(p));
    }
    const auto select = [](QComboBox* box, int value) {
        const QSignalBlocker block(box);
        box->setCurrentIndex(box->findData(value));
    };
    select(burnType_, int(p.burn.type));
    select(rolloverMode_, int(p.rollover.mode));
    select(enforcement_, int(p.enforcement));
    select(afterLimit_, int(p.afterLimit));
    {
        const QSignalBlocker block(throttleModel_);
        throttleModel_->setCurrentIndex(throttleModel_->findText(p.throttleModel));
    }
    {
        const QSignalBlocker block(topUpExpires_);
        topUpExpires_->setChecked(p.topUp.expiresAtMonthEnd);
    }
    fillRates();
    fillTiers();
    showApplicable();
    filling_ = false;
}

void PackageForm::fillRates() {
    const QSignalBlocker block(rates_);
    QStringList rows;
    std::vector<CreditRates> values;
    for (const auto& [model, r] : package_.burn.perModel) {
        rows << model;
        values.push_back(r);
    }
    if (package_.burn.hasDefaultRates) {
        rows << tr("any other model (*)");
        values.push_back(package_.burn.defaultRates);
    }
    rates_->setRowCount(int(rows.size()));
    rates_->setVerticalHeaderLabels(rows);
    for (int r = 0; r < int(values.size()); ++r) {
        const CreditRates& v = values[std::size_t(r)];
        const double cells[] = {v.input, v.cachedInput, v.cacheWrite, v.output};
        for (int c = 0; c < 4; ++c)
            rates_->setItem(r, c, new QTableWidgetItem(PackageSummary::number(cells[c])));
    }
    const QSignalBlocker blockModels(addRateModel_);
    addRateModel_->clear();
    for (const CatalogModel& m : catalog_.models())
        if (std::none_of(package_.burn.perModel.begin(), package_.burn.perModel.end(),
                         [&](const auto& rate) { return rate.first == m.id; }))
            addRateModel_->addItem(m.id, m.id);
    if (!package_.burn.hasDefaultRates)
        addRateModel_->addItem(tr("any other model (*)"), kAnyModel);
}

void PackageForm::fillTiers() {
    const QSignalBlocker block(tiers_);
    tiers_->setRowCount(int(package_.overage.size()));
    for (int r = 0; r < int(package_.overage.size()); ++r) {
        const OverageTier& t = package_.overage[std::size_t(r)];
        auto* bound = new QTableWidgetItem(std::isfinite(t.upTo) ? PackageSummary::number(t.upTo)
                                                                 : tr("no limit"));
        if (!std::isfinite(t.upTo))
            bound->setFlags(bound->flags() & ~Qt::ItemIsEditable);
        tiers_->setItem(r, 0, bound);
        tiers_->setItem(r, 1, new QTableWidgetItem(PackageSummary::money(t.price)));
    }
}

void PackageForm::showApplicable() {
    const PricingPackage& p = package_;
    const bool costPlus = p.burn.type == BurnRule::Type::CostPlus;
    // Packs are bought only under auto top-up (docs/MODEL.md section 6.4).
    const bool topUp = p.enforcement == PricingPackage::Enforcement::AutoTopUp;
    const std::vector<std::pair<QString, bool>> shown = {
        {QStringLiteral("seats"), p.seatFee > 0.0 || p.seats > 0},
        {QStringLiteral("burn.credits_per_usd"), costPlus},
        {QStringLiteral("burn.rates"), !costPlus},
        {QStringLiteral("rollover.max_balance"), p.rollover.mode == Rollover::Mode::Capped},
        {QStringLiteral("rollover.months"), p.rollover.mode == Rollover::Mode::Expiry},
        {QStringLiteral("throttle_model"), p.enforcement == PricingPackage::Enforcement::Throttle},
        {QStringLiteral("after_limit"), p.enforcement == PricingPackage::Enforcement::AutoTopUp},
        {QStringLiteral("topup.note"), !topUp},
        {QStringLiteral("topup.pack_credits"), topUp},
        {QStringLiteral("topup.pack_price"), topUp},
        {QStringLiteral("topup.threshold"), topUp},
        {QStringLiteral("topup.max_packs_per_month"), topUp},
        {QStringLiteral("topup.expires_at_month_end"), topUp},
        {QStringLiteral("outcomes.rate_per_request"), p.outcomes.price > 0.0},
    };
    for (const auto& [key, on] : shown)
        for (const auto& [form, widget] : rows_)
            if (widget->objectName() == key)
                form->setRowVisible(widget, on);
}

void PackageForm::rateEdited(int row, int column) {
    const std::optional<double> value = parseAmount(rates_->item(row, column)->text());
    if (!value || *value < 0.0) {
        Q_EMIT refused(tr("Rates: \"%1\" is not a number of credits >= 0")
                           .arg(rates_->item(row, column)->text()));
        fill();
        return;
    }
    change(QStringLiteral("burn.rates.%1.%2").arg(row).arg(column),
           [row, column, v = *value](PricingPackage& p) {
               CreditRates& r = row < int(p.burn.perModel.size())
                                    ? p.burn.perModel[std::size_t(row)].second
                                    : p.burn.defaultRates;
               double* cells[] = {&r.input, &r.cachedInput, &r.cacheWrite, &r.output};
               *cells[column] = v;
           });
}

void PackageForm::tierEdited(int row, int column) {
    const QString text = tiers_->item(row, column)->text();
    const std::optional<double> value = parseAmount(text);
    if (!value || *value < 0.0) {
        Q_EMIT refused(tr("Overage tier %1: \"%2\" is not %3")
                           .arg(row + 1)
                           .arg(text, column == 0 ? tr("a number of credits > 0")
                                                  : tr("a price >= 0 in $ per credit")));
        fill();
        return;
    }
    change(QStringLiteral("overage.%1.%2").arg(row).arg(column),
           [row, column, v = *value](PricingPackage& p) {
               OverageTier& t = p.overage[std::size_t(row)];
               (column == 0 ? t.upTo : t.price) = v;
           });
}

CreditRates PackageForm::ratesFromCatalog(const QString& model, double creditsPerUsd) const {
    // Credits at list price: a model's $ per 1M tokens times the credits a $1 buys.
    const TokenPrices* prices = catalog_.pricesAt(
        model == kAnyModel ? PackageTemplates::cheapestModel(catalog_) : model, catalog_.asOf);
    if (!prices)
        return {};
    return {prices->input * creditsPerUsd, prices->cachedInput * creditsPerUsd,
            prices->cacheWrite5m * creditsPerUsd, prices->output * creditsPerUsd};
}

void PackageForm::switchBurn(BurnRule::Type to) {
    change(discrete(QStringLiteral("burn.type")), [this, to](PricingPackage& p) {
        if (p.burn.type == to)
            return;
        if (to == BurnRule::Type::PerToken) {
            // The same credit value as before, now written out per model.
            const double perUsd = p.burn.creditsPerUsd > 0.0 ? p.burn.creditsPerUsd : 100.0;
            p.burn.perModel.clear();
            for (const CatalogModel& m : catalog_.models())
                p.burn.perModel.emplace_back(m.id, ratesFromCatalog(m.id, perUsd));
            p.burn.hasDefaultRates = false;
        } else {
            // Back to cost-plus at the credit value the first rate implies.
            double perUsd = 100.0;
            for (const auto& [model, r] : p.burn.perModel)
                if (const TokenPrices* prices = catalog_.pricesAt(model, catalog_.asOf);
                    prices && prices->output > 0.0 && r.output > 0.0) {
                    perUsd = r.output / prices->output;
                    break;
                }
            p.burn.creditsPerUsd = perUsd;
        }
        p.burn.type = to;
    });
}

void PackageForm::switchEnforcement(PricingPackage::Enforcement to) {
    // What the new behaviour needs and the package lacks is filled in with a
    // starting value the summary shows, instead of the change being refused.
    change(discrete(QStringLiteral("enforcement")), [this, to](PricingPackage& p) {
        p.enforcement = to;
        if (to == PricingPackage::Enforcement::Overage && p.overage.empty())
            p.overage.push_back(startingTier(p));
        if (to == PricingPackage::Enforcement::Throttle && !catalog_.find(p.throttleModel))
            p.throttleModel = PackageTemplates::cheapestModel(catalog_);
        if (to == PricingPackage::Enforcement::AutoTopUp && p.topUp.credits <= 0.0)
            p.topUp = startingPack(p);
        if (to != PricingPackage::Enforcement::AutoTopUp) // packs are bought only under it
            p.topUp = TopUpPack{};
    });
}

} // namespace marginal
