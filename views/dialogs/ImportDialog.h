// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The import wizard: pick or drop a usage export, see the format Marginal detected
// (or choose one), the first records as they will be read, map CSV columns and
// choose which source field is the customer, then import into the open project with
// progress and Cancel. A rejected file lists every problem (line or JSON path, field,
// what was expected) and leaves the project as it was; so does a cancel.
#include "models/import/UsageImport.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace marginal {

class Job;

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    ImportDialog(const QString& projectFile, QWidget* parent = nullptr);
    ~ImportDialog() override; // cancels an import in progress and waits for it

    void setFile(const QString& fileName);
    QString detectedFormat() const { return detected_; }
    // The request the dialog would send now (file, format, options, keep invalid).
    ImportRequest request() const;
    void setCustomerField(const QString& field);
    void setColumn(const QString& canonicalField, const QString& column);
    void setKeepInvalid(bool keep);
    QTableWidget& preview() const { return *preview_; }
    QListWidget& problems() const { return *problems_; }
    QComboBox& customerField() const { return *customer_; }
    QString summary() const;
    bool isImporting() const;
    const std::optional<ImportOutcome>& outcome() const { return outcome_; }

public Q_SLOTS:
    void startImport();
    void cancelImport();

Q_SIGNALS:
    void imported(const marginal::ImportOutcome& outcome);
    void finished(); // an import ended: imported, rejected, cancelled or failed

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void reject() override;

private:
    void refreshPreview();
    void showOutcome(const ImportOutcome& outcome);

    QString projectFile_;
    QString detected_;
    QLineEdit* file_;
    QComboBox* format_;
    QLabel* formatInfo_;
    QComboBox* customer_;
    QTableWidget* mapping_;
    QTableWidget* preview_;
    QLabel* previewInfo_;
    QCheckBox* keepInvalid_;
    QProgressBar* progress_;
    QPushButton* importButton_;
    QPushButton* cancelButton_;
    QLabel* summary_;
    QListWidget* problems_;
    Job* job_;
    bool importing_ = false;
    std::optional<ImportOutcome> outcome_;
    QString missingModels_; // "gpt-4o (12.5% of the tokens)": models the catalog lacks
};

} // namespace marginal
