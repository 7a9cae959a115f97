// Restructuring's storage (issue #7 item 4): the decisions, the dated structural versions of the
// organizations (the tree "as of" a date), and moving a branch's members en bloc.
#include <algorithm>
#include <chrono>

#include "store/member_row.h"
#include "store/store.h"
#include "text/unicode.h"

namespace tcxd::store {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<Date> DateCol(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return Date::Parse(r.Text(c).substr(0, 10));
}

constexpr const char* kEventCols =
    "id, kind, effective, decision_number, decision_date, decision_body, subject_id, note, plan_json, recorded_by, "
    "recorded_at_ms";

OrgEventRow EventFromRow(const Row& r) {
  OrgEventRow e;
  e.id = r.Int(0);
  e.kind = r.Text(1);
  e.effective = DateCol(r, 2).value_or(Date());
  e.decision_number = r.Text(3);
  e.decision_date = DateCol(r, 4).value_or(Date());
  e.decision_body = r.Text(5);
  e.subject = OrgId(r.Int(6));
  e.note = r.Text(7);
  e.plan_json = r.Text(8);
  e.recorded_by = r.Text(9);
  e.recorded_at_ms = r.Int(10);
  return e;
}

// The version columns over an organization row: parent, kind, code and name of that day.
constexpr const char* kAsOfCols =
    "o.id, v.parent_id, v.kind, v.code, v.name, o.founded_on, o.dissolved_on, o.path, o.depth, o.version";
constexpr const char* kInForce = "v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)";

}  // namespace

std::optional<Date> Tx::OrgVersionStart(OrgId org) {
  std::optional<Date> out;
  c_.Query("SELECT MAX(valid_from) FROM org_versions WHERE org_id = ?", {org.value}, [&](const Row& r) {
    out = DateCol(r, 0);
    return false;
  });
  return out;
}

void Tx::BeginOrgVersion(OrgId org, Date from, int64_t event_id) {
  auto start = OrgVersionStart(org);
  if (start && *start == from) {
    c_.Exec("UPDATE org_versions SET event_id = ? WHERE org_id = ? AND valid_from = ?",
            {event_id, org.value, from.ToString()});
    return;
  }
  if (start) {
    c_.Exec("UPDATE org_versions SET valid_to = ? WHERE org_id = ? AND valid_from = ?",
            {from.ToString(), org.value, start->ToString()});
  }
  // Values bound one by one (not INSERT ... SELECT ?): PostgreSQL types a bare parameter there as text.
  auto o = GetOrg(org);
  if (!o) return;
  c_.Exec(
      "INSERT INTO org_versions(org_id, valid_from, parent_id, kind, code, name, event_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {org.value, from.ToString(), o->parent_id.valid() ? Param(o->parent_id.value) : Param(nullptr),
       std::string(OrgKindName(o->kind)), o->code, o->name, event_id});
}

void Tx::SyncOrgVersion(OrgId org) {
  auto start = OrgVersionStart(org);
  if (!start) {
    c_.Exec(
        "INSERT INTO org_versions(org_id, valid_from, valid_to, parent_id, kind, code, name) "
        "SELECT id, COALESCE(founded_on, '1800-01-01'), dissolved_on, parent_id, kind, code, name FROM orgs "
        "WHERE id = ?",
        {org.value});
    return;
  }
  c_.Exec(
      "UPDATE org_versions SET parent_id = o.parent_id, kind = o.kind, code = o.code, name = o.name, "
      "valid_to = o.dissolved_on FROM (SELECT parent_id, kind, code, name, dissolved_on FROM orgs WHERE id = ?) o "
      "WHERE org_versions.org_id = ? AND org_versions.valid_from = ?",
      {org.value, org.value, start->ToString()});
}

void Tx::InsertOrgEvent(OrgEventRow& e) {
  if (e.recorded_at_ms == 0) e.recorded_at_ms = NowMs();
  c_.Query(
      "INSERT INTO org_events(kind, effective, decision_number, decision_date, decision_body, subject_id, note, "
      "plan_json, recorded_by, recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.kind, e.effective.ToString(), e.decision_number, e.decision_date.ToString(), e.decision_body, e.subject.value,
       e.note, e.plan_json, e.recorded_by, e.recorded_at_ms},
      [&](const Row& r) {
        e.id = r.Int(0);
        return false;
      });
}

std::vector<OrgEventRow> Tx::OrgEvents(const Organization& org, int limit) {
  std::vector<OrgEventRow> out;
  std::string cols;
  for (std::string_view c : {"e.id", "e.kind", "e.effective", "e.decision_number", "e.decision_date", "e.decision_body",
                             "e.subject_id", "e.note", "e.plan_json", "e.recorded_by", "e.recorded_at_ms"}) {
    if (!cols.empty()) cols += ", ";
    cols += c;
  }
  c_.Query("SELECT " + cols +
               " FROM org_events e JOIN orgs o ON o.id = e.subject_id WHERE o.path >= ? AND o.path < ? "
               "ORDER BY e.id DESC LIMIT ?",
           {org.path, PathEnd(org.path), int64_t{limit}}, [&](const Row& r) {
             out.push_back(EventFromRow(r));
             return true;
           });
  return out;
}

std::optional<OrgEventRow> Tx::GetOrgEvent(int64_t id) {
  std::optional<OrgEventRow> out;
  c_.Query(std::string("SELECT ") + kEventCols + " FROM org_events WHERE id = ?", {id}, [&](const Row& r) {
    out = EventFromRow(r);
    return false;
  });
  return out;
}

std::optional<Organization> Tx::GetOrgAsOf(OrgId id, Date date) {
  std::optional<Organization> out;
  const std::string d = date.ToString();
  c_.Query(std::string("SELECT ") + kAsOfCols + " FROM org_versions v JOIN orgs o ON o.id = v.org_id " +
               "WHERE v.org_id = ? AND " + kInForce,
           {id.value, d, d}, [&](const Row& r) {
             out = OrgFromRow(r);
             return false;
           });
  if (out && out->dissolved_on && *out->dissolved_on > date) out->dissolved_on.reset();
  return out;
}

std::vector<Organization> Tx::ChildrenAsOf(OrgId parent, Date date) {
  std::vector<Organization> out;
  const std::string d = date.ToString();
  std::string sql = std::string("SELECT ") + kAsOfCols + " FROM org_versions v JOIN orgs o ON o.id = v.org_id WHERE " +
                    (parent.valid() ? "v.parent_id = ?" : "v.parent_id IS NULL") + " AND " + kInForce;
  Params p;
  if (parent.valid()) p.emplace_back(parent.value);
  p.emplace_back(d);
  p.emplace_back(d);
  c_.Query(sql, p, [&](const Row& r) {
    out.push_back(OrgFromRow(r));
    if (out.back().dissolved_on && *out.back().dissolved_on > date) out.back().dissolved_on.reset();
    return true;
  });
  std::sort(out.begin(), out.end(),
            [](const Organization& a, const Organization& b) { return text::CompareVietnamese(a.name, b.name) < 0; });
  return out;
}

int64_t Tx::MoveAllMembers(const Organization& from, const Organization& to, Date effective) {
  std::vector<std::tuple<MemberStatus, Gender, int64_t>> totals;
  c_.Query("SELECT status, gender, n FROM org_counts WHERE org_id = ? AND n <> 0", {from.id.value}, [&](const Row& r) {
    auto s = ParseMemberStatus(r.Text(0));
    auto g = ParseGender(r.Text(1));
    if (s && g) totals.emplace_back(*s, *g, r.Int(2));
    return true;
  });
  const auto ids = PathIds(to.path);
  auto anc = [&](size_t d) -> Param { return d < ids.size() ? Param(ids[d].value) : Param(nullptr); };
  LedgerWork ledger;
  if (LedgerBegin(ledger)) LedgerAddUnits(ledger, {from.id.value, to.id.value}, -1);
  // Their registration in `from` ends on the effective date (or on the day they were registered there,
  // when that came later: the move cannot end a registration before it started).
  const std::string eff = effective.ToString();
  c_.Exec(
      "INSERT INTO member_registrations(member_id, org_id, valid_from, valid_to) "
      "SELECT id, org_id, registered_on, CASE WHEN registered_on > ? THEN registered_on ELSE ? END "
      "FROM members WHERE org_id = ?",
      {eff, eff, from.id.value});
  const int64_t moved = c_.Exec(
      "UPDATE members SET org_id = ?, a0 = ?, a1 = ?, a2 = ?, a3 = ?, version = version + 1, updated_at = ?, "
      "registered_on = CASE WHEN registered_on > ? THEN registered_on ELSE ? END "
      "WHERE org_id = ?",
      {to.id.value, anc(0), anc(1), anc(2), anc(3), NowMs(), eff, eff, from.id.value});
  for (const auto& [status, gender, n] : totals) {
    AddCounts(from, status, gender, -n);
    AddCounts(to, status, gender, +n);
  }
  LedgerAddUnits(ledger, {from.id.value, to.id.value}, +1);
  LedgerApply(ledger);
  return moved;
}

}  // namespace tcxd::store
