// Member counts "as of" a date (docs/decisions/0010-restructuring.md): read member by member from the
// registrations of that day, or summed from the count ledger of the organizations that keep one (the
// central root, the provinces and any organization of kLedgerMembers registrations, KeepsCountLog: the
// changes of their subtree's counts by day and status).
// Every write that changes a registration, a member's dates or events, or the structure above a unit takes
// the ledger rows of what it touches out before and puts them back after, computed by the same rules as the
// member-by-member reading (domain/member_timeline.h).
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "domain/member_timeline.h"
#include "store/member_row.h"
#include "store/store.h"

namespace tcxd::store {
namespace {

// Columns: 0 member id, 1 status, 2 gender, 3 admission, 4 official, 5 left_on, 6 birth date,
// 7 registration's unit, 8 its start, 9 its end, 10..13 an event in force (effective_on, until,
// status_before, status_after): one row per event.
constexpr const char* kFacts =
    "SELECT m.id, m.status, m.gender, m.admission_date, m.official_date, m.left_on, m.birth_date, ";
constexpr const char* kEvents = ", e.effective_on, e.until, e.status_before, e.status_after ";
constexpr const char* kEventJoin =
    "LEFT JOIN member_events e ON e.member_id = m.id "
    "AND NOT EXISTS (SELECT 1 FROM member_events s WHERE s.supersedes = e.id) ";

// Today's registrations (the member row) or earlier ones (member_registrations), selected by `where`.
std::string CurrentRegs(const char* where) {
  return std::string(kFacts) + "m.org_id, m.registered_on, NULL" + kEvents + "FROM members m " + kEventJoin + "WHERE " +
         where;
}
std::string EarlierRegs(const char* where) {
  return std::string(kFacts) + "r.org_id, r.valid_from, r.valid_to" + kEvents +
         "FROM member_registrations r JOIN members m ON m.id = r.member_id " + kEventJoin + "WHERE " + where;
}

struct Reg {
  MemberTimeline timeline;
  bool female = false;
  std::optional<Date> birth_date;
  Registration reg;
};
struct RegKey {  // (member, registration start)
  int64_t member;
  Date from;
  bool operator==(const RegKey&) const = default;
};
struct RegKeyHash {
  size_t operator()(const RegKey& k) const { return std::hash<int64_t>()(k.member * 1000003 + k.from.ToDays()); }
};
using Regs = std::unordered_map<RegKey, Reg, RegKeyHash>;

void ReadRegs(Connection& c, const std::string& sql, const Params& params, Regs& out) {
  c.Query(sql, params, [&](const Row& r) {
    auto status = ParseMemberStatus(r.Text(1));
    if (!status) return true;
    const Date from = DateAt(r, 8).value_or(kAlways);
    auto [it, fresh] = out.try_emplace(RegKey{r.Int(0), from});
    Reg& g = it->second;
    if (fresh) {
      g.timeline.status = *status;
      g.female = r.Text(2) == "female";
      g.timeline.admission_date = DateAt(r, 3);
      g.timeline.official_date = DateAt(r, 4);
      g.timeline.left_on = DateAt(r, 5);
      g.birth_date = DateAt(r, 6);
      g.reg = Registration{r.Int(7), from, DateAt(r, 9)};
    }
    auto on = DateAt(r, 10);
    auto before = r.IsNull(12) ? std::nullopt : ParseMemberStatus(r.Text(12));
    auto after = r.IsNull(13) ? std::nullopt : ParseMemberStatus(r.Text(13));
    if (on && before && after) g.timeline.changes.push_back({*on, DateAt(r, 11), *before, *after});
    return true;
  });
}

// The registrations in `unit`, today's and earlier ones; only those covering `on` when given.
void ReadUnitRegs(Connection& c, int64_t unit, std::optional<Date> on, Regs& out) {
  static const std::string current = CurrentRegs("m.org_id = ?");
  static const std::string earlier = EarlierRegs("r.org_id = ?");
  static const std::string current_on =
      CurrentRegs("m.org_id = ? AND (m.registered_on IS NULL OR m.registered_on <= ?)");
  static const std::string earlier_on =
      EarlierRegs("r.org_id = ? AND r.valid_to > ? AND (r.valid_from IS NULL OR r.valid_from <= ?)");
  if (!on) {
    ReadRegs(c, current, {unit}, out);
    ReadRegs(c, earlier, {unit}, out);
    return;
  }
  const std::string d = on->ToString();
  ReadRegs(c, current_on, {unit, d}, out);
  ReadRegs(c, earlier_on, {unit, d, d}, out);
}

// Every registration of a member.
void ReadMemberRegs(Connection& c, int64_t member, Regs& out) {
  static const std::string current = CurrentRegs("m.id = ?");
  static const std::string earlier = EarlierRegs("r.member_id = ?");
  ReadRegs(c, current, {member}, out);
  ReadRegs(c, earlier, {member}, out);
}

// Every registration of many members, a few hundred per query.
void ReadMembersRegs(Connection& c, const std::vector<int64_t>& members, Regs& out) {
  if (members.size() == 1) {
    ReadMemberRegs(c, members.front(), out);
    return;
  }
  const Params ids(members.begin(), members.end());
  ForEachInChunk(ids, [&](const std::string& marks, const Params& chunk) {
    ReadRegs(c, CurrentRegs(("m.id IN (" + marks + ")").c_str()), chunk, out);
    ReadRegs(c, EarlierRegs(("r.member_id IN (" + marks + ")").c_str()), chunk, out);
  });
}

// The events of each registration in effective order (the rows come in no particular order).
void SortChanges(Regs& regs) {
  for (auto& [key, g] : regs) {
    std::stable_sort(g.timeline.changes.begin(), g.timeline.changes.end(),
                     [](const auto& a, const auto& b) { return a.effective_on < b.effective_on; });
  }
}

// Adds the ledger rows of `regs` (times `sign`) for the organizations `logged`, with the ledger spans of
// each unit from the structural versions (memoized in `spans`).
void AddRegsToLedger(Connection& c, const std::set<int64_t>& logged, std::map<int64_t, std::vector<LedgerSpan>>& spans,
                     Regs& regs, int sign, LedgerRows& rows) {
  SortChanges(regs);
  auto versions_of = [&](int64_t unit) {
    std::vector<ParentSpan> out;
    c.Query("SELECT valid_from, valid_to, parent_id FROM org_versions WHERE org_id = ? ORDER BY valid_from", {unit},
            [&](const Row& r) {
              out.push_back({DateAt(r, 0).value_or(kAlways), DateAt(r, 1), r.IsNull(2) ? 0 : r.Int(2)});
              return true;
            });
    return out;
  };
  auto has_ledger = [&](int64_t unit) { return logged.count(unit) > 0; };
  auto spans_of = [&](int64_t unit) -> const std::vector<LedgerSpan>& {
    return LedgerSpansOf(unit, versions_of, has_ledger, spans);
  };
  for (const auto& [key, g] : regs) AddLedgerRows(g.timeline, g.female, {g.reg}, spans_of, sign, rows);
}

void Tally(StatusCounts& counts, MemberStatus s, bool female, int64_t n, int64_t women) {
  counts.by_status[static_cast<size_t>(s)] += n;
  if (IsCounted(s)) counts.female_counted += female ? n : women;
}

}  // namespace

// ======================================================================= member by member

void Tx::ScanAsOf(OrgId org, Date date, const std::function<void(const MemberOnDate&)>& visit) {
  // The units of the subtree on `date`, level by level from the structural versions (decision 0010).
  // (One indexed query per unit: a recursive query made SQLite scan org_versions for a Bloom filter.)
  const std::string d = date.ToString();
  std::vector<int64_t> units{org.value};
  for (size_t i = 0; i < units.size(); ++i) {
    c_.Query(
        "SELECT org_id FROM org_versions WHERE parent_id = ? AND valid_from <= ? AND (valid_to IS NULL OR "
        "valid_to > ?)",
        {units[i], d, d}, [&](const Row& r) {
          units.push_back(r.Int(0));
          return true;
        });
  }
  Regs regs;
  for (const int64_t unit : units) ReadUnitRegs(c_, unit, date, regs);
  SortChanges(regs);
  for (const auto& [key, g] : regs) {
    if (auto s = StatusOn(g.timeline, date)) visit(MemberOnDate{*s, g.female, g.birth_date, g.timeline.admission_date});
  }
}

std::optional<Tx::RegisterDay> Tx::RegisterOn(MemberId member, Date date) {
  Regs regs;
  ReadMemberRegs(c_, member.value, regs);
  if (regs.empty()) return std::nullopt;
  SortChanges(regs);
  RegisterDay out;
  // The status comes from the member's dates and events, the same in every registration row.
  out.status = StatusOn(regs.begin()->second.timeline, date);
  for (const auto& [key, g] : regs) {
    if (g.reg.from <= date && (!g.reg.to || date < *g.reg.to)) out.org = OrgId(g.reg.org);
  }
  return out;
}

StatusCounts Tx::CountsAsOf(OrgId org, Date date) {
  if (auto logged = CountsFromLog(org, date)) return *logged;
  return CountsAsOfByScan(org, date);
}

StatusCounts Tx::CountsAsOfByScan(OrgId org, Date date) {
  StatusCounts out;
  ScanAsOf(org, date, [&](const MemberOnDate& m) { Tally(out, m.status, m.female, 1, 0); });
  return out;
}

SubtreeFacts Tx::CountSubtreeAsOf(OrgId org, Date date, Date year_from, Date year_to,
                                  const std::vector<std::pair<std::optional<Date>, std::optional<Date>>>& birth_ranges,
                                  StatusCounts* counts) {
  SubtreeFacts facts;
  facts.in_band.assign(birth_ranges.size(), 0);
  ScanAsOf(org, date, [&](const MemberOnDate& m) {
    if (counts != nullptr) Tally(*counts, m.status, m.female, 1, 0);
    if (m.admission_date && *m.admission_date >= year_from && *m.admission_date <= year_to) ++facts.admitted_in_year;
    if (!IsCounted(m.status)) return;
    for (size_t i = 0; i < birth_ranges.size(); ++i) {
      const auto& [from, to] = birth_ranges[i];
      if (!m.birth_date && (from || to)) continue;  // as CountSubtree: a bound excludes unknown birth dates
      if (m.birth_date && ((from && *m.birth_date < *from) || (to && *m.birth_date > *to))) continue;
      ++facts.in_band[i];
    }
  });
  return facts;
}

// ======================================================================= the ledger

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
  ReadMembersRegs(c_, member_ids, regs);
  AddRegsToLedger(c_, w.orgs, w.spans, regs, sign, w.rows);
}

void Tx::LedgerAddUnits(LedgerWork& w, const std::vector<int64_t>& units, int sign) {
  if (!w.active) return;
  Regs regs;
  for (int64_t unit : units) ReadUnitRegs(c_, unit, std::nullopt, regs);
  AddRegsToLedger(c_, w.orgs, w.spans, regs, sign, w.rows);
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
             if (auto s = ParseMemberStatus(r.Text(0))) Tally(out, *s, false, r.Int(1), r.Int(2));
             return true;
           });
  return out;
}

std::vector<OrgId> Tx::CountLogCandidates(int64_t threshold) {
  struct Node {
    int64_t parent = 0;
    OrgKind kind = OrgKind::kBranch;
    bool logged = false;
    int64_t members = 0;
  };
  std::unordered_map<int64_t, Node> nodes;
  c_.Query("SELECT id, parent_id, kind, count_log FROM orgs", {}, [&](const Row& r) {
    Node& n = nodes[r.Int(0)];
    n.parent = r.IsNull(1) ? 0 : r.Int(1);
    n.kind = ParseOrgKind(r.Text(2)).value_or(OrgKind::kBranch);
    n.logged = r.Int(3) == 1;
    return true;
  });
  c_.Query("SELECT org_id, COUNT(*) FROM members GROUP BY org_id", {}, [&](const Row& r) {
    const int64_t n = r.Int(1);
    for (int64_t id = r.Int(0); id != 0;) {
      auto it = nodes.find(id);
      if (it == nodes.end()) break;
      it->second.members += n;
      id = it->second.parent;
    }
    return true;
  });
  std::vector<OrgId> out;
  for (const auto& [id, n] : nodes) {
    if (!n.logged && KeepsCountLog(n.kind, n.members, threshold)) out.emplace_back(id);
  }
  std::sort(out.begin(), out.end(), [](OrgId a, OrgId b) { return a.value < b.value; });
  return out;
}

void Tx::BuildCountLog(OrgId org) {
  if (c_.QueryInt("SELECT count_log FROM orgs WHERE id = ?", {org.value}, -1) == 0) BuildCountLogs({org.value});
}

void Tx::EnsureCountLogs() {
  std::set<int64_t> due;
  c_.Query("SELECT id, kind FROM orgs WHERE count_log = 0", {}, [&](const Row& r) {
    if (auto kind = ParseOrgKind(r.Text(1)); kind && KeepsCountLog(*kind)) due.insert(r.Int(0));
    return true;
  });
  if (!due.empty()) BuildCountLogs(due);
}

void Tx::BuildCountLogs(const std::set<int64_t>& orgs) {
  // Every unit ever under one of `orgs`: the children of any date, level by level (a superset is harmless:
  // the ledger spans keep only the days a unit was under a ledger organization).
  std::vector<int64_t> units(orgs.begin(), orgs.end());
  std::set<int64_t> seen(orgs.begin(), orgs.end());
  for (size_t i = 0; i < units.size(); ++i) {
    c_.Query("SELECT org_id FROM org_versions WHERE parent_id = ?", {units[i]}, [&](const Row& r) {
      if (seen.insert(r.Int(0)).second) units.push_back(r.Int(0));
      return true;
    });
  }
  LedgerWork w;
  w.orgs = orgs;
  w.active = true;
  for (int64_t org : orgs) c_.Exec("DELETE FROM org_count_log WHERE org_id = ?", {org});
  LedgerAddUnits(w, units, +1);
  LedgerApply(w);
  for (int64_t org : orgs) c_.Exec("UPDATE orgs SET count_log = 1 WHERE id = ?", {org});
}

}  // namespace tcxd::store
