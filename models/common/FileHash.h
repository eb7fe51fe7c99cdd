// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// SHA-256 as recorded with every import and run input: the x86 SHA-extension code path
// where the CPU has it (about 5x Qt's portable code), QCryptographicHash otherwise.
#include <QString>
#include <cstddef>
#include <cstdint>
#include <memory>

class QCryptographicHash;

namespace marginal {

// Incremental, so an import can hash the very bytes it parses as it reads them.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void add(const char* data, std::size_t size);
    // The digest of everything added, as lower-case hex. Call once.
    QString hex();

private:
    bool fast_ = false;
    std::uint32_t state_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::uint64_t length_ = 0;
    unsigned char tail_[64] = {}; // bytes short of a whole block
    std::size_t tailSize_ = 0;
    std::unique_ptr<QCryptographicHash> portable_;
};

// SHA-256 of a file's bytes as lower-case hex; empty when the file cannot be read.
QString sha256OfFile(const QString& fileName);

} // namespace marginal

namespace marginal {

// A file a run or an import read, with its SHA-256 when it was read.
struct InputFile {
    QString file; // absolute path
    QString sha256;
    bool operator==(const InputFile&) const = default;
};

// `fileName`'s absolute path and SHA-256 now.
InputFile hashedInput(const QString& fileName);

} // namespace marginal
