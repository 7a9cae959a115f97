#include "core/error.h"

namespace tcxd {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return "invalid";
    case ErrorCode::kUnauthorized:
      return "unauthorized";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kTooManyRequests:
      return "too_many_requests";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Error Error::Invalid(const std::string& field, Msg msg) {
  return Invalid(field, std::string(Text(msg)));
}

Error Error::Invalid(const std::string& field, std::string message) {
  Error e;
  e.code = ErrorCode::kInvalid;
  e.field = field;
  if (!field.empty()) e.fields[field] = message;
  e.message = std::move(message);
  return e;
}

Error Error::Malformed(const std::string& field, Msg msg) {
  Error e = Invalid(field, msg);
  e.malformed = true;
  return e;
}

Error Error::NotFound(Msg msg) {
  Error e;
  e.code = ErrorCode::kNotFound;
  e.message = Text(msg);
  return e;
}

Error Error::Conflict(const std::string& field, Msg msg) {
  Error e = Invalid(field, msg);
  e.code = ErrorCode::kConflict;
  return e;
}

Error Error::Conflict(const std::string& field, std::string message) {
  Error e = Invalid(field, std::move(message));
  e.code = ErrorCode::kConflict;
  return e;
}

Error Error::Forbidden(Msg msg) {
  Error e;
  e.code = ErrorCode::kForbidden;
  e.message = Text(msg);
  return e;
}

Error Error::Unauthorized(Msg msg) {
  Error e;
  e.code = ErrorCode::kUnauthorized;
  e.message = Text(msg);
  return e;
}

Error Error::Internal(std::string detail) {
  Error e;
  e.code = ErrorCode::kInternal;
  e.message = Text(Msg::kInternal);
  e.fields["_detail"] = std::move(detail);
  return e;
}

void FieldErrors::Add(const std::string& field, Msg msg) {
  Add(field, std::string(Text(msg)));
}

void FieldErrors::Add(const std::string& field, std::string message) {
  for (const auto& [f, m] : order_) {
    if (f == field) return;  // keep the first message per field
  }
  order_.emplace_back(field, std::move(message));
}

Error FieldErrors::ToError() const {
  Error e = Error::Invalid(order_.front().first, order_.front().second);
  for (const auto& [f, m] : order_) e.fields.emplace(f, m);
  return e;
}

}  // namespace tcxd
