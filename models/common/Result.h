// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The value of an operation that can fail in a way the caller handles: the value, or
// the message saying why there is none (file, line, what was expected). Used instead
// of empty-string returns and out-parameters; exceptions (Error.h) are for failures
// that unwind a whole command.
#include "models/common/Error.h"

#include <QString>
#include <optional>
#include <utility>

namespace marginal {

template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : value_(std::move(value)) {}
    static Result failure(QString message) { return Result(Failed{std::move(message)}); }

    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return *value_; }
    T& value() & { return *value_; }
    T&& value() && { return std::move(*value_); }
    const T* operator->() const { return &*value_; }
    T* operator->() { return &*value_; }
    const T& operator*() const { return *value_; }
    // Why there is no value; empty when there is one.
    const QString& error() const { return error_; }

private:
    struct Failed {
        QString message;
    };
    explicit Result(Failed f) : error_(std::move(f.message)) {}
    std::optional<T> value_;
    QString error_;
};

// An operation with nothing to return: success, or why not.
template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    static Result success() { return Result(); }
    static Result failure(QString message) {
        Result r;
        r.error_ = message.isEmpty() ? QStringLiteral("failed") : std::move(message);
        return r;
    }
    bool ok() const { return error_.isEmpty(); }
    explicit operator bool() const { return ok(); }
    const QString& error() const { return error_; }

private:
    QString error_;
};

using Status = Result<void>;

// Runs `body`; an Error it throws becomes a failed Result with its message.
template <typename Body> auto catchingErrors(Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const Error& e) {
        return decltype(body())::failure(e.message());
    }
}

} // namespace marginal
