// SPDX-License-Identifier: GPL-3.0-or-later
// Making candidate packages in the app (headless): a package from each template,
// edited through the form, undone and redone to the exact JSON; fields shown only
// where they apply; the generated summary follows the fields; New, Duplicate, Rename
// and Delete as undoable steps; a change the scenario cannot take is refused with the
// reader's message and changes nothing.
#include "models/domain/PackageSummary.h"
#include "models/domain/PackageTemplates.h"
#include "tests/support/StatusChecks.h"
#include "views/editors/JsonFieldsModel.h"
#include "views/editors/MixEditor.h"
#include "views/editors/PackageEditor.h"
#include "views/editors/PackageForm.h"
#include "views/editors/ScenarioSettingsEditor.h"
#include "views/window/MainWindow.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

using namespace marginal;

namespace {

QJsonArray packagesOf(const MainWindow& w) {
    QJsonArray array;
    for (const PricingPackage& p : w.scenario()->packages)
        array.append(p.toJson());
    return array;
}

QDoubleSpinBox* spin(PackageForm& form, const char* key) {
    return qobject_cast<QDoubleSpinBox*>(form.field(QLatin1String(key)));
}

QComboBox* combo(PackageForm& form, const char* key) {
    return qobject_cast<QComboBox*>(form.field(QLatin1String(key)));
}

int rowOf(const QTableWidget& table, const char* header) {
    for (int r = 0; r < table.rowCount(); ++r)
        if (table.verticalHeaderItem(r) &&
            table.verticalHeaderItem(r)->text() == QLatin1String(header))
            return r;
    return -1;
}

// Chooses an entry of a dropdown as a person does (activated, not just set).
void choose(QComboBox* box, int data) {
    const int index = box->findData(data);
    QVERIFY(index >= 0);
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index);
}

} // namespace

class TestPackageAuthoring : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        window_ = std::make_unique<MainWindow>();
        window_->setInteractive(false);
        window_->resize(1280, 800);
        window_->show();
        QVERIFY_OK(window_->openScenario(MainWindow::bundledSample()));
        window_->showPage(MainWindow::PackagesPage);
    }
    void cleanup() { window_.reset(); }

    void everyTemplateMakesAPackageEditedUndoneAndRedoneExactly() {
        MainWindow& w = *window_;
        PackageEditor& editor = w.packageEditor();
        QUndoStack& undo = w.undoStack();
        QCOMPARE(int(PackageTemplates::all().size()), 7);
        for (const PackageTemplates::Template& t : PackageTemplates::all()) {
            const QJsonArray before = packagesOf(w);
            QVERIFY_OK(editor.addFromTemplate(t.id));
            // The new package is in the scenario, selected, named after its template.
            QCOMPARE(int(w.scenario()->packages.size()), before.size() + 1);
            const PricingPackage made = w.scenario()->packages.back();
            QCOMPARE(made.name, t.id);
            QCOMPARE(editor.currentPackage(), before.size());
            QCOMPARE(editor.list().currentItem()->text(), t.id);
            const QJsonObject created = made.toJson();

            // An edit through the form: the fee field, typed in.
            QDoubleSpinBox* fee = spin(editor.form(), "base_fee");
            QVERIFY(fee);
            fee->setValue(made.baseFee + 11.5);
            QCOMPARE(w.scenario()->packages.back().baseFee, made.baseFee + 11.5);
            QVERIFY2(
                editor.form().summaryText().contains(PackageSummary::money(made.baseFee + 11.5)),
                qPrintable(editor.form().summaryText()));
            const QJsonObject edited = w.scenario()->packages.back().toJson();
            QCOMPARE(edited.value("base_fee").toDouble(), made.baseFee + 11.5);
            QJsonObject expected = created;
            expected.insert("base_fee", made.baseFee + 11.5);
            QCOMPARE(edited, expected); // nothing else moved

            undo.undo(); // the edit
            QCOMPARE(w.scenario()->packages.back().toJson(), created);
            QCOMPARE(spin(editor.form(), "base_fee")->value(), made.baseFee);
            undo.undo(); // the New
            QCOMPARE(packagesOf(w), before);
            undo.redo();
            undo.redo();
            QCOMPARE(w.scenario()->packages.back().toJson(), edited);
        }
        QCOMPARE(int(w.scenario()->packages.size()), 8 + 7);
    }

    void templatesAreWhatTheirTitlesSay() {
        MainWindow& w = *window_;
        PackageEditor& editor = w.packageEditor();
        const auto made = [&](const char* id) {
            const QString error = editor.addFromTemplate(QLatin1String(id)).error();
            if (!error.isEmpty())
                qWarning("%s", qPrintable(error));
            return w.scenario()->packages.back();
        };
        QVERIFY(made("seat_plan").seatFee > 0.0);
        QCOMPARE(made("hard_cap").enforcement, PricingPackage::Enforcement::Block);
        const PricingPackage commit = made("commit_true_up");
        QVERIFY(commit.commit > 0.0 && !commit.overage.empty());
        const PricingPackage payg = made("payg_markup");
        QCOMPARE(payg.baseFee, 0.0);
        QCOMPARE(payg.overageCharge(100.0), 130.0); // 1 credit = $1 of cost, at +30%
        QCOMPARE(made("auto_topup").enforcement, PricingPackage::Enforcement::AutoTopUp);
        const PricingPackage throttle = made("throttle");
        QCOMPARE(throttle.enforcement, PricingPackage::Enforcement::Throttle);
        // The cheapest model of the sample catalog by output price.
        QCOMPARE(throttle.throttleModel, PackageTemplates::cheapestModel(w.scenario()->catalog));
        QVERIFY(!throttle.throttleModel.isEmpty());
        QVERIFY(!editor.addFromTemplate("no_such_template"));
    }

    void fieldsShowWhereTheyApplyAndASwitchFillsWhatItNeeds() {
        MainWindow& w = *window_;
        PackageEditor& editor = w.packageEditor();
        PackageForm& form = editor.form();
        const int credits19 = 1; // per-token burn, overage, no throttle
        editor.selectPackage(credits19);
        QCOMPARE(w.scenario()->packages[credits19].name, QStringLiteral("credits_19"));
        QVERIFY(!form.isFieldShown("throttle_model"));
        QVERIFY(!form.isFieldShown("after_limit"));
        QVERIFY(form.isFieldShown("burn.rates"));
        QVERIFY(!form.isFieldShown("burn.credits_per_usd"));
        QCOMPARE(form.rates().rowCount(), 5);
        const int opusRow = rowOf(form.rates(), "claude-opus-4-5");
        const int miniRow = rowOf(form.rates(), "gpt-5-mini");
        QVERIFY(opusRow >= 0 && miniRow >= 0);
        QCOMPARE(form.rates().item(opusRow, 3)->text(), QStringLiteral("2,500")); // output
        QCOMPARE(form.tiers().rowCount(), 1);
        QCOMPARE(form.tiers().item(0, 1)->text(), QStringLiteral("$0.01"));

        // The switch the JSON editor refused (no throttle_model): taken, model filled in.
        choose(combo(form, "enforcement"), int(PricingPackage::Enforcement::Throttle));
        const PricingPackage& throttled = w.scenario()->packages[credits19];
        QCOMPARE(throttled.enforcement, PricingPackage::Enforcement::Throttle);
        QCOMPARE(throttled.throttleModel, PackageTemplates::cheapestModel(w.scenario()->catalog));
        QVERIFY(form.isFieldShown("throttle_model"));
        QCOMPARE(combo(form, "throttle_model")->currentText(), throttled.throttleModel);
        QVERIFY2(form.summaryText().contains("traffic served on " + throttled.throttleModel),
                 qPrintable(form.summaryText()));
        // Another throttle model from the dropdown.
        QComboBox* model = combo(form, "throttle_model");
        const int opus = model->findText("claude-opus-4-5");
        QVERIFY(opus >= 0);
        model->setCurrentIndex(opus);
        Q_EMIT model->activated(opus);
        QCOMPARE(w.scenario()->packages[credits19].throttleModel,
                 QStringLiteral("claude-opus-4-5"));

        // A rate typed into the grid; a word refused with a message.
        const auto miniOutput = [&] {
            return w.scenario()->packages[credits19].burn.ratesFor("gpt-5-mini")->output;
        };
        form.rates().item(miniRow, 3)->setText("250");
        QCOMPARE(miniOutput(), 250.0);
        form.rates().item(miniRow, 3)->setText("lots");
        QVERIFY2(editor.errorText().contains("not a number"), qPrintable(editor.errorText()));
        QCOMPARE(miniOutput(), 250.0);
        QCOMPARE(form.rates().item(miniRow, 3)->text(), QStringLiteral("250"));

        // Removing a model a mix needs: the scenario reader refuses, nothing changes.
        const QJsonArray before = packagesOf(w);
        const int steps = w.undoStack().count();
        form.rates().setCurrentCell(0, 0);
        for (QPushButton* b : form.findChildren<QPushButton*>())
            if (b->text() == "Remove model")
                b->click();
        QVERIFY2(editor.errorText().contains("no credit rates for model"),
                 qPrintable(editor.errorText()));
        QCOMPARE(packagesOf(w), before);
        QCOMPARE(w.undoStack().count(), steps);
        QCOMPARE(form.rates().rowCount(), 5);
    }

    void eachChoiceIsOneUndoStepAndLeavingAutoTopUpDropsThePacks() {
        MainWindow& w = *window_;
        PackageEditor& editor = w.packageEditor();
        PackageForm& form = editor.form();
        QUndoStack& undo = w.undoStack();
        const int credits19 = 1;
        editor.selectPackage(credits19);
        const QJsonObject original = w.scenario()->packages[credits19].toJson();
        using E = PricingPackage::Enforcement;
        int steps = 0;
        for (E to : {E::Throttle, E::Block, E::AutoTopUp, E::Overage}) {
            choose(combo(form, "enforcement"), int(to));
            QCOMPARE(undo.count(), ++steps); // one step per choice, never merged
        }
        // Back at overage: the packs the auto top-up brought are gone again.
        QCOMPARE(w.scenario()->packages[credits19].toJson(), original);
        QVERIFY(!form.isFieldShown("topup.pack_price"));
        QVERIFY(form.isFieldShown("topup.note"));
        undo.undo(); // back to auto top-up, with its packs
        QCOMPARE(w.scenario()->packages[credits19].enforcement, E::AutoTopUp);
        QVERIFY(w.scenario()->packages[credits19].topUp.credits > 0.0);
        QVERIFY(form.isFieldShown("topup.pack_price"));
        undo.undo();
        QCOMPARE(w.scenario()->packages[credits19].enforcement, E::Block);
        // A choice that changes nothing is no step.
        const int before = undo.count();
        choose(combo(form, "enforcement"), int(E::Block));
        QCOMPARE(undo.count(), before);
    }

    void overageTiersAreASmallTable() {
        MainWindow& w = *window_;
        PackageEditor& editor = w.packageEditor();
        PackageForm& form = editor.form();
        const int credits19 = 1;
        editor.selectPackage(credits19);
        QPushButton* addTier = nullptr;
        for (QPushButton* b : form.findChildren<QPushButton*>())
            if (b->text() == "Add tier")
                addTier = b;
        QVERIFY(addTier);
        const int steps = w.undoStack().count();
        addTier->click();
        QCOMPARE(form.tiers().rowCount(), 2);
        QCOMPARE(w.undoStack().count(), steps + 1);
        QCOMPARE(form.tiers().item(0, 0)->text(), QStringLiteral("1,000"));
        QCOMPARE(form.tiers().item(1, 0)->text(), QStringLiteral("no limit"));
        QVERIFY(!(form.tiers().item(1, 0)->flags() & Qt::ItemIsEditable));
        form.tiers().item(1, 1)->setText("$0.008");
        const PricingPackage& p = w.scenario()->packages[credits19];
        QCOMPARE(int(p.overage.size()), 2);
        // 1,500 overage credits: 1,000 at $0.01 and 500 at $0.008.
        QCOMPARE(p.overageCharge(1500.0), 1000 * 0.01 + 500 * 0.008);
        QVERIFY2(form.summaryText().contains("$0.01 up to 1,000, $0.008 beyond"),
                 qPrintable(form.summaryText()));
        // A bound below zero is refused by the table, one not above the previous by the reader.
        form.tiers().item(0, 0)->setText("-5");
        QVERIFY(editor.errorText().contains("Overage tier 1"));
        QCOMPARE(w.scenario()->packages[credits19].overage[0].upTo, 1000.0);
        // Commas only as thousands separators: "1,2,3" is refused, "2,500" taken.
        form.tiers().item(0, 0)->setText("1,2,3");
        QVERIFY(editor.errorText().contains("\"1,2,3\" is not"));
        QCOMPARE(w.scenario()->packages[credits19].overage[0].upTo, 1000.0);
        form.tiers().item(0, 0)->setText("2,500");
        QCOMPARE(w.scenario()->packages[credits19].overage[0].upTo, 2500.0);
        // Down to one tier; the last one an overage package needs stays, and says why.
        QPushButton* removeTier = nullptr;
        for (QPushButton* b : form.findChildren<QPushButton*>())
            if (b->text() == "Remove tier")
                removeTier = b;
        form.tiers().setCurrentCell(1, 0);
        removeTier->click();
        QCOMPARE(int(w.scenario()->packages[credits19].overage.size()), 1);
        removeTier->click();
        QCOMPARE(int(w.scenario()->packages[credits19].overage.size()), 1);
        QVERIFY2(editor.errorText().contains("Billing overage needs a price"),
                 qPrintable(editor.errorText()));
    }

    void renameDuplicateDeleteAreUndoable() {
        MainWindow& w = *window_;
        PackageEditor& editor = w.packageEditor();
        QUndoStack& undo = w.undoStack();
        const QJsonArray original = packagesOf(w);
        editor.selectPackage(0);
        QVERIFY_OK(editor.rename(0, "pro_20_renamed"));
        QCOMPARE(w.scenario()->packages[0].name, QStringLiteral("pro_20_renamed"));
        QCOMPARE(editor.list().item(0)->text(), QStringLiteral("pro_20_renamed"));
        // A name already taken is refused.
        QVERIFY(!editor.rename(0, "credits_19"));
        QVERIFY2(editor.errorText().contains("credits_19"), qPrintable(editor.errorText()));
        QCOMPARE(w.scenario()->packages[0].name, QStringLiteral("pro_20_renamed"));

        editor.selectPackage(1); // as a user would: select, then Duplicate
        QVERIFY_OK(editor.duplicate(1));
        QCOMPARE(int(w.scenario()->packages.size()), 9);
        QCOMPARE(w.scenario()->packages[2].name, QStringLiteral("credits_19_copy"));
        QJsonObject copy = w.scenario()->packages[2].toJson();
        copy.insert("name", "credits_19");
        QCOMPARE(copy, w.scenario()->packages[1].toJson());
        QCOMPARE(editor.currentPackage(), 2);
        {
            w.undoStack().undo(); // back to the package that was duplicated
            QCOMPARE(editor.currentPackage(), 1);
            w.undoStack().redo();
            QCOMPARE(editor.currentPackage(), 2);
        }

        QVERIFY_OK(editor.remove(0));
        QCOMPARE(int(w.scenario()->packages.size()), 8);
        QCOMPARE(w.scenario()->packages[0].name, QStringLiteral("credits_19"));
        QCOMPARE(undo.count(), 3);
        undo.undo();
        undo.undo();
        undo.undo();
        QCOMPARE(packagesOf(w), original);
        QCOMPARE(editor.list().item(0)->text(), QStringLiteral("pro_20_api_rates"));

        // The last package cannot go: a scenario needs one.
        while (w.scenario()->packages.size() > 1)
            QVERIFY_OK(editor.remove(0));
        QVERIFY(!editor.remove(0));
        QVERIFY(editor.errorText().contains("at least one package"));
    }

    void mixesAreMadeDuplicatedRenamedAndDeleted() {
        MainWindow& w = *window_;
        MixEditor& mixes = w.mixEditor();
        QUndoStack& undo = w.undoStack();
        const auto mixNames = [&] {
            QStringList names;
            for (const ModelMix& m : w.scenario()->mixes)
                names << m.name;
            return names;
        };
        const QStringList original = mixNames();
        QCOMPARE(original, (QStringList{"observed", "premium_heavy"}));

        // New: every cohort on one model. credits_19 prices per token and lacks
        // claude-opus-4-1, so a mix all on it is refused by the scenario reader.
        QVERIFY_OK(mixes.addMix("claude-haiku-4-5"));
        QCOMPARE(mixNames().last(), QString("all_claude-haiku-4-5"));
        const ModelMix& haiku = w.scenario()->mixes.back();
        for (const CohortProfile& c : w.scenario()->cohorts) {
            const ModelShares* shares = haiku.sharesFor(c.name);
            QVERIFY(shares && shares->size() == 1);
            QCOMPARE(shares->front(), (std::pair<QString, double>{"claude-haiku-4-5", 1.0}));
        }
        const Status refused = mixes.addMix("claude-opus-4-1");
        QVERIFY2(refused.error().contains("no credit rates for model \"claude-opus-4-1\""),
                 qPrintable(refused.error()));
        QCOMPARE(mixNames().size(), 3);

        QVERIFY_OK(mixes.duplicate(0));
        QCOMPARE(mixNames()[1], QString("observed_copy"));
        QVERIFY_OK(mixes.rename(1, "observed_v2"));
        QCOMPARE(mixNames()[1], QString("observed_v2"));
        QVERIFY(!mixes.rename(1, "premium_heavy")); // taken, and said so
        QVERIFY2(mixes.errorText().contains("\"premium_heavy\" is used twice"),
                 qPrintable(mixes.errorText()));
        QVERIFY_OK(mixes.remove(0));
        QCOMPARE(mixNames(), (QStringList{"observed_v2", "premium_heavy", "all_claude-haiku-4-5"}));
        QCOMPARE(undo.count(), 4);
        for (int i = 0; i < 4; ++i)
            undo.undo();
        QCOMPARE(mixNames(), original);
        for (int i = 0; i < 4; ++i)
            undo.redo();
        QCOMPARE(mixNames(), (QStringList{"observed_v2", "premium_heavy", "all_claude-haiku-4-5"}));
    }

    void cohortsAndRepricingEventsAreAddedRemovedAndRenamed() {
        MainWindow& w = *window_;
        ScenarioSettingsEditor& settings = w.settingsEditor();
        const QJsonObject original = w.scenario()->toJson();
        QCOMPARE(int(w.scenario()->cohorts.size()), 3);

        // A copy of the heavy cohort: 100 customers, and every mix gives it heavy's shares.
        // A mix made on its page first: a cohort added next keeps it (the Scenario page
        // once wrote its stale copy of the scenario back over it).
        QVERIFY_OK(w.mixEditor().addMix("claude-haiku-4-5"));
        QVERIFY_OK(settings.addCohort(2));
        QCOMPARE(int(w.scenario()->cohorts.size()), 4);
        QCOMPARE(int(w.scenario()->mixes.size()), 3);
        QVERIFY(w.scenario()->mixes.back().sharesFor("cohort_1"));
        const CohortProfile& added = w.scenario()->cohorts.back();
        QCOMPARE(added.name, QString("cohort_1"));
        QCOMPARE(added.customers, 100);
        QCOMPARE(added.mu, w.scenario()->cohorts[2].mu);
        for (const ModelMix& mix : w.scenario()->mixes)
            QCOMPARE(*mix.sharesFor("cohort_1"), *mix.sharesFor("heavy"));

        // Renamed through the field table: the mixes follow the new name.
        JsonFieldsModel& fields = settings.fields();
        const int nameRow = fields.rowOf({"cohorts", "3", "name"});
        QVERIFY(nameRow >= 0);
        // Rows are named by the cohort, not its place in the list.
        QCOMPARE(fields.data(fields.index(fields.rowOf({"cohorts", "2", "mu"}), 0)).toString(),
                 QString("cohorts > heavy > mu"));
        QVERIFY(fields.setData(fields.index(nameRow, 1), QString("enterprise")));
        QCOMPARE(w.scenario()->cohorts.back().name, QString("enterprise"));
        for (const ModelMix& mix : w.scenario()->mixes) {
            QVERIFY(mix.sharesFor("enterprise"));
            QVERIFY(!mix.sharesFor("cohort_1"));
        }

        // Repricing: one more event, then the sample's own removed.
        QCOMPARE(int(w.scenario()->repricing.size()), 1);
        QVERIFY_OK(settings.addRepricingEvent());
        QCOMPARE(int(w.scenario()->repricing.size()), 2);
        QCOMPARE(w.scenario()->repricing.back().month, 6);
        QVERIFY_OK(settings.removeRepricingEvent(0));
        QCOMPARE(int(w.scenario()->repricing.size()), 1);
        QVERIFY_OK(settings.removeCohort(0)); // low goes, from the mixes too
        QCOMPARE(w.scenario()->cohorts.front().name, QString("medium"));
        for (const ModelMix& mix : w.scenario()->mixes)
            QVERIFY(!mix.sharesFor("low"));

        QUndoStack& undo = w.undoStack();
        QCOMPARE(undo.count(), 6);
        while (undo.canUndo())
            undo.undo();
        QCOMPARE(w.scenario()->toJson(), original);
    }

    void theWindowFitsA1024PixelScreen() {
        // No page may force the window wider than a 1024 x 768 screen (a long label
        // without word wrap did: the mix page once needed 1,203 px).
        MainWindow& w = *window_;
        QVERIFY2(w.minimumSizeHint().width() <= 1024,
                 qPrintable(QString::number(w.minimumSizeHint().width())));
        w.resize(1024, 768);
        for (int page = MainWindow::SummaryPageIndex; page <= MainWindow::RunsPageIndex; ++page) {
            w.showPage(MainWindow::Page(page));
            QApplication::processEvents();
            QCOMPARE(w.width(), 1024);
        }
    }

    void summaryIsPlainLanguage() {
        MainWindow& w = *window_;
        const auto sentence = [&](const char* name) {
            for (const PricingPackage& p : w.scenario()->packages)
                if (p.name == QLatin1String(name))
                    return PackageSummary::sentence(p);
            return QString();
        };
        QCOMPARE(sentence("capped_29"),
                 QStringLiteral("$29/month; 2,900 credits included a month (100 credits per $1 of "
                                "inference cost); unused credits lapse at month end; usage blocked "
                                "at a zero balance; payment fees 2.9% + $0.30."));
        QCOMPARE(sentence("team_throttle_40"),
                 QStringLiteral("2 seats at $20/month; 3,000 credits included a month (100 credits "
                                "per $1 of inference cost); credits usable for 2 more months; past "
                                "the balance, traffic served on claude-haiku-4-5; payment fees "
                                "2.9% + $0.30."));
        QVERIFY(
            sentence("commit_875").contains("$875 monthly minimum, shortfall billed as a true-up"));
        QCOMPARE(PackageSummary::money(1125), QStringLiteral("$1,125"));
        QCOMPARE(PackageSummary::money(0.0125), QStringLiteral("$0.0125"));
        QCOMPARE(PackageSummary::money(-2000), QStringLiteral("\u2212$2,000"));
        w.packageEditor().selectPackage(6); // starter_topup_10: rollover, top-ups
        QVERIFY(w.packageEditor().form().isFieldShown("topup.pack_price"));
        QVERIFY(w.packageEditor().form().isFieldShown("after_limit"));
        QVERIFY(w.packageEditor().form().isFieldShown("rollover.max_balance"));
        QVERIFY(!w.packageEditor().form().isFieldShown("rollover.months"));
        w.grab().save(QStringLiteral(MARGINAL_BINARY_DIR "/package_form.png"));
    }

private:
    std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(TestPackageAuthoring)
#include "tst_PackageAuthoring.moc"
