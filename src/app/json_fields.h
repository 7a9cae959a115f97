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

// The typed field readers are json_codec.h's CollectDate, CollectText and CollectBool.
inline std::optional<Date> DateField(const Json& v, const std::string& field, FieldErrors& errors) {
  return CollectDate(v, field, errors);
}
inline std::string TextField(const Json& v, const std::string& field, FieldErrors& errors) {
  return CollectText(v, field, errors);
}
inline bool BoolField(const Json& v, const std::string& field, FieldErrors& errors) {
  return CollectBool(v, field, errors);
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
