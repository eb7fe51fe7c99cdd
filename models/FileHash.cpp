#include "FileHash.h"

#include <QCryptographicHash>
#include <QFile>

namespace marginal {

QString sha256OfFile(const QString& fileName) {
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace marginal
