// SPDX-License-Identifier: GPL-3.0-or-later
// Import throughput: a generated generic-CSV export of N rows (default 1,000,000)
// imported into a new project with validation and dedup, against the sqlite3 CLI's
// `.import` of the same file into a bare table (no validation, no dedup), medians of
// repeated runs; and peak memory of the import for N/4 and N rows (child processes),
// to show it is flat in file size.
//
//   marginal-bench-import [--rows N] [--repeats R] [--order date|customer|shuffled]
//
// Each row order (date, customer, shuffled: the same rows) is measured in turn.
#include "benchmarks/BenchSupport.h"
#include "models/import/UsageImport.h"
#include "models/project/ProjectStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

using namespace marginal;

namespace {

enum class RowOrder { Date, Customer, Shuffled };

QString orderName(RowOrder order) {
    return order == RowOrder::Date       ? QStringLiteral("date-ordered")
           : order == RowOrder::Customer ? QStringLiteral("customer-ordered")
                                         : QStringLiteral("shuffled");
}

std::uint64_t splitMix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// Daily rows of 5,000 customers over days and 3 models, realistic widths: row i is
// customer i % 5000 on day i / 15000 with model (i / 5000) % 3, and its token counts
// come from i, so every order holds the same rows. Date order is i ascending (as a
// provider's daily export); customer order is each customer's rows together, days
// ascending (as a per-customer warehouse export); shuffled is a seeded permutation.
void writeCsv(const QString& path, std::int64_t rows, RowOrder order = RowOrder::Date) {
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("customer_id,date,model,input_tokens,cached_input_tokens,cache_write_tokens,output_"
            "tokens,requests\n");
    const char* models[] = {"claude-sonnet-4-5", "claude-haiku-4-5", "gpt-5-mini"};
    std::vector<std::int64_t> shuffled;
    if (order == RowOrder::Shuffled) {
        shuffled.resize(std::size_t(rows));
        std::iota(shuffled.begin(), shuffled.end(), 0);
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(1));
    }
    const std::int64_t blocks = (rows + 4999) / 5000;
    QByteArray buffer;
    for (std::int64_t k = 0; k < blocks * 5000; ++k) {
        const std::int64_t i = order == RowOrder::Date ? k
                               : order == RowOrder::Customer
                                   ? (k % blocks) * 5000 + k / blocks
                                   : (k < rows ? shuffled[std::size_t(k)] : rows);
        if (i >= rows)
            continue;
        const std::uint64_t x = splitMix(std::uint64_t(i));
        const std::int64_t customer = i % 5000, day = (i / 15000) % 3650, model = (i / 5000) % 3;
        const QDate date = QDate(2020, 1, 1).addDays(day);
        buffer += "cust-" + QByteArray::number(customer) + ',' +
                  date.toString(Qt::ISODate).toLatin1() + ',' + models[model] + ',' +
                  QByteArray::number(qulonglong(x % 900000)) + ',' +
                  QByteArray::number(qulonglong(x % 500000)) + ',' +
                  QByteArray::number(qulonglong(x % 20000)) + ',' +
                  QByteArray::number(qulonglong(x % 90000)) + ',' +
                  QByteArray::number(qulonglong(1 + x % 60)) + '\n';
        if (buffer.size() > (1 << 20)) {
            f.write(buffer);
            buffer.clear();
        }
    }
    f.write(buffer);
}

std::vector<double> readCpu, storeCpu; // per import: CPU seconds of each thread

double importSeconds(const QString& csv, const QString& project, std::int64_t* added) {
    QFile::remove(project);
    QElapsedTimer timer;
    timer.start();
    const auto store = ProjectStore::open(project, ProjectStore::Mode::CreateIfMissing);
    const ImportOutcome o = UsageImport::run(*store, ImportRequest{csv, QString(), {}, false});
    if (o.status != ImportOutcome::Status::Imported)
        qFatal("import failed: %s", qPrintable(o.error));
    *added = o.added;
    readCpu.push_back(o.readCpuSeconds);
    storeCpu.push_back(o.storeCpuSeconds);
    return timer.nsecsElapsed() / 1e9;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    std::int64_t rows = 1000000;
    int repeats = 5;
    QString child;
    // Every order by default; the re-import and memory figures are on date order.
    std::vector<RowOrder> orders = {RowOrder::Date, RowOrder::Customer, RowOrder::Shuffled};
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--rows") && i + 1 < args.size())
            rows = args[++i].toLongLong();
        else if (args[i] == QLatin1String("--repeats") && i + 1 < args.size())
            repeats = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--memory-child") && i + 1 < args.size())
            child = args[++i];
        else if (args[i] == QLatin1String("--order") && i + 1 < args.size()) {
            const QString o = args[++i];
            orders = o == QLatin1String("date")       ? std::vector{RowOrder::Date}
                     : o == QLatin1String("customer") ? std::vector{RowOrder::Customer}
                     : o == QLatin1String("shuffled") ? std::vector{RowOrder::Shuffled}
                                                      : orders;
        } else {
            QTextStream(stderr) << "usage: marginal-bench-import [--rows N] [--repeats R] "
                                   "[--order date|customer|shuffled]\n";
            return 2;
        }
    }
    if (!child.isEmpty()) { // import one file, report peak memory
        std::int64_t added = 0;
        importSeconds(child, child + QStringLiteral(".marginal"), &added);
        out << peakMemoryMiB() << "\n";
        return 0;
    }
    QTemporaryDir dir;
    const QString sqlite = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    for (RowOrder order : orders) {
        const QString csv = dir.filePath(QStringLiteral("usage.csv"));
        writeCsv(csv, rows, order);
        out << QStringLiteral("\n%1: %2 rows, %3 MB of generic CSV\n")
                   .arg(orderName(order))
                   .arg(rows)
                   .arg(QFile(csv).size() / 1e6, 0, 'f', 1);

        // Our import and the CLI's alternate, so that a noisy stretch on a shared
        // machine hits both; the ratio is taken of the medians and also pair by pair.
        std::vector<double> ours, cli, pairRatios;
        readCpu.clear();
        storeCpu.clear();
        std::int64_t added = 0;
        for (int r = 0; r < repeats; ++r) {
            ours.push_back(importSeconds(csv, dir.filePath(QStringLiteral("p.marginal")), &added));
            if (sqlite.isEmpty())
                continue;
            const QString db = dir.filePath(QStringLiteral("bare.db"));
            QFile::remove(db);
            QElapsedTimer timer;
            timer.start();
            QProcess p;
            p.start(sqlite,
                    {db, QStringLiteral(".mode csv"), QStringLiteral(".import %1 usage").arg(csv)});
            p.waitForFinished(-1);
            cli.push_back(timer.nsecsElapsed() / 1e9);
            pairRatios.push_back(cli.back() / ours.back());
        }
        const double oursMedian = median(ours);
        out << QStringLiteral(
                   "marginal import (validate, dedup, one transaction): median %1 s of %2 "
                   "(min %3, max %4): %5 M rows/s (%6 added)\n")
                   .arg(oursMedian, 0, 'f', 2)
                   .arg(repeats)
                   .arg(*std::min_element(ours.begin(), ours.end()), 0, 'f', 2)
                   .arg(*std::max_element(ours.begin(), ours.end()), 0, 'f', 2)
                   .arg(rows / oursMedian / 1e6, 0, 'f', 2)
                   .arg(added);
        out << QStringLiteral("  of which CPU, medians: reading and validating %1 s (this thread), "
                              "storing %2 s (the writer thread), side by side\n")
                   .arg(median(readCpu), 0, 'f', 2)
                   .arg(median(storeCpu), 0, 'f', 2);
        if (sqlite.isEmpty()) {
            out << "sqlite3 CLI not found (apt-get install sqlite3): no comparison\n";
        } else {
            const double cliMedian = median(cli);
            out << QStringLiteral(
                       "sqlite3 CLI .import into a bare table: median %1 s of %2 (min %3, "
                       "max %4): %5 M rows/s\n")
                       .arg(cliMedian, 0, 'f', 2)
                       .arg(repeats)
                       .arg(*std::min_element(cli.begin(), cli.end()), 0, 'f', 2)
                       .arg(*std::max_element(cli.begin(), cli.end()), 0, 'f', 2)
                       .arg(rows / cliMedian / 1e6, 0, 'f', 2)
                << QStringLiteral(
                       "ratio: marginal import is %1x the sqlite3 CLI's speed (medians); "
                       "median of the %2 paired ratios %3x\n")
                       .arg(cliMedian / oursMedian, 0, 'f', 2)
                       .arg(repeats)
                       .arg(median(pairRatios), 0, 'f', 2);
        }
        out.flush();
    }
    if (orders.front() != RowOrder::Date)
        return 0;
    const QString csv = dir.filePath(QStringLiteral("usage.csv"));
    writeCsv(csv, rows);
    // Re-import: every row is a duplicate.
    {
        const auto store = ProjectStore::open(dir.filePath(QStringLiteral("p.marginal")),
                                              ProjectStore::Mode::OpenExisting);
        QElapsedTimer t;
        t.start();
        const ImportOutcome o = UsageImport::run(*store, ImportRequest{csv, QString(), {}, false});
        out << QStringLiteral("re-import of the same file: %1 added, %2 duplicates in %3 s\n")
                   .arg(o.added)
                   .arg(o.duplicates)
                   .arg(t.nsecsElapsed() / 1e9, 0, 'f', 2);
    }
    for (std::int64_t n : {rows / 4, rows}) {
        const QString file = dir.filePath(QStringLiteral("mem-%1.csv").arg(n));
        writeCsv(file, n);
        QProcess p;
        p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--memory-child"), file});
        p.waitForFinished(-1);
        out << QStringLiteral("peak memory importing %1 rows: %2 MiB\n")
                   .arg(n)
                   .arg(QString::fromUtf8(p.readAllStandardOutput()).trimmed().toDouble(), 0, 'f',
                        1);
    }
    return 0;
}
