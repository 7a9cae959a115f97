// The member dossier's use cases: read as of a date, record a new version, list the versions.
#include <map>

#include "app/service.h"
#include "domain/member_event.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

Result<DossierVersion> FromRow(const store::DossierRow& row) {
  DossierVersion v;
  v.id = row.id;
  v.member_id = row.member_id;
  v.valid_from = row.valid_from;
  v.recorded_at_ms = row.recorded_at_ms;
  v.recorded_by = row.recorded_by;
  v.note = row.note;
  auto d = StoredDossier(row.data_json);
  if (!d.ok()) return Error::Internal("stored dossier " + std::to_string(row.id) + " unreadable: " + d.error().message);
  v.data = std::move(*d);
  return v;
}

// The same errors with their fields under "dossier." (the request's field names).
Error UnderDossier(const Error& e) {
  FieldErrors prefixed;
  for (const auto& [f, msg] : e.fields) prefixed.Add("dossier." + f, msg);
  return prefixed.empty() ? e : prefixed.ToError();
}

}  // namespace

Result<DossierView> App::GetDossier(const Caller& caller, MemberId id, const std::string& as_of) {
  DossierView view;
  view.as_of = Today();
  if (!as_of.empty()) {
    auto d = Date::Parse(as_of);
    if (!d) return Error::Invalid("as_of", Msg::kDossierAsOf);
    view.as_of = *d;
  }
  auto m = GetMember(caller, id, &view.branch);  // scope check; the read is audited
  if (!m.ok()) return m.error();
  view.member = std::move(*m);
  std::vector<store::DossierRow> rows;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    rows = tx.DossierVersions(id, view.as_of);
    if (auto day = tx.RegisterOn(id, view.as_of)) {
      DossierView::OnDay on{day->org, {}, day->status};
      if (day->org.valid()) {
        if (auto o = tx.GetOrg(day->org)) on.branch = BranchLabel{o->code, o->name};
      }
      view.on_day = std::move(on);
    }
    return Status::Ok();
  }));
  std::vector<Interruption> gaps;
  if (!rows.empty()) {
    auto v = FromRow(rows.front());
    if (!v.ok()) return v.error();
    view.version = std::move(*v);
    for (const auto& g : view.version->data.interruptions) {
      if (g.from <= view.as_of) gaps.push_back(g);
    }
  }
  if (view.member.admission_date) {
    // A member who left (removal, withdrawal, expulsion, death) stops counting party age on that date and
    // is no longer due a badge (member_event.h).
    const std::optional<Date> end = PartyAgeEnd(view.member);
    const bool ended = end && *end <= view.as_of;
    view.party_age = PartyAgeOn(*view.member.admission_date, gaps, ended ? *end : view.as_of);
    auto milestones = BadgeMilestones(rules_, view.as_of);
    if (milestones.ok() && !ended) {
      view.next_badge = NextBadge(*view.member.admission_date, gaps, *milestones, view.as_of);
    }
  }
  return view;
}

Result<DossierVersion> App::UpdateDossier(const Caller& caller, MemberId id, const Json& body) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  FieldErrors errors;
  std::optional<Date> valid_from;
  std::string note;
  for (const auto& [k, v] : body.items()) {
    if (k != "valid_from" && k != "note" && k != "dossier" && k != "supplement_id") errors.Add(k, Msg::kUnknownField);
  }
  if (body.contains("valid_from") && body["valid_from"].is_string())
    valid_from = Date::Parse(body["valid_from"].get<std::string>());
  if (!valid_from || *valid_from > Today()) errors.Add("valid_from", Msg::kDossierValidFrom);
  if (body.contains("note")) {
    if (!body["note"].is_string()) {
      errors.Add("note", Msg::kWrongType);
    } else {
      note = text::CleanText(body["note"].get<std::string>());
      if (text::CodePointCount(note) > 300) errors.Add("note", Format(Msg::kTooLong, 300));
    }
  }
  if (!body.contains("dossier")) errors.Add("dossier", Msg::kRequired);
  int64_t supplement_id = 0;
  if (body.contains("supplement_id") && !body["supplement_id"].is_null()) {
    if (!body["supplement_id"].is_number_integer() || body["supplement_id"].get<int64_t>() <= 0) {
      errors.Add("supplement_id", Msg::kBadId);
    } else {
      supplement_id = body["supplement_id"].get<int64_t>();
    }
  }
  if (!errors.empty()) return errors.ToError();
  // Read what can be read, then check the rules on it too: every problem is reported at once.
  FieldErrors read_errors;
  Dossier data = DossierFromJsonCollecting(body["dossier"], read_errors);
  DossierVersion version;
  version.member_id = id.value;
  version.valid_from = *valid_from;
  version.note = note;
  version.recorded_by = caller.account.login;
  version.data = std::move(data);
  bool denied = false;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto found = tx.GetMemberWithPath(id);
    if (!found || !CanSeeMember(caller.account, id, found->path)) {
      denied = true;
      return Error::NotFound();
    }
    if (!CanWriteMembers(caller.account, found->path)) return Error::Forbidden();
    std::map<std::string, CatalogMatcher> matchers;
    DossierCatalogs catalogs;
    for (const auto& [field, catalog] : DossierCatalogFields()) {
      auto it = matchers.find(catalog);
      if (it == matchers.end()) it = matchers.emplace(catalog, CatalogMatcher(tx.ListCatalog(catalog))).first;
      catalogs[catalog] = &it->second;
    }
    Status valid = NormalizeDossier(version.data, catalogs, rules_, found->member.admission_date, Today());
    if (!read_errors.empty() || !valid.ok()) {
      // A field that could not be read keeps that message; the rules add the others.
      FieldErrors all;
      if (!read_errors.empty()) {
        for (const auto& [f, msg] : read_errors.ToError().fields) all.Add(f, msg);
      }
      if (!valid.ok()) {
        const auto read = read_errors.empty() ? std::map<std::string, std::string>() : read_errors.ToError().fields;
        for (const auto& [f, msg] : valid.error().fields) {
          if (read.count(f) == 0) all.Add(f, msg);
        }
      }
      return UnderDossier(all.ToError());
    }
    auto before = tx.DossierVersions(id, version.valid_from);
    store::DossierRow row;
    row.member_id = id.value;
    row.valid_from = version.valid_from;
    row.recorded_at_ms = clock_();
    row.recorded_by = version.recorded_by;
    row.note = version.note;
    row.data_json = DossierToJson(version.data).dump();
    tx.InsertDossierVersion(row);
    version.id = row.id;
    version.recorded_at_ms = row.recorded_at_ms;
    auto e = Audit(&caller, "member.dossier_update", "member", id.value, found->path);
    if (!before.empty()) e.before_json = before.front().data_json;
    e.after_json = row.data_json;
    e.note = "valid_from " + version.valid_from.ToString() + (note.empty() ? "" : ": " + note);
    tx.AppendAudit(e);
    if (supplement_id > 0) {
      Status marked = RecordSupplementEntry(tx, caller, supplement_id, id, SupplementState::kChanged);
      if (!marked.ok()) {
        Error err = marked.error();
        if (err.field.empty() || err.field == "member" || err.field == "supplement") err.field = "supplement_id";
        err.fields = {{"supplement_id", err.message}};
        return err;
      }
    }
    return Status::Ok();
  });
  if (denied) BufferReadAudit(Audit(&caller, "member.write_denied", "member", id.value, caller.account.org_path));
  if (!s.ok()) return s.error();
  return version;
}

Result<std::vector<DossierVersion>> App::DossierHistory(const Caller& caller, MemberId id) {
  auto m = GetMember(caller, id);  // scope check; the read is audited
  if (!m.ok()) return m.error();
  std::vector<store::DossierRow> rows;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    rows = tx.DossierVersions(id);
    return Status::Ok();
  }));
  std::vector<DossierVersion> out;
  for (const auto& r : rows) {
    auto v = FromRow(r);
    if (!v.ok()) return v.error();
    out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace tcxd::app
