// Helpers shared by the use cases that read their bodies field by field and write their own JSON (admission,
// transfers): typed fields with the error recorded by field, dates in and out, a refusal with its reason.
#pragma once

#include <optional>
#include <string>

#include <fmt/format.h>

#include "app/json_codec.h"
#include "core/date.h"
#include "core/error.h"
#include "text/unicode.h"

namespace tcxd::app {

// A date "YYYY-MM-DD", or nullopt for null; kInvalidDate recorded otherwise.
inline std::optional<Date> DateField(const Json& v, const std::string& field, FieldErrors& errors) {
  if (v.is_null()) return std::nullopt;
  std::optional<Date> d;
  if (v.is_string()) d = Date::Parse(v.get<std::string>());
  if (!d) errors.Add(field, Msg::kInvalidDate);
  return d;
}

// Clean text (NFC, trimmed), "" for null; kWrongType recorded when not a string.
inline std::string TextField(const Json& v, const std::string& field, FieldErrors& errors) {
  if (v.is_null()) return "";
  if (!v.is_string()) {
    errors.Add(field, Msg::kWrongType);
    return "";
  }
  return text::CleanText(v.get<std::string>());
}

// A boolean; kWrongType recorded otherwise.
inline bool BoolField(const Json& v, const std::string& field, FieldErrors& errors) {
  if (!v.is_boolean()) {
    errors.Add(field, Msg::kWrongType);
    return false;
  }
  return v.get<bool>();
}

// A date as JSON: "YYYY-MM-DD", or null.
inline Json DateJson(const std::optional<Date>& d) {
  return d ? Json(d->ToString()) : Json(nullptr);
}

// dd/mm/yyyy, as Vietnamese documents write dates.
inline std::string VnDate(Date d) {
  return d.ToVietnamese();
}

// kForbidden with the reason of the refusal.
inline Error ForbiddenBecause(std::string message) {
  Error e = Error::Forbidden();
  e.message = std::move(message);
  return e;
}

}  // namespace tcxd::app
