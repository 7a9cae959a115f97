// Catalogs (danh mục): seeding of the built-in entries, listing, administrators' changes, and the
// resolution of member fields to catalog names.
#include <set>

#include "app/service.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

// Changes to catalogs are for administrators, on a catalog that exists.
Result<const CatalogKind*> AdminCatalog(const Caller& caller, const std::string& kind) {
  if (caller.account.role != Role::kAdmin) return Error::Forbidden();
  const CatalogKind* k = FindCatalogKind(kind);
  if (!k) return Error::NotFound(Msg::kCatalogUnknown);
  return k;
}

std::optional<CatalogEntry> FindEntry(store::Tx& tx, const std::string& kind, const std::string& code) {
  for (auto& e : tx.ListCatalog(kind)) {
    if (e.code == code) return std::move(e);
  }
  return std::nullopt;
}

}  // namespace

void App::SeedCatalogs() {
  (void)store_.Write([](store::Tx& tx) {
    for (const auto& kind : CatalogKinds()) {
      const std::string name(kind.name);
      std::set<std::string> have;
      for (const auto& e : tx.ListCatalog(name)) have.insert(e.code);
      for (const auto& e : BuiltinCatalog(kind.name)) {
        if (!have.count(e.code)) tx.InsertCatalogEntry(e);
      }
    }
    return Status::Ok();
  });
}

Result<std::vector<CatalogEntry>> App::ListCatalog(const Caller& caller, const std::string& kind) {
  (void)caller;  // every signed-in user may read catalogs
  if (!FindCatalogKind(kind)) return Error::NotFound(Msg::kCatalogUnknown);
  std::vector<CatalogEntry> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    out = tx.ListCatalog(kind);
    return Status::Ok();
  }));
  return out;
}

Result<CatalogEntry> App::AddCatalogEntry(const Caller& caller, const std::string& kind, const Json& body) {
  auto k = AdminCatalog(caller, kind);
  if (!k.ok()) return k.error();
  const std::string parent_kind((*k)->parent_kind);
  if (!body.is_object()) return Error::Invalid("", Msg::kExpectedObject);
  CatalogEntry e;
  e.catalog = kind;
  for (const auto& [k, v] : body.items()) {
    if (k == "aliases") {
      if (!v.is_array()) return Error::Invalid(k, Msg::kWrongType);
      for (const auto& a : v) {
        if (!a.is_string()) return Error::Invalid(k, Msg::kWrongType);
        std::string alias = text::CleanText(a.get<std::string>());
        if (!alias.empty()) e.aliases.push_back(std::move(alias));
      }
      continue;
    }
    std::string* field = k == "code"                               ? &e.code
                         : k == "name"                             ? &e.name
                         : (k == "parent" && !parent_kind.empty()) ? &e.parent
                                                                   : nullptr;
    if (!field) return Error::Invalid(k, Msg::kUnknownField);
    if (!v.is_string()) return Error::Invalid(k, Msg::kWrongType);
    if (!text::IsValidUtf8(v.get<std::string>())) return Error::Invalid(k, Msg::kNotUtf8);
    *field = text::CleanText(v.get<std::string>());
  }
  TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    auto existing = tx.ListCatalog(kind);
    if (!parent_kind.empty()) {  // a commune belongs to an active province, by code
      const std::string parent_label(Text(FindCatalogKind(parent_kind)->label));
      if (e.parent.empty()) return Error::Invalid("parent", Format(Msg::kCatalogParentRequired, parent_label));
      auto parent = FindEntry(tx, parent_kind, e.parent);
      if (!parent || parent->retired) {
        return Error::Invalid("parent", Format(Msg::kCatalogParentUnknown, e.parent, parent_label));
      }
    }
    TCXD_RETURN_IF_ERROR(ValidateNewCatalogEntry(e, existing));
    e.sort = existing.empty() ? 1 : existing.back().sort + 1;
    tx.InsertCatalogEntry(e);
    auto a = Audit(&caller, "catalog.create", "catalog", 0, "");
    a.note = kind + ":" + e.code;
    a.after_json = CatalogEntryToJson(e).dump();
    tx.AppendAudit(a);
    return Status::Ok();
  }));
  return e;
}

Result<CatalogEntry> App::SetCatalogEntryRetired(const Caller& caller, const std::string& kind, const std::string& code,
                                                 bool retired) {
  if (auto k = AdminCatalog(caller, kind); !k.ok()) return k.error();
  CatalogEntry out;
  TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    auto entry = FindEntry(tx, kind, code);
    if (!entry) return Error::NotFound();
    out = std::move(*entry);
    if (out.retired == retired) return Status::Ok();
    auto a = Audit(&caller, retired ? "catalog.retire" : "catalog.restore", "catalog", 0, "");
    a.note = kind + ":" + code;
    a.before_json = CatalogEntryToJson(out).dump();
    tx.SetCatalogEntryRetired(kind, code, retired);
    out.retired = retired;
    a.after_json = CatalogEntryToJson(out).dump();
    tx.AppendAudit(a);
    return Status::Ok();
  }));
  return out;
}

Status App::DeleteCatalogEntry(const Caller& caller, const std::string& kind, const std::string& code) {
  auto k = AdminCatalog(caller, kind);
  if (!k.ok()) return k.error();
  const std::string member_field((*k)->member_field);
  return store_.Write([&](store::Tx& tx) -> Status {
    auto entry = FindEntry(tx, kind, code);
    if (!entry) return Error::NotFound();
    // Built-in entries come back at the next start: they can only be retired.
    if (entry->builtin) return Error::Conflict("code", Msg::kCatalogBuiltin);
    if (!member_field.empty()) {
      const int64_t uses = tx.CountMembersWith(member_field, entry->name);
      if (uses > 0) return Error::Conflict("code", Format(Msg::kCatalogInUse, uses));
    }
    tx.DeleteCatalogEntry(kind, code);
    auto a = Audit(&caller, "catalog.delete", "catalog", 0, "");
    a.note = kind + ":" + code;
    a.before_json = CatalogEntryToJson(*entry).dump();
    tx.AppendAudit(a);
    return Status::Ok();
  });
}

Status App::ResolveCatalogFields(store::Tx& tx, Member& m, const Member* before) {
  FieldErrors errors;
  auto resolve = [&](const char* kind, std::string& value, const std::string* old) {
    if (value.empty() || (old && *old == value)) return;  // unknown, or unchanged (kept as it was)
    CatalogMatcher matcher(tx.ListCatalog(kind));
    if (const auto* e = matcher.Find(value)) {
      value = e->name;
    } else {
      errors.Add(kind, Format(Msg::kCatalogNoMatch, value, Text(FindCatalogKind(kind)->label)));
    }
  };
  resolve("ethnicity", m.ethnicity, before ? &before->ethnicity : nullptr);
  resolve("religion", m.religion, before ? &before->religion : nullptr);
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

}  // namespace tcxd::app
