// Member events and the watchlist queries (issue #7; src/domain/member_event.h). Same SQL for SQLite and
// PostgreSQL. Events are append-only: a correction is a new row naming the row it supersedes.
#include "i18n/messages.h"
#include "store/member_row.h"
#include "store/store.h"

namespace tcxd::store {
namespace {

constexpr const char* kEventCols =
    "e.id, e.member_id, e.kind, e.effective_on, e.until, e.decision_number, e.decision_date, e.decision_body, "
    "e.decision_body_name, e.ground, e.ground_months, e.card_returned, e.card_returned_on, e.note, e.supersedes, "
    "e.status_before, e.status_after, e.org_id, e.org_path, e.recorded_by, e.recorded_at_ms, "
    "(SELECT s.id FROM member_events s WHERE s.supersedes = e.id)";
constexpr int kEventColCount = 22;

// An event not superseded by another.
constexpr const char* kInForce = "NOT EXISTS (SELECT 1 FROM member_events s WHERE s.supersedes = e.id)";

std::optional<Date> DateCol(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return Date::Parse(r.Text(c));
}

MemberEvent EventFromRow(const Row& r, int c = 0) {
  MemberEvent e;
  e.id = r.Int(c);
  e.member_id = MemberId(r.Int(c + 1));
  e.kind = ParseMemberEventKind(r.Text(c + 2)).value_or(MemberEventKind::kExemption);
  e.effective_on = DateCol(r, c + 3).value_or(Date());
  e.until = DateCol(r, c + 4);
  e.decision.number = r.Text(c + 5);
  e.decision.date = DateCol(r, c + 6).value_or(Date());
  e.decision.body = ParseDecidingBody(r.Text(c + 7)).value_or(DecidingBody::kBranch);
  e.decision.body_name = r.Text(c + 8);
  if (!r.IsNull(c + 9)) e.ground = ParseRemovalGround(r.Text(c + 9));
  e.ground_months = static_cast<int>(r.Int(c + 10));
  e.card_returned = r.Int(c + 11) != 0;
  e.card_returned_on = DateCol(r, c + 12);
  e.note = r.Text(c + 13);
  e.supersedes = r.IsNull(c + 14) ? 0 : r.Int(c + 14);
  e.status_before = ParseMemberStatus(r.Text(c + 15)).value_or(MemberStatus::kOfficial);
  e.status_after = ParseMemberStatus(r.Text(c + 16)).value_or(MemberStatus::kOfficial);
  e.org_id = OrgId(r.Int(c + 17));
  e.org_path = r.Text(c + 18);
  e.recorded_by = r.Text(c + 19);
  e.recorded_at_ms = r.Int(c + 20);
  e.superseded_by = r.IsNull(c + 21) ? 0 : r.Int(c + 21);
  return e;
}

// The events recorded in `org`'s subtree (by the branch path then) with effective_on in [from, to].
std::string EventRange(const Organization& org, Date from, Date to, Params& p) {
  p.emplace_back(org.path);
  p.emplace_back(PathEnd(org.path));
  p.emplace_back(from.ToString());
  p.emplace_back(to.ToString());
  return std::string("e.org_path >= ? AND e.org_path < ? AND e.effective_on >= ? AND e.effective_on <= ? AND ") +
         kInForce;
}

}  // namespace

void Tx::InsertMemberEvent(MemberEvent& e) {
  LedgerWork ledger;  // the event may change the member's status on some days (decision 0010)
  if (LedgerBegin(ledger)) LedgerAddMembers(ledger, {e.member_id.value}, -1);
  c_.Query(
      "INSERT INTO member_events(member_id, kind, effective_on, until, decision_number, decision_date, decision_body, "
      "decision_body_name, ground, ground_months, card_returned, card_returned_on, note, supersedes, status_before, "
      "status_after, org_id, org_path, recorded_by, recorded_at_ms) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.member_id.value,
       std::string(MemberEventKindName(e.kind)),
       e.effective_on.ToString(),
       OptDate(e.until),
       e.decision.number,
       e.decision.date.ToString(),
       std::string(DecidingBodyName(e.decision.body)),
       e.decision.body_name,
       e.ground ? Param(std::string(RemovalGroundName(*e.ground))) : Param(nullptr),
       int64_t{e.ground_months},
       int64_t{e.card_returned ? 1 : 0},
       OptDate(e.card_returned_on),
       e.note,
       e.supersedes > 0 ? Param(e.supersedes) : Param(nullptr),
       std::string(MemberStatusName(e.status_before)),
       std::string(MemberStatusName(e.status_after)),
       e.org_id.value,
       e.org_path,
       e.recorded_by,
       e.recorded_at_ms},
      [&](const Row& r) {
        e.id = r.Int(0);
        return false;
      });
  LedgerAddMembers(ledger, {e.member_id.value}, +1);
  LedgerApply(ledger);
}

std::vector<MemberEvent> Tx::MemberEvents(MemberId member) {
  std::vector<MemberEvent> out;
  c_.Query(std::string("SELECT ") + kEventCols + " FROM member_events e WHERE e.member_id = ? ORDER BY e.id",
           {member.value}, [&](const Row& r) {
             out.push_back(EventFromRow(r));
             return true;
           });
  return out;
}

std::vector<MemberEventListRow> Tx::SubtreeMemberEvents(const Organization& org, Date from, Date to,
                                                        std::optional<MemberEventKind> kind, int limit) {
  Params p;
  std::string sql = std::string("SELECT ") + kEventCols +
                    ", m.full_name, o.code, o.name FROM member_events e JOIN members m ON m.id = e.member_id "
                    "JOIN orgs o ON o.id = e.org_id WHERE " +
                    EventRange(org, from, to, p);
  if (kind) {
    sql += " AND e.kind = ?";
    p.emplace_back(std::string(MemberEventKindName(*kind)));
  }
  sql += " ORDER BY e.effective_on DESC, e.id DESC LIMIT ?";
  p.emplace_back(int64_t{limit});
  std::vector<MemberEventListRow> out;
  c_.Query(sql, p, [&](const Row& r) {
    MemberEventListRow row;
    row.event = EventFromRow(r);
    row.full_name = r.Text(kEventColCount);
    row.org_code = r.Text(kEventColCount + 1);
    row.org_name = r.Text(kEventColCount + 2);
    out.push_back(std::move(row));
    return true;
  });
  return out;
}

std::vector<std::pair<MemberEventKind, int64_t>> Tx::CountSubtreeMemberEvents(const Organization& org, Date from,
                                                                              Date to) {
  Params p;
  const std::string sql =
      "SELECT e.kind, COUNT(*) FROM member_events e WHERE " + EventRange(org, from, to, p) + " GROUP BY e.kind";
  std::vector<std::pair<MemberEventKind, int64_t>> out;
  c_.Query(sql, p, [&](const Row& r) {
    if (auto k = ParseMemberEventKind(r.Text(0))) out.emplace_back(*k, r.Int(1));
    return true;
  });
  return out;
}

namespace {

// Runs a watchlist query selecting the member columns, then the branch's code and name, then (when
// `with_event`) the event's columns.
std::vector<WatchRow> QueryWatch(Connection& c, const std::string& sql, const Params& p, bool with_event) {
  std::vector<WatchRow> out;
  c.Query(sql, p, [&](const Row& r) {
    WatchRow w;
    w.member = MemberFromRow(r);
    w.org_code = r.Text(kMemberColCount);
    w.org_name = r.Text(kMemberColCount + 1);
    if (with_event) w.event = EventFromRow(r, kMemberColCount + 2);
    out.push_back(std::move(w));
    return true;
  });
  return out;
}

}  // namespace

std::vector<WatchRow> Tx::ProbationaryAdmittedBy(const Organization& org, Date admitted_by, int limit) {
  Params p;
  std::string index;
  const std::string where = SubtreeFilter(org, p, &index);
  const std::string sql = std::string("SELECT ") + kMemberCols +
                          ", o.code, o.name FROM members m JOIN orgs o ON o.id = m.org_id WHERE " + where +
                          " AND m.status = 'probationary' AND m.admission_date <= ? "
                          "ORDER BY m.admission_date, m.id LIMIT ?";
  p.emplace_back(admitted_by.ToString());
  p.emplace_back(int64_t{limit});
  return QueryWatch(c_, sql, p, false);
}

namespace {

// Members of the subtree (`where` on alias m, its parameters in `p`) with `statuses`, whose last event
// among `later_kinds` is a `kind` event in force ending within [from, to]. Driven by the events ending in
// the range (index member_events_until; CROSS JOIN keeps SQLite from scanning the subtree's members first:
// 57 ms -> under 1 ms for a province of 200,000 members).
std::vector<WatchRow> PeriodsEnded(Connection& c, const std::string& where, Params p, const std::string& statuses,
                                   const char* kind, const char* later_kinds, Date from, Date to, int limit) {
  const std::string sql =
      std::string("SELECT ") + kMemberCols + ", o.code, o.name, " + kEventCols +
      " FROM member_events e CROSS JOIN members m JOIN orgs o ON o.id = m.org_id WHERE m.id = e.member_id AND " +
      where + " AND m.status IN (" + statuses + ") AND e.kind = ? AND e.until >= ? AND e.until <= ? AND " + kInForce +
      " AND NOT EXISTS (SELECT 1 FROM member_events l WHERE l.member_id = e.member_id AND l.id > e.id"
      " AND l.kind IN (" +
      later_kinds + ")) ORDER BY e.until, m.id LIMIT ?";
  p.emplace_back(std::string(kind));
  p.emplace_back(from.ToString());
  p.emplace_back(to.ToString());
  p.emplace_back(int64_t{limit});
  return QueryWatch(c, sql, p, true);
}

}  // namespace

std::vector<WatchRow> Tx::ExemptionsEnded(const Organization& org, Date before, int limit) {
  Params p;
  std::string index;
  const std::string where = SubtreeFilter(org, p, &index);
  return PeriodsEnded(c_, where, std::move(p), "'exempt'", "exemption", "'exemption', 'exemption_end'",
                      Date(1900, 1, 1), before.AddDays(-1), limit);
}

std::vector<WatchRow> Tx::ReductionsEnded(const Organization& org, Date from, Date to, int limit) {
  Params p;
  std::string index;
  const std::string where = SubtreeFilter(org, p, &index);
  return PeriodsEnded(c_, where, std::move(p), CountedStatusList(), "reduction", "'reduction'", from, to, limit);
}

std::vector<MemberDossierHistory> Tx::DossierHistories(const Organization& org, int limit) {
  Params p;
  std::string index;
  const std::string where = SubtreeFilter(org, p, &index);
  // Counted members with two versions or more, except those with a transfer (not cancelled) requested on
  // or after their latest dossier version: the change is being followed by a transfer.
  const std::string sql =
      std::string("SELECT ") + kMemberCols +
      ", o.code, o.name, d.id, d.valid_from, d.recorded_at, d.recorded_by, d.note, d.data "
      "FROM members m JOIN orgs o ON o.id = m.org_id JOIN member_dossiers d ON d.member_id = m.id WHERE " +
      where + " AND m.status IN (" + CountedStatusList() +
      ") AND (SELECT COUNT(*) FROM member_dossiers x WHERE x.member_id = m.id) > 1 "
      "AND NOT EXISTS (SELECT 1 FROM transfer_cases t WHERE t.member_id = m.id AND t.state <> 'cancelled' AND "
      "t.requested_on >= (SELECT MAX(x.valid_from) FROM member_dossiers x WHERE x.member_id = m.id)) "
      "ORDER BY m.id, d.valid_from, d.id";
  std::vector<MemberDossierHistory> out;
  c_.Query(sql, p, [&](const Row& r) {
    const int64_t id = r.Int(0);
    if (out.empty() || out.back().member.id.value != id) {
      if (static_cast<int>(out.size()) == limit) return false;
      MemberDossierHistory h;
      h.member = MemberFromRow(r);
      h.org_code = r.Text(kMemberColCount);
      h.org_name = r.Text(kMemberColCount + 1);
      out.push_back(std::move(h));
    }
    const int c = kMemberColCount + 2;
    DossierRow d;
    d.id = r.Int(c);
    d.member_id = id;
    d.valid_from = DateCol(r, c + 1).value_or(Date());
    d.recorded_at_ms = r.Int(c + 2);
    d.recorded_by = r.Text(c + 3);
    d.note = r.Text(c + 4);
    d.data_json = r.Text(c + 5);
    out.back().versions.push_back(std::move(d));
    return true;
  });
  return out;
}

}  // namespace tcxd::store
