// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/dialogs/ImportDialog.h"
#include "models/common/InputError.h"
#include "models/import/ImporterRegistry.h"
#include "models/import/formats/GenericCsvImporter.h"
#include "models/project/Project.h"
#include "views/dialogs/FileDialogs.h"
#include "views/jobs/Job.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace marginal {

namespace {

constexpr int kPreviewRecords = 20;
const QString kAutomatic = QObject::tr("(automatic)");

// Keeps the first records and problems, then asks the importer to stop.
class PreviewSink : public UsageSink {
public:
    void record(const UsageRecord& r) override {
        if (records.size() < kPreviewRecords)
            records.push_back(r);
    }
    void problem(const ImportProblem& p) override {
        if (problems.size() < kPreviewRecords)
            problems.push_back(p);
    }
    bool cancelled() const override { return records.size() >= kPreviewRecords; }
    std::vector<UsageRecord> records;
    std::vector<ImportProblem> problems;
};

QString dateText(const UsageRecord& r) {
    const QDateTime t = QDateTime::fromSecsSinceEpoch(r.periodStart, Qt::UTC);
    return r.periodSeconds == 86400 ? t.date().toString(Qt::ISODate) : t.toString(Qt::ISODate);
}

} // namespace

ImportDialog::ImportDialog(const QString& projectFile, QWidget* parent)
    : QDialog(parent), projectFile_(projectFile), file_(new QLineEdit), format_(new QComboBox),
      formatInfo_(new QLabel), customer_(new QComboBox), mapping_(new QTableWidget),
      preview_(new QTableWidget), previewInfo_(new QLabel), keepInvalid_(new QCheckBox),
      progress_(new QProgressBar), importButton_(new QPushButton(tr("&Import"))),
      cancelButton_(new QPushButton(tr("Close"))), summary_(new QLabel), problems_(new QListWidget),
      job_(new Job(this)) {
    connect(job_, &Job::progressed, this, [this](qint64 done, qint64 total) {
        progress_->setValue(total > 0 ? int(100 * done / total) : 0);
    });
    connect(job_, &Job::cancelled, this, [this] {
        ImportOutcome cancelled;
        cancelled.status = ImportOutcome::Status::Cancelled;
        showOutcome(cancelled);
    });
    connect(job_, &Job::failed, this, [this](const QString& message) {
        ImportOutcome failed;
        failed.error = message;
        showOutcome(failed);
    });
    setWindowTitle(tr("Import usage into %1").arg(QFileInfo(projectFile).fileName()));
    setAcceptDrops(true);
    resize(980, 720);
    auto* browse = new QPushButton(tr("&Browse..."));
    auto* fileRow = new QHBoxLayout;
    file_->setPlaceholderText(tr("A usage export: pick one, or drop it here"));
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse);
    format_->addItem(kAutomatic, QString());
    for (const auto& importer : ImporterRegistry::all())
        format_->addItem(importer->format() + QStringLiteral(": ") + importer->description(),
                         importer->format());
    customer_->setEditable(true);
    customer_->setToolTip(tr("Which source field is the customer (project, user, API key, "
                             "workspace, end user...)"));
    keepInvalid_->setText(tr("Import the valid rows and keep the rejected ones in the project "
                             "(otherwise a file with a bad row is rejected whole)"));
    formatInfo_->setWordWrap(true);
    mapping_->setColumnCount(2);
    mapping_->setHorizontalHeaderLabels({tr("Field"), tr("Column in the file")});
    mapping_->horizontalHeader()->setStretchLastSection(true);
    mapping_->verticalHeader()->hide();
    mapping_->setMaximumWidth(380);
    preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    preview_->verticalHeader()->hide();
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::PlainText);
    progress_->setValue(0);
    cancelButton_->setShortcut(QKeySequence(Qt::Key_Escape));

    auto* form = new QFormLayout;
    auto* fileLabel = new QLabel(tr("&File"));
    fileLabel->setBuddy(file_);
    form->addRow(fileLabel, fileRow);
    form->addRow(tr("F&ormat"), format_);
    form->addRow(QString(), formatInfo_);
    form->addRow(tr("&Customer field"), customer_);
    auto* middle = new QHBoxLayout;
    auto* mappingBox = new QVBoxLayout;
    mappingBox->addWidget(new QLabel(tr("Column mapping (generic CSV)")));
    mappingBox->addWidget(mapping_);
    auto* previewBox = new QVBoxLayout;
    previewBox->addWidget(previewInfo_);
    previewBox->addWidget(preview_);
    middle->addLayout(mappingBox);
    middle->addLayout(previewBox, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(progress_, 1);
    buttons->addWidget(importButton_);
    buttons->addWidget(cancelButton_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(middle, 1);
    layout->addWidget(keepInvalid_);
    layout->addLayout(buttons);
    layout->addWidget(summary_);
    layout->addWidget(problems_);
    importButton_->setEnabled(false);
    importButton_->setDefault(true);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString name =
            FileDialogs::open(this, tr("Usage export"),
                              tr("Usage exports (*.csv *.json *.jsonl *.ndjson);;All files (*)"));
        if (!name.isEmpty())
            setFile(name);
    });
    connect(file_, &QLineEdit::editingFinished, this, [this] {
        if (file_->text() != request().fileName || detected_.isEmpty())
            setFile(file_->text());
    });
    connect(format_, &QComboBox::currentIndexChanged, this, [this] { refreshPreview(); });
    connect(customer_, &QComboBox::currentTextChanged, this, [this] { refreshPreview(); });
    connect(importButton_, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        if (importing_)
            cancelImport();
        else
            reject();
    });
}

ImportDialog::~ImportDialog() = default; // the job cancels and waits

bool ImportDialog::isImporting() const {
    return job_->isRunning();
}

void ImportDialog::setFile(const QString& fileName) {
    file_->setText(fileName);
    QFile f(fileName);
    const QByteArray head = f.open(QIODevice::ReadOnly) ? f.peek(1 << 16) : QByteArray();
    const Result<const UsageImporter*> detected = ImporterRegistry::detect(head, fileName);
    const UsageImporter* importer = detected ? *detected : nullptr;
    detected_ = importer ? importer->format() : QString();
    {
        const QSignalBlocker block(format_);
        format_->setCurrentIndex(0);
    }
    // Customer candidates and CSV columns come from the file's head.
    {
        const QSignalBlocker block(customer_);
        customer_->clear();
        customer_->addItem(kAutomatic);
        if (importer)
            customer_->addItems(importer->customerFields(head));
    }
    mapping_->setRowCount(0);
    if (importer && importer->format() == QLatin1String("csv")) {
        const QStringList columns =
            QStringList{kAutomatic} + GenericCsvImporter::headerColumns(head);
        const QStringList fields = GenericCsvImporter::canonicalFields();
        mapping_->setRowCount(int(fields.size()));
        for (int i = 0; i < fields.size(); ++i) {
            mapping_->setItem(i, 0, new QTableWidgetItem(fields[i]));
            mapping_->item(i, 0)->setFlags(Qt::ItemIsEnabled);
            auto* column = new QComboBox;
            column->addItems(columns);
            mapping_->setCellWidget(i, 1, column);
            connect(column, &QComboBox::currentIndexChanged, this, [this] { refreshPreview(); });
        }
    }
    mapping_->setEnabled(mapping_->rowCount() > 0);
    formatInfo_->setText(importer ? tr("Detected: %1").arg(importer->description())
                                  : tr("Not recognised: expected %1").arg(detected.error()));
    refreshPreview();
}

ImportRequest ImportDialog::request() const {
    ImportRequest r;
    r.fileName = file_->text().trimmed();
    r.format = format_->currentData().toString();
    if (customer_->currentText() != kAutomatic)
        r.options.customerField = customer_->currentText().trimmed();
    for (int i = 0; i < mapping_->rowCount(); ++i) {
        const auto* column = qobject_cast<QComboBox*>(mapping_->cellWidget(i, 1));
        if (column && column->currentIndex() > 0)
            r.options.mapping.insert(mapping_->item(i, 0)->text(), column->currentText());
    }
    r.keepInvalid = keepInvalid_->isChecked();
    r.keepInvalidHint = tr("ticking \"Import the valid rows\" below");
    return r;
}

void ImportDialog::setCustomerField(const QString& field) {
    customer_->setCurrentText(field);
}

void ImportDialog::setColumn(const QString& canonicalField, const QString& column) {
    for (int i = 0; i < mapping_->rowCount(); ++i)
        if (mapping_->item(i, 0)->text() == canonicalField)
            if (auto* box = qobject_cast<QComboBox*>(mapping_->cellWidget(i, 1)))
                box->setCurrentText(column);
}

void ImportDialog::setKeepInvalid(bool keep) {
    keepInvalid_->setChecked(keep);
}

QString ImportDialog::summary() const {
    return summary_->text();
}

void ImportDialog::refreshPreview() {
    const ImportRequest r = request();
    preview_->clear();
    preview_->setRowCount(0);
    const QString format = r.format.isEmpty() ? detected_ : r.format;
    const UsageImporter* importer = ImporterRegistry::byFormat(format);
    importButton_->setEnabled(importer != nullptr && !importing_);
    if (!importer) {
        previewInfo_->setText(r.fileName.isEmpty() ? tr("No file chosen")
                                                   : tr("No preview: the format is unknown"));
        return;
    }
    QFile f(r.fileName);
    if (!f.open(QIODevice::ReadOnly)) {
        previewInfo_->setText(tr("%1: cannot open: %2").arg(r.fileName, f.errorString()));
        importButton_->setEnabled(false);
        return;
    }
    PreviewSink sink;
    try {
        importer->read(f, r.fileName, r.options, sink);
    } catch (const InputError& e) {
        previewInfo_->setText(e.message());
        return;
    }
    const QStringList headers = {tr("line"),        tr("customer"), tr("period start"),
                                 tr("model"),       tr("input"),    tr("cached"),
                                 tr("cache write"), tr("output"),   tr("requests")};
    preview_->setColumnCount(int(headers.size()));
    preview_->setHorizontalHeaderLabels(headers);
    preview_->setRowCount(int(sink.records.size()));
    for (int i = 0; i < int(sink.records.size()); ++i) {
        const UsageRecord& rec = sink.records[std::size_t(i)];
        const QStringList cells = {QString::number(rec.sourceLine),
                                   QString::fromStdString(rec.customerId),
                                   dateText(rec),
                                   QString::fromStdString(rec.model),
                                   QString::number(rec.inputTokens),
                                   QString::number(rec.cachedInputTokens),
                                   QString::number(rec.cacheWriteTokens + rec.cacheWrite1hTokens),
                                   QString::number(rec.outputTokens),
                                   QString::number(rec.requests)};
        for (int c = 0; c < cells.size(); ++c)
            preview_->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    preview_->resizeColumnsToContents();
    QString info = tr("The first %1 records as they will be imported").arg(sink.records.size());
    if (!sink.problems.empty())
        info += tr("; problems already seen: %1").arg(sink.problems.size());
    previewInfo_->setText(info);
}

void ImportDialog::startImport() {
    if (importing_)
        return;
    const ImportRequest r = request();
    importing_ = true;
    outcome_.reset();
    problems_->clear();
    summary_->setText(tr("Importing %1...").arg(QFileInfo(r.fileName).fileName()));
    importButton_->setEnabled(false);
    cancelButton_->setText(tr("Cancel"));
    progress_->setValue(0);
    using Outcome = std::pair<ImportOutcome, QString>; // and the models the catalog lacks
    job_->start<Outcome>(
        [r, project = projectFile_](Job::Context& context) {
            // Its own connection: a SQLite connection is used by one thread at a time.
            const auto opened = Project::open(project);
            Outcome result;
            result.first =
                opened->importUsage(r, [&context](std::int64_t done, std::int64_t total) {
                    context.progress(done, total);
                    return !context.cancelled();
                });
            if (result.first.status == ImportOutcome::Status::Imported) {
                // Committed already: a failed check of its models must not undo that.
                const Result<QString> missing = catchingErrors([&] {
                    return Result<QString>(
                        Project::describe(opened->modelsNotInCatalog(result.first.importId)));
                });
                result.second = missing ? *missing : QString();
            }
            return result;
        },
        [this](Outcome result) {
            missingModels_ = result.second;
            showOutcome(result.first);
        });
}

void ImportDialog::cancelImport() {
    job_->cancel();
}

void ImportDialog::showOutcome(const ImportOutcome& outcome) {
    importing_ = false;
    outcome_ = outcome;
    cancelButton_->setText(tr("Close"));
    importButton_->setEnabled(true);
    const QString file = QFileInfo(request().fileName).fileName();
    switch (outcome.status) {
    case ImportOutcome::Status::Imported:
        progress_->setValue(100);
        summary_->setText(tr("%1 (%2): %3 records read, %4 added, %5 duplicates, %6 rejected%7")
                              .arg(file, outcome.format)
                              .arg(outcome.rowsRead)
                              .arg(outcome.added)
                              .arg(outcome.duplicates)
                              .arg(outcome.rejected)
                              .arg(outcome.rejected > 0 ? tr(" (kept in the project with their "
                                                             "reasons)")
                                                        : QString()));
        if (!missingModels_.isEmpty())
            summary_->setText(summary_->text() +
                              tr("\nModels the project's catalog lacks, priced at $0 until "
                                 "added on the Catalog page: %1")
                                  .arg(missingModels_));
        Q_EMIT imported(outcome);
        break;
    case ImportOutcome::Status::Cancelled:
        progress_->setValue(0);
        summary_->setText(tr("Cancelled: nothing was imported; the project is as it was."));
        break;
    case ImportOutcome::Status::Rejected:
        progress_->setValue(0);
        summary_->setText(
            tr("Rejected: %1\nNothing was imported; the project is as it was.").arg(outcome.error));
        break;
    }
    const QString report = outcome.problemReport(request().fileName);
    for (const QString& line : report.split(u'\n', Qt::SkipEmptyParts))
        problems_->addItem(line);
    Q_EMIT finished();
}

void ImportDialog::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && !importing_)
        event->acceptProposedAction();
}

void ImportDialog::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) {
        setFile(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

void ImportDialog::reject() {
    if (importing_) { // Esc or the window's close button while importing: cancel first
        cancelImport();
        return;
    }
    QDialog::reject();
}

} // namespace marginal
