// Restructuring of the organization tree (issue #7 item 4): the request read from JSON, the snapshot of
// every organization involved, the domain's plan, and its application in one transaction with the
// hand-over counts checked before commit. Also the tree "as of" a date.
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "app/service.h"
#include "domain/member_timeline.h"
#include "i18n/messages.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

// Absent keys read as null (json_codec.h's readers).
const Json& At(const Json& body, const char* key) {
  static const Json kNull;
  return body.contains(key) ? body[key] : kNull;
}

std::optional<Date> ReadDate(const Json& body, const char* key, const std::string& field, FieldErrors& errors) {
  return CollectDate(At(body, key), field, errors);
}

std::string ReadText(const Json& body, const char* key, const std::string& field, FieldErrors& errors) {
  std::string s = CollectText(At(body, key), field, errors);
  if (text::CodePointCount(s) > 1000) errors.Add(field, Format(Msg::kTooLong, 1000));
  return s;
}

OrgId ReadId(const Json& body, const char* key, const std::string& field, FieldErrors& errors) {
  if (!body.contains(key) || body[key].is_null()) return {};
  if (!body[key].is_number_integer() || body[key].get<int64_t>() <= 0) {
    errors.Add(field, Msg::kBadId);
    return {};
  }
  return OrgId(body[key].get<int64_t>());
}

Result<RestructureRequest> RequestFromJson(const Json& body) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  static const std::set<std::string> kKnown = {"kind",     "effective",  "decision",    "subject",
                                               "sources",  "new_parent", "new_name",    "new_code",
                                               "receiver", "note",       "assignments", "dissolve_subject"};
  FieldErrors errors;
  for (const auto& [k, v] : body.items()) {
    if (!kKnown.count(k)) errors.Add(k, Msg::kUnknownField);
  }
  RestructureRequest r;
  if (!body.contains("kind")) {
    errors.Add("kind", Msg::kRequired);
  } else if (auto k = body["kind"].is_string() ? ParseRestructureKind(body["kind"].get<std::string>()) : std::nullopt) {
    r.kind = *k;
  } else {
    errors.Add("kind", Format(Msg::kRestructureKindInvalid, RestructureKindNames()));
  }
  if (auto d = ReadDate(body, "effective", "effective", errors)) {
    r.effective = *d;
  } else if (!body.contains("effective") || body["effective"].is_null()) {
    errors.Add("effective", Msg::kRequired);
  }
  if (body.contains("decision")) {
    const Json& d = body["decision"];
    if (!d.is_object()) {
      errors.Add("decision", Msg::kWrongType);
    } else {
      for (const auto& [k, v] : d.items()) {
        if (k != "number" && k != "date" && k != "body") errors.Add("decision." + k, Msg::kUnknownField);
      }
      r.decision.number = ReadText(d, "number", "decision.number", errors);
      r.decision.date = ReadDate(d, "date", "decision.date", errors);
      r.decision.body = ReadText(d, "body", "decision.body", errors);
    }
  }
  r.subject = ReadId(body, "subject", "subject", errors);
  r.new_parent = ReadId(body, "new_parent", "new_parent", errors);
  r.receiver = ReadId(body, "receiver", "receiver", errors);
  r.new_name = ReadText(body, "new_name", "new_name", errors);
  r.new_code = ReadText(body, "new_code", "new_code", errors);
  r.note = ReadText(body, "note", "note", errors);
  if (body.contains("dissolve_subject"))
    r.dissolve_subject = CollectBool(body["dissolve_subject"], "dissolve_subject", errors);
  if (body.contains("sources")) {
    if (!body["sources"].is_array()) {
      errors.Add("sources", Msg::kWrongType);
    } else {
      for (size_t i = 0; i < body["sources"].size(); ++i) {
        const Json& v = body["sources"][i];
        if (v.is_number_integer() && v.get<int64_t>() > 0) {
          r.sources.emplace_back(v.get<int64_t>());
        } else {
          errors.Add("sources[" + std::to_string(i) + "]", Msg::kBadId);
        }
      }
    }
  }
  if (body.contains("assignments")) {
    if (!body["assignments"].is_array()) {
      errors.Add("assignments", Msg::kWrongType);
    } else {
      for (size_t i = 0; i < body["assignments"].size(); ++i) {
        const Json& a = body["assignments"][i];
        const std::string f = "assignments[" + std::to_string(i) + "]";
        if (!a.is_object()) {
          errors.Add(f, Msg::kWrongType);
          continue;
        }
        OrgId unit = ReadId(a, "unit", f + ".unit", errors);
        OrgId to = ReadId(a, "to", f + ".to", errors);
        r.assignments.emplace_back(unit, to);
      }
    }
  }
  if (!errors.empty()) return errors.ToError();
  return r;
}

Json TallyToJson(const StatusTally& t) {
  Json j = Json::object();
  for (int i = 0; i < kMemberStatusCount; ++i) {
    j[std::string(MemberStatusName(static_cast<MemberStatus>(i)))] = t[static_cast<size_t>(i)];
  }
  return j;
}

std::string_view StepName(RestructureStepKind k) {
  switch (k) {
    case RestructureStepKind::kRename:
      return "rename";
    case RestructureStepKind::kMoveUnit:
      return "move_unit";
    case RestructureStepKind::kMoveMembers:
      return "move_members";
    case RestructureStepKind::kDissolve:
      return "dissolve";
  }
  return "";
}

}  // namespace

Json RestructureOutcomeToJson(const RestructureOutcome& o) {
  auto org = [&](OrgId id) -> Json {
    auto it = o.orgs.find(id.value);
    if (!id.valid() || it == o.orgs.end()) return nullptr;
    return Json{{"id", id.value},
                {"code", it->second.code},
                {"name", it->second.name},
                {"kind", OrgKindName(it->second.kind)},
                {"kind_label", Text(OrgKindLabel(it->second.kind))}};
  };
  Json steps = Json::array();
  for (const auto& s : o.plan.steps) {
    Json j{{"kind", StepName(s.kind)}, {"org", org(s.org)}};
    if (s.kind == RestructureStepKind::kMoveUnit || s.kind == RestructureStepKind::kMoveMembers) {
      j["to"] = org(s.to);
      j["moves"] = TallyToJson(s.moves);
      j["moves_counted"] = CountedOf(s.moves);
    }
    if (s.kind == RestructureStepKind::kRename) {
      j["new_name"] = s.new_name;
      j["new_code"] = s.new_code;
    }
    steps.push_back(std::move(j));
  }
  Json hand_overs = Json::array();
  for (const auto& h : o.plan.hand_overs) {
    hand_overs.push_back(Json{{"org", org(h.org)},
                              {"before", TallyToJson(h.before)},
                              {"received", TallyToJson(h.received)},
                              {"after", TallyToJson(h.expected_after)},
                              {"before_counted", CountedOf(h.before)},
                              {"received_counted", CountedOf(h.received)},
                              {"after_counted", CountedOf(h.expected_after)}});
  }
  const auto& r = o.request;
  return Json{{"applied", o.applied},
              {"event_id", o.applied ? Json(o.event_id) : Json(nullptr)},
              {"kind", RestructureKindName(r.kind)},
              {"kind_label", Text(RestructureKindLabel(r.kind))},
              {"effective", r.effective.ToString()},
              {"decision", Json{{"number", r.decision.number},
                                {"date", r.decision.date ? Json(r.decision.date->ToString()) : Json(nullptr)},
                                {"body", r.decision.body}}},
              {"subject", org(r.subject)},
              {"note", r.note},
              {"steps", std::move(steps)},
              {"hand_overs", std::move(hand_overs)}};
}

Json OrgEventToJson(const store::OrgEventRow& e) {
  Json plan = Json::parse(e.plan_json, nullptr, false);
  auto kind = ParseRestructureKind(e.kind);
  return Json{{"id", e.id},
              {"kind", e.kind},
              {"kind_label", kind ? Json(Text(RestructureKindLabel(*kind))) : Json(e.kind)},
              {"effective", e.effective.ToString()},
              {"decision",
               Json{{"number", e.decision_number}, {"date", e.decision_date.ToString()}, {"body", e.decision_body}}},
              {"subject_id", e.subject.value},
              {"note", e.note},
              {"recorded_by", e.recorded_by},
              {"recorded_at_ms", e.recorded_at_ms},
              {"steps", plan.is_discarded() ? Json::array() : plan.value("steps", Json::array())},
              {"hand_overs", plan.is_discarded() ? Json::array() : plan.value("hand_overs", Json::array())}};
}

namespace {

// Inserts the decision of an applied restructuring, with its plan and hand-overs, and sets its id in `out`.
store::OrgEventRow InsertEvent(store::Tx& tx, RestructureOutcome& out, std::string recorded_by, int64_t at_ms) {
  const RestructureRequest& r = out.request;
  store::OrgEventRow e;
  e.kind = std::string(RestructureKindName(r.kind));
  e.effective = r.effective;
  e.decision_number = r.decision.number;
  e.decision_date = r.decision.date.value_or(r.effective);
  e.decision_body = r.decision.body;
  e.subject = r.subject;
  e.note = r.note;
  e.recorded_by = std::move(recorded_by);
  e.recorded_at_ms = at_ms;
  out.applied = true;
  e.plan_json = RestructureOutcomeToJson(out).dump();
  tx.InsertOrgEvent(e);
  out.event_id = e.id;
  return e;
}

}  // namespace

Result<RestructureOutcome> App::Restructure(const Caller& caller, const Json& body, bool dry_run) {
  if (caller.account.role == Role::kMember || caller.account.role == Role::kBranch) return Error::Forbidden();
  auto req = RequestFromJson(body);
  if (!req.ok()) return req.error();
  RestructureOutcome out;
  out.request = *req;
  std::string audit_path = caller.account.org_path;
  auto run = [&](store::Tx& tx) -> Status {
    // The snapshot of every organization involved that the caller may see (the others are unknown).
    OrgSnapshots snaps;
    for (OrgId id : InvolvedOrgs(out.request)) {
      if (snaps.count(id)) continue;
      auto o = tx.GetOrg(id);
      if (!o || !CanSeeOrg(caller.account, o->path)) continue;
      OrgSnapshot s;
      s.org = *o;
      s.counts = tx.Counts(id).by_status;
      if (HoldsMembers(o->kind)) s.own_counts = s.counts;
      s.last_change = tx.OrgVersionStart(id);
      for (auto& c : tx.Children(id)) {
        if (c.dissolved_on) continue;
        OrgUnit u{c, tx.Counts(c.id).by_status, tx.OrgVersionStart(c.id)};
        out.orgs[c.id.value] = c;
        s.children.push_back(std::move(u));
      }
      out.orgs[id.value] = *o;
      snaps[id] = std::move(s);
    }
    if (auto it = snaps.find(out.request.subject); it != snaps.end()) audit_path = it->second.org.path;
    auto plan = PlanRestructure(out.request, snaps, Today());
    if (!plan.ok()) return plan.error();
    out.plan = *plan;
    // Every organization that changes, and every one that receives, must be the caller's to change.
    std::vector<OrgId> changed = out.plan.touched;
    for (const auto& h : out.plan.hand_overs) changed.push_back(h.org);
    changed.push_back(out.request.subject);
    for (OrgId id : changed) {
      auto it = out.orgs.find(id.value);
      if (it != out.orgs.end() && !CanWriteOrgs(caller.account, it->second.path)) {
        return Error::Invalid(id == out.request.subject ? "subject" : "receiver",
                              it->second.name + ": " + std::string(Text(Msg::kOrgOutsideScope)));
      }
    }
    if (dry_run) return Status::Ok();

    const store::OrgEventRow e = InsertEvent(tx, out, caller.account.login, clock_());
    const Date eff = out.request.effective;
    for (const auto& step : out.plan.steps) {
      auto org = tx.GetOrg(step.org);
      if (!org) return Error::Internal("restructure: organization " + std::to_string(step.org.value) + " vanished");
      switch (step.kind) {
        case RestructureStepKind::kRename: {
          tx.BeginOrgVersion(org->id, eff, e.id);
          Organization after = *org;
          after.name = step.new_name;
          if (!step.new_code.empty()) after.code = step.new_code;
          if (Status s = tx.UpdateOrg(after); !s.ok()) {
            Error err = s.error();
            if (err.field == "code") err.field = "new_code";
            return err;
          }
          break;
        }
        case RestructureStepKind::kMoveUnit: {
          auto to = tx.GetOrg(step.to);
          if (!to) return Error::Internal("restructure: target vanished");
          tx.BeginOrgVersion(org->id, eff, e.id);
          tx.MoveOrg(*org, *to);
          break;
        }
        case RestructureStepKind::kMoveMembers: {
          auto to = tx.GetOrg(step.to);
          if (!to) return Error::Internal("restructure: target vanished");
          tx.MoveAllMembers(*org, *to, eff);
          break;
        }
        case RestructureStepKind::kDissolve: {
          Organization after = *org;
          after.dissolved_on = eff;
          TCXD_RETURN_IF_ERROR(tx.UpdateOrg(after));
          break;
        }
      }
    }
    // The hand-over: what every receiving organization counts now must be what it had plus what it got.
    for (const auto& h : out.plan.hand_overs) {
      const StatusTally now = tx.Counts(h.org).by_status;
      if (now != h.expected_after) {
        const auto& o = out.orgs[h.org.value];
        return Error::Conflict("hand_over", Format(Msg::kRestructureHandOverMismatch, o.name, CountedOf(now),
                                                   CountedOf(h.expected_after)));
      }
    }
    for (auto& [id, o] : out.orgs) {
      if (auto fresh = tx.GetOrg(OrgId(id))) o = *fresh;
    }
    // An organization the change brings to the ledger size gets its count ledger now, not at the next
    // hourly review (decision 0010): those involved and those above them.
    std::set<int64_t> enlarged;
    for (const auto& [id, o] : out.orgs) {
      for (OrgId up : PathIds(o.path)) enlarged.insert(up.value);
    }
    for (int64_t id : enlarged) {
      const auto o = tx.GetOrg(OrgId(id));
      const auto counts = tx.Counts(OrgId(id)).by_status;
      if (o && KeepsCountLog(o->kind, std::accumulate(counts.begin(), counts.end(), int64_t{0}), ledger_members_)) {
        tx.BuildCountLog(OrgId(id));  // no-op when it keeps one
      }
    }
    auto a = Audit(&caller, "org.restructure", "org", out.request.subject.value, audit_path);
    a.after_json = e.plan_json;
    a.note = e.kind + " " + e.decision_number;
    tx.AppendAudit(a);
    return Status::Ok();
  };
  Status s = dry_run ? store_.Read(run) : store_.Write(run);
  if (!s.ok()) {
    if (!dry_run) {
      (void)store_.Write([&](store::Tx& tx) -> Status {
        auto a = Audit(&caller, "org.restructure_refused", "org", out.request.subject.value, audit_path);
        a.note = s.error().field + ": " + s.error().message;
        a.after_json = body.dump();
        tx.AppendAudit(a);
        return Status::Ok();
      });
    }
    return s.error();
  }
  return out;
}

Result<size_t> App::RecordLoadedRestructures(const std::vector<PastParent>& past, const std::vector<Member>& members,
                                             const std::function<OrgDecision(const Organization&)>& decision) {
  // The earlier parents with their units, in the order of the list, by (parent, last day).
  std::map<std::pair<int64_t, Date>, std::vector<OrgId>> units_of;
  std::vector<std::pair<int64_t, Date>> order;
  for (const auto& p : past) {
    auto key = std::make_pair(p.parent.value, p.until);
    if (!units_of.count(key)) order.push_back(key);
    units_of[key].push_back(p.org);
  }
  size_t recorded = 0;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    // The earlier parent's entry above each branch, and each unit's members by status on the day before
    // the change.
    std::map<int64_t, Organization> orgs;
    std::unordered_map<int64_t, const PastParent*> entry_of_branch;
    std::map<int64_t, StatusTally> tally;  // by unit
    for (const auto& p : past) {
      auto unit = tx.GetOrg(p.org);
      if (!unit) return Error::NotFound();
      orgs[p.org.value] = *unit;
      std::vector<OrgId> below{p.org};
      for (size_t i = 0; i < below.size(); ++i) {
        entry_of_branch[below[i].value] = &p;
        for (const auto& c : tx.Children(below[i])) below.push_back(c.id);
      }
    }
    for (const auto& m : members) {
      auto it = entry_of_branch.find(m.org_id.value);
      if (it == entry_of_branch.end()) continue;
      const PastParent& p = *it->second;
      if (auto st = StatusOn(TimelineOf(m), p.until.AddDays(-1))) ++tally[p.org.value][static_cast<size_t>(*st)];
    }
    std::map<int64_t, StatusTally> received_so_far;  // by receiving organization
    for (const auto& key : order) {
      auto parent = tx.GetOrg(OrgId(key.first));
      if (!parent) return Error::NotFound();
      RestructureOutcome out;
      out.orgs[parent->id.value] = *parent;
      RestructureRequest& r = out.request;
      r.kind = RestructureKind::kSplit;
      r.effective = key.second;
      r.decision = decision(*parent);
      r.subject = parent->id;
      r.dissolve_subject = parent->dissolved_on == key.second;
      std::map<int64_t, StatusTally> received;
      std::vector<int64_t> receivers;
      for (OrgId u : units_of[key]) {
        const Organization& unit = orgs.at(u.value);
        r.assignments.emplace_back(u, unit.parent_id);
        out.orgs[u.value] = unit;
        if (auto to = tx.GetOrg(unit.parent_id)) out.orgs[to->id.value] = *to;
        RestructureStep step;
        step.kind = RestructureStepKind::kMoveUnit;
        step.org = u;
        step.to = unit.parent_id;
        step.moves = tally[u.value];
        if (!received.count(unit.parent_id.value)) receivers.push_back(unit.parent_id.value);
        for (size_t i = 0; i < step.moves.size(); ++i) received[unit.parent_id.value][i] += step.moves[i];
        out.plan.steps.push_back(step);
      }
      if (r.dissolve_subject) {
        RestructureStep step;
        step.kind = RestructureStepKind::kDissolve;
        step.org = parent->id;
        out.plan.steps.push_back(step);
      }
      for (int64_t to : receivers) {
        HandOver h;
        h.org = OrgId(to);
        h.before = received_so_far[to];
        h.received = received[to];
        for (size_t i = 0; i < h.before.size(); ++i) h.expected_after[i] = h.before[i] + h.received[i];
        received_so_far[to] = h.expected_after;
        out.plan.hand_overs.push_back(h);
      }
      auto a = Audit(nullptr, "org.restructure", "org", r.subject.value, parent->path);
      const store::OrgEventRow e = InsertEvent(tx, out, a.login, a.at_ms);
      a.after_json = e.plan_json;
      a.note = e.kind + " " + e.decision_number;
      tx.AppendAudit(a);
      ++recorded;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s.error();
  return recorded;
}

Result<std::vector<store::OrgEventRow>> App::ListOrgEvents(const Caller& caller, OrgId id) {
  std::vector<store::OrgEventRow> out;
  bool visible = false;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    auto o = tx.GetOrg(id);
    visible = o && CanSeeOrg(caller.account, o->path);
    if (visible) out = tx.OrgEvents(*o, 200);
    return Status::Ok();
  }));
  if (!visible) return Error::NotFound();
  return out;
}

Result<OrgView> App::GetOrgAsOf(const Caller& caller, OrgId id, Date as_of) {
  std::optional<OrgView> view;
  bool visible = false;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    auto now = tx.GetOrg(id);
    visible = now && CanSeeOrg(caller.account, now->path);
    if (!visible) return Status::Ok();
    if (auto o = tx.GetOrgAsOf(id, as_of)) {
      view = OrgView{*o, tx.CountsAsOf(id, as_of), !tx.ChildrenAsOf(id, as_of).empty()};
    }
    return Status::Ok();
  }));
  if (!visible) return Error::NotFound();
  if (!view) return Error::Invalid("as_of", Format(Msg::kRestructureAsOfBeforeFounded, as_of.ToVietnamese()));
  return *view;
}

Result<std::vector<OrgView>> App::ChildrenAsOf(const Caller& caller, OrgId id, Date as_of) {
  std::vector<OrgView> out;
  bool visible = false;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    auto o = tx.GetOrg(id);
    visible = o && CanSeeOrg(caller.account, o->path);
    if (!visible) return Status::Ok();
    for (auto& c : tx.ChildrenAsOf(id, as_of)) {
      bool has_children = !HoldsMembers(c.kind) && !tx.ChildrenAsOf(c.id, as_of).empty();
      out.push_back(OrgView{c, tx.CountsAsOf(c.id, as_of), has_children});
    }
    return Status::Ok();
  }));
  if (!visible) return Error::NotFound();
  return out;
}

}  // namespace tcxd::app
