// Expected failures are values (STYLE §3). One taxonomy, mapped to HTTP once in src/http.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "i18n/messages.h"

namespace tcxd {

enum class ErrorCode {
  kInvalid,          // bad input: 400 (malformed) or 422 (rule broken); see Error::malformed
  kUnauthorized,     // 401
  kForbidden,        // 403
  kNotFound,         // 404
  kConflict,         // 409: duplicate, or a state that does not allow the change
  kPayloadTooLarge,  // 413
  kTooManyRequests,  // 429
  kInternal,         // 500: a bug or an infrastructure failure
};

// Stable machine-readable name of a code ("invalid", "not_found", ...), used in JSON and logs.
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;                        // Vietnamese, from the message catalog
  std::string field;                          // the first wrong field, empty when none
  std::map<std::string, std::string> fields;  // every wrong field -> Vietnamese message
  bool malformed = false;                     // the request could not be read at all (400 rather than 422)

  static Error Invalid(const std::string& field, Msg msg);
  static Error Invalid(const std::string& field, std::string message);
  static Error Malformed(const std::string& field, Msg msg);
  static Error NotFound(Msg msg = Msg::kNotFound);
  static Error Conflict(const std::string& field, Msg msg);
  static Error Conflict(const std::string& field, std::string message);
  static Error Forbidden(Msg msg = Msg::kForbidden);
  static Error Unauthorized(Msg msg = Msg::kUnauthorized);
  static Error Internal(std::string detail);
};

// Collects field errors; converts to one Error (code kInvalid) naming the first field.
class FieldErrors final {
 public:
  void Add(const std::string& field, Msg msg);
  void Add(const std::string& field, std::string message);
  bool empty() const { return order_.empty(); }
  Error ToError() const;

 private:
  std::vector<std::pair<std::string, std::string>> order_;
};

// A value or an Error. REQUIRES: access value() only when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return {}; }
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace tcxd

#define TCXD_RETURN_IF_ERROR(expr) \
  do {                             \
    auto tcxd_status_ = (expr);    \
    if (!tcxd_status_.ok()) {      \
      return tcxd_status_.error(); \
    }                              \
  } while (0)
