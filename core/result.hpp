// Result<T>: the value of an operation that can fail for an expected reason
// (bad user input, missing row, corrupt file), or a message saying where and
// what. Calling value() on a failure throws finlab::Error with that message.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "core/error.hpp"

namespace finlab {

struct Failure {
  std::string message;
};

inline Failure fail(std::string message) { return Failure{std::move(message)}; }

template <class T>
class [[nodiscard]] Result {
public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Failure failure) : error_(std::move(failure.message)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    if (!value_) throw Error(error_);
    return *value_;
  }
  T& value() & {
    if (!value_) throw Error(error_);
    return *value_;
  }
  T&& value() && {
    if (!value_) throw Error(error_);
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  // The failure message; empty when ok().
  const std::string& error() const { return error_; }

  // Prefix the message with context ("line 4: ...") and pass the failure on.
  Result with_context(const std::string& where) && {
    if (!ok()) error_ = where + ": " + error_;
    return std::move(*this);
  }

private:
  std::optional<T> value_;
  std::string error_;
};

}  // namespace finlab
