#include "app/json_codec.h"

#include "app/service.h"

#include <algorithm>
#include <functional>
#include <map>

#include "text/unicode.h"

namespace tcxd::app {
namespace {

Json DateOrNull(const std::optional<Date>& d) {
  return d ? Json(d->ToString()) : Json(nullptr);
}

using Setter = std::function<Status(const Json&, const std::string& field)>;

Status TextField(const Json& v, const std::string& field, std::string& out) {
  if (v.is_null()) {
    out.clear();
    return Status::Ok();
  }
  if (!v.is_string()) return Error::Invalid(field, Msg::kWrongType);
  const auto& s = v.get_ref<const std::string&>();
  if (!text::IsValidUtf8(s)) return Error::Invalid(field, Msg::kNotUtf8);
  out = text::CleanText(s);
  return Status::Ok();
}

Status DateField(const Json& v, const std::string& field, std::optional<Date>& out) {
  if (v.is_null()) {
    out.reset();
    return Status::Ok();
  }
  if (!v.is_string()) return Error::Invalid(field, Msg::kWrongType);
  auto d = Date::Parse(v.get<std::string>());
  if (!d) return Error::Invalid(field, Msg::kInvalidDate);
  out = d;
  return Status::Ok();
}

Status IdField(const Json& v, const std::string& field, int64_t& out) {
  if (!v.is_number_integer() || v.get<int64_t>() <= 0) return Error::Invalid(field, Msg::kBadId);
  out = v.get<int64_t>();
  return Status::Ok();
}

// Applies every field of `in` through `setters`, collecting all errors.
Status ApplyFields(const Json& in, const std::map<std::string, Setter>& setters) {
  FieldErrors errors;
  for (const auto& [key, value] : in.items()) {
    auto it = setters.find(key);
    if (it == setters.end()) {
      errors.Add(key, Msg::kUnknownField);
      continue;
    }
    Status s = it->second(value, key);
    if (!s.ok()) errors.Add(key, s.error().message);
  }
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

}  // namespace

std::optional<Date> CollectDate(const Json& v, const std::string& field, FieldErrors& errors) {
  if (v.is_null()) return std::nullopt;
  std::optional<Date> d;
  if (v.is_string()) d = Date::Parse(v.get<std::string>());
  if (!d) errors.Add(field, Msg::kInvalidDate);
  return d;
}

std::string CollectText(const Json& v, const std::string& field, FieldErrors& errors) {
  if (v.is_null()) return "";
  if (!v.is_string()) {
    errors.Add(field, Msg::kWrongType);
    return "";
  }
  return text::CleanText(v.get<std::string>());
}

bool CollectBool(const Json& v, const std::string& field, FieldErrors& errors) {
  if (!v.is_boolean()) {
    errors.Add(field, Msg::kWrongType);
    return false;
  }
  return v.get<bool>();
}

Result<Json> ParseObject(std::string_view body) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) return Error::Malformed("", Msg::kMalformedJson);
  if (!j.is_object()) return Error::Malformed("", Msg::kExpectedObject);
  return j;
}

Status ApplyMemberJson(const Json& in, Member& m, std::optional<int>* version) {
  Member& t = m;
  std::map<std::string, Setter> setters = {
      {"full_name", [&](const Json& v, const std::string& f) { return TextField(v, f, t.full_name); }},
      {"ethnicity", [&](const Json& v, const std::string& f) { return TextField(v, f, t.ethnicity); }},
      {"religion", [&](const Json& v, const std::string& f) { return TextField(v, f, t.religion); }},
      {"hometown", [&](const Json& v, const std::string& f) { return TextField(v, f, t.hometown); }},
      {"residence", [&](const Json& v, const std::string& f) { return TextField(v, f, t.residence); }},
      {"national_id", [&](const Json& v, const std::string& f) { return TextField(v, f, t.national_id); }},
      {"card_number", [&](const Json& v, const std::string& f) { return TextField(v, f, t.card_number); }},
      {"cv_number", [&](const Json& v, const std::string& f) { return TextField(v, f, t.cv_number); }},
      {"birth_date", [&](const Json& v, const std::string& f) { return DateField(v, f, t.birth_date); }},
      {"admission_date", [&](const Json& v, const std::string& f) { return DateField(v, f, t.admission_date); }},
      {"ceremony_date", [&](const Json& v, const std::string& f) { return DateField(v, f, t.ceremony_date); }},
      {"official_date", [&](const Json& v, const std::string& f) { return DateField(v, f, t.official_date); }},
      {"left_on", [&](const Json& v, const std::string& f) { return DateField(v, f, t.left_on); }},
      {"org_id",
       [&](const Json& v, const std::string& f) -> Status {
         int64_t id = 0;
         TCXD_RETURN_IF_ERROR(IdField(v, f, id));
         t.org_id = OrgId(id);
         return Status::Ok();
       }},
      {"gender",
       [&](const Json& v, const std::string& f) -> Status {
         auto g = v.is_string() ? ParseGender(v.get<std::string>()) : std::nullopt;
         if (!g) return Error::Invalid(f, Msg::kGenderInvalid);
         t.gender = *g;
         return Status::Ok();
       }},
      {"status",
       [&](const Json& v, const std::string& f) -> Status {
         auto s = v.is_string() ? ParseMemberStatus(v.get<std::string>()) : std::nullopt;
         if (!s) return Error::Invalid(f, Format(Msg::kBadEnum, MemberStatusNames()));
         t.status = *s;
         return Status::Ok();
       }},
      {"version",
       [&](const Json& v, const std::string& f) -> Status {
         if (!v.is_number_integer()) return Error::Invalid(f, Msg::kWrongType);
         if (version) *version = v.get<int>();
         return Status::Ok();
       }},
  };
  return ApplyFields(in, setters);
}

Json MemberToJson(const Member& m) {
  return Json{{"id", m.id.value},
              {"org_id", m.org_id.value},
              {"full_name", m.full_name},
              {"gender", GenderName(m.gender)},
              {"birth_date", DateOrNull(m.birth_date)},
              {"ethnicity", m.ethnicity},
              {"religion", m.religion},
              {"hometown", m.hometown},
              {"residence", m.residence},
              {"national_id", m.national_id},
              {"admission_date", DateOrNull(m.admission_date)},
              {"ceremony_date", DateOrNull(m.ceremony_date)},
              {"official_date", DateOrNull(m.official_date)},
              {"card_number", m.card_number},
              {"cv_number", m.cv_number},
              {"status", MemberStatusName(m.status)},
              {"status_label", Text(MemberStatusLabel(m.status))},
              {"left_on", DateOrNull(m.left_on)},
              {"version", m.version}};
}

Status ApplyOrgJson(const Json& in, Organization& o) {
  std::map<std::string, Setter> setters = {
      {"name", [&](const Json& v, const std::string& f) { return TextField(v, f, o.name); }},
      {"code", [&](const Json& v, const std::string& f) { return TextField(v, f, o.code); }},
      {"kind",
       [&](const Json& v, const std::string& f) -> Status {
         auto k = v.is_string() ? ParseOrgKind(v.get<std::string>()) : std::nullopt;
         if (!k) return Error::Invalid(f, Format(Msg::kBadEnum, OrgKindNames()));
         o.kind = *k;
         return Status::Ok();
       }},
      {"parent_id",
       [&](const Json& v, const std::string& f) -> Status {
         if (v.is_null()) {
           o.parent_id = OrgId();
           return Status::Ok();
         }
         int64_t id = 0;
         TCXD_RETURN_IF_ERROR(IdField(v, f, id));
         o.parent_id = OrgId(id);
         return Status::Ok();
       }},
      {"founded_on", [&](const Json& v, const std::string& f) { return DateField(v, f, o.founded_on); }},
      {"dissolved_on", [&](const Json& v, const std::string& f) { return DateField(v, f, o.dissolved_on); }},
      {"version",
       [&](const Json& v, const std::string& f) -> Status {
         if (!v.is_number_integer()) return Error::Invalid(f, Msg::kWrongType);
         return Status::Ok();
       }},
  };
  return ApplyFields(in, setters);
}

Json MemberToJson(const Member& m, const BranchLabel& branch) {
  Json j = MemberToJson(m);
  j["org_code"] = branch.code;
  j["org_name"] = branch.name;
  return j;
}

Json OrgToJson(const Organization& o) {
  Json ancestors = Json::array();
  for (OrgId id : PathIds(o.path)) ancestors.push_back(id.value);
  return Json{{"id", o.id.value},
              {"ancestor_ids", std::move(ancestors)},
              {"parent_id", o.parent_id.valid() ? Json(o.parent_id.value) : Json(nullptr)},
              {"kind", OrgKindName(o.kind)},
              {"kind_label", Text(OrgKindLabel(o.kind))},
              {"code", o.code},
              {"name", o.name},
              {"founded_on", DateOrNull(o.founded_on)},
              {"dissolved_on", DateOrNull(o.dissolved_on)},
              {"depth", o.depth},
              {"holds_members", HoldsMembers(o.kind)},
              {"version", o.version}};
}

Json CountsToJson(const store::StatusCounts& c) {
  Json by_status = Json::object();
  for (int i = 0; i < kMemberStatusCount; ++i) {
    by_status[std::string(MemberStatusName(static_cast<MemberStatus>(i)))] = c.by_status[static_cast<size_t>(i)];
  }
  return Json{{"by_status", by_status}, {"members", c.Counted()}, {"women", c.female_counted}};
}

Json OrgStatsToJson(const OrgStats& s) {
  Json by_status = Json::object();
  for (int i = 0; i < kMemberStatusCount; ++i) {
    by_status[std::string(MemberStatusName(static_cast<MemberStatus>(i)))] = s.counts.by_status[static_cast<size_t>(i)];
  }
  Json bands = Json::array();
  int64_t in_bands = 0;
  for (const auto& [band, n] : s.age_bands) {
    bands.push_back(Json{{"label", band.label},
                         {"min", band.min},
                         {"max", band.max ? Json(*band.max) : Json(nullptr)},
                         {"count", n},
                         {"percent", Percent(n, s.counts.Counted())}});
    in_bands += n;
  }
  return Json{{"org_id", s.org.id.value},
              {"as_of", s.as_of.ToString()},
              {"year", s.year},
              {"by_status", by_status},
              {"counted", s.counts.Counted()},
              {"probationary", s.counts.by_status[static_cast<size_t>(MemberStatus::kProbationary)]},
              {"female", s.counts.female_counted},
              {"female_percent", Percent(s.counts.female_counted, s.counts.Counted())},
              {"admitted_in_year", s.admitted_in_year},
              {"age_bands", bands},
              {"age_unknown", s.counts.Counted() - in_bands}};
}

Json AccountToJson(const Account& a) {
  return Json{{"id", a.id.value},
              {"login", a.login},
              {"display_name", a.display_name},
              {"role", RoleName(a.role)},
              {"org_id", a.org_id.valid() ? Json(a.org_id.value) : Json(nullptr)},
              {"member_id", a.member_id.valid() ? Json(a.member_id.value) : Json(nullptr)},
              {"disabled", a.disabled}};
}

Json MemberPhotoToJson(const store::MemberPhotoRow& p) {
  return Json{{"content_type", p.content_type},
              {"size", p.size},
              {"width", p.width},
              {"height", p.height},
              {"updated_at_ms", p.updated_at_ms},
              {"updated_by", p.updated_by}};
}

Json AuditToJson(const store::AuditEntry& e) {
  auto parse = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json::parse(s, nullptr, false); };
  return Json{{"id", e.id},
              {"at_ms", e.at_ms},
              {"user_id", e.user_id.valid() ? Json(e.user_id.value) : Json(nullptr)},
              {"login", e.login},
              {"ip", e.ip},
              {"action", e.action},
              {"entity", e.entity},
              {"entity_id", e.entity_id},
              {"before", parse(e.before_json)},
              {"after", parse(e.after_json)},
              {"note", e.note}};
}

Json ErrorToJson(const Error& e) {
  Json err{{"code", ErrorCodeName(e.code)}, {"message", e.message}};
  err["field"] = e.field.empty() ? Json(nullptr) : Json(e.field);
  Json fields = Json::object();
  for (const auto& [f, m] : e.fields) {
    if (!f.empty() && f[0] != '_') fields[f] = m;
  }
  if (!fields.empty()) err["fields"] = fields;
  return Json{{"error", err}};
}

Json CatalogEntryToJson(const CatalogEntry& e) {
  Json j = {{"catalog", e.catalog}, {"code", e.code},       {"name", e.name},
            {"aliases", e.aliases}, {"builtin", e.builtin}, {"retired", e.retired}};
  if (!e.successor.empty()) j["successor"] = e.successor;
  if (!e.parent.empty()) j["parent"] = e.parent;
  return j;
}

namespace {
Json IssuesToJson(const std::vector<ImportIssue>& list) {
  Json issues = Json::array();
  for (const auto& i : list) {
    issues.push_back(
        {{"row", i.row}, {"column", i.column}, {"field", i.field}, {"value", i.value}, {"message", i.message}});
  }
  return issues;
}

// A count and the first entries (a preview: the whole list is in the file the user holds).
Json EntriesPreview(const std::vector<CatalogEntry>& entries) {
  Json items = Json::array();
  for (size_t k = 0; k < entries.size() && k < 20; ++k) items.push_back(CatalogEntryToJson(entries[k]));
  return Json{{"count", entries.size()}, {"items", std::move(items)}};
}
}  // namespace

Json CommuneImportReportToJson(const CommuneImportReport& r) {
  const CommuneImportPlan& p = r.plan;
  return Json{{"header_row", p.header_row},
              {"data_rows", p.data_rows},
              {"bad_rows", p.bad_rows},
              {"ignored_columns", p.ignored},
              {"issues", IssuesToJson(p.issues)},
              {"added", EntriesPreview(p.added)},
              {"changed", EntriesPreview(p.changed)},
              {"unchanged", p.unchanged},
              {"missing", EntriesPreview(p.missing)},
              {"applied", r.applied}};
}

Json ImportReportToJson(const ImportReport& r) {
  const ImportPlan& p = r.plan;
  Json issues = IssuesToJson(p.issues);
  Json preview = Json::array();
  for (size_t k = 0; k < p.valid.size() && k < 20; ++k) {
    Json m = MemberToJson(p.valid[k].member);
    m.erase("id");
    m.erase("version");
    m.erase("org_id");
    m["row"] = p.valid[k].row;
    m["branch"] = p.valid[k].branch;
    preview.push_back(std::move(m));
  }
  return Json{{"org", {{"id", r.org.id.value}, {"code", r.org.code}, {"name", r.org.name}}},
              {"header_row", p.header_row},
              {"data_rows", p.data_rows},
              {"valid_rows", p.valid.size()},
              {"bad_rows", p.bad_rows},
              {"ignored_columns", p.ignored},
              {"issues", std::move(issues)},
              {"preview", std::move(preview)},
              {"applied", r.applied},
              {"imported", r.imported}};
}

// ======================================================================= dossier

namespace {

Json OptInt(const std::optional<int>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// Reads one JSON object field by field; errors carry the full path of the field.
class ObjectReader {
 public:
  ObjectReader(const Json& in, std::string prefix, FieldErrors& errors)
      : in_(in), prefix_(std::move(prefix)), errors_(errors) {}

  bool IsObject() {
    if (in_.is_object()) return true;
    errors_.Add(prefix_.empty() ? "dossier" : prefix_.substr(0, prefix_.size() - 1), Msg::kWrongType);
    return false;
  }
  void Text(const char* key, std::string& out) {
    seen_.emplace_back(key);
    if (!in_.contains(key)) return;
    Status s = TextField(in_.at(key), prefix_ + key, out);
    if (!s.ok()) errors_.Add(prefix_ + key, s.error().message);
  }
  void Day(const char* key, std::optional<Date>& out) {
    seen_.emplace_back(key);
    if (!in_.contains(key)) return;
    Status s = DateField(in_.at(key), prefix_ + key, out);
    if (!s.ok()) errors_.Add(prefix_ + key, s.error().message);
  }
  void Int(const char* key, std::optional<int>& out) {
    seen_.emplace_back(key);
    if (!in_.contains(key) || in_.at(key).is_null()) return;
    const Json& v = in_.at(key);
    if (!v.is_number_integer() || v.get<int64_t>() < -100000 || v.get<int64_t>() > 100000) {
      errors_.Add(prefix_ + key, Msg::kWrongType);
      return;
    }
    out = v.get<int>();
  }
  template <typename T, typename Fn>
  void List(const char* key, std::vector<T>& out, Fn&& read_item) {
    seen_.emplace_back(key);
    if (!in_.contains(key) || in_.at(key).is_null()) return;
    const Json& v = in_.at(key);
    if (!v.is_array()) {
      errors_.Add(prefix_ + key, Msg::kWrongType);
      return;
    }
    out.clear();
    for (size_t i = 0; i < v.size() && i <= 1000; ++i) {
      ObjectReader item(v[i], prefix_ + key + "[" + std::to_string(i) + "].", errors_);
      if (!item.IsObject()) continue;
      T t{};
      read_item(item, t);
      item.Done();
      out.push_back(std::move(t));
    }
  }
  // Unknown fields are refused.
  void Done() {
    for (const auto& [k, v] : in_.items()) {
      if (std::find(seen_.begin(), seen_.end(), k) == seen_.end()) errors_.Add(prefix_ + k, Msg::kUnknownField);
    }
  }

 private:
  const Json& in_;
  std::string prefix_;
  FieldErrors& errors_;
  std::vector<std::string> seen_;
};

}  // namespace

Json DossierToJson(const Dossier& d) {
  Json quals = Json::array();
  for (const auto& q : d.qualifications) {
    quals.push_back({{"level", q.level}, {"field", q.field}, {"institution", q.institution}, {"year", OptInt(q.year)}});
  }
  Json work = Json::array();
  for (const auto& w : d.work_history) {
    work.push_back(
        {{"from", DateOrNull(w.from)}, {"to", DateOrNull(w.to)}, {"place", w.place}, {"position", w.position}});
  }
  Json family = Json::array();
  for (const auto& r : d.family) {
    family.push_back({{"relation", r.relation},
                      {"full_name", r.full_name},
                      {"birth_year", OptInt(r.birth_year)},
                      {"occupation", r.occupation},
                      {"residence", r.residence}});
  }
  Json intro = Json::array();
  for (const auto& x : d.introducers) {
    intro.push_back({{"full_name", x.full_name}, {"position", x.position}, {"organization", x.organization}});
  }
  Json badges = Json::array();
  for (const auto& b : d.badges) {
    badges.push_back({{"years", b.years}, {"awarded_on", DateOrNull(b.awarded_on)}, {"decision", b.decision}});
  }
  Json gaps = Json::array();
  for (const auto& g : d.interruptions) {
    gaps.push_back({{"from", g.from.ToString()}, {"to", g.to.ToString()}, {"reason", g.reason}});
  }
  return Json{{"other_names", d.other_names},
              {"birth_place", d.birth_place},
              {"occupation", d.occupation},
              {"general_education", d.general_education},
              {"qualifications", std::move(quals)},
              {"academic_title", d.academic_title},
              {"political_theory", d.political_theory},
              {"state_management", d.state_management},
              {"languages", d.languages},
              {"it_level", d.it_level},
              {"party_position", d.party_position},
              {"government_position", d.government_position},
              {"mass_org_position", d.mass_org_position},
              {"work_history", std::move(work)},
              {"family", std::move(family)},
              {"awards", d.awards},
              {"discipline", d.discipline},
              {"health", d.health},
              {"armed_service", d.armed_service},
              {"enlisted_on", DateOrNull(d.enlisted_on)},
              {"discharged_on", DateOrNull(d.discharged_on)},
              {"retired_on", DateOrNull(d.retired_on)},
              {"admission_decision_number", d.admission_decision_number},
              {"admission_decision_issuer", d.admission_decision_issuer},
              {"introducers", std::move(intro)},
              {"card_issued_on", DateOrNull(d.card_issued_on)},
              {"book_line_number", d.book_line_number},
              {"badges", std::move(badges)},
              {"residence_branch", d.residence_branch},
              {"interruptions", std::move(gaps)}};
}

Result<Dossier> StoredDossier(const std::string& data_json) {
  return DossierFromJson(Json::parse(data_json, nullptr, false));
}

Result<Dossier> DossierFromJson(const Json& in) {
  FieldErrors errors;
  Dossier d = DossierFromJsonCollecting(in, errors);
  if (!errors.empty()) return errors.ToError();
  return d;
}

Dossier DossierFromJsonCollecting(const Json& in, FieldErrors& errors) {
  Dossier d;
  ObjectReader r(in, "", errors);
  if (!r.IsObject()) return d;
  r.Text("other_names", d.other_names);
  r.Text("birth_place", d.birth_place);
  r.Text("occupation", d.occupation);
  r.Text("general_education", d.general_education);
  r.List("qualifications", d.qualifications, [](ObjectReader& o, Qualification& q) {
    o.Text("level", q.level);
    o.Text("field", q.field);
    o.Text("institution", q.institution);
    o.Int("year", q.year);
  });
  r.Text("academic_title", d.academic_title);
  r.Text("political_theory", d.political_theory);
  r.Text("state_management", d.state_management);
  r.Text("languages", d.languages);
  r.Text("it_level", d.it_level);
  r.Text("party_position", d.party_position);
  r.Text("government_position", d.government_position);
  r.Text("mass_org_position", d.mass_org_position);
  r.List("work_history", d.work_history, [](ObjectReader& o, WorkPeriod& w) {
    o.Day("from", w.from);
    o.Day("to", w.to);
    o.Text("place", w.place);
    o.Text("position", w.position);
  });
  r.List("family", d.family, [](ObjectReader& o, Relative& x) {
    o.Text("relation", x.relation);
    o.Text("full_name", x.full_name);
    o.Int("birth_year", x.birth_year);
    o.Text("occupation", x.occupation);
    o.Text("residence", x.residence);
  });
  r.Text("awards", d.awards);
  r.Text("discipline", d.discipline);
  r.Text("health", d.health);
  r.Text("armed_service", d.armed_service);
  r.Day("enlisted_on", d.enlisted_on);
  r.Day("discharged_on", d.discharged_on);
  r.Day("retired_on", d.retired_on);
  r.Text("admission_decision_number", d.admission_decision_number);
  r.Text("admission_decision_issuer", d.admission_decision_issuer);
  r.List("introducers", d.introducers, [](ObjectReader& o, DossierIntroducer& x) {
    o.Text("full_name", x.full_name);
    o.Text("position", x.position);
    o.Text("organization", x.organization);
  });
  r.Day("card_issued_on", d.card_issued_on);
  r.Text("book_line_number", d.book_line_number);
  r.List("badges", d.badges, [](ObjectReader& o, BadgeAward& b) {
    std::optional<int> years;
    o.Int("years", years);
    b.years = years.value_or(0);
    o.Day("awarded_on", b.awarded_on);
    o.Text("decision", b.decision);
  });
  r.Text("residence_branch", d.residence_branch);
  std::vector<std::pair<std::optional<Date>, std::optional<Date>>> gap_dates;
  r.List("interruptions", d.interruptions, [&](ObjectReader& o, Interruption& g) {
    std::optional<Date> from;
    std::optional<Date> to;
    o.Day("from", from);
    o.Day("to", to);
    o.Text("reason", g.reason);
    gap_dates.emplace_back(from, to);
    if (from) g.from = *from;
    if (to) g.to = *to;
  });
  for (size_t i = 0; i < gap_dates.size(); ++i) {
    const std::string at = "interruptions[" + std::to_string(i) + "].";
    if (!gap_dates[i].first) errors.Add(at + "from", Msg::kRequired);
    if (!gap_dates[i].second) errors.Add(at + "to", Msg::kRequired);
  }
  r.Done();
  return d;
}

Json DossierVersionToJson(const DossierVersion& v, bool with_data) {
  Json out{{"id", v.id},
           {"valid_from", v.valid_from.ToString()},
           {"recorded_at_ms", v.recorded_at_ms},
           {"recorded_by", v.recorded_by},
           {"note", v.note}};
  if (with_data) out["dossier"] = DossierToJson(v.data);
  return out;
}

Json DossierViewToJson(const DossierView& v) {
  Json out{{"member", MemberToJson(v.member, v.branch)},
           {"as_of", v.as_of.ToString()},
           {"version", v.version ? DossierVersionToJson(*v.version, false) : Json(nullptr)},
           {"dossier", DossierToJson(v.version ? v.version->data : Dossier{})},
           {"party_age", nullptr},
           {"next_badge", nullptr}};
  if (v.party_age) {
    out["party_age"] = {{"years", v.party_age->years},
                        {"months", v.party_age->months},
                        {"interrupted_days", v.party_age->interrupted_days}};
  }
  if (v.next_badge) out["next_badge"] = {{"years", v.next_badge->years}, {"due", v.next_badge->due.ToString()}};
  out["on_day"] = nullptr;
  if (v.on_day) {
    out["on_day"] = {
        {"org_id", v.on_day->org.valid() ? Json(v.on_day->org.value) : Json(nullptr)},
        {"branch_code", v.on_day->branch.code},
        {"branch_name", v.on_day->branch.name},
        {"status", v.on_day->status ? Json(std::string(MemberStatusName(*v.on_day->status))) : Json(nullptr)}};
  }
  return out;
}

Json SupplementCampaignToJson(const SupplementCampaign& c) {
  return Json{{"id", c.id},
              {"org_id", c.org_id.value},
              {"year", c.year},
              {"opened_on", c.opened_on.ToString()},
              {"due", c.due ? Json(c.due->ToString()) : Json(nullptr)},
              {"opened_by", c.opened_by},
              {"closed", c.closed}};
}

namespace {
Json ProgressToJson(const SupplementProgress& p) {
  return Json{{"members", p.members},
              {"changed", p.changed},
              {"no_change", p.no_change},
              {"pending", p.Pending()},
              {"percent_done", p.PercentDone()}};
}
}  // namespace

Json SupplementViewToJson(const SupplementView& v) {
  Json branches = Json::array();
  for (const auto& b : v.branches) {
    Json j = ProgressToJson(b.progress);
    j["org_id"] = b.branch.value;
    j["code"] = b.code;
    j["name"] = b.name;
    branches.push_back(std::move(j));
  }
  Json pending = Json::array();
  for (const auto& m : v.pending) {
    pending.push_back(Json{{"id", m.id.value}, {"full_name", m.full_name}, {"org_id", m.org_id.value}});
  }
  Json campaign = SupplementCampaignToJson(v.campaign);
  campaign["org_code"] = v.campaign_org.code;
  campaign["org_name"] = v.campaign_org.name;
  return Json{{"campaign", std::move(campaign)},
              {"shown", {{"id", v.shown.id.value}, {"code", v.shown.code}, {"name", v.shown.name}}},
              {"total", ProgressToJson(v.total)},
              {"branches", std::move(branches)},
              {"pending", std::move(pending)}};
}

}  // namespace tcxd::app
