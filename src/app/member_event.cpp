// Member events (issue #7 item 2): exemption and its end, reduction, removal, withdrawal, expulsion, death,
// each with its decision, recorded through the domain (src/domain/member_event.h) with the member's status
// change in one transaction; the subtree's events of a year; and the detection lists (item 3).
//
// Who records what (rules.md §4): exemption and reduction are decided by the branch, so its secretary
// records them (and their end); leaving events are decided by a committee (grassroots or higher; expulsion
// by the disciplinary body), so they are recorded by grassroots staff or higher of the member's subtree.
#include <algorithm>
#include <charconv>

#include "app/service.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

constexpr int kReportLimit = 1000;
constexpr int kWatchLimit = 500;
constexpr int kDossierScanLimit = 5000;

Json DateOrNull(const std::optional<Date>& d) {
  return d ? Json(d->ToString()) : Json(nullptr);
}

// Reads the request body into an event; errors by field.
MemberEvent EventFromJson(const Json& body, FieldErrors& errors) {
  MemberEvent e;
  for (const auto& [k, v] : body.items()) {
    if (k == "kind") {
      auto kind = v.is_string() ? ParseMemberEventKind(v.get<std::string>()) : std::nullopt;
      if (!kind) {
        errors.Add(k, Msg::kEventKindInvalid);
      } else {
        e.kind = *kind;
      }
    } else if (k == "effective_on") {
      if (auto d = CollectDate(v, k, errors)) e.effective_on = *d;
    } else if (k == "decision_number") {
      e.decision.number = CollectText(v, k, errors);
    } else if (k == "decision_date") {
      if (auto d = CollectDate(v, k, errors)) e.decision.date = *d;
    } else if (k == "decision_body") {
      auto b = v.is_string() ? ParseDecidingBody(v.get<std::string>()) : std::nullopt;
      if (!b) {
        errors.Add(k, Msg::kEventBodyInvalid);
      } else {
        e.decision.body = *b;
      }
    } else if (k == "decision_body_name") {
      e.decision.body_name = CollectText(v, k, errors);
    } else if (k == "until") {
      e.until = CollectDate(v, k, errors);
    } else if (k == "ground") {
      if (v.is_null()) continue;
      auto g = v.is_string() ? ParseRemovalGround(v.get<std::string>()) : std::nullopt;
      if (!g) {
        errors.Add(k, Msg::kEventGroundInvalid);
      } else {
        e.ground = *g;
      }
    } else if (k == "ground_months") {
      if (v.is_null()) continue;
      if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 1200) {
        errors.Add(k, Msg::kWrongType);
      } else {
        e.ground_months = v.get<int>();
      }
    } else if (k == "card_returned") {
      e.card_returned = CollectBool(v, k, errors);
    } else if (k == "card_returned_on") {
      e.card_returned_on = CollectDate(v, k, errors);
    } else if (k == "note") {
      e.note = CollectText(v, k, errors);
    } else if (k == "supersedes") {
      if (v.is_null()) continue;
      if (!v.is_number_integer() || v.get<int64_t>() <= 0) {
        errors.Add(k, Msg::kBadId);
      } else {
        e.supersedes = v.get<int64_t>();
      }
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  for (const char* f : {"kind", "effective_on", "decision_number", "decision_date", "decision_body"}) {
    if (!body.contains(f)) errors.Add(f, Msg::kRequired);
  }
  return e;
}

Error ForbiddenWith(std::string message) {
  Error e = Error::Forbidden();
  e.message = std::move(message);
  return e;
}

std::string VnDate(Date d) {
  return fmt::format("{:02}/{:02}/{}", d.day(), d.month(), d.year());
}

// The dossier's current workplace (the open line of the work history, else the last one) and residence
// branch, as the watchlist compares them between versions.
struct Whereabouts {
  std::string workplace;
  std::string residence;
};

Whereabouts WhereaboutsOf(const Dossier& d) {
  Whereabouts w;
  for (const auto& p : d.work_history) {
    if (!p.to) w.workplace = p.place;
  }
  if (w.workplace.empty() && !d.work_history.empty()) w.workplace = d.work_history.back().place;
  w.residence = d.residence_branch;
  return w;
}

}  // namespace

Result<MemberEventRecorded> App::RecordMemberEvent(const Caller& caller, MemberId id, const Json& body) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kExpectedObject);
  FieldErrors errors;
  MemberEvent ev = EventFromJson(body, errors);
  ev.member_id = id;
  ev.recorded_by = caller.account.login;
  ev.recorded_at_ms = clock_();

  std::string path;  // for the audit of a refusal
  bool seen = false;
  MemberEventRecorded out;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto found = tx.GetMemberWithPath(id);
    if (!found || !CanSeeMember(caller.account, id, found->path)) return Error::NotFound();
    path = found->path;
    seen = true;
    const bool leaving = IsLeavingEvent(ev.kind);
    if (leaving ? !CanWriteOrgs(caller.account, path) : !CanWriteMembers(caller.account, path)) {
      return ForbiddenWith(Format(Msg::kEventLeavingNeedsStaff, Text(MemberEventKindLabel(ev.kind))));
    }
    if (!errors.empty()) return errors.ToError();
    const Member& before = found->member;
    auto branch = tx.GetOrg(before.org_id);
    if (!branch) return Error::Internal("member without branch");
    MemberEventContext ctx{rules_, Today()};
    auto applied = ApplyMemberEvent(before, ev, tx.MemberEvents(id), ctx, &out.effect);
    if (!applied.ok()) return applied.error();
    out.event = std::move(*applied);
    out.event.org_id = branch->id;
    out.event.org_path = branch->path;
    tx.InsertMemberEvent(out.event);
    out.member = MemberAfterEvent(before, out.event);
    out.branch = BranchLabel{found->branch_code, found->branch_name};
    if (out.member.status != before.status || out.member.left_on != before.left_on) {
      TCXD_RETURN_IF_ERROR(tx.UpdateMember(before, *branch, out.member, *branch));
      out.member.version = before.version + 1;
      auto a = Audit(&caller, "member.update", "member", id.value, branch->path);
      a.before_json = MemberToJson(before).dump();
      a.after_json = MemberToJson(out.member).dump();
      a.note = fmt::format("member_event {}", out.event.id);
      tx.AppendAudit(a);
    }
    auto a = Audit(&caller, "member_event.record", "member", id.value, branch->path);
    a.after_json = MemberEventToJson(out.event).dump();
    a.note = fmt::format("{} {} ({})", MemberEventKindName(out.event.kind), out.event.decision.number,
                         out.event.effective_on.ToString());
    tx.AppendAudit(a);
    return Status::Ok();
  });
  if (!s.ok()) {
    if (seen) {
      (void)store_.Write([&](store::Tx& tx) -> Status {
        auto a = Audit(&caller, "member_event.refused", "member", id.value, path);
        a.note = s.error().field + ": " + s.error().message;
        tx.AppendAudit(a);
        return Status::Ok();
      });
    } else if (s.error().code == ErrorCode::kNotFound) {
      BufferReadAudit(Audit(&caller, "member.read_denied", "member", id.value, caller.account.org_path));
    }
    return s.error();
  }
  return out;
}

Result<MemberEventsView> App::ListMemberEvents(const Caller& caller, MemberId id) {
  MemberEventsView v;
  auto m = GetMember(caller, id, &v.branch);  // scope check; the read is audited
  if (!m.ok()) return m.error();
  v.member = std::move(*m);
  std::vector<store::DossierRow> dossier;
  const Date today = Today();
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    v.events = tx.MemberEvents(id);
    dossier = tx.DossierVersions(id, today);
    return Status::Ok();
  }));
  std::vector<Interruption> gaps;
  if (!dossier.empty()) {
    auto parsed = StoredDossier(dossier.front().data_json);
    if (parsed.ok()) gaps = parsed->interruptions;
  }
  v.party_age_end = PartyAgeEnd(v.member);
  v.badge_eligible = !v.party_age_end.has_value() && v.member.status != MemberStatus::kTransferredOut;
  if (v.member.admission_date) {
    const Date on = v.party_age_end ? std::min(*v.party_age_end, today) : today;
    v.party_age = PartyAgeOn(*v.member.admission_date, gaps, on);
    auto milestones = BadgeMilestones(rules_, today);
    if (v.badge_eligible && milestones.ok()) {
      v.next_badge = NextBadge(*v.member.admission_date, gaps, *milestones, today);
    }
  }
  return v;
}

Result<MemberEventReport> App::GetMemberEventReport(const Caller& caller, OrgId org, const std::string& year,
                                                    const std::string& kind) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  MemberEventReport r;
  r.year = Today().year();
  if (!year.empty()) {
    int y = 0;
    auto [p, ec] = std::from_chars(year.data(), year.data() + year.size(), y);
    if (ec != std::errc() || p != year.data() + year.size() || y < 1900 || y > 2200) {
      return Error::Invalid("year", Msg::kEventYear);
    }
    r.year = y;
  }
  if (!kind.empty()) {
    r.kind = ParseMemberEventKind(kind);
    if (!r.kind) return Error::Invalid("kind", Msg::kEventKindInvalid);
  }
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto o = tx.GetOrg(org);
    if (!o || !CanSeeOrg(caller.account, o->path)) return Error::NotFound();
    r.org = *o;
    const Date from(r.year, 1, 1);
    const Date to(r.year, 12, 31);
    r.items = tx.SubtreeMemberEvents(*o, from, to, r.kind, kReportLimit + 1);
    r.truncated = static_cast<int>(r.items.size()) > kReportLimit;
    if (r.truncated) r.items.pop_back();
    for (int i = 0; i < kMemberEventKindCount; ++i) r.counts[static_cast<MemberEventKind>(i)] = 0;
    for (const auto& [k, n] : tx.CountSubtreeMemberEvents(*o, from, to)) r.counts[k] = n;
    return Status::Ok();
  }));
  return r;
}

Result<Watchlist> App::GetWatchlist(const Caller& caller, OrgId org) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  Watchlist w;
  w.today = Today();
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto o = tx.GetOrg(org);
    if (!o || !CanSeeOrg(caller.account, o->path)) return Error::NotFound();
    w.org = *o;
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    auto add = [](WatchList& list, const store::WatchRow& row, std::string reason, std::optional<Date> since) {
      if (static_cast<int>(list.items.size()) >= kWatchLimit) {
        list.truncated = true;
        return;
      }
      list.items.push_back(WatchItem{row.member, BranchLabel{row.org_code, row.org_name}, std::move(reason), since});
    };

    // 1. Probationary members past the recognition review deadline (rules.md §1.6): the official date is
    // admission + probation; the SQL narrows to those admitted at least the probation period ago.
    WatchList recognition{"recognition_overdue", std::string(Text(Msg::kWatchListRecognition)), {}, false};
    auto months = rules_.FindInt(rule::kProbationMonths, w.today);
    if (!months.ok()) return months.error();
    for (const auto& row : tx.ProbationaryAdmittedBy(*o, w.today.AddMonths(-static_cast<int>(*months)), kWatchLimit)) {
      auto due = RecognitionReviewDue(*row.member.admission_date, rules_, *cal);
      if (!due.ok()) return due.error();
      if (due->review_deadline >= w.today) continue;
      add(recognition, row,
          Format(Msg::kWatchRecognitionOverdue, VnDate(due->official_date), VnDate(due->review_deadline),
                 w.today.ToDays() - due->review_deadline.ToDays()),
          due->review_deadline);
    }
    w.lists.push_back(std::move(recognition));

    // 2. Workplace or residence changed in a dossier version dated after the member's registration here
    // (the admission decision, the only registration date the register keeps before transfers).
    WatchList moved{"moved_without_transfer", std::string(Text(Msg::kWatchListMoved)), {}, false};
    for (const auto& h : tx.DossierHistories(*o, kDossierScanLimit)) {
      const std::optional<Date> registered = h.member.admission_date;
      std::optional<Whereabouts> prev;
      std::string reason;
      std::optional<Date> since;
      for (const auto& row : h.versions) {
        auto parsed = StoredDossier(row.data_json);
        if (!parsed.ok()) continue;
        Whereabouts now = WhereaboutsOf(*parsed);
        if (prev && (!registered || row.valid_from > *registered)) {
          if (now.workplace != prev->workplace && !now.workplace.empty()) {
            reason = Format(Msg::kWatchMovedWithoutTransfer, Text(Msg::kWatchWorkplace), VnDate(row.valid_from),
                            prev->workplace, now.workplace);
            since = row.valid_from;
          } else if (now.residence != prev->residence && !now.residence.empty()) {
            reason = Format(Msg::kWatchMovedWithoutTransfer, Text(Msg::kWatchResidence), VnDate(row.valid_from),
                            prev->residence, now.residence);
            since = row.valid_from;
          }
        }
        prev = std::move(now);
      }
      if (!reason.empty()) add(moved, store::WatchRow{h.member, h.org_code, h.org_name, std::nullopt}, reason, since);
    }
    w.lists.push_back(std::move(moved));

    // 3. Exemptions past their end, still exempt.
    WatchList exemption{"exemption_ended", std::string(Text(Msg::kWatchListExemption)), {}, false};
    for (const auto& row : tx.ExemptionsEnded(*o, w.today, kWatchLimit + 1)) {
      add(exemption, row, Format(Msg::kWatchExemptionEnded, VnDate(*row.event->until), row.event->decision.number),
          row.event->until);
    }
    w.lists.push_back(std::move(exemption));

    // 4. Reductions that ended recently (watchlist.reduction_ended_days).
    WatchList reduction{"reduction_ended", std::string(Text(Msg::kWatchListReduction)), {}, false};
    auto days = rules_.FindInt(rule::kWatchReductionEndedDays, w.today);
    if (!days.ok()) return days.error();
    for (const auto& row : tx.ReductionsEnded(*o, w.today.AddDays(-*days), w.today.AddDays(-1), kWatchLimit + 1)) {
      add(reduction, row, Format(Msg::kWatchReductionEnded, VnDate(*row.event->until), row.event->decision.number),
          row.event->until);
    }
    w.lists.push_back(std::move(reduction));
    return Status::Ok();
  }));
  return w;
}

// ---- JSON

Json MemberEventToJson(const MemberEvent& e) {
  return Json{
      {"id", e.id},
      {"member_id", e.member_id.value},
      {"kind", MemberEventKindName(e.kind)},
      {"kind_label", Text(MemberEventKindLabel(e.kind))},
      {"effective_on", e.effective_on.ToString()},
      {"until", DateOrNull(e.until)},
      {"decision_number", e.decision.number},
      {"decision_date", e.decision.date.ToString()},
      {"decision_body", DecidingBodyName(e.decision.body)},
      {"decision_body_label", Text(DecidingBodyLabel(e.decision.body))},
      {"decision_body_name", e.decision.body_name},
      {"ground", e.ground ? Json(RemovalGroundName(*e.ground)) : Json(nullptr)},
      {"ground_label", e.ground ? Json(Text(RemovalGroundLabel(*e.ground))) : Json(nullptr)},
      {"ground_months", e.ground_months},
      {"card_return_required", CardReturnRequired(e.kind)},
      {"card_returned", e.card_returned},
      {"card_returned_on", DateOrNull(e.card_returned_on)},
      {"note", e.note},
      {"supersedes", e.supersedes > 0 ? Json(e.supersedes) : Json(nullptr)},
      {"superseded_by", e.superseded_by > 0 ? Json(e.superseded_by) : Json(nullptr)},
      {"status_before", MemberStatusName(e.status_before)},
      {"status_after", MemberStatusName(e.status_after)},
      {"org_id", e.org_id.value},
      {"recorded_by", e.recorded_by},
      {"recorded_at_ms", e.recorded_at_ms},
  };
}

namespace {

Json PartyAgeJson(const std::optional<PartyAge>& a) {
  if (!a) return nullptr;
  return Json{{"years", a->years}, {"months", a->months}, {"interrupted_days", a->interrupted_days}};
}

Json MemberBrief(const Member& m, const BranchLabel& b) {
  return Json{{"id", m.id.value},         {"full_name", m.full_name}, {"status", MemberStatusName(m.status)},
              {"org_id", m.org_id.value}, {"org_code", b.code},       {"org_name", b.name}};
}

}  // namespace

Json MemberEventsViewToJson(const MemberEventsView& v) {
  Json events = Json::array();
  for (const auto& e : v.events) events.push_back(MemberEventToJson(e));
  return Json{{"member", MemberToJson(v.member, v.branch)},
              {"events", std::move(events)},
              {"party_age", PartyAgeJson(v.party_age)},
              {"party_age_end", DateOrNull(v.party_age_end)},
              {"badge_eligible", v.badge_eligible},
              {"next_badge", v.next_badge ? Json{{"years", v.next_badge->years}, {"due", v.next_badge->due.ToString()}}
                                          : Json(nullptr)}};
}

Json MemberEventRecordedToJson(const MemberEventRecorded& r) {
  return Json{{"event", MemberEventToJson(r.event)},
              {"member", MemberToJson(r.member, r.branch)},
              {"effect",
               {{"status", MemberStatusName(r.effect.status)},
                {"counted", r.effect.counted},
                {"left_on", DateOrNull(r.effect.left_on)},
                {"party_age_stops", r.effect.party_age_stops},
                {"badge_eligible", r.effect.badge_eligible},
                {"card_return_required", r.effect.card_return_required}}}};
}

Json MemberEventReportToJson(const MemberEventReport& r) {
  Json items = Json::array();
  for (const auto& row : r.items) {
    Json j = MemberEventToJson(row.event);
    j["full_name"] = row.full_name;
    j["org_code"] = row.org_code;
    j["org_name"] = row.org_name;
    items.push_back(std::move(j));
  }
  Json counts = Json::object();
  int64_t total = 0;
  for (const auto& [k, n] : r.counts) {
    counts[std::string(MemberEventKindName(k))] = n;
    total += n;
  }
  return Json{{"org", OrgToJson(r.org)},
              {"year", r.year},
              {"kind", r.kind ? Json(MemberEventKindName(*r.kind)) : Json(nullptr)},
              {"items", std::move(items)},
              {"counts", std::move(counts)},
              {"total", total},
              {"truncated", r.truncated}};
}

Json WatchlistToJson(const Watchlist& w) {
  Json lists = Json::array();
  for (const auto& l : w.lists) {
    Json items = Json::array();
    for (const auto& it : l.items) {
      Json j = MemberBrief(it.member, it.branch);
      j["reason"] = it.reason;
      j["since"] = DateOrNull(it.since);
      items.push_back(std::move(j));
    }
    lists.push_back(Json{{"code", l.code},
                         {"title", l.title},
                         {"count", l.items.size()},
                         {"truncated", l.truncated},
                         {"items", std::move(items)}});
  }
  return Json{{"org", OrgToJson(w.org)}, {"today", w.today.ToString()}, {"lists", std::move(lists)}};
}

}  // namespace tcxd::app
