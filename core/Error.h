#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace eic {

// Every failure a user can cause: one sentence for the user (what is wrong and what to fix)
// and the technical detail for the log.
struct Error {
    QString message;
    QString detail;
    int code = 0; // HTTP status, SQLSTATE class, exit code: whatever the source gives

    QString toString() const { return detail.isEmpty() ? message : message + QStringLiteral(" (") + detail + u')'; }
};

// A value or an Error, in the spirit of std::expected (C++23, not in g++ 12).
template <typename T>
class Result {
public:
    Result() : m_data(Error{}) {} // for QVariant (signals); an empty error until assigned
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

} // namespace eic
