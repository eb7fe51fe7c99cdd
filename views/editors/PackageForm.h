// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One package as a pricing person reads it: fees, credits and burn, overage, rollover,
// what happens at a zero balance, top-ups, commit, outcomes and payment fees, each
// field with its unit, choices as dropdowns, and fields shown only where they apply
// (the throttle model with a throttle). Above it, a line generated from the fields says
// what the package charges.
//
// The form never changes a package itself: each edit is announced with edited() as the
// whole package after it, and the editor decides (checks it, puts it on the undo
// stack, shows it back with setPackage()).
#include "models/domain/PriceCatalog.h"
#include "models/domain/PricingPackage.h"

#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace marginal {

class PackageForm : public QWidget {
    Q_OBJECT
public:
    explicit PackageForm(QWidget* parent = nullptr);
    // The models a throttle or a per-token rate can name, and the prices rates start from.
    void setCatalog(const PriceCatalog& catalog);
    void setPackage(const PricingPackage& package);
    const PricingPackage& package() const { return package_; }
    QString summaryText() const;
    // Puts the keyboard in the name field, all selected (Rename).
    void focusName();

    // The form's parts, by field, for tests and keyboard users alike.
    QWidget* field(const QString& key) const;
    bool isFieldShown(const QString& key) const;
    QTableWidget& rates() const { return *rates_; }
    QTableWidget& tiers() const { return *tiers_; }

Q_SIGNALS:
    // `key` names the field (edits of one field merge into one undo step).
    void edited(const QString& key, const marginal::PricingPackage& after);
    void refused(const QString& message);

private:
    using Change = std::function<void(PricingPackage&)>;
    using Get = std::function<double(const PricingPackage&)>;
    using Set = std::function<void(PricingPackage&, double)>;
    // `key` names the field: successive edits of one key merge into one undo step (a
    // spin box stepped or retyped). A choice or a button is one step each: its key is
    // made unique by discrete().
    void change(const QString& key, const Change& how);
    QString discrete(const QString& key);
    // A number field: "$" before money, its unit after; shown from `get`, edited by `set`.
    QDoubleSpinBox* number(const QString& key, const QString& prefix, const QString& suffix,
                           double max, int decimals, Get get, Set set);
    void addRow(QFormLayout* form, const QString& label, const QString& key, QWidget* widget);
    QWidget* feesGroup();
    QWidget* creditsGroup();
    QWidget* overageGroup();
    QWidget* rolloverGroup();
    QWidget* zeroBalanceGroup();
    QWidget* topUpGroup();
    QWidget* otherGroup();
    void fill();
    void fillRates();
    void fillTiers();
    void showApplicable();
    void rateEdited(int row, int column);
    void tierEdited(int row, int column);
    void switchEnforcement(PricingPackage::Enforcement to);
    void switchBurn(BurnRule::Type to);
    CreditRates ratesFromCatalog(const QString& model, double creditsPerUsd) const;

    PricingPackage package_;
    PriceCatalog catalog_;
    bool filling_ = false;
    int discreteEdits_ = 0;
    QLabel* summary_;
    QLineEdit* name_;
    QLineEdit* description_;
    QComboBox* burnType_;
    QComboBox* rolloverMode_;
    QComboBox* enforcement_;
    QComboBox* throttleModel_;
    QComboBox* afterLimit_;
    QComboBox* addRateModel_;
    QLabel* topUpNote_;
    QCheckBox* topUpExpires_;
    QTableWidget* rates_;
    QTableWidget* tiers_;
    struct NumberField {
        QDoubleSpinBox* box;
        Get get;
    };
    std::vector<NumberField> numbers_;
    std::vector<std::pair<QString, QWidget*>> fields_;
    std::vector<std::pair<QFormLayout*, QWidget*>> rows_;
};

} // namespace marginal
