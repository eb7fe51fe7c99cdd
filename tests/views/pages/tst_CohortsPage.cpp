// SPDX-License-Identifier: GPL-3.0-or-later
// The Cohorts page says, above the figures, when models the catalog lacks were priced
// at 0, with their share of tokens; a fit without them shows no warning.
#include "views/pages/CohortsPage.h"

#include <QtTest>

using namespace marginal;

class TestCohortsPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void warnsOfUnpricedModels() {
        CohortsPage page;
        page.show();
        CohortFitResult fit;
        fit.cutPoints = {50, 90};
        page.setFit(fit);
        QCOMPARE(page.unpricedWarning(), QString());
        fit.unpriced.addTotal(1000);
        fit.unpriced.addUnpriced("mystery-llm", 24);
        fit.unpriced.addUnpriced("other", 1);
        page.setFit(fit);
        QCOMPARE(page.unpricedWarning(),
                 QString("Models not in the price catalog are priced at 0: mystery-llm (2.4% of "
                         "tokens), other (0.1%). Add their prices on the Catalog page (or with "
                         "marginal-cli catalog import)."));
        page.showHint("no usage yet");
        QCOMPARE(page.unpricedWarning(), QString());
    }
};

QTEST_MAIN(TestCohortsPage)
#include "tst_CohortsPage.moc"
