// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/pages/SummaryPage.h"
#include "models/domain/Scenario.h"
#include "models/project/Project.h"
#include "simulator/results/DecisionColumnFormat.h"
#include "simulator/results/RunHeadline.h"
#include "simulator/results/RunRecord.h"
#include "views/tables/DecisionTableModel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace marginal {

namespace {

QLabel* richLabel() {
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QString usd(double value) {
    return DecisionColumnFormat::of(QStringLiteral("mean_margin_usd"))
        .display(QString::number(value, 'f', 2));
}

} // namespace

SummaryPage::SummaryPage(QWidget* parent) : QWidget(parent) {
    auto* title = new QLabel(tr("<h2>Marginal</h2><p>What a pricing package does to gross "
                                "margin per customer, before you ship it.</p>"));
    open_ = richLabel();
    nextStep_ = richLabel();
    headline_ = richLabel();
    next_ = new QPushButton;
    next_->setDefault(true);
    sample_ = new QPushButton(tr("Open the &bundled sample"));
    newProject_ = new QPushButton(tr("&New project for my usage..."));
    connect(sample_, &QPushButton::clicked, this, &SummaryPage::sampleRequested);
    connect(newProject_, &QPushButton::clicked, this, &SummaryPage::newProjectRequested);
    connect(next_, &QPushButton::clicked, this, [this] {
        switch (step_) {
        case Step::OpenSample:
            Q_EMIT sampleRequested();
            break;
        case Step::Run:
            Q_EMIT runRequested();
            break;
        case Step::Import:
            Q_EMIT importRequested();
            break;
        case Step::ReadResults:
            Q_EMIT decisionTableRequested();
            break;
        }
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(next_);
    buttons->addWidget(sample_);
    buttons->addWidget(newProject_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(open_);
    layout->addWidget(nextStep_);
    layout->addLayout(buttons);
    layout->addWidget(headline_, 1);
    update(nullptr, nullptr, nullptr, false);
}

QString SummaryPage::openText() const {
    return open_->text();
}
QString SummaryPage::nextStepText() const {
    return nextStep_->text();
}
QString SummaryPage::headlineText() const {
    return headline_->text();
}

void SummaryPage::update(const Scenario* scenario, const Project* project, const RunRecord* shown,
                         bool whatIf) {
    const QLocale locale(QLocale::English);
    QString open = QStringLiteral("<h3>%1</h3>").arg(tr("Open"));
    open += scenario ? tr("<p>Scenario <b>%1</b>: %2 cohorts, %3 packages, %4 model mixes, "
                          "%5 months from %6.</p>")
                           .arg(scenario->name.toHtmlEscaped())
                           .arg(scenario->cohorts.size())
                           .arg(scenario->packages.size())
                           .arg(scenario->mixes.size())
                           .arg(scenario->horizonMonths)
                           .arg(scenario->startMonth.toString(QStringLiteral("yyyy-MM")))
                     : tr("<p>No scenario open.</p>");
    std::int64_t usage = 0;
    if (project) {
        usage = project->usageCount();
        open += tr("<p>Project <b>%1</b>: %2 usage records from %3 imports.</p>")
                    .arg(QFileInfo(project->fileName()).fileName().toHtmlEscaped(),
                         locale.toString(qlonglong(usage)))
                    .arg(project->imports().size());
    } else {
        open += tr("<p>No project: runs use the scenario's own cohorts.</p>");
    }
    open_->setText(open);

    QString next;
    if (!scenario) {
        step_ = Step::OpenSample;
        next = tr("Open the bundled sample (or a scenario of your own, Ctrl+O) to compare its "
                  "packages.");
        next_->setText(tr("Open the sample"));
    } else if (project && usage == 0) {
        step_ = Step::Import;
        next = tr("Import your usage export (Ctrl+I): the cohorts are fitted to your customers "
                  "and every run uses them.");
        next_->setText(tr("&Import usage..."));
    } else if (!shown) {
        step_ = Step::Run;
        next = tr("Run the simulation (Ctrl+R): every package under every model mix, on the "
                  "same simulated customers.");
        next_->setText(tr("&Run (Ctrl+R)"));
    } else if (whatIf) {
        step_ = Step::Run;
        next = tr("The figures are a what-if preview of your edits (%1 trials). Run a full "
                  "simulation (Ctrl+R) before you decide.")
                   .arg(shown->trialsDone);
        next_->setText(tr("&Run the full simulation"));
    } else {
        step_ = Step::ReadResults;
        next = tr("Read the decision table (pivot, baseline difference) and the charts; edit a "
                  "package to see a what-if.");
        next_->setText(tr("Show the &decision table"));
    }
    nextStep_->setText(QStringLiteral("<h3>%1</h3><p>%2</p>").arg(tr("Next"), next));

    if (!shown) {
        headline_->setText(QString());
        return;
    }
    QString text = QStringLiteral("<h3>%1</h3>")
                       .arg(whatIf ? tr("What-if preview (%1 trials, seed %2)")
                                         .arg(shown->trialsDone)
                                         .arg(shown->seed)
                                   : tr("Run: %1 trials, seed %2, customers from %3")
                                         .arg(shown->trialsDone)
                                         .arg(shown->seed)
                                         .arg(shown->customersFrom));
    const RunHeadline headline =
        RunHeadline::of(shown->decision, DecisionTableModel::kRiskyNegativeShare);
    text += QStringLiteral("<ul>");
    for (const RunHeadline::Best& b : headline.best) {
        text += tr("<li>On <b>%1</b>, the best margin per customer is <b>%2</b>: %3 ± %4%5%6</li>")
                    .arg(b.mix.toHtmlEscaped(), b.package.toHtmlEscaped(), usd(b.meanMargin),
                         usd(b.meanMarginSe).mid(1))
                    .arg(b.gmDefined ? tr(", GM %1%").arg(b.gmPercent, 0, 'f', 1) : QString())
                    .arg(b.runnerUp.isEmpty() ? QString()
                         : b.runnerUpWithinNoise
                             ? tr(" (%1 is within noise: run more trials to separate them)")
                                   .arg(b.runnerUp.toHtmlEscaped())
                             : QString());
    }
    text += QStringLiteral("</ul>");
    if (headline.risky.empty()) {
        text += tr("<p>No package loses money on %1% or more of any cohort's customers.</p>")
                    .arg(int(100 * DecisionTableModel::kRiskyNegativeShare));
    } else {
        text += tr("<p>Likely to lose money (P(margin &lt; 0) at %1% or more):</p><ul>")
                    .arg(int(100 * DecisionTableModel::kRiskyNegativeShare));
        const std::size_t shownRisks = std::min<std::size_t>(headline.risky.size(), 8);
        for (std::size_t i = 0; i < shownRisks; ++i) {
            const RunHeadline::Risk& r = headline.risky[i];
            text +=
                tr("<li><span style='color:#c81e1e'>%1</span> on %2, %3 cohort: %4% of "
                   "customers</li>")
                    .arg(r.package.toHtmlEscaped(), r.mix.toHtmlEscaped(), r.cohort.toHtmlEscaped())
                    .arg(100.0 * r.pNegative, 0, 'f', 1);
        }
        if (headline.risky.size() > shownRisks)
            text += tr("<li>and %1 more (sort the decision table by P(margin &lt; 0))</li>")
                        .arg(headline.risky.size() - shownRisks);
        text += QStringLiteral("</ul>");
    }
    headline_->setText(text);
}

} // namespace marginal
