// The count ledger (docs/decisions/0010-restructuring.md): for the organizations with count_log = 1 (the
// central root and the provinces, KeepsCountLog), the changes of their subtree's member counts by day and status, so
// that a count as of a day is a sum of rows. Every write that changes a registration, a member's dates or events, or
// the structure above a unit takes the rows of what it touches out before and puts them back after, computed by the
// same rules as the member-by-member reading (domain/member_timeline.h).
#include <algorithm>
#include <map>
#include <set>

#include "domain/member_timeline.h"
#include "store/member_row.h"
#include "store/store.h"

namespace tcxd::store {
namespace {

std::optional<Date> DateOf(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return Date::Parse(r.Text(c).substr(0, 10));
}

// Columns: 0 member id, 1 status, 2 gender, 3 admission, 4 official, 5 left_on, 6 registration's unit,
// 7 its start, 8 its end, 9..12 an event in force (effective_on, until, status_before, status_after).
constexpr const char* kFactCols = "m.id, m.status, m.gender, m.admission_date, m.official_date, m.left_on, ";
constexpr const char* kEventCols = ", e.effective_on, e.until, e.status_before, e.status_after ";
constexpr const char* kEventJoin =
    "LEFT JOIN member_events e ON e.member_id = m.id "
    "AND NOT EXISTS (SELECT 1 FROM member_events s WHERE s.supersedes = e.id) ";

struct Reg {
  MemberTimeline timeline;
  bool female = false;
  Registration reg;
};
using Regs = std::map<std::pair<int64_t, Date>, Reg>;  // (member, registration start)

void ReadRegs(Connection& c, const std::string& sql, const Params& params, Regs& out) {
  c.Query(sql, params, [&](const Row& r) {
    auto status = ParseMemberStatus(r.Text(1));
    if (!status) return true;
    const Date from = DateOf(r, 7).value_or(kAlways);
    auto [it, fresh] = out.try_emplace({r.Int(0), from});
    Reg& g = it->second;
    if (fresh) {
      g.timeline.status = *status;
      g.female = r.Text(2) == "female";
      g.timeline.admission_date = DateOf(r, 3);
      g.timeline.official_date = DateOf(r, 4);
      g.timeline.left_on = DateOf(r, 5);
      g.reg = Registration{r.Int(6), from, DateOf(r, 8)};
    }
    auto on = DateOf(r, 9);
    auto before = r.IsNull(11) ? std::nullopt : ParseMemberStatus(r.Text(11));
    auto after = r.IsNull(12) ? std::nullopt : ParseMemberStatus(r.Text(12));
    if (on && before && after) g.timeline.changes.push_back({*on, DateOf(r, 10), *before, *after});
    return true;
  });
}

}  // namespace

bool Tx::LedgerBegin(LedgerWork& w) {
  c_.Query("SELECT id FROM orgs WHERE count_log = 1", {}, [&](const Row& r) {
    w.orgs.insert(r.Int(0));
    return true;
  });
  w.active = !w.orgs.empty();
  return w.active;
}

void Tx::LedgerAddMembers(LedgerWork& w, const std::vector<int64_t>& member_ids, int sign) {
  if (!w.active) return;
  Regs regs;
  for (int64_t id : member_ids) {
    ReadRegs(c_,
             std::string("SELECT ") + kFactCols + "m.org_id, m.registered_on, NULL" + kEventCols + "FROM members m " +
                 kEventJoin + "WHERE m.id = ?",
             {id}, regs);
    ReadRegs(c_,
             std::string("SELECT ") + kFactCols + "r.org_id, r.valid_from, r.valid_to" + kEventCols +
                 "FROM member_registrations r JOIN members m ON m.id = r.member_id " + kEventJoin +
                 "WHERE r.member_id = ?",
             {id}, regs);
  }
  auto versions_of = [&](int64_t unit) {
    std::vector<ParentSpan> out;
    c_.Query("SELECT valid_from, valid_to, parent_id FROM org_versions WHERE org_id = ? ORDER BY valid_from", {unit},
             [&](const Row& r) {
               out.push_back({DateOf(r, 0).value_or(kAlways), DateOf(r, 1), r.IsNull(2) ? 0 : r.Int(2)});
               return true;
             });
    return out;
  };
  auto has_ledger = [&](int64_t unit) { return w.orgs.count(unit) > 0; };
  auto spans_of = [&](int64_t unit) -> const std::vector<LedgerSpan>& {
    return LedgerSpansOf(unit, versions_of, has_ledger, w.spans);
  };
  for (auto& [key, g] : regs) {
    std::stable_sort(g.timeline.changes.begin(), g.timeline.changes.end(),
                     [](const auto& a, const auto& b) { return a.effective_on < b.effective_on; });
    AddLedgerRows(g.timeline, g.female, {g.reg}, spans_of, sign, w.rows);
  }
}

void Tx::LedgerAddUnits(LedgerWork& w, const std::vector<int64_t>& units, int sign) {
  if (!w.active) return;
  std::vector<int64_t> members;
  for (int64_t unit : units) {
    c_.Query("SELECT id FROM members WHERE org_id = ?", {unit}, [&](const Row& r) {
      members.push_back(r.Int(0));
      return true;
    });
    c_.Query("SELECT member_id FROM member_registrations WHERE org_id = ?", {unit}, [&](const Row& r) {
      members.push_back(r.Int(0));
      return true;
    });
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  LedgerAddMembers(w, members, sign);
}

void Tx::LedgerApply(LedgerWork& w) {
  if (!w.active) return;
  for (const auto& [key, v] : w.rows) {
    if (v.first == 0 && v.second == 0) continue;
    const auto& [org, day, status] = key;
    c_.Exec(
        "INSERT INTO org_count_log(org_id, day, status, n, women) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (org_id, day, status) DO UPDATE SET n = org_count_log.n + excluded.n, "
        "women = org_count_log.women + excluded.women",
        {org, day.ToString(), std::string(MemberStatusName(status)), v.first, v.second});
  }
  w.rows.clear();
}

std::vector<int64_t> Tx::SubtreeUnits(const Organization& org) {
  std::vector<int64_t> out;
  c_.Query("SELECT id FROM orgs WHERE path >= ? AND path < ?", {org.path, PathEnd(org.path)}, [&](const Row& r) {
    out.push_back(r.Int(0));
    return true;
  });
  return out;
}

std::optional<StatusCounts> Tx::CountsFromLog(OrgId org, Date date) {
  if (c_.QueryInt("SELECT count_log FROM orgs WHERE id = ?", {org.value}, 0) != 1) return std::nullopt;
  StatusCounts out;
  c_.Query("SELECT status, SUM(n), SUM(women) FROM org_count_log WHERE org_id = ? AND day <= ? GROUP BY status",
           {org.value, date.ToString()}, [&](const Row& r) {
             auto s = ParseMemberStatus(r.Text(0));
             if (!s) return true;
             out.by_status[static_cast<size_t>(*s)] += r.Int(1);
             if (IsCounted(*s)) out.female_counted += r.Int(2);
             return true;
           });
  return out;
}

void Tx::EnsureCountLogs() {
  LedgerWork w;
  c_.Query("SELECT id FROM orgs WHERE kind IN ('central', 'provincial') AND count_log = 0", {}, [&](const Row& r) {
    w.orgs.insert(r.Int(0));
    return true;
  });
  if (w.orgs.empty()) return;
  w.active = true;
  // Only the new ledgers are written: the others already hold these registrations.
  std::vector<int64_t> units;
  c_.Query("SELECT id FROM orgs", {}, [&](const Row& r) {
    units.push_back(r.Int(0));
    return true;
  });
  c_.Exec(
      "DELETE FROM org_count_log WHERE org_id IN (SELECT id FROM orgs WHERE kind IN ('central', 'provincial') AND "
      "count_log = 0)");
  LedgerAddUnits(w, units, +1);
  LedgerApply(w);
  c_.Exec("UPDATE orgs SET count_log = 1 WHERE kind IN ('central', 'provincial') AND count_log = 0");
}

}  // namespace tcxd::store
