// Admission use cases (issue #5): the candidate file and its case, steps through the domain state machine
// (src/domain/admission.h) with who acts where, the member created by the decision, the inboxes, quotas and
// the quota report, the competent-committee setting and the working-day calendar as data.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "app/json_fields.h"
#include "app/service.h"
#include "app/subtree_then.h"
#include "io/export.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

constexpr int kCaseListLimit = 500;
constexpr int kInboxScanLimit = 20000;

std::optional<IntroducerKind> ParseIntroducerKind(const std::string& s) {
  if (s == "member") return IntroducerKind::kMember;
  if (s == "youth_union") return IntroducerKind::kYouthUnion;
  if (s == "trade_union") return IntroducerKind::kTradeUnion;
  return std::nullopt;
}

// The entries of a list of the file (`name`: "verifications" or "comments"), each an object read by `read`
// (which reports its fields as "<name>[i].<key>"); the normalized list.
template <typename ReadEntry>
Json CollectEntries(const Json& v, const std::string& name, FieldErrors& errors, ReadEntry read) {
  Json out = Json::array();
  if (!v.is_array()) {
    errors.Add(name, Msg::kWrongType);
    return out;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string at = name + "[" + std::to_string(i) + "]";
    if (!v[i].is_object()) {
      errors.Add(at, Msg::kWrongType);
      continue;
    }
    out.push_back(read(v[i], at));
  }
  return out;
}

// The keys of `in` outside `known`, reported unknown.
void RejectUnknown(const Json& in, std::initializer_list<std::string_view> known, const std::string& at,
                   FieldErrors& errors) {
  for (const auto& item : in.items()) {
    if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
      errors.Add(at + "." + item.key(), Msg::kUnknownField);
    }
  }
}

// The value of `key` in the object `in`; null when absent.
Json At(const Json& in, const std::string& key) {
  return in.contains(key) ? in[key] : Json();
}

// A required text of an entry: missing, null or blank is reported as required.
std::string RequiredText(const Json& in, const std::string& key, const std::string& at, FieldErrors& errors) {
  const Json v = At(in, key);
  std::string s = CollectText(v, at + "." + key, errors);
  if (s.empty() && (v.is_null() || v.is_string())) errors.Add(at + "." + key, Msg::kRequired);
  return s;
}

// A required date of an entry.
std::optional<Date> RequiredDate(const Json& in, const std::string& key, const std::string& at, FieldErrors& errors) {
  const Json v = At(in, key);
  if (v.is_null()) {
    errors.Add(at + "." + key, Msg::kRequired);
    return std::nullopt;
  }
  return CollectDate(v, at + "." + key, errors);
}

// Background verifications (thẩm tra lý lịch): {place, sent, answered (null until answered), conclusion}.
Json CollectVerifications(const Json& v, FieldErrors& errors) {
  return CollectEntries(v, "verifications", errors, [&](const Json& in, const std::string& at) {
    RejectUnknown(in, {"place", "sent", "answered", "conclusion"}, at, errors);
    const std::string place = RequiredText(in, "place", at, errors);
    const auto sent = RequiredDate(in, "sent", at, errors);
    const auto answered = CollectDate(At(in, "answered"), at + ".answered", errors);
    if (sent && answered && *answered < *sent) errors.Add(at + ".answered", Msg::kAdmVerificationAnswered);
    return Json{{"place", place},
                {"sent", DateJson(sent)},
                {"answered", DateJson(answered)},
                {"conclusion", CollectText(At(in, "conclusion"), at + ".conclusion", errors)}};
  });
}

// Comments of the mass organizations where the candidate works and of the residence branch:
// {source: "mass_org" | "residence_branch", organization, date, content}.
Json CollectComments(const Json& v, FieldErrors& errors) {
  return CollectEntries(v, "comments", errors, [&](const Json& in, const std::string& at) {
    RejectUnknown(in, {"source", "organization", "date", "content"}, at, errors);
    const Json source = At(in, "source");
    if (source != "mass_org" && source != "residence_branch") errors.Add(at + ".source", Msg::kAdmCommentSource);
    const std::string organization = RequiredText(in, "organization", at, errors);
    const auto date = RequiredDate(in, "date", at, errors);
    return Json{{"source", source.is_string() ? source : Json("")},
                {"organization", organization},
                {"date", DateJson(date)},
                {"content", RequiredText(in, "content", at, errors)}};
  });
}

// Every open-stage field of the candidate file that `body` sets, onto `row`. `creating`: the identity
// fields are accepted (and later required); otherwise only while the case is at the candidate stage.
void ApplyCandidateJson(const Json& body, store::AdmissionCaseRow& row, bool identity_allowed, FieldErrors& errors) {
  Candidate& cand = row.state.candidate;
  for (const auto& [k, v] : body.items()) {
    if (k == "version" || k == "branch_id") continue;  // read by the caller
    if (k == "verifications") {
      row.verifications_json = CollectVerifications(v, errors).dump();
      continue;
    }
    if (k == "comments") {
      row.comments_json = CollectComments(v, errors).dump();
      continue;
    }
    if (!identity_allowed) {
      errors.Add(k, Msg::kAdmFileClosed);
      continue;
    }
    if (k == "full_name") {
      cand.full_name = CollectText(v, k, errors);
    } else if (k == "gender") {
      auto g = v.is_string() ? ParseGender(v.get<std::string>()) : std::nullopt;
      if (!g) {
        errors.Add(k, Msg::kWrongType);
      } else {
        row.gender = *g;
      }
    } else if (k == "birth_date") {
      cand.birth_date = CollectDate(v, k, errors);
    } else if (k == "ethnicity") {
      row.ethnicity = CollectText(v, k, errors);
    } else if (k == "religion") {
      row.religion = CollectText(v, k, errors);
    } else if (k == "youth_union") {
      row.youth_union = CollectBool(v, k, errors);
    } else if (k == "private_enterprise") {
      row.private_enterprise = CollectBool(v, k, errors);
    } else if (k == "source") {
      auto source = v.is_string() ? ParseCandidateSource(v.get<std::string>()) : std::nullopt;
      if (!source) {
        errors.Add(k, Msg::kAdmSource);
      } else {
        cand.source = *source;
      }
    } else if (k == "general_education") {
      cand.general_education = CollectText(v, k, errors);
    } else if (k == "education_consent") {
      cand.education_exception_consent = CollectBool(v, k, errors);
    } else if (k == "over_age_consent") {
      cand.over_age_consent = CollectBool(v, k, errors);
    } else if (k == "awareness_certificate_date") {
      cand.awareness_certificate_date = CollectDate(v, k, errors);
    } else if (k == "application_date") {
      row.application_date = CollectDate(v, k, errors);
    } else if (k == "cv_date") {
      row.cv_date = CollectDate(v, k, errors);
    } else if (k == "introducers") {
      if (!v.is_array()) {
        errors.Add(k, Msg::kWrongType);
        continue;
      }
      Json out = Json::array();
      for (size_t i = 0; i < v.size(); ++i) {
        const std::string at = "introducers[" + std::to_string(i) + "]";
        const Json& in = v[i];
        if (!in.is_object()) {
          errors.Add(at, Msg::kWrongType);
          continue;
        }
        Json norm = Json::object();
        for (const auto& [ik, iv] : in.items()) {
          if (ik == "kind") {
            if (!iv.is_string() || !ParseIntroducerKind(iv.get<std::string>()))
              errors.Add(at + ".kind", Msg::kAdmIntroducerKind);
          } else if (ik == "member_id") {
            if (!iv.is_number_integer() || iv.get<int64_t>() <= 0) errors.Add(at + ".member_id", Msg::kBadId);
          } else if (ik == "official_since" || ik == "together_since") {
            (void)CollectDate(iv, fmt::format("{}.{}", at, ik), errors);
          } else if (ik == "name") {
            norm[ik] = CollectText(iv, at + ".name", errors);
            continue;
          } else {
            errors.Add(fmt::format("{}.{}", at, ik), Msg::kUnknownField);
            continue;
          }
          norm[ik] = iv;
        }
        if (!in.contains("kind")) errors.Add(at + ".kind", Msg::kRequired);
        out.push_back(std::move(norm));
      }
      row.introducers_json = out.dump();
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
}

// The candidate's introducers for the domain: members read from the register on `on` (an official
// member: official since their official date; probationary or gone: not official).
Status ResolveIntroducers(store::Tx& tx, store::AdmissionCaseRow& row) {
  Json list = Json::parse(row.introducers_json, nullptr, false);
  std::vector<Introducer> out;
  if (!list.is_array()) return Status::Ok();
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& in = list[i];
    Introducer x;
    x.kind = ParseIntroducerKind(in.value("kind", "member")).value_or(IntroducerKind::kMember);
    x.name = in.value("name", "");
    if (in.contains("together_since") && in["together_since"].is_string())
      x.together_since = Date::Parse(in["together_since"].get<std::string>());
    if (in.contains("member_id") && in["member_id"].is_number_integer()) {
      auto m = tx.GetMember(MemberId(in["member_id"].get<int64_t>()));
      if (!m) {
        return Error::Invalid("candidate.introducers[" + std::to_string(i) + "]", Msg::kAdmIntroducerMember);
      }
      if (x.name.empty()) x.name = m->full_name;
      if (m->status == MemberStatus::kOfficial) x.official_since = m->official_date.value_or(Date(1930, 2, 3));
    } else if (in.contains("official_since") && in["official_since"].is_string()) {
      x.official_since = Date::Parse(in["official_since"].get<std::string>());
    }
    out.push_back(std::move(x));
  }
  row.state.candidate.introducers = std::move(out);
  return Status::Ok();
}

// At the candidate stage, the introducers of the case as a branch vote on `on` would judge them.
void NoteIntroducerIssues(store::Tx& tx, const RuleSet& rules, Date on, AdmissionCaseView& v) {
  if (v.row.state.stage != AdmissionStage::kCandidate) return;
  Status s = ResolveIntroducers(tx, v.row);
  if (s.ok()) s = CheckIntroducersOn(v.row.state.candidate, on, rules);
  if (s.ok()) return;
  v.introducer_issues = s.error().fields;
  if (v.introducer_issues.empty()) v.introducer_issues[s.error().field] = s.error().message;
}

// `org` and its ancestors, root first (ancestors missing from the store are skipped).
std::vector<Organization> ChainOf(store::Tx& tx, const Organization& org) {
  std::vector<Organization> chain;
  const auto ids = PathIds(org.path);
  for (size_t i = 0; i + 1 < ids.size(); ++i) {
    if (auto o = tx.GetOrg(ids[i])) chain.push_back(std::move(*o));
  }
  chain.push_back(org);
  return chain;
}

// Who decides admissions for the subtree of the last organization of `chain` (root first): the nearest
// setting (`set_on`: the organization it is set on), else the nearest commune/ward, bloc, district,
// provincial or central committee (rules.md §1.5, §10); no committee when none is found.
struct Competence {
  std::optional<Organization> committee;
  std::optional<Organization> set_on;
};

Competence CompetenceOf(store::Tx& tx, const std::vector<Organization>& chain) {
  std::vector<OrgId> ids;
  ids.reserve(chain.size());
  for (const auto& o : chain) ids.push_back(o.id);
  std::map<int64_t, OrgId> settings;
  for (const auto& [org, committee] : tx.CompetenceSettings(ids)) settings[org.value] = committee;
  for (size_t i = chain.size(); i-- > 0;) {
    const Organization& o = chain[i];
    auto it = settings.find(o.id.value);
    if (it != settings.end()) return Competence{tx.GetOrg(it->second), o};
    if (o.kind == OrgKind::kCommune || o.kind == OrgKind::kBloc || o.kind == OrgKind::kDistrict ||
        o.kind == OrgKind::kProvincial || o.kind == OrgKind::kCentral) {
      return Competence{o, std::nullopt};
    }
  }
  return Competence{};
}

// Whether `c` may be the competent committee of `org`'s subtree: a committee (not a branch nor a
// sub-committee) that is `org` itself or above it.
bool MayDecideFor(const Organization& c, const Organization& org) {
  return !HoldsMembers(c.kind) && c.kind != OrgKind::kSubCommittee && InSubtree(org.path, c.path);
}

// The actor of a step: the branch, its grassroots office, or the competent committee.
enum class Actor { kBranch, kOffice, kCompetent };

Actor ActorOf(StepKind kind, const AdmissionCase& c) {
  switch (kind) {
    case StepKind::kBranchVote:
    case StepKind::kRecognitionBranchVote:
    case StepKind::kCeremony:
      return Actor::kBranch;
    case StepKind::kSubCommitteeAppraisal:
    case StepKind::kGrassrootsVote:
    case StepKind::kRecognitionGrassrootsVote:
      return Actor::kOffice;
    case StepKind::kDecision:
    case StepKind::kRecognitionDecision:
    case StepKind::kExtension:
      return Actor::kCompetent;
    case StepKind::kStop:
      return c.decision_date ? Actor::kCompetent : Actor::kBranch;
  }
  return Actor::kBranch;
}

std::string_view ActorName(Actor a) {
  switch (a) {
    case Actor::kBranch:
      return "branch";
    case Actor::kOffice:
      return "office";
    case Actor::kCompetent:
      break;
  }
  return "competent";
}

bool IsStaff(const Account& a) {
  return a.role == Role::kAdmin || a.role == Role::kProvince || a.role == Role::kGrassroots;
}

// Whether the caller may act as `actor` on a case of branch `branch`.
bool MayAct(const Account& a, Actor actor, const Organization& branch, const std::optional<Organization>& office,
            const Organization& competent) {
  if (a.disabled || a.role == Role::kMember) return false;
  if (a.role == Role::kAdmin) return true;
  switch (actor) {
    case Actor::kBranch:
      return CanWriteMembers(a, branch.path);
    case Actor::kOffice:
      return IsStaff(a) && office && CanSeeOrg(a, office->path);
    case Actor::kCompetent:
      // The competent committee's own staff, or staff above it.
      return IsStaff(a) && CanSeeOrg(a, competent.path);
  }
  return false;
}

Json VotesToJson(const std::optional<Votes>& v) {
  if (!v) return nullptr;
  return {{"yes", v->yes}, {"no", v->no}, {"entitled", v->entitled}};
}

Json OrgBrief(const Organization& o) {
  return {{"id", o.id.value}, {"code", o.code}, {"name", o.name}};
}

}  // namespace

// ======================================================================= calendar

void App::SeedCalendar() {
  // The built-in years the database lacks: all of them on a new database, a year shipped by an upgrade on
  // an older one. A year the database has, edited by an administrator or not, is kept as it is.
  (void)store_.Write([&](store::Tx& tx) -> Status {
    std::set<int> have;
    for (const auto& y : tx.CalendarYears()) have.insert(y.year);
    const WorkCalendar& def = WorkCalendar::Default();
    for (const auto& y : def.Years()) {
      if (have.count(y.year) != 0) continue;
      tx.ReplaceCalendarYear(y, def.Days(y.year));
      if (!have.empty()) spdlog::info("calendar: built-in year {} added", y.year);
    }
    return Status::Ok();
  });
}

Result<WorkCalendar> App::LoadCalendar(store::Tx& tx) {
  std::string csv;
  for (const auto& y : tx.CalendarYears()) {
    csv += fmt::format("year,{},{},{}\n", y.year,
                       y.status == CalendarYearStatus::kOfficial ? "official" : "provisional", y.source);
  }
  for (const auto& d : tx.CalendarDays()) {
    csv += fmt::format("{},{},{}\n", d.working ? "work" : "off", d.date.ToString(), d.name);
  }
  if (csv.empty()) return WorkCalendar::Default();
  return WorkCalendar::FromCsv(csv);
}

Result<WorkCalendar> App::GetWorkCalendar() {
  Result<WorkCalendar> cal = Error::Internal("not read");
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    cal = LoadCalendar(tx);
    return Status::Ok();
  }));
  return cal;
}

Status App::ReplaceCalendarYear(const Caller& caller, int year, const Json& body) {
  if (caller.account.role != Role::kAdmin) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  if (year < 2000 || year > 2100) return Error::Invalid("year", Msg::kAdmCalendarYear);
  FieldErrors errors;
  CalendarYear y;
  y.year = year;
  std::vector<CalendarDay> days;
  for (const auto& [k, v] : body.items()) {
    if (k == "status") {
      const std::string s = v.is_string() ? v.get<std::string>() : "";
      if (s == "official") {
        y.status = CalendarYearStatus::kOfficial;
      } else if (s == "provisional") {
        y.status = CalendarYearStatus::kProvisional;
      } else {
        errors.Add(k, Msg::kWrongType);
      }
    } else if (k == "source") {
      y.source = CollectText(v, k, errors);
    } else if (k == "days") {
      if (!v.is_array()) {
        errors.Add(k, Msg::kWrongType);
        continue;
      }
      for (size_t i = 0; i < v.size(); ++i) {
        const std::string at = "days[" + std::to_string(i) + "]";
        if (!v[i].is_object()) {
          errors.Add(at, Msg::kWrongType);
          continue;
        }
        CalendarDay d;
        auto date = CollectDate(v[i].value("date", Json()), at + ".date", errors);
        if (date && date->year() != year) errors.Add(at + ".date", Msg::kAdmCalendarYear);
        d.date = date.value_or(Date());
        d.working = v[i].value("working", false);
        d.name = text::CleanText(v[i].value("name", ""));
        days.push_back(std::move(d));
      }
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (!errors.empty()) return errors.ToError();
  // The whole calendar with this year replaced must still be valid (a "work" day on a weekday, twice the
  // same day, ...): checked with the domain parser before anything is written.
  std::string csv = fmt::format("year,{},{},{}\n", year,
                                y.status == CalendarYearStatus::kOfficial ? "official" : "provisional", y.source);
  for (const auto& d : days) csv += fmt::format("{},{},{}\n", d.working ? "work" : "off", d.date.ToString(), d.name);
  auto check = WorkCalendar::FromCsv(csv);
  if (!check.ok()) return check.error();
  return store_.Write([&](store::Tx& tx) -> Status {
    tx.ReplaceCalendarYear(y, days);
    auto e = Audit(&caller, "calendar.replace_year", "calendar", year, "");
    e.after_json = csv;
    tx.AppendAudit(e);
    return Status::Ok();
  });
}

// ======================================================================= cases

Result<AdmissionCaseView> App::ViewCase(store::Tx& tx, store::AdmissionCaseRow row, const WorkCalendar& cal,
                                        std::map<int64_t, AdmissionCaseView>* actors) {
  AdmissionCaseView v;
  // The actors of a branch are the same for all its cases: lists and inboxes look them up once.
  if (actors != nullptr) {
    auto it = actors->find(row.branch_id.value);
    if (it != actors->end()) {
      v.office = it->second.office;
      v.competent = it->second.competent;
      return FinishView(std::move(v), std::move(row), cal);
    }
  }
  auto branch = tx.GetOrg(row.branch_id);
  if (!branch) return Error::NotFound();
  const std::vector<Organization> chain = ChainOf(tx, *branch);
  // The office: the nearest grassroots committee above the branch.
  for (size_t i = chain.size() - 1; i-- > 0;) {
    if (chain[i].kind == OrgKind::kGrassroots) {
      v.office = chain[i];
      break;
    }
  }
  v.competent = CompetenceOf(tx, chain).committee.value_or(*branch);
  if (actors != nullptr) (*actors)[row.branch_id.value] = v;
  return FinishView(std::move(v), std::move(row), cal);
}

Result<AdmissionCaseView> App::FinishView(AdmissionCaseView v, store::AdmissionCaseRow row, const WorkCalendar& cal) {
  AdmissionContext ctx{rules_, cal, Today()};
  auto next = NextStepDue(row.state, ctx);
  if (!next.ok()) return next.error();
  v.next = *next;
  if (v.next) v.next_actor = std::string(ActorName(ActorOf(v.next->step, row.state)));
  v.row = std::move(row);
  return v;
}

void App::AuditRefusal(const Caller& caller, const std::string& action, const std::string& entity, int64_t id,
                       const std::string& path, const Error& e) {
  (void)store_.Write([&](store::Tx& tx) -> Status {
    auto a = Audit(&caller, action, entity, id, path);
    a.note = e.field + ": " + e.message;
    tx.AppendAudit(a);
    return Status::Ok();
  });
}

Result<AdmissionCaseView> App::CreateAdmissionCase(const Caller& caller, const Json& body) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  store::AdmissionCaseRow row;
  FieldErrors errors;
  ApplyCandidateJson(body, row, true, errors);
  if (body.contains("version")) errors.Add("version", Msg::kUnknownField);
  for (const char* f : {"branch_id", "full_name", "gender", "birth_date", "source"}) {
    if (!body.contains(f)) errors.Add(f, Msg::kRequired);
  }
  int64_t branch_id = 0;
  if (body.contains("branch_id")) {
    if (!body["branch_id"].is_number_integer()) {
      errors.Add("branch_id", Msg::kBadId);
    } else {
      branch_id = body["branch_id"].get<int64_t>();
    }
  }
  if (row.state.candidate.full_name.empty() && body.contains("full_name")) errors.Add("full_name", Msg::kRequired);
  if (!errors.empty()) return errors.ToError();
  row.branch_id = OrgId(branch_id);
  row.created_by = caller.account.login;
  row.created_at_ms = clock_();
  Result<AdmissionCaseView> out = Error::Internal("not run");
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto branch = tx.GetOrg(row.branch_id);
    if (!branch || !CanSeeOrg(caller.account, branch->path)) return Error::NotFound();
    if (!HoldsMembers(branch->kind)) return Error::Invalid("branch_id", Msg::kAdmBranchRequired);
    if (!CanWriteMembers(caller.account, branch->path)) return Error::Forbidden();
    auto parent = tx.GetOrg(branch->parent_id);
    row.state.shape.sub_committee = parent && parent->kind == OrgKind::kSubCommittee;
    row.state.shape.grassroots_committee = branch->kind == OrgKind::kBranch;
    // The register's spelling of ethnicity and religion (catalog names).
    Member probe;
    probe.ethnicity = row.ethnicity;
    probe.religion = row.religion;
    TCXD_RETURN_IF_ERROR(ResolveCatalogFields(tx, probe, nullptr));
    row.ethnicity = probe.ethnicity;
    row.religion = probe.religion;
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    tx.InsertAdmissionCase(row);
    auto e = Audit(&caller, "admission.create", "admission_case", row.id, branch->path);
    e.note = row.state.candidate.full_name;
    tx.AppendAudit(e);
    out = ViewCase(tx, row, *cal);
    if (out.ok()) NoteIntroducerIssues(tx, rules_, Today(), *out);
    return out.ok() ? Status::Ok() : Status(out.error());
  });
  if (!s.ok()) return s.error();
  return out;
}

Result<AdmissionCaseView> App::UpdateAdmissionCase(const Caller& caller, int64_t id, const Json& body) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  if (!body.contains("version") || !body["version"].is_number_integer())
    return Error::Invalid("version", Msg::kRequired);
  Result<AdmissionCaseView> out = Error::Internal("not run");
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto row = tx.GetAdmissionCase(id);
    if (!row || !CanSeeOrg(caller.account, row->branch_path)) return Error::NotFound();
    if (!CanWriteMembers(caller.account, row->branch_path)) return Error::Forbidden();
    if (row->version != body["version"].get<int>()) return Error::Conflict("version", Msg::kAdmVersionMismatch);
    if (row->state.stage == AdmissionStage::kOfficial || row->state.stage == AdmissionStage::kStopped) {
      return Error::Conflict("stage", Format(Msg::kAdmCaseClosed, Text(AdmissionStageLabel(row->state.stage))));
    }
    FieldErrors errors;
    ApplyCandidateJson(body, *row, row->state.stage == AdmissionStage::kCandidate, errors);
    if (row->state.candidate.full_name.empty()) errors.Add("full_name", Msg::kRequired);
    if (!errors.empty()) return errors.ToError();
    Member probe;
    probe.ethnicity = row->ethnicity;
    probe.religion = row->religion;
    TCXD_RETURN_IF_ERROR(ResolveCatalogFields(tx, probe, nullptr));
    row->ethnicity = probe.ethnicity;
    row->religion = probe.religion;
    TCXD_RETURN_IF_ERROR(tx.SaveAdmissionCase(*row));
    auto e = Audit(&caller, "admission.update", "admission_case", id, row->branch_path);
    e.after_json = body.dump();
    tx.AppendAudit(e);
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    out = ViewCase(tx, *row, *cal);
    if (out.ok()) NoteIntroducerIssues(tx, rules_, Today(), *out);
    return out.ok() ? Status::Ok() : Status(out.error());
  });
  if (!s.ok()) return s.error();
  return out;
}

Result<AdmissionCaseView> App::GetAdmissionCase(const Caller& caller, int64_t id) {
  Result<AdmissionCaseView> out = Error::NotFound();
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto row = tx.GetAdmissionCase(id);
    if (!row) return Error::NotFound();
    if (!CanSeeOrg(caller.account, row->branch_path)) {
      // The competent committee sees the cases it decides even outside its subtree (a setting may point
      // a subtree at a committee elsewhere).
      auto cal = LoadCalendar(tx);
      if (!cal.ok()) return cal.error();
      auto v = ViewCase(tx, *row, *cal);
      if (!v.ok() || caller.account.role == Role::kMember || !CanSeeOrg(caller.account, v->competent.path))
        return Error::NotFound();
      out = std::move(v);
      NoteIntroducerIssues(tx, rules_, Today(), *out);
      return Status::Ok();
    }
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    out = ViewCase(tx, *row, *cal);
    if (out.ok()) NoteIntroducerIssues(tx, rules_, Today(), *out);
    return out.ok() ? Status::Ok() : Status(out.error());
  }));
  return out;
}

Result<std::vector<AdmissionCaseView>> App::ListAdmissionCases(const Caller& caller, const std::string& org,
                                                               const std::string& stage) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  std::optional<AdmissionStage> only;
  if (!stage.empty() && stage != "open") {
    only = ParseAdmissionStage(stage);
    if (!only) return Error::Invalid("stage", Msg::kWrongType);
  }
  int64_t org_id = caller.account.org_id.value;
  if (!org.empty()) {
    auto [p, ec] = std::from_chars(org.data(), org.data() + org.size(), org_id);
    if (ec != std::errc() || p != org.data() + org.size()) return Error::Invalid("org", Msg::kBadId);
  }
  std::vector<AdmissionCaseView> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    std::optional<Organization> o;
    if (org_id > 0) {
      o = tx.GetOrg(OrgId(org_id));
    } else {
      auto roots = tx.Children(OrgId());
      if (!roots.empty()) o = roots.front();
    }
    if (!o || !CanSeeOrg(caller.account, o->path)) return Error::NotFound();
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    std::map<int64_t, AdmissionCaseView> actors;
    for (auto& row : tx.ListAdmissionCases(*o, stage == "open", kCaseListLimit)) {
      if (only && row.state.stage != *only) continue;
      auto v = ViewCase(tx, std::move(row), *cal, &actors);
      if (!v.ok()) return v.error();
      out.push_back(std::move(*v));
    }
    return Status::Ok();
  }));
  return out;
}

Result<AdmissionCaseView> App::RecordAdmissionStep(const Caller& caller, int64_t id, const Json& body) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  AdmissionStep step;
  FieldErrors errors;
  std::optional<int> version;
  bool has_kind = false;
  for (const auto& [k, v] : body.items()) {
    if (k == "kind") {
      auto kind = v.is_string() ? ParseStepKind(v.get<std::string>()) : std::nullopt;
      if (!kind) {
        errors.Add(k, Msg::kAdmStepKind);
      } else {
        step.kind = *kind;
        has_kind = true;
      }
    } else if (k == "date") {
      auto d = CollectDate(v, k, errors);
      if (d) step.date = *d;
    } else if (k == "document_number") {
      step.document_number = CollectText(v, k, errors);
    } else if (k == "votes") {
      if (v.is_null()) continue;
      if (!v.is_object()) {
        errors.Add(k, Msg::kWrongType);
        continue;
      }
      Votes votes;
      for (const auto& [vk, vv] : v.items()) {
        if (!vv.is_number_integer()) {
          errors.Add("votes." + vk, Msg::kWrongType);
        } else if (vk == "yes") {
          votes.yes = vv.get<int>();
        } else if (vk == "no") {
          votes.no = vv.get<int>();
        } else if (vk == "entitled") {
          votes.entitled = vv.get<int>();
        } else {
          errors.Add("votes." + vk, Msg::kUnknownField);
        }
      }
      step.votes = votes;
    } else if (k == "reason") {
      step.reason = CollectText(v, k, errors);
    } else if (k == "extension_working_days") {
      if (!v.is_number_integer()) {
        errors.Add(k, Msg::kWrongType);
      } else {
        step.extension_working_days = v.get<int>();
      }
    } else if (k == "received_on") {
      step.received_on = CollectDate(v, k, errors);
    } else if (k == "consent_document") {
      step.consent_document = CollectText(v, k, errors);
    } else if (k == "version") {
      if (!v.is_number_integer()) {
        errors.Add(k, Msg::kWrongType);
      } else {
        version = v.get<int>();
      }
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (!has_kind && !body.contains("kind")) errors.Add("kind", Msg::kRequired);
  if (!body.contains("date")) errors.Add("date", Msg::kRequired);
  step.recorded_by = caller.account.login;

  std::string path;  // for the audit of a refusal
  bool seen = false;
  Result<AdmissionCaseView> out = Error::Internal("not run");
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto row = tx.GetAdmissionCase(id);
    if (!row) return Error::NotFound();
    path = row->branch_path;
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    auto before = ViewCase(tx, *row, *cal);
    if (!before.ok()) return before.error();
    // Outside the caller's scope: refused below by the actor check (403, with the reason), and audited.
    seen = true;
    if (!errors.empty()) return errors.ToError();
    // Who acts where.
    auto branch = tx.GetOrg(row->branch_id);
    const Actor actor = ActorOf(step.kind, row->state);
    if (!MayAct(caller.account, actor, *branch, before->office, before->competent)) {
      const std::string label(Text(StepKindLabel(step.kind)));
      switch (actor) {
        case Actor::kBranch:
          return ForbiddenBecause(Format(Msg::kAdmNotBranchActor, label, branch->name));
        case Actor::kOffice:
          return ForbiddenBecause(
              Format(Msg::kAdmNotOfficeActor, label, before->office ? before->office->name : branch->name));
        case Actor::kCompetent:
          return ForbiddenBecause(Format(Msg::kAdmNotCompetent, label, before->competent.name));
      }
    }
    if (version && *version != row->version) return Error::Conflict("version", Msg::kAdmVersionMismatch);
    if (step.kind == StepKind::kBranchVote) TCXD_RETURN_IF_ERROR(ResolveIntroducers(tx, *row));
    AdmissionContext ctx{rules_, *cal, Today()};
    auto next = Apply(row->state, step, ctx);
    if (!next.ok()) return next.error();
    const AdmissionStage stage_before = row->state.stage;
    row->state = std::move(*next);
    row->step_recorded_at_ms.push_back(clock_());
    auto due = NextStepDue(row->state, ctx);
    if (!due.ok()) return due.error();
    row->next_deadline = *due ? (*due)->deadline : std::nullopt;

    // The register.
    const AdmissionStep& applied = row->state.steps.back();
    if (step.kind == StepKind::kDecision) {
      Member m;
      m.org_id = branch->id;
      m.full_name = row->state.candidate.full_name;
      m.gender = row->gender;
      m.birth_date = row->state.candidate.birth_date;
      m.ethnicity = row->ethnicity;
      m.religion = row->religion;
      m.admission_date = applied.date;  // party age counts from the decision (rules.md §1.7)
      m.status = MemberStatus::kProbationary;
      auto mid = tx.InsertMember(m, *branch);
      if (!mid.ok()) return mid.error();
      row->member_id = *mid;
      auto e = Audit(&caller, "member.create", "member", mid->value, branch->path);
      e.after_json = MemberToJson(m).dump();
      e.note = fmt::format("admission case {}", id);
      tx.AppendAudit(e);
    } else if (row->member_id.valid() &&
               (step.kind == StepKind::kCeremony || step.kind == StepKind::kRecognitionDecision ||
                step.kind == StepKind::kStop)) {
      auto m = tx.GetMember(row->member_id);
      if (m) {
        Member after = *m;
        if (step.kind == StepKind::kCeremony) {
          after.ceremony_date = applied.date;
        } else if (step.kind == StepKind::kRecognitionDecision) {
          after.status = MemberStatus::kOfficial;
          after.official_date = row->state.official_date;  // decision + 12 months, however late
        } else {
          after.status = MemberStatus::kRemoved;
          after.left_on = applied.date;
        }
        TCXD_RETURN_IF_ERROR(tx.UpdateMember(*m, *branch, after, *branch));
        auto e = Audit(&caller, "member.update", "member", m->id.value, branch->path);
        e.before_json = MemberToJson(*m).dump();
        e.after_json = MemberToJson(after).dump();
        e.note = fmt::format("admission case {}", id);
        tx.AppendAudit(e);
      }
    }
    TCXD_RETURN_IF_ERROR(tx.SaveAdmissionCase(*row));
    auto e = Audit(&caller, "admission.step", "admission_case", id, row->branch_path);
    e.note = fmt::format("{}: {} -> {}", StepKindName(step.kind), AdmissionStageName(stage_before),
                         AdmissionStageName(row->state.stage));
    tx.AppendAudit(e);
    out = ViewCase(tx, *row, *cal);
    return out.ok() ? Status::Ok() : Status(out.error());
  });
  if (!s.ok()) {
    if (seen) {
      AuditRefusal(caller, "admission.refused", "admission_case", id, path, s.error());
    }
    return s.error();
  }
  return out;
}

Result<AdmissionInbox> App::GetAdmissionInbox(const Caller& caller, const std::string& org) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  int64_t org_id = caller.account.org_id.value;
  if (!org.empty()) {
    auto [p, ec] = std::from_chars(org.data(), org.data() + org.size(), org_id);
    if (ec != std::errc() || p != org.data() + org.size()) return Error::Invalid("org", Msg::kBadId);
  }
  AdmissionInbox inbox;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    std::optional<Organization> o;
    if (org_id > 0) {
      o = tx.GetOrg(OrgId(org_id));
    } else {
      auto roots = tx.Children(OrgId());
      if (!roots.empty()) o = roots.front();
    }
    if (!o || !CanSeeOrg(caller.account, o->path)) return Error::NotFound();
    inbox.org = *o;
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    // Cases of the subtree: those whose next step belongs to this organization, and those overdue.
    std::map<int64_t, AdmissionCaseView> actors;
    for (auto& row : tx.ListAdmissionCases(*o, true, kInboxScanLimit)) {
      auto v = ViewCase(tx, std::move(row), *cal, &actors);
      if (!v.ok()) return v.error();
      if (!v->next) continue;
      OrgId actor_org = v->row.branch_id;
      if (v->next_actor == "office") actor_org = v->office ? v->office->id : v->row.branch_id;
      if (v->next_actor == "competent") actor_org = v->competent.id;
      const bool late = v->next->late;
      if (actor_org == o->id) inbox.waiting.push_back(*v);
      if (late) inbox.overdue.push_back(std::move(*v));
    }
    const auto by_deadline = [](const AdmissionCaseView& a, const AdmissionCaseView& b) {
      const auto da = a.next->deadline.value_or(Date(9999, 12, 31));
      const auto db = b.next->deadline.value_or(Date(9999, 12, 31));
      return da != db ? da < db : a.row.id < b.row.id;
    };
    std::sort(inbox.waiting.begin(), inbox.waiting.end(), by_deadline);
    std::sort(inbox.overdue.begin(), inbox.overdue.end(), by_deadline);
    return Status::Ok();
  }));
  return inbox;
}

// ======================================================================= quotas and the report

Result<AdmissionQuota> App::SetAdmissionQuota(const Caller& caller, OrgId org_id, const Json& body) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  AdmissionQuota q;
  q.org_id = org_id;
  q.set_by = caller.account.login;
  FieldErrors errors;
  bool has_last = false;
  for (const auto& [k, v] : body.items()) {
    if (k == "period") {
      auto p = v.is_string() ? ParseQuotaPeriod(v.get<std::string>()) : std::nullopt;
      if (!p) {
        errors.Add(k, Msg::kQuotaPeriod);
      } else {
        q.period = *p;
      }
    } else if (k == "first_year" || k == "last_year" || k == "target") {
      if (!v.is_number_integer()) {
        errors.Add(k, Msg::kWrongType);
      } else if (k == "first_year") {
        q.first_year = v.get<int>();
      } else if (k == "last_year") {
        q.last_year = v.get<int>();
        has_last = true;
      } else {
        q.target = v.get<int64_t>();
      }
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  for (const char* f : {"period", "first_year", "target"}) {
    if (!body.contains(f)) errors.Add(f, Msg::kRequired);
  }
  if (!errors.empty()) return errors.ToError();
  if (!has_last && q.period == QuotaPeriod::kYear) q.last_year = q.first_year;
  TCXD_RETURN_IF_ERROR(ValidateQuota(q));
  TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    if (!CanWriteOrgs(caller.account, org->path)) return Error::Forbidden();
    tx.SetAdmissionQuota(q, clock_());
    auto e = Audit(&caller, "admission.quota", "org", org_id.value, org->path);
    e.after_json = AdmissionQuotaToJson(q).dump();
    tx.AppendAudit(e);
    return Status::Ok();
  }));
  return q;
}

Result<std::vector<AdmissionQuota>> App::ListAdmissionQuotas(const Caller& caller, OrgId org_id) {
  std::vector<AdmissionQuota> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    std::vector<OrgId> ids{org_id};
    for (const auto& c : tx.Children(org_id)) ids.push_back(c.id);
    out = tx.AdmissionQuotasOf(ids);
    return Status::Ok();
  }));
  return out;
}

Result<QuotaReport> App::GetAdmissionReport(const Caller& caller, OrgId org_id, const std::string& period,
                                            const std::string& from, const std::string& to, const std::string& as_of) {
  const auto p = period.empty() ? std::optional<QuotaPeriod>(QuotaPeriod::kYear) : ParseQuotaPeriod(period);
  if (!p) return Error::Invalid("period", Msg::kQuotaPeriod);
  const Date today = Today();
  FieldErrors errors;
  std::optional<Date> f = from.empty() ? std::optional<Date>(Date(today.year(), 1, 1)) : Date::Parse(from);
  std::optional<Date> t = to.empty() ? std::optional<Date>(today) : Date::Parse(to);
  if (!f) errors.Add("from", Msg::kInvalidDate);
  if (!t) errors.Add("to", Msg::kInvalidDate);
  std::optional<Date> day;
  if (!as_of.empty()) {
    day = Date::Parse(as_of);
    if (!day) {
      errors.Add("as_of", Msg::kInvalidDate);
    } else if (*day > today) {
      errors.Add("as_of", Msg::kDateInFuture);
    }
  }
  if (!errors.empty()) return errors.ToError();
  QuotaReport report;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    if (day) {
      auto then = SubtreeOn(tx, org_id, *day);
      if (!then) return Error::Invalid("as_of", Format(Msg::kRestructureAsOfBeforeFounded, day->ToVietnamese()));
      std::vector<OrgId> ids{org_id};
      for (const auto& u : then->units) ids.push_back(u.id);
      const auto quotas = tx.AdmissionQuotasOf(ids);
      auto years = ReportYears(*p, *f, *t, org_id, quotas);
      if (!years.ok()) return years.error();
      std::vector<AdmittedFact> facts;
      for (auto& [branch, fact] : tx.AdmittedFactsOfBranches(then->branches, *f, *t)) {
        fact.branch_path = then->path.at(branch.value);
        facts.push_back(std::move(fact));
      }
      report = ComputeQuotaReport(then->root, then->units, *p, *years, *f, *t, quotas, facts);
      return Status::Ok();
    }
    auto units = tx.Children(org_id);
    std::sort(units.begin(), units.end(), [](const Organization& a, const Organization& b) { return a.code < b.code; });
    std::vector<OrgId> ids{org_id};
    for (const auto& u : units) ids.push_back(u.id);
    const auto quotas = tx.AdmissionQuotasOf(ids);
    auto years = ReportYears(*p, *f, *t, org_id, quotas);
    if (!years.ok()) return years.error();
    report = ComputeQuotaReport(*org, units, *p, *years, *f, *t, quotas, tx.AdmittedFacts(*org, *f, *t));
    return Status::Ok();
  }));
  return report;
}

Result<ExportFile> App::AdmissionReportXlsx(const Caller& caller, OrgId org, const std::string& period,
                                            const std::string& from, const std::string& to, const std::string& as_of) {
  auto r = GetAdmissionReport(caller, org, period, from, to, as_of);
  if (!r.ok()) return r.error();
  std::vector<io::ExportColumn> cols;
  for (Msg m : {Msg::kQuotaColCode, Msg::kQuotaColName, Msg::kQuotaColTarget, Msg::kQuotaColAdmitted,
                Msg::kQuotaColPercent, Msg::kQuotaColWomen, Msg::kQuotaColYouth, Msg::kQuotaColMinority,
                Msg::kQuotaColReligion, Msg::kQuotaColPrivate}) {
    cols.push_back(io::ExportColumn{std::string(Text(m)), m == Msg::kQuotaColName ? 40.0 : 14.0, false});
  }
  const std::string years =
      r->first_year == r->last_year ? std::to_string(r->first_year) : fmt::format("{}–{}", r->first_year, r->last_year);
  auto w = io::XlsxWriter::Create(std::string(Text(Msg::kQuotaSheet)), cols,
                                  Format(Msg::kQuotaTitle, r->total.org.name, VnDate(r->from), VnDate(r->to), years));
  if (!w.ok()) return w.error();
  const auto row = [](const std::string& code, const std::string& name, const QuotaLine& l) {
    return std::vector<std::string>{code,
                                    name,
                                    l.target ? std::to_string(*l.target) : "",
                                    std::to_string(l.admitted),
                                    l.percent,
                                    std::to_string(l.breakdown.women),
                                    std::to_string(l.breakdown.youth_union),
                                    std::to_string(l.breakdown.ethnic_minority),
                                    std::to_string(l.breakdown.religious),
                                    std::to_string(l.breakdown.private_enterprise)};
  };
  for (const auto& u : r->units) (*w)->AddRow(row(u.org.code, u.org.name, u));
  (*w)->AddRow(row(r->total.org.code, std::string(Text(Msg::kQuotaTotalRow)), r->total));
  auto bytes = (*w)->Finish();
  if (!bytes.ok()) return bytes.error();
  ExportFile f;
  f.bytes = std::move(*bytes);
  f.filename = fmt::format("chi-tieu-ket-nap-{}-{}-{}.xlsx", r->total.org.code, r->from.ToString(), r->to.ToString());
  f.content_type = io::kXlsxContentType;
  f.rows = static_cast<int>(r->units.size()) + 1;
  return f;
}

Result<CompetenceView> App::GetCompetentCommittee(const Caller& caller, OrgId org_id) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  CompetenceView out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    out.org = *org;
    const auto chain = ChainOf(tx, *org);
    const Competence c = CompetenceOf(tx, chain);
    out.effective = c.committee;
    out.set_on = c.set_on;
    if (c.set_on && c.set_on->id == org_id) out.setting = c.committee;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if (MayDecideFor(*it, *org) && CanSeeOrg(caller.account, it->path)) out.choices.push_back(*it);
    }
    return Status::Ok();
  }));
  return out;
}

Status App::SetCompetentCommittee(const Caller& caller, OrgId org_id, const Json& body) {
  if (caller.account.role != Role::kAdmin && caller.account.role != Role::kProvince) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  if (!body.contains("committee_id") || !(body["committee_id"].is_number_integer() || body["committee_id"].is_null()))
    return Error::Invalid("committee_id", Msg::kRequired);
  // null: back to the default (the nearest setting above, or the nearest commune/ward, bloc or province).
  const std::optional<OrgId> committee =
      body["committee_id"].is_null() ? std::nullopt : std::optional<OrgId>(body["committee_id"].get<int64_t>());
  return store_.Write([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    std::string to = "-";
    if (committee) {
      auto c = tx.GetOrg(*committee);
      if (!c || !CanSeeOrg(caller.account, c->path) || !MayDecideFor(*c, *org)) {
        return Error::Invalid("committee_id", Msg::kAdmCompetentKind);
      }
      tx.SetCompetentCommittee(org_id, *committee);
      to = c->code;
    } else {
      tx.ClearCompetentCommittee(org_id);
    }
    auto e = Audit(&caller, "admission.competent_committee", "org", org_id.value, org->path);
    e.note = fmt::format("{} -> {}", org->code, to);
    tx.AppendAudit(e);
    return Status::Ok();
  });
}

// ======================================================================= JSON

Json AdmissionCaseToJson(const AdmissionCaseView& v, bool with_steps) {
  const store::AdmissionCaseRow& r = v.row;
  const Candidate& c = r.state.candidate;
  Json j = {
      {"id", r.id},
      {"version", r.version},
      {"branch", {{"id", r.branch_id.value}, {"code", r.branch_code}, {"name", r.branch_name}}},
      {"office", v.office ? OrgBrief(*v.office) : Json(nullptr)},
      {"competent", OrgBrief(v.competent)},
      {"full_name", c.full_name},
      {"gender", std::string(GenderName(r.gender))},
      {"birth_date", DateJson(c.birth_date)},
      {"ethnicity", r.ethnicity},
      {"religion", r.religion},
      {"youth_union", r.youth_union},
      {"private_enterprise", r.private_enterprise},
      {"source", std::string(CandidateSourceName(c.source))},
      {"general_education", c.general_education},
      {"education_consent", c.education_exception_consent},
      {"over_age_consent", c.over_age_consent},
      {"awareness_certificate_date", DateJson(c.awareness_certificate_date)},
      {"application_date", DateJson(r.application_date)},
      {"cv_date", DateJson(r.cv_date)},
      {"introducers", Json::parse(r.introducers_json, nullptr, false)},
      {"verifications", Json::parse(r.verifications_json, nullptr, false)},
      {"comments", Json::parse(r.comments_json, nullptr, false)},
      {"introducer_issues", v.introducer_issues},
      {"sub_committee", r.state.shape.sub_committee},
      {"grassroots_committee", r.state.shape.grassroots_committee},
      {"stage", std::string(AdmissionStageName(r.state.stage))},
      {"stage_label", std::string(Text(AdmissionStageLabel(r.state.stage)))},
      {"stopped_at", r.state.stopped_at ? Json(std::string(AdmissionStageName(*r.state.stopped_at))) : Json(nullptr)},
      {"decision_date", DateJson(r.state.decision_date)},
      {"official_date", DateJson(r.state.official_date)},
      {"member_id", r.member_id.valid() ? Json(r.member_id.value) : Json(nullptr)},
      {"created_by", r.created_by}};
  if (v.next) {
    j["next"] = {{"step", std::string(StepKindName(v.next->step))},
                 {"step_label", std::string(Text(StepKindLabel(v.next->step)))},
                 {"actor", v.next_actor},
                 {"earliest", DateJson(v.next->earliest)},
                 {"deadline", DateJson(v.next->deadline)},
                 {"estimated", v.next->estimated},
                 {"provisional", v.next->provisional},
                 {"late", v.next->late},
                 {"rule_key", v.next->rule_key}};
  } else {
    j["next"] = nullptr;
  }
  if (with_steps) {
    Json steps = Json::array();
    for (size_t i = 0; i < r.state.steps.size(); ++i) {
      const AdmissionStep& s = r.state.steps[i];
      Json rules = Json::array();
      for (const auto& a : s.rules) rules.push_back({{"key", a.key}, {"value", a.value}, {"source", a.source}});
      steps.push_back({{"kind", std::string(StepKindName(s.kind))},
                       {"label", std::string(Text(StepKindLabel(s.kind)))},
                       {"date", s.date.ToString()},
                       {"document_number", s.document_number},
                       {"votes", VotesToJson(s.votes)},
                       {"reason", s.reason},
                       {"extension_working_days", s.extension_working_days},
                       {"received_on", DateJson(s.received_on)},
                       {"consent_document", s.consent_document},
                       {"deadline", DateJson(s.deadline)},
                       {"late", s.late},
                       {"rules", rules},
                       {"warnings", s.warnings},
                       {"recorded_by", s.recorded_by},
                       {"recorded_at_ms", i < r.step_recorded_at_ms.size() ? r.step_recorded_at_ms[i] : 0}});
    }
    j["steps"] = steps;
  }
  return j;
}

Json CompetenceViewToJson(const CompetenceView& v) {
  const auto brief = [](const std::optional<Organization>& o) { return o ? OrgBrief(*o) : Json(nullptr); };
  Json choices = Json::array();
  for (const auto& o : v.choices) choices.push_back(OrgBrief(o));
  return {{"org", OrgBrief(v.org)},
          {"setting", brief(v.setting)},
          {"effective", brief(v.effective)},
          {"set_on", brief(v.set_on)},
          {"choices", choices}};
}

Json AdmissionInboxToJson(const AdmissionInbox& inbox) {
  Json waiting = Json::array();
  for (const auto& v : inbox.waiting) waiting.push_back(AdmissionCaseToJson(v, false));
  Json overdue = Json::array();
  for (const auto& v : inbox.overdue) overdue.push_back(AdmissionCaseToJson(v, false));
  return {{"org", OrgBrief(inbox.org)}, {"waiting", waiting}, {"overdue", overdue}};
}

Json AdmissionQuotaToJson(const AdmissionQuota& q) {
  return {{"org_id", q.org_id.value},   {"period", std::string(QuotaPeriodName(q.period))},
          {"first_year", q.first_year}, {"last_year", q.last_year},
          {"target", q.target},         {"set_by", q.set_by}};
}

namespace {

Json QuotaLineToJson(const QuotaLine& l) {
  return {{"org", OrgBrief(l.org)},
          {"target", l.target ? Json(*l.target) : Json(nullptr)},
          {"admitted", l.admitted},
          {"percent", l.percent.empty() ? Json(nullptr) : Json(l.percent)},
          {"reached", l.reached},
          {"breakdown",
           {{"women", l.breakdown.women},
            {"youth_union", l.breakdown.youth_union},
            {"ethnic_minority", l.breakdown.ethnic_minority},
            {"religious", l.breakdown.religious},
            {"private_enterprise", l.breakdown.private_enterprise}}}};
}

}  // namespace

Json QuotaReportToJson(const QuotaReport& r) {
  Json units = Json::array();
  for (const auto& u : r.units) units.push_back(QuotaLineToJson(u));
  Json reached = Json::array();
  for (OrgId id : r.reached) reached.push_back(id.value);
  Json below = Json::array();
  for (OrgId id : r.below) below.push_back(id.value);
  return {{"from", r.from.ToString()},
          {"to", r.to.ToString()},
          {"period", std::string(QuotaPeriodName(r.period))},
          {"first_year", r.first_year},
          {"last_year", r.last_year},
          {"total", QuotaLineToJson(r.total)},
          {"units", units},
          {"reached", reached},
          {"below", below}};
}

Json WorkCalendarToJson(const WorkCalendar& cal) {
  Json years = Json::array();
  for (const auto& y : cal.Years()) {
    Json days = Json::array();
    for (const auto& d : cal.Days(y.year)) {
      days.push_back({{"date", d.date.ToString()}, {"working", d.working}, {"name", d.name}});
    }
    years.push_back({{"year", y.year},
                     {"status", y.status == CalendarYearStatus::kOfficial ? "official" : "provisional"},
                     {"source", y.source},
                     {"days", days}});
  }
  return {{"years", years}};
}

}  // namespace tcxd::app
