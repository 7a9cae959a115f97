#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_map>

#include "store/member_row.h"
#include "store/store.h"
#include "text/unicode.h"

namespace tcxd {
namespace embedded {
std::string_view Find(std::string_view name);
}

namespace store {
namespace {

// ---- migrations: forward-only, applied in order at start (docs/decisions/0001-stack-and-layers.md)
struct Migration {
  int version;
  const char* name;
};
constexpr Migration kMigrations[] = {
    {1, "0001_foundation.sql"},     {2, "0002_access_log.sql"},     {3, "0003_catalogs.sql"},
    {4, "0004_dossiers.sql"},       {5, "0005_supplements.sql"},    {6, "0006_admission.sql"},
    {7, "0007_ratings.sql"},        {8, "0008_catalog_parent.sql"}, {9, "0009_transfers.sql"},
    {10, "0010_member_events.sql"}, {11, "0011_restructure.sql"},   {12, "0012_registrations.sql"},
    {13, "0013_count_log.sql"},     {14, "0014_doc_templates.sql"}, {15, "0015_member_photos.sql"},
};

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Param OptId(int64_t id) {
  if (id <= 0) return nullptr;
  return id;
}
std::string TextAt(const Row& r, int c) {
  return r.IsNull(c) ? std::string() : r.Text(c);
}

}  // namespace

// The upper bound of a path-prefix range: "/1/7/" -> "/1/70" ('0' follows '/').
std::string PathEnd(const std::string& path) {
  std::string end = path;
  end.back() = static_cast<char>('/' + 1);
  return end;
}

std::optional<Date> DateAt(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return Date::Parse(r.Text(c).substr(0, 10));
}

Param OptDate(const std::optional<Date>& d) {
  return d ? Param(d->ToString()) : Param(nullptr);
}

std::string SetClause(std::string_view columns) {
  std::string set;
  size_t start = 0;
  while (start < columns.size()) {
    size_t end = columns.find(", ", start);
    if (end == std::string_view::npos) end = columns.size();
    set += (set.empty() ? "" : ", ") + std::string(columns.substr(start, end - start)) + " = ?";
    start = end + 2;
  }
  return set;
}

Param OptText(const std::string& s) {
  return s.empty() ? Param(nullptr) : Param(s);
}

Params MemberRowValues(const Member& m, const Organization& branch, const std::string& name_fold,
                       const std::string& sort_key, int64_t sort_rank) {
  const auto ids = PathIds(branch.path);
  auto anc = [&](size_t d) { return d < ids.size() ? Param(ids[d].value) : Param(nullptr); };
  return {branch.id.value,
          m.full_name,
          name_fold,
          Blob{sort_key},
          sort_rank,
          std::string(GenderName(m.gender)),
          OptDate(m.birth_date),
          m.ethnicity,
          m.religion,
          m.hometown,
          m.residence,
          OptText(m.national_id),
          OptDate(m.admission_date),
          OptDate(m.ceremony_date),
          OptDate(m.official_date),
          OptText(m.card_number),
          m.cv_number,
          std::string(MemberStatusName(m.status)),
          OptDate(m.left_on),
          anc(0),
          anc(1),
          anc(2),
          anc(3)};
}

const char* const kOrgCols = "id, parent_id, kind, code, name, founded_on, dissolved_on, path, depth, version";

Organization OrgFromRow(const Row& r) {
  Organization o;
  o.id = OrgId(r.Int(0));
  o.parent_id = OrgId(r.IsNull(1) ? 0 : r.Int(1));
  o.kind = ParseOrgKind(r.Text(2)).value_or(OrgKind::kBranch);
  o.code = r.Text(3);
  o.name = r.Text(4);
  o.founded_on = DateAt(r, 5);
  o.dissolved_on = DateAt(r, 6);
  o.path = r.Text(7);
  o.depth = static_cast<int>(r.Int(8));
  o.version = static_cast<int>(r.Int(9));
  return o;
}

const char* const kMemberCols =
    "m.id, m.org_id, m.full_name, m.gender, m.birth_date, m.ethnicity, m.religion, m.hometown, m.residence, "
    "m.national_id, m.admission_date, m.ceremony_date, m.official_date, m.card_number, m.cv_number, m.status, "
    "m.left_on, m.version, m.sort_rank";

Member MemberFromRow(const Row& r, int64_t* rank) {
  Member m;
  m.id = MemberId(r.Int(0));
  m.org_id = OrgId(r.Int(1));
  m.full_name = r.Text(2);
  m.gender = ParseGender(r.Text(3)).value_or(Gender::kMale);
  m.birth_date = DateAt(r, 4);
  m.ethnicity = r.Text(5);
  m.religion = r.Text(6);
  m.hometown = r.Text(7);
  m.residence = r.Text(8);
  m.national_id = TextAt(r, 9);
  m.admission_date = DateAt(r, 10);
  m.ceremony_date = DateAt(r, 11);
  m.official_date = DateAt(r, 12);
  m.card_number = TextAt(r, 13);
  m.cv_number = r.Text(14);
  m.status = ParseMemberStatus(r.Text(15)).value_or(MemberStatus::kOfficial);
  m.left_on = DateAt(r, 16);
  m.version = static_cast<int>(r.Int(17));
  if (rank) *rank = r.Int(18);
  return m;
}

namespace {

constexpr const char* kUserCols =
    "u.id, u.login, u.display_name, u.role, u.org_id, o.path, u.member_id, u.password_hash, u.disabled";

Account UserFromRow(const Row& r) {
  Account a;
  a.id = UserId(r.Int(0));
  a.login = r.Text(1);
  a.display_name = r.Text(2);
  a.role = ParseRole(r.Text(3)).value_or(Role::kMember);
  a.org_id = OrgId(r.IsNull(4) ? 0 : r.Int(4));
  a.org_path = TextAt(r, 5);
  a.member_id = MemberId(r.IsNull(6) ? 0 : r.Int(6));
  a.password_hash = r.Text(7);
  a.disabled = r.Int(8) != 0;
  return a;
}

// Search words: folded, only letters and digits kept (no query-syntax characters reach the engines).
std::vector<std::string> SearchWords(const std::string& q) {
  std::vector<std::string> words;
  for (auto& w : text::Words(text::Fold(q))) {
    std::string clean;
    for (char c : w) {
      auto u = static_cast<unsigned char>(c);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) clean.push_back(c);
    }
    if (!clean.empty()) words.push_back(std::move(clean));
  }
  return words;
}

std::string Join(const std::vector<std::string>& words, std::string_view sep, std::string_view before,
                 std::string_view after) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += sep;
    out += before;
    out += w;
    out += after;
  }
  return out;
}

std::string FieldOfConstraint(const std::string& c) {
  if (c.find("card_number") != std::string::npos) return "card_number";
  if (c.find("national_id") != std::string::npos) return "national_id";
  if (c.find("code") != std::string::npos) return "code";
  if (c.find("login") != std::string::npos) return "login";
  if (c.find("transfer_cases_open_member") != std::string::npos ||
      c.find("transfer_cases.member_id") != std::string::npos)
    return "member_id";
  return "";
}

Msg MsgOfField(const std::string& field) {
  if (field == "card_number") return Msg::kMemberCardTaken;
  if (field == "national_id") return Msg::kMemberNationalIdTaken;
  if (field == "code") return Msg::kOrgCodeTaken;
  if (field == "login") return Msg::kLoginTaken;
  if (field == "member_id") return Msg::kTransferOpenExists;
  return Msg::kInternal;
}

}  // namespace

int64_t StatusCounts::Counted() const {
  return by_status[static_cast<size_t>(MemberStatus::kProbationary)] +
         by_status[static_cast<size_t>(MemberStatus::kOfficial)] +
         by_status[static_cast<size_t>(MemberStatus::kExempt)];
}

// ======================================================================= organizations

std::optional<Organization> Tx::GetOrg(OrgId id) {
  std::optional<Organization> out;
  c_.Query(std::string("SELECT ") + kOrgCols + " FROM orgs WHERE id = ?", {id.value}, [&](const Row& r) {
    out = OrgFromRow(r);
    return false;
  });
  return out;
}

std::optional<Organization> Tx::GetOrgByCode(std::string_view code) {
  std::optional<Organization> out;
  c_.Query(std::string("SELECT ") + kOrgCols + " FROM orgs WHERE code = ?", {std::string(code)}, [&](const Row& r) {
    out = OrgFromRow(r);
    return false;
  });
  return out;
}

std::vector<Organization> Tx::Children(OrgId parent) {
  std::vector<Organization> out;
  auto add = [&](const Row& r) {
    out.push_back(OrgFromRow(r));
    return true;
  };
  if (parent.valid()) {
    c_.Query(std::string("SELECT ") + kOrgCols + " FROM orgs WHERE parent_id = ?", {parent.value}, add);
  } else {
    c_.Query(std::string("SELECT ") + kOrgCols + " FROM orgs WHERE parent_id IS NULL", {}, add);
  }
  std::sort(out.begin(), out.end(),
            [](const Organization& a, const Organization& b) { return text::CompareVietnamese(a.name, b.name) < 0; });
  return out;
}

Result<OrgId> Tx::InsertOrg(Organization& org, const Organization* parent) {
  if (GetOrgByCode(org.code)) return Error::Conflict("code", Msg::kOrgCodeTaken);
  org.depth = parent ? parent->depth + 1 : 0;
  // The path needs the id: insert with a unique placeholder path, then set it.
  std::string placeholder = "#" + org.code;
  int64_t id = 0;
  Params p = {OptId(parent ? parent->id.value : 0),
              std::string(OrgKindName(org.kind)),
              org.code,
              org.name,
              OptDate(org.founded_on),
              OptDate(org.dissolved_on),
              placeholder,
              int64_t{org.depth}};
  if (org.id.valid()) {
    p.push_back(org.id.value);
    c_.Query(
        "INSERT INTO orgs(parent_id, kind, code, name, founded_on, dissolved_on, path, depth, id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p, [&](const Row& r) {
          id = r.Int(0);
          return false;
        });
  } else {
    c_.Query(
        "INSERT INTO orgs(parent_id, kind, code, name, founded_on, dissolved_on, path, depth) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        p, [&](const Row& r) {
          id = r.Int(0);
          return false;
        });
  }
  org.id = OrgId(id);
  org.parent_id = parent ? parent->id : OrgId();
  org.path = ChildPath(parent ? parent->path : "", org.id);
  // The root and the provinces keep a count ledger (decision 0010); a new one has no members yet.
  c_.Exec("UPDATE orgs SET path = ?, count_log = ? WHERE id = ?",
          {org.path, int64_t{KeepsCountLog(org.kind) ? 1 : 0}, id});
  SyncOrgVersion(org.id);
  return org.id;
}

Status Tx::UpdateOrg(const Organization& org) {
  if (auto other = GetOrgByCode(org.code); other && other->id != org.id) {
    return Error::Conflict("code", Msg::kOrgCodeTaken);
  }
  // A founding or dissolution date moves the start or end of its structural version: the ledger rows of
  // the registrations below it move too.
  auto now = GetOrg(org.id);
  LedgerWork w;
  std::vector<int64_t> units;
  if (now && (now->founded_on != org.founded_on || now->dissolved_on != org.dissolved_on) && LedgerBegin(w)) {
    units = SubtreeUnits(*now);
    LedgerAddUnits(w, units, -1);
  }
  c_.Exec(
      "UPDATE orgs SET kind = ?, code = ?, name = ?, founded_on = ?, dissolved_on = ?, version = version + 1 "
      "WHERE id = ?",
      {std::string(OrgKindName(org.kind)), org.code, org.name, OptDate(org.founded_on), OptDate(org.dissolved_on),
       org.id.value});
  SyncOrgVersion(org.id);
  if (!units.empty()) {
    w.spans.clear();
    LedgerAddUnits(w, units, +1);
    LedgerApply(w);
  }
  return Status::Ok();
}

void Tx::MoveOrg(const Organization& org, const Organization& new_parent) {
  const std::string old_path = org.path;
  const std::string old_parent_path = old_path.substr(0, old_path.size() - std::to_string(org.id.value).size() - 1);
  // The ledger rows of the registrations below move when the ledger organizations above change (the
  // version begun for the move still has the old parent: the rows taken out are those of before).
  LedgerWork w;
  std::vector<int64_t> units;
  if (LedgerBegin(w)) {
    auto logged = [&](const std::string& path) {
      std::vector<int64_t> out;
      for (OrgId a : PathIds(path)) {
        if (w.orgs.count(a.value)) out.push_back(a.value);
      }
      return out;
    };
    if (logged(old_parent_path) != logged(new_parent.path)) {
      units = SubtreeUnits(org);
      LedgerAddUnits(w, units, -1);
    }
  }
  const std::string new_path = ChildPath(new_parent.path, org.id);
  const int delta_depth = new_parent.depth + 1 - org.depth;
  // Aggregates: the subtree's totals leave the old ancestors and join the new ones.
  std::vector<std::tuple<std::string, std::string, int64_t>> totals;
  c_.Query("SELECT status, gender, n FROM org_counts WHERE org_id = ?", {org.id.value}, [&](const Row& r) {
    totals.emplace_back(r.Text(0), r.Text(1), r.Int(2));
    return true;
  });
  auto shift = [&](const std::string& path, int64_t sign) {
    for (OrgId a : PathIds(path)) {
      for (const auto& [status, gender, n] : totals) {
        c_.Exec(
            "INSERT INTO org_counts(org_id, status, gender, n) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (org_id, status, gender) DO UPDATE SET n = org_counts.n + excluded.n",
            {a.value, status, gender, sign * n});
      }
    }
  };
  shift(old_parent_path, -1);
  shift(new_parent.path, +1);
  // Paths and depths of the subtree.
  std::vector<std::pair<int64_t, std::string>> subtree;
  c_.Query("SELECT id, path FROM orgs WHERE path >= ? AND path < ?", {old_path, PathEnd(old_path)}, [&](const Row& r) {
    subtree.emplace_back(r.Int(0), r.Text(1));
    return true;
  });
  c_.Exec("UPDATE orgs SET parent_id = ? WHERE id = ?", {new_parent.id.value, org.id.value});
  SyncOrgVersion(org.id);
  for (const auto& [id, path] : subtree) {
    std::string p = new_path + path.substr(old_path.size());
    c_.Exec("UPDATE orgs SET path = ?, depth = depth + ? WHERE id = ?", {p, int64_t{delta_depth}, id});
    // Only the ancestor columns that change: each one rewrites its index entry of every member.
    const auto ids = PathIds(p);
    const auto old_ids = PathIds(path);
    std::string sets;
    Params values;
    for (size_t d = 0; d < 4; ++d) {
      const int64_t now = d < ids.size() ? ids[d].value : 0;
      const int64_t was = d < old_ids.size() ? old_ids[d].value : 0;
      if (now == was) continue;
      sets += std::string(sets.empty() ? "" : ", ") + "a" + std::to_string(d) + " = ?";
      values.push_back(now ? Param(now) : Param(nullptr));
    }
    if (sets.empty()) continue;
    values.push_back(id);
    c_.Exec("UPDATE members SET " + sets + " WHERE org_id = ?", values);
  }
  if (!units.empty()) {
    w.spans.clear();
    LedgerAddUnits(w, units, +1);
    LedgerApply(w);
  }
}

StatusCounts Tx::Counts(OrgId org) {
  StatusCounts counts;
  c_.Query("SELECT status, gender, n FROM org_counts WHERE org_id = ?", {org.value}, [&](const Row& r) {
    auto s = ParseMemberStatus(r.Text(0));
    if (!s) return true;
    counts.by_status[static_cast<size_t>(*s)] += r.Int(2);
    if (r.Text(1) == "female" && IsCounted(*s)) counts.female_counted += r.Int(2);
    return true;
  });
  return counts;
}

void Tx::AddCounts(const Organization& org, MemberStatus status, Gender gender, int64_t delta) {
  for (OrgId id : PathIds(org.path)) {
    if (batching_) {
      batch_counts_[{id.value, status, gender}] += delta;
    } else {
      UpsertCount(id.value, status, gender, delta);
    }
  }
}

void Tx::UpsertCount(int64_t org, MemberStatus status, Gender gender, int64_t delta) {
  c_.Exec(
      "INSERT INTO org_counts(org_id, status, gender, n) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (org_id, status, gender) DO UPDATE SET n = org_counts.n + excluded.n",
      {org, std::string(MemberStatusName(status)), std::string(GenderName(gender)), delta});
}

void Tx::BeginInsertBatch() {
  if (c_.dialect() == Dialect::kPostgres) c_.Exec("SELECT pg_advisory_xact_lock(7002)");
  batching_ = true;
  batch_counts_.clear();
  batch_members_.clear();
  batch_audit_.clear();
  batch_window_ = false;
}

void Tx::EndInsertBatch() {
  FlushAuditBatch();
  batching_ = false;
  batch_window_ = false;
  batch_ahead_.clear();
  for (const auto& [key, delta] : batch_counts_) {
    const auto& [org, status, gender] = key;
    if (delta != 0) UpsertCount(org, status, gender, delta);
  }
  batch_counts_.clear();
  if (!batch_members_.empty()) {
    if (LedgerWork w; LedgerBegin(w)) {
      LedgerAddMembers(w, batch_members_, +1);
      LedgerApply(w);
    }
  }
  batch_members_.clear();
}

// ======================================================================= members

std::optional<Member> Tx::GetMember(MemberId id) {
  std::optional<Member> out;
  c_.Query(std::string("SELECT ") + kMemberCols + " FROM members m WHERE m.id = ?", {id.value}, [&](const Row& r) {
    out = MemberFromRow(r);
    return false;
  });
  return out;
}

std::optional<Tx::MemberWithBranch> Tx::GetMemberWithPath(MemberId id) {
  std::optional<MemberWithBranch> out;
  c_.Query(std::string("SELECT ") + kMemberCols +
               ", o.path, o.code, o.name FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = ?",
           {id.value}, [&](const Row& r) {
             out.emplace(MemberWithBranch{MemberFromRow(r), r.Text(kMemberColCount), r.Text(kMemberColCount + 1),
                                          r.Text(kMemberColCount + 2)});
             return false;
           });
  return out;
}

std::optional<std::string> Tx::MemberOrgPath(MemberId id) {
  std::optional<std::string> out;
  c_.Query("SELECT o.path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = ?", {id.value}, [&](const Row& r) {
    out = r.Text(0);
    return false;
  });
  return out;
}

std::string Tx::SubtreeFilter(const Organization& org, Params& params, std::string* index) {
  std::string where;
  if (HoldsMembers(org.kind)) {
    where = "m.org_id = ?";
    params.push_back(org.id.value);
    *index = "members_org";
  } else if (org.depth <= 3) {
    where = "m.a" + std::to_string(org.depth) + " = ?";
    params.push_back(org.id.value);
    // A root holds (nearly) everyone: the rank index, filtered, serves it (no index on a0).
    *index = org.depth == 0 ? "members_rank" : "members_a" + std::to_string(org.depth);
  } else {
    where = "m.org_id IN (SELECT id FROM orgs WHERE path >= ? AND path < ?)";
    params.push_back(org.path);
    params.push_back(PathEnd(org.path));
    index->clear();
  }
  return where;
}

// The counted statuses (IsCounted) as an SQL list: 'probationary', 'official', 'exempt'.
std::string CountedStatusList() {
  std::string counted;
  for (int i = 0; i < kMemberStatusCount; ++i) {
    auto st = static_cast<MemberStatus>(i);
    if (IsCounted(st)) counted += std::string(counted.empty() ? "'" : ", '") + std::string(MemberStatusName(st)) + "'";
  }
  return counted;
}

SubtreeFacts Tx::CountSubtree(const Organization& org, Date year_from, Date year_to,
                              const std::vector<std::pair<std::optional<Date>, std::optional<Date>>>& birth_ranges) {
  Params params;
  const std::string counted = CountedStatusList();
  std::string sql = "SELECT SUM(CASE WHEN m.admission_date >= ? AND m.admission_date <= ? THEN 1 ELSE 0 END)";
  params.push_back(year_from.ToString());
  params.push_back(year_to.ToString());
  for (const auto& [from, to] : birth_ranges) {
    sql += ", SUM(CASE WHEN m.status IN (" + counted + ")";
    if (from) {
      sql += " AND m.birth_date >= ?";
      params.push_back(from->ToString());
    }
    if (to) {
      sql += " AND m.birth_date <= ?";
      params.push_back(to->ToString());
    }
    sql += " THEN 1 ELSE 0 END)";
  }
  std::string index;
  const std::string where = SubtreeFilter(org, params, &index);
  sql += " FROM members m WHERE " + where;
  SubtreeFacts facts;
  facts.in_band.assign(birth_ranges.size(), 0);
  c_.Query(sql, params, [&](const Row& r) {
    facts.admitted_in_year = r.IsNull(0) ? 0 : r.Int(0);
    for (size_t i = 0; i < birth_ranges.size(); ++i) {
      facts.in_band[i] = r.IsNull(static_cast<int>(i) + 1) ? 0 : r.Int(static_cast<int>(i) + 1);
    }
    return false;
  });
  return facts;
}

MemberPage Tx::ListMembers(const MemberQuery& q) {
  const bool sqlite = c_.dialect() == Dialect::kSqlite;
  const Organization& org = q.subtree;
  Params params;
  std::string index;  // SQLite index that serves the subtree in name order
  std::string where = SubtreeFilter(org, params, &index);
  where += " AND m.sort_rank > ?";
  params.push_back(q.after_rank);
  if (!q.statuses.empty()) {
    where += " AND m.status IN (";
    for (size_t i = 0; i < q.statuses.size(); ++i) {
      where += i ? ", ?" : "?";
      params.push_back(std::string(MemberStatusName(q.statuses[i])));
    }
    where += ")";
  }
  if (q.gender) {
    where += " AND m.gender = ?";
    params.push_back(std::string(GenderName(*q.gender)));
  }
  if (q.born_from) {
    where += " AND m.birth_date >= ?";
    params.push_back(q.born_from->ToString());
  }
  if (q.born_to) {
    where += " AND m.birth_date <= ?";
    params.push_back(q.born_to->ToString());
  }
  if (!q.ethnicity.empty()) {
    where += " AND m.ethnicity = ?";
    params.push_back(q.ethnicity);
  }

  MemberPage page;
  const auto words = SearchWords(q.q);
  int64_t subtree_size = -1;  // computed when a search needs it
  auto size_of_subtree = [&] {
    if (subtree_size < 0) {
      c_.Query("SELECT COALESCE(SUM(n), 0) FROM org_counts WHERE org_id = ?", {org.id.value}, [&](const Row& r) {
        subtree_size = r.Int(0);
        return false;
      });
    }
    return subtree_size;
  };
  // The subtree size below which a search scans the subtree: given by the caller, or (< 0) about
  // 2 * sqrt(register size), where scanning the subtree and streaming the country's matches through the
  // full-text index cost the same (measured: 2,000 best at 1 M members, 5,000 at 5.5 M).
  int64_t small_limit = q.small_subtree_limit;
  if (small_limit < 0 && !words.empty()) {
    const auto ids = PathIds(org.path);
    int64_t register_size = 0;
    c_.Query("SELECT COALESCE(SUM(n), 0) FROM org_counts WHERE org_id = ?", {ids.empty() ? org.id.value : ids[0].value},
             [&](const Row& r) {
               register_size = r.Int(0);
               return false;
             });
    small_limit = std::max<int64_t>(500, static_cast<int64_t>(2.0 * std::sqrt(static_cast<double>(register_size))));
  }
  auto run = [&](const std::string& sql, Params ps) {
    page.items.clear();
    page.next.reset();
    ps.push_back(int64_t{q.limit} + 1);
    int64_t last_rank = 0;
    c_.Query(sql, ps, [&](const Row& r) {
      if (static_cast<int>(page.items.size()) == q.limit) {
        page.next = last_rank;
        return false;
      }
      page.items.push_back(MemberFromRow(r, &last_rank));
      return true;
    });
  };
  if (words.empty()) {
    page.plan = "subtree";
    run(std::string("SELECT ") + kMemberCols + " FROM members m" +
            (sqlite && !index.empty() ? " INDEXED BY " + index : "") + " WHERE " + where +
            " ORDER BY m.sort_rank LIMIT ?",
        params);
  } else if (!sqlite) {
    // PostgreSQL cannot read a GIN index in name order. Common words: walk the subtree in name order
    // for a bounded window and filter (the first page is near the start). Otherwise: collect the
    // matches through the GIN index (or the subtree index, as the planner sees fit) and sort them.
    const std::string match = "to_tsvector('simple', m.name_fold) @@ to_tsquery('simple', ?)";
    const std::string tsq = Join(words, " & ", "", ":*");
    if (size_of_subtree() > small_limit) {
      page.plan = "tsquery-walk";
      Params ps = params;
      ps.push_back(small_limit);
      ps.push_back(tsq);
      run(std::string("SELECT ") + kMemberCols + " FROM (SELECT * FROM members m WHERE " + where +
              " ORDER BY m.sort_rank LIMIT ?) m WHERE " + match + " ORDER BY m.sort_rank LIMIT ?",
          ps);
      if (page.next) return page;
    }
    page.plan = "tsquery";
    Params ps = params;
    ps.push_back(tsq);
    run(std::string("WITH hits AS MATERIALIZED (SELECT m.sort_rank FROM members m WHERE ") + where + " AND " + match +
            ") SELECT " + kMemberCols + " FROM hits h JOIN members m ON m.sort_rank = h.sort_rank" +
            " ORDER BY m.sort_rank LIMIT ?",
        ps);
  } else if (size_of_subtree() <= small_limit) {
    page.plan = "subtree-filter";
    Params ps = params;
    ps.push_back(Join(words, " ", "", ""));
    run(std::string("SELECT ") + kMemberCols + " FROM members m" + (!index.empty() ? " INDEXED BY " + index : "") +
            " WHERE " + where + " AND tcxd_name_match(m.name_fold, ?) ORDER BY m.sort_rank LIMIT ?",
        ps);
  } else {
    // The FTS index streams matches in rowid = sort_rank order: the first page is found without
    // collecting every match, as long as the order is asked of the FTS table itself
    // (docs/decisions/0004-search.md).
    page.plan = "fts";
    Params ps = params;
    ps.insert(ps.begin(), Join(words, " AND ", "\"", "\"*"));
    ps.insert(ps.begin() + 1, q.after_rank);
    run(std::string("SELECT ") + kMemberCols +
            " FROM member_fts f JOIN members m ON m.sort_rank = f.rowid WHERE member_fts MATCH ? AND f.rowid > ? AND " +
            where + " ORDER BY f.rowid LIMIT ?",
        ps);
  }
  return page;
}

void Tx::IndexName(int64_t rank, const std::string& fold) {
  if (c_.dialect() == Dialect::kSqlite) {
    c_.Exec("INSERT INTO member_fts(rowid, name_fold) VALUES (?, ?)", {rank, fold});
  }
}

void Tx::UnindexName(int64_t rank, const std::string& fold) {
  if (c_.dialect() == Dialect::kSqlite) {
    c_.Exec("INSERT INTO member_fts(member_fts, rowid, name_fold) VALUES ('delete', ?, ?)", {rank, fold});
  }
}

// Finds a rank strictly between the last member ordered before `sort_key` and the first after it
// (equal keys: the new member goes last, as it has the largest id). Binary search over the rank space,
// each probe one index lookup. With `after` > 0 (a member ranked `after` sorts at or before sort_key, as
// when a sorted batch is inserted), the search starts there and first reads a few rows forward, so a
// dense batch costs one short scan per row instead of ~60 probes.
int64_t Tx::AssignRank(const std::string& sort_key, int64_t after) {
  // In a batch inserted in name order, right after the previous member: from the rows read ahead.
  if (batching_ && after > 0 && batch_window_ && after == batch_last_rank_) {
    if (auto rank = RankFromWindow(sort_key)) return *rank;
  }
  batch_window_ = false;
  for (int attempt = 0; attempt < 3; ++attempt) {
    int64_t lo = after + 1;
    int64_t hi = kRankMax + 1;
    if (after > 0) {
      constexpr int kScan = 32;
      int seen = 0;
      bool found = false;
      c_.Query("SELECT sort_rank, sort_key FROM members WHERE sort_rank >= ? ORDER BY sort_rank LIMIT ?",
               {lo, int64_t{kScan}}, [&](const Row& r) {
                 ++seen;
                 if (r.Bytes(1) > sort_key) {
                   hi = r.Int(0);
                   found = true;
                   return false;
                 }
                 lo = r.Int(0) + 1;
                 return true;
               });
      if (found) {
        lo = hi;  // the insertion point is just before that row
      } else if (seen < kScan) {
        hi = lo;  // no row after: the insertion point is the end
      }           // else: the binary search goes on from lo
    }
    while (lo < hi) {
      int64_t mid = lo + (hi - lo) / 2;
      std::optional<std::pair<int64_t, std::string>> first;
      c_.Query("SELECT sort_rank, sort_key FROM members WHERE sort_rank >= ? ORDER BY sort_rank LIMIT 1", {mid},
               [&](const Row& r) {
                 first.emplace(r.Int(0), r.Bytes(1));
                 return false;
               });
      if (!first || first->second > sort_key) {
        hi = mid;
      } else {
        lo = first->first + 1;
      }
    }
    int64_t next = kRankMax + 1;
    c_.Query("SELECT sort_rank FROM members WHERE sort_rank >= ? ORDER BY sort_rank LIMIT 1", {lo}, [&](const Row& r) {
      next = r.Int(0);
      return false;
    });
    int64_t prev = 0;
    c_.Query("SELECT sort_rank FROM members WHERE sort_rank < ? ORDER BY sort_rank DESC LIMIT 1", {lo},
             [&](const Row& r) {
               prev = r.Int(0);
               return false;
             });
    if (next - prev >= 2) {
      const int64_t rank = prev + (next - prev) / 2;
      if (batching_) {  // the rows after it are read when the next member of the batch comes
        batch_last_rank_ = rank;
        batch_window_ = true;
        batch_ahead_end_ = false;
        batch_ahead_.clear();
      }
      return rank;
    }
    RenumberAround(prev);
    after = 0;  // renumbering may have moved the row ranked `after`
  }
  throw DbError("sort rank: no room after renumbering");
}

// The stored rows after the last rank given are all the batch's members have not passed yet (the batch
// comes in name order, and its own rows are at or before that rank): the member goes after those of them
// that sort at or before it and before the next. nullopt when there is no room there (the search renumbers).
std::optional<int64_t> Tx::RankFromWindow(const std::string& sort_key) {
  constexpr int64_t kAhead = 256;
  int64_t prev = batch_last_rank_;
  for (;;) {
    while (!batch_ahead_.empty() && batch_ahead_.front().second <= sort_key) {
      prev = batch_ahead_.front().first;
      batch_ahead_.pop_front();
    }
    if (!batch_ahead_.empty() || batch_ahead_end_) break;
    int64_t read = 0;
    c_.Query("SELECT sort_rank, sort_key FROM members WHERE sort_rank > ? ORDER BY sort_rank LIMIT ?", {prev, kAhead},
             [&](const Row& r) {
               batch_ahead_.emplace_back(r.Int(0), r.Bytes(1));
               ++read;
               return true;
             });
    batch_ahead_end_ = read < kAhead;
  }
  const int64_t next = batch_ahead_.empty() ? kRankMax + 1 : batch_ahead_.front().first;
  if (next - prev < 2) return std::nullopt;
  batch_last_rank_ = prev + (next - prev) / 2;
  return batch_last_rank_;
}

// Spreads the ranks of a window of members around `prev_rank` evenly, widening the window until
// there is room. Rare: ranks start 2^62 / N apart.
void Tx::RenumberAround(int64_t prev_rank) {
  for (int64_t w = 16;; w *= 4) {
    std::vector<std::pair<int64_t, std::string>> window;  // (rank, fold)
    c_.Query("SELECT sort_rank, name_fold FROM members WHERE sort_rank <= ? ORDER BY sort_rank DESC LIMIT ?",
             {prev_rank, w}, [&](const Row& r) {
               window.emplace_back(r.Int(0), r.Text(1));
               return true;
             });
    std::reverse(window.begin(), window.end());
    c_.Query("SELECT sort_rank, name_fold FROM members WHERE sort_rank > ? ORDER BY sort_rank LIMIT ?", {prev_rank, w},
             [&](const Row& r) {
               window.emplace_back(r.Int(0), r.Text(1));
               return true;
             });
    if (window.empty()) return;
    int64_t lo = 0;
    int64_t hi = kRankMax + 1;
    c_.Query("SELECT sort_rank FROM members WHERE sort_rank < ? ORDER BY sort_rank DESC LIMIT 1",
             {window.front().first}, [&](const Row& r) {
               lo = r.Int(0);
               return false;
             });
    c_.Query("SELECT sort_rank FROM members WHERE sort_rank > ? ORDER BY sort_rank LIMIT 1", {window.back().first},
             [&](const Row& r) {
               hi = r.Int(0);
               return false;
             });
    const auto n = static_cast<int64_t>(window.size());
    const int64_t step = (hi - lo) / (n + 1);
    const bool covers_all = lo == 0 && hi == kRankMax + 1;
    if (step < 4 && !covers_all) continue;
    if (step < 2) throw DbError("sort rank: rank space exhausted");
    // Two phases keep ranks unique: first to negative temporaries, then to the final values.
    for (int64_t i = 0; i < n; ++i) {
      c_.Exec("UPDATE members SET sort_rank = ? WHERE sort_rank = ?", {-(i + 1), window[i].first});
      UnindexName(window[i].first, window[i].second);
    }
    for (int64_t i = 0; i < n; ++i) {
      int64_t rank = lo + step * (i + 1);
      c_.Exec("UPDATE members SET sort_rank = ? WHERE sort_rank = ?", {rank, -(i + 1)});
      IndexName(rank, window[i].second);
    }
    return;
  }
}

Result<MemberId> Tx::InsertMember(Member& m, const Organization& org, int64_t* rank_cursor) {
  if (!batching_) {  // a batch took the lock and its caller checked the identifiers under it
    if (c_.dialect() == Dialect::kPostgres) c_.Exec("SELECT pg_advisory_xact_lock(7002)");
    if (!m.card_number.empty() &&
        c_.QueryInt("SELECT id FROM members WHERE card_number = ?", {m.card_number}, 0) != 0) {
      return Error::Conflict("card_number", Msg::kMemberCardTaken);
    }
    if (!m.national_id.empty() &&
        c_.QueryInt("SELECT id FROM members WHERE national_id = ?", {m.national_id}, 0) != 0) {
      return Error::Conflict("national_id", Msg::kMemberNationalIdTaken);
    }
  }
  const std::string fold = text::Fold(m.full_name);
  const std::string key = text::NameSortKey(m.full_name);
  const int64_t rank = AssignRank(key, rank_cursor != nullptr ? *rank_cursor : 0);
  if (rank_cursor != nullptr) *rank_cursor = rank;
  static const std::string insert_sql = [] {
    std::string cols;
    std::string marks;
    for (const char* col : kMemberRowColumns) {
      cols += std::string(cols.empty() ? "" : ", ") + col;
      marks += marks.empty() ? "?" : ", ?";
    }
    return "INSERT INTO members(" + cols + ", version, created_at, updated_at) VALUES (" + marks +
           ", 1, ?, ?) RETURNING id";
  }();
  Params values = MemberRowValues(m, org, fold, key, rank);
  const int64_t now = NowMs();
  values.push_back(now);
  values.push_back(now);
  int64_t id = 0;
  c_.Query(insert_sql, values, [&](const Row& r) {
    id = r.Int(0);
    return false;
  });
  IndexName(rank, fold);
  AddCounts(org, m.status, m.gender, +1);
  if (batching_) {
    batch_members_.push_back(id);
  } else if (LedgerWork w; LedgerBegin(w)) {
    LedgerAddMembers(w, {id}, +1);
    LedgerApply(w);
  }
  m.id = MemberId(id);
  m.version = 1;
  return m.id;
}

Status Tx::UpdateMember(const Member& before, const Organization& before_org, const Member& after,
                        const Organization& after_org, std::optional<Date> moved_on) {
  if (c_.dialect() == Dialect::kPostgres) c_.Exec("SELECT pg_advisory_xact_lock(7002)");
  if (!after.card_number.empty() && c_.QueryInt("SELECT id FROM members WHERE card_number = ? AND id <> ?",
                                                {after.card_number, after.id.value}, 0) != 0) {
    return Error::Conflict("card_number", Msg::kMemberCardTaken);
  }
  if (!after.national_id.empty() && c_.QueryInt("SELECT id FROM members WHERE national_id = ? AND id <> ?",
                                                {after.national_id, after.id.value}, 0) != 0) {
    return Error::Conflict("national_id", Msg::kMemberNationalIdTaken);
  }
  // The ledger follows what the member-by-member reading sees of the member row (events are written
  // by InsertMemberEvent); other fields (name, residence, ...) leave it as it is.
  LedgerWork ledger;
  const bool timeline = before_org.id != after_org.id || before.status != after.status ||
                        before.gender != after.gender || before.admission_date != after.admission_date ||
                        before.official_date != after.official_date || before.left_on != after.left_on;
  if (timeline && LedgerBegin(ledger)) LedgerAddMembers(ledger, {after.id.value}, -1);
  int64_t rank = 0;
  std::string old_fold;
  c_.Query("SELECT sort_rank, name_fold FROM members WHERE id = ?", {after.id.value}, [&](const Row& r) {
    rank = r.Int(0);
    old_fold = r.Text(1);
    return false;
  });
  const std::string fold = text::Fold(after.full_name);
  std::string key;
  if (after.full_name != before.full_name) {
    key = text::NameSortKey(after.full_name);
    UnindexName(rank, old_fold);
    // Park the row out of the rank space while its new place is found.
    c_.Exec("UPDATE members SET sort_rank = ? WHERE id = ?", {-after.id.value, after.id.value});
    rank = AssignRank(key);
    IndexName(rank, fold);
  } else {
    c_.Query("SELECT sort_key FROM members WHERE id = ?", {after.id.value}, [&](const Row& r) {
      key = r.Bytes(0);
      return false;
    });
  }
  static const std::string update_sql = [] {
    std::string sets;
    for (const char* col : kMemberRowColumns) sets += std::string(col) + " = ?, ";
    return "UPDATE members SET " + sets + "version = version + 1, updated_at = ? WHERE id = ?";
  }();
  Params values = MemberRowValues(after, after_org, fold, key, rank);
  values.push_back(NowMs());
  values.push_back(after.id.value);
  c_.Exec(update_sql, values);
  if (before.status != after.status || before.gender != after.gender || before_org.id != after_org.id) {
    AddCounts(before_org, before.status, before.gender, -1);
    AddCounts(after_org, after.status, after.gender, +1);
  }
  if (before_org.id != after_org.id) {
    // The registration in the old branch ends where the new one starts (decision 0010).
    std::optional<Date> since;
    c_.Query("SELECT registered_on FROM members WHERE id = ?", {after.id.value}, [&](const Row& r) {
      since = DateAt(r, 0);
      return false;
    });
    Date on = moved_on.value_or(Date::Today());
    if (since && *since > on) on = *since;
    c_.Exec("INSERT INTO member_registrations(member_id, org_id, valid_from, valid_to) VALUES (?, ?, ?, ?)",
            {after.id.value, before_org.id.value, OptDate(since), on.ToString()});
    c_.Exec("UPDATE members SET registered_on = ? WHERE id = ?", {on.ToString(), after.id.value});
  }
  LedgerAddMembers(ledger, {after.id.value}, +1);
  LedgerApply(ledger);
  return Status::Ok();
}

// ======================================================================= accounts and sessions

std::optional<Account> Tx::GetUser(UserId id) {
  std::optional<Account> out;
  c_.Query(std::string("SELECT ") + kUserCols + " FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = ?",
           {id.value}, [&](const Row& r) {
             out = UserFromRow(r);
             return false;
           });
  return out;
}

std::optional<Account> Tx::GetUserByLogin(std::string_view login) {
  std::optional<Account> out;
  c_.Query(std::string("SELECT ") + kUserCols + " FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.login = ?",
           {std::string(login)}, [&](const Row& r) {
             out = UserFromRow(r);
             return false;
           });
  return out;
}

Result<UserId> Tx::InsertUser(Account& a) {
  if (GetUserByLogin(a.login)) return Error::Conflict("login", Msg::kLoginTaken);
  int64_t id = 0;
  c_.Query(
      "INSERT INTO users(login, display_name, role, org_id, member_id, password_hash, disabled, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.login, a.display_name, std::string(RoleName(a.role)), OptId(a.org_id.value), OptId(a.member_id.value),
       a.password_hash, int64_t{a.disabled ? 1 : 0}, NowMs() / 1000},
      [&](const Row& r) {
        id = r.Int(0);
        return false;
      });
  a.id = UserId(id);
  return a.id;
}

void Tx::UpdatePassword(UserId id, const std::string& hash) {
  c_.Exec("UPDATE users SET password_hash = ? WHERE id = ?", {hash, id.value});
}

std::vector<Account> Tx::ListUsers(const std::string& org_path_prefix) {
  std::vector<Account> out;
  auto add = [&](const Row& r) {
    out.push_back(UserFromRow(r));
    return true;
  };
  if (org_path_prefix.empty()) {
    c_.Query(std::string("SELECT ") + kUserCols + " FROM users u LEFT JOIN orgs o ON o.id = u.org_id ORDER BY u.login",
             {}, add);
  } else {
    c_.Query(std::string("SELECT ") + kUserCols +
                 " FROM users u JOIN orgs o ON o.id = u.org_id WHERE o.path >= ? AND o.path < ? ORDER BY u.login",
             {org_path_prefix, PathEnd(org_path_prefix)}, add);
  }
  return out;
}

void Tx::InsertSession(const SessionRecord& s) {
  c_.Exec(
      "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {s.token_hash, s.user_id.value, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.ip});
}

std::optional<SessionRecord> Tx::GetSession(const std::string& token_hash) {
  std::optional<SessionRecord> out;
  c_.Query(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip FROM sessions "
      "WHERE token_hash = ?",
      {token_hash}, [&](const Row& r) {
        out = SessionRecord{r.Text(0), UserId(r.Int(1)), r.Text(2), r.Int(3), r.Int(4), r.Int(5), r.Text(6)};
        return false;
      });
  return out;
}

void Tx::TouchSession(const std::string& token_hash, int64_t now, int64_t expires_at) {
  c_.Exec("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?", {now, expires_at, token_hash});
}

void Tx::DeleteSession(const std::string& token_hash) {
  c_.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void Tx::DeleteUserSessions(UserId user) {
  c_.Exec("DELETE FROM sessions WHERE user_id = ?", {user.value});
}

int64_t Tx::CountLoginFailures(const std::string& login, int64_t since) {
  return c_.QueryInt("SELECT COUNT(*) FROM login_failures WHERE login = ? AND at >= ?", {login, since}, 0);
}

void Tx::RecordLoginFailure(const std::string& login, const std::string& ip, int64_t at) {
  c_.Exec("INSERT INTO login_failures(login, ip, at) VALUES (?, ?, ?)", {login, ip, at});
}

void Tx::ClearLoginFailures(const std::string& login) {
  c_.Exec("DELETE FROM login_failures WHERE login = ?", {login});
}

// ======================================================================= audit

void Tx::AppendAudit(const AuditEntry& e) {
  batch_audit_.push_back(e);
  if (batch_audit_.back().at_ms == 0) batch_audit_.back().at_ms = NowMs();
  // Written at once, or in a batch a few hundred at a time (EndInsertBatch writes the rest).
  if (!batching_ || batch_audit_.size() >= 256) FlushAuditBatch();
}

// The audit entries held, 128 rows per statement.
void Tx::FlushAuditBatch() {
  constexpr size_t kRows = 128;
  for (size_t at = 0; at < batch_audit_.size(); at += kRows) {
    const size_t n = std::min(kRows, batch_audit_.size() - at);
    std::string sql =
        "INSERT INTO audit_log(at_ms, user_id, login, ip, action, entity, entity_id, org_path, before_json, "
        "after_json, note, access) VALUES ";
    Params p;
    for (size_t i = 0; i < n; ++i) {
      const AuditEntry& e = batch_audit_[at + i];
      sql += i == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      for (Param v : {Param(e.at_ms), OptId(e.user_id.value), Param(e.login), Param(e.ip), Param(e.action),
                      Param(e.entity), Param(e.entity_id), Param(e.org_path), OptText(e.before_json),
                      OptText(e.after_json), Param(e.note), Param(int64_t{e.access ? 1 : 0})}) {
        p.push_back(std::move(v));
      }
    }
    c_.Exec(sql, p);
  }
  batch_audit_.clear();
}

namespace {

constexpr std::string_view kAuditColumns =
    "a.id, a.at_ms, a.user_id, a.login, a.ip, a.action, a.entity, a.entity_id, a.org_path, a.before_json, "
    "a.after_json, a.note, a.access";

AuditEntry AuditFromRow(const Row& r) {
  AuditEntry e;
  e.id = r.Int(0);
  e.at_ms = r.Int(1);
  e.user_id = UserId(r.IsNull(2) ? 0 : r.Int(2));
  e.login = r.Text(3);
  e.ip = r.Text(4);
  e.action = r.Text(5);
  e.entity = r.Text(6);
  e.entity_id = r.Int(7);
  e.org_path = r.Text(8);
  e.before_json = TextAt(r, 9);
  e.after_json = TextAt(r, 10);
  e.note = r.Text(11);
  e.access = r.Int(12) != 0;
  return e;
}

}  // namespace

// Three sources, each read newest first up to the limit, then merged: change entries (partial indexes
// audit_entity / audit_org), access entries already in audit_access_index (when one entity is asked for),
// and the access entries not indexed yet (the tail above audit_access_indexed.upto; all access entries
// when no single entity is asked for — a walk down the primary key that stops at the limit).
std::vector<AuditEntry> Tx::ListAudit(const AuditQuery& q) {
  const bool one_entity = !q.entity.empty() && q.entity_id != 0;
  std::vector<AuditEntry> out;
  auto run = [&](std::string sql, Params p) {
    sql += " ORDER BY a.id DESC LIMIT ?";
    p.push_back(int64_t{q.limit});
    c_.Query(sql, p, [&](const Row& r) {
      out.push_back(AuditFromRow(r));
      return true;
    });
  };
  // Filters on audit_log a, shared by the sources.
  auto filters = [&](std::string& sql, Params& p, bool entity) {
    if (entity && !q.entity.empty()) {
      sql += " AND a.entity = ?";
      p.push_back(q.entity);
    }
    if (entity && q.entity_id != 0) {
      sql += " AND a.entity_id = ?";
      p.push_back(q.entity_id);
    }
    if (!q.org_path.empty()) {
      sql += " AND a.org_path >= ? AND a.org_path < ?";
      p.push_back(q.org_path);
      p.push_back(PathEnd(q.org_path));
    }
    if (q.before_id > 0) {
      sql += " AND a.id < ?";
      p.push_back(q.before_id);
    }
  };
  const std::string from = "SELECT " + std::string(kAuditColumns) + " FROM audit_log a";
  {
    std::string sql = from + " WHERE a.access = 0";
    Params p;
    filters(sql, p, true);
    run(sql, p);
  }
  if (one_entity) {
    std::string sql = from + " JOIN audit_access_index x ON x.id = a.id WHERE x.entity = ? AND x.entity_id = ?";
    Params p{q.entity, q.entity_id};
    if (q.before_id > 0) {
      sql += " AND x.id < ?";
      p.push_back(q.before_id);
    }
    filters(sql, p, false);
    run(sql, p);
    sql = from + " WHERE a.id > (SELECT upto FROM audit_access_indexed) AND a.access = 1";
    p.clear();
    filters(sql, p, true);
    run(sql, p);
  } else {
    std::string sql = from + " WHERE a.access = 1";
    Params p;
    filters(sql, p, true);
    run(sql, p);
  }
  std::sort(out.begin(), out.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.id > b.id; });
  out.erase(std::unique(out.begin(), out.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.id == b.id; }),
            out.end());
  if (out.size() > static_cast<size_t>(q.limit)) out.resize(static_cast<size_t>(q.limit));
  return out;
}

int64_t Tx::IndexAccessLog() {
  // PostgreSQL hands out ids before commit, so a writer still running could commit an id below the new
  // mark after this call; this lock waits for running writers and holds new ones for the call's duration.
  if (c_.dialect() == Dialect::kPostgres) c_.ExecScript("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE");
  const int64_t upto = c_.QueryInt("SELECT upto FROM audit_access_indexed", {}, 0);
  const int64_t top = c_.QueryInt("SELECT COALESCE(MAX(id), 0) FROM audit_log", {}, 0);
  if (top <= upto) return 0;
  const int64_t n = c_.Exec(
      "INSERT INTO audit_access_index(entity, entity_id, id) SELECT entity, entity_id, id FROM audit_log "
      "WHERE id > ? AND id <= ? AND access = 1 ORDER BY entity, entity_id, id",
      {upto, top});
  c_.Exec("UPDATE audit_access_indexed SET upto = ?", {top});
  return n;
}

// ======================================================================= catalogs

std::vector<CatalogEntry> Tx::ListCatalog(const std::string& catalog) {
  std::vector<CatalogEntry> out;
  c_.Query(
      "SELECT code, name, aliases, successor, sort, builtin, retired, parent FROM catalog_entries WHERE catalog = ? "
      "ORDER BY sort, code",
      {catalog}, [&](const Row& r) {
        CatalogEntry e;
        e.catalog = catalog;
        e.code = r.Text(0);
        e.name = r.Text(1);
        std::string aliases = r.Text(2);
        for (size_t i = 0; i < aliases.size();) {
          size_t j = aliases.find('|', i);
          if (j == std::string::npos) j = aliases.size();
          if (j > i) e.aliases.push_back(aliases.substr(i, j - i));
          i = j + 1;
        }
        e.successor = r.Text(3);
        e.sort = static_cast<int>(r.Int(4));
        e.builtin = r.Int(5) != 0;
        e.retired = r.Int(6) != 0;
        e.parent = r.Text(7);
        out.push_back(std::move(e));
        return true;
      });
  return out;
}

namespace {
std::string JoinAliases(const CatalogEntry& e) {
  std::string aliases;
  for (const auto& a : e.aliases) aliases += (aliases.empty() ? "" : "|") + a;
  return aliases;
}
}  // namespace

void Tx::InsertCatalogEntry(const CatalogEntry& e) {
  c_.Exec(
      "INSERT INTO catalog_entries(catalog, code, name, aliases, successor, sort, builtin, retired, parent) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.catalog, e.code, e.name, JoinAliases(e), e.successor, int64_t{e.sort}, int64_t{e.builtin ? 1 : 0},
       int64_t{e.retired ? 1 : 0}, e.parent});
}

bool Tx::UpdateCatalogEntry(const CatalogEntry& e) {
  return c_.Exec(
             "UPDATE catalog_entries SET name = ?, aliases = ?, successor = ?, parent = ?, retired = ? "
             "WHERE catalog = ? AND code = ?",
             {e.name, JoinAliases(e), e.successor, e.parent, int64_t{e.retired ? 1 : 0}, e.catalog, e.code}) == 1;
}

bool Tx::SetCatalogEntryRetired(const std::string& catalog, const std::string& code, bool retired) {
  return c_.Exec("UPDATE catalog_entries SET retired = ? WHERE catalog = ? AND code = ?",
                 {int64_t{retired ? 1 : 0}, catalog, code}) == 1;
}

bool Tx::DeleteCatalogEntry(const std::string& catalog, const std::string& code) {
  return c_.Exec("DELETE FROM catalog_entries WHERE catalog = ? AND code = ?", {catalog, code}) == 1;
}

// ======================================================================= dossiers

void Tx::InsertDossierVersion(DossierRow& row) {
  c_.Query(
      "INSERT INTO member_dossiers(member_id, valid_from, recorded_at, recorded_by, note, data) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {row.member_id, row.valid_from.ToString(), row.recorded_at_ms, row.recorded_by, row.note, row.data_json},
      [&](const Row& r) {
        row.id = r.Int(0);
        return false;
      });
}

namespace {
// id, member_id, valid_from, recorded_at, recorded_by, note, data
DossierRow DossierFromRow(const Row& r) {
  DossierRow d;
  d.id = r.Int(0);
  d.member_id = r.Int(1);
  d.valid_from = Date::Parse(r.Text(2)).value_or(Date());
  d.recorded_at_ms = r.Int(3);
  d.recorded_by = r.Text(4);
  d.note = r.Text(5);
  d.data_json = r.Text(6);
  return d;
}
}  // namespace

std::vector<DossierRow> Tx::DossierVersions(MemberId member, std::optional<Date> as_of) {
  std::vector<DossierRow> out;
  std::string sql =
      "SELECT id, member_id, valid_from, recorded_at, recorded_by, note, data FROM member_dossiers "
      "WHERE member_id = ?";
  Params p{member.value};
  if (as_of) {
    sql += " AND valid_from <= ? ORDER BY valid_from DESC, id DESC LIMIT 1";
    p.push_back(as_of->ToString());
  } else {
    sql += " ORDER BY valid_from DESC, id DESC";
  }
  c_.Query(sql, p, [&](const Row& r) {
    out.push_back(DossierFromRow(r));
    return true;
  });
  return out;
}

std::vector<DossierRow> Tx::DossiersInForce(const std::vector<MemberId>& members, Date on) {
  std::vector<DossierRow> out;
  if (members.empty()) return out;
  Params p{on.ToString()};
  for (const MemberId m : members) p.emplace_back(m.value);
  const std::string sql =
      "SELECT id, member_id, valid_from, recorded_at, recorded_by, note, data FROM member_dossiers "
      "WHERE valid_from <= ? AND member_id IN (" +
      Marks(members.size()) + ") ORDER BY member_id, valid_from DESC, id DESC";
  c_.Query(sql, p, [&](const Row& r) {
    if (!out.empty() && out.back().member_id == r.Int(1)) return true;  // an older version of the same member
    out.push_back(DossierFromRow(r));
    return true;
  });
  return out;
}

// ======================================================================= yearly supplement

namespace {

SupplementCampaign CampaignFromRow(const Row& r) {
  SupplementCampaign c;
  c.id = r.Int(0);
  c.org_id = OrgId(r.Int(1));
  c.year = static_cast<int>(r.Int(2));
  c.opened_on = Date::Parse(r.Text(3)).value_or(Date());
  if (!r.IsNull(4)) c.due = Date::Parse(r.Text(4));
  c.opened_by = r.Text(5);
  c.closed = r.Int(6) != 0;
  return c;
}

constexpr const char* kCampaignCols = "id, org_id, year, opened_on, due, opened_by, closed";

}  // namespace

Status Tx::InsertSupplementCampaign(SupplementCampaign& c) {
  if (c_.QueryInt("SELECT COUNT(*) FROM supplement_campaigns WHERE org_id = ? AND year = ?",
                  {c.org_id.value, int64_t{c.year}}, 0) > 0) {
    return Error::Conflict("year", Format(Msg::kSupplementExists, c.year));
  }
  c_.Query(
      "INSERT INTO supplement_campaigns(org_id, year, opened_on, due, opened_by, closed) VALUES (?, ?, ?, ?, ?, 0) "
      "RETURNING id",
      {c.org_id.value, int64_t{c.year}, c.opened_on.ToString(), c.due ? Param(c.due->ToString()) : Param(nullptr),
       c.opened_by},
      [&](const Row& r) {
        c.id = r.Int(0);
        return false;
      });
  return Status::Ok();
}

std::optional<SupplementCampaign> Tx::GetSupplementCampaign(int64_t id) {
  std::optional<SupplementCampaign> out;
  c_.Query(std::string("SELECT ") + kCampaignCols + " FROM supplement_campaigns WHERE id = ?", {id}, [&](const Row& r) {
    out = CampaignFromRow(r);
    return false;
  });
  return out;
}

std::vector<SupplementCampaign> Tx::SupplementCampaignsOf(const std::vector<OrgId>& org_ids) {
  std::vector<SupplementCampaign> out;
  if (org_ids.empty()) return out;
  std::string marks;
  Params p;
  for (OrgId id : org_ids) {
    marks += marks.empty() ? "?" : ", ?";
    p.push_back(id.value);
  }
  c_.Query(std::string("SELECT ") + kCampaignCols + " FROM supplement_campaigns WHERE org_id IN (" + marks +
               ") ORDER BY year DESC, id DESC",
           p, [&](const Row& r) {
             out.push_back(CampaignFromRow(r));
             return true;
           });
  return out;
}

void Tx::CloseSupplementCampaign(int64_t id) {
  c_.Exec("UPDATE supplement_campaigns SET closed = 1 WHERE id = ?", {id});
}

void Tx::SetSupplementEntry(int64_t campaign, MemberId member, SupplementState state, int64_t at_ms,
                            const std::string& by) {
  c_.Exec(
      "INSERT INTO supplement_entries(campaign_id, member_id, state, at_ms, by_login) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (campaign_id, member_id) DO UPDATE SET state = excluded.state, at_ms = excluded.at_ms, "
      "by_login = excluded.by_login",
      {campaign, member.value, std::string(SupplementStateName(state)), at_ms, by});
}

std::vector<BranchSupplementProgress> Tx::SupplementProgressByBranch(int64_t campaign, const Organization& org) {
  Params p{campaign};
  std::string index;
  const std::string where = SubtreeFilter(org, p, &index);
  std::vector<BranchSupplementProgress> out;
  c_.Query(
      "SELECT o.id, o.code, o.name, COUNT(*), "
      "SUM(CASE WHEN e.state = 'changed' THEN 1 ELSE 0 END), SUM(CASE WHEN e.state = 'no_change' THEN 1 ELSE 0 END) "
      "FROM members m JOIN orgs o ON o.id = m.org_id "
      "LEFT JOIN supplement_entries e ON e.campaign_id = ? AND e.member_id = m.id WHERE " +
          where + " AND m.status IN (" + CountedStatusList() + ") GROUP BY o.id, o.code, o.name ORDER BY o.code",
      p, [&](const Row& r) {
        BranchSupplementProgress b;
        b.branch = OrgId(r.Int(0));
        b.code = r.Text(1);
        b.name = r.Text(2);
        b.progress.members = r.Int(3);
        b.progress.changed = r.Int(4);
        b.progress.no_change = r.Int(5);
        out.push_back(std::move(b));
        return true;
      });
  return out;
}

std::vector<Member> Tx::SupplementPending(int64_t campaign, const Organization& org, int limit) {
  Params p{campaign};
  std::string index;
  const std::string where = SubtreeFilter(org, p, &index);
  p.push_back(int64_t{limit});
  std::vector<Member> out;
  c_.Query(std::string("SELECT ") + kMemberCols +
               " FROM members m LEFT JOIN supplement_entries e ON e.campaign_id = ? AND e.member_id = m.id WHERE " +
               where + " AND m.status IN (" + CountedStatusList() +
               ") AND e.member_id IS NULL ORDER BY m.sort_rank LIMIT ?",
           p, [&](const Row& r) {
             out.push_back(MemberFromRow(r));
             return true;
           });
  return out;
}

std::set<std::string> Tx::IdentifiersTaken(const std::string& field, const std::vector<std::string>& values) {
  std::set<std::string> out;
  if (field != "card_number" && field != "national_id") return out;  // a fixed list, never user text
  const Params all(values.begin(), values.end());
  ForEachInChunk(all, [&](const std::string& marks, const Params& chunk) {
    std::string sql = "SELECT ";
    sql += field;
    sql += " FROM members WHERE ";
    sql += field;
    sql += " IN (";
    sql += marks;
    sql += ")";
    c_.Query(sql, chunk, [&](const Row& r) {
      out.insert(r.Text(0));
      return true;
    });
  });
  return out;
}

int64_t Tx::CountMembersWith(const std::string& field, const std::string& value) {
  // `field` is one of a fixed list, never user text.
  if (field != "ethnicity" && field != "religion") return 0;
  return c_.QueryInt("SELECT COUNT(*) FROM members WHERE " + field + " = ?", {value}, 0);
}

// ======================================================================= the store

Store::Store(std::string db, Dialect d) : db_(std::move(db)), dialect_(d) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::Open(const std::string& db) {
  const bool pg = db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
  std::unique_ptr<Store> s(new Store(db, pg ? Dialect::kPostgres : Dialect::kSqlite));
  s->Migrate();
  return s;
}

std::unique_ptr<Connection> Store::Connect() {
  return dialect_ == Dialect::kPostgres ? OpenPostgres(db_) : OpenSqlite(db_);
}

std::unique_ptr<Connection> Store::Acquire() {
  bool no_autocheckpoint = false;
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    no_autocheckpoint = background_checkpoints_;
  }
  auto c = Connect();
  if (no_autocheckpoint) c->ExecScript("PRAGMA wal_autocheckpoint=0");
  return c;
}

void Store::UseBackgroundCheckpoints() {
  if (dialect_ != Dialect::kSqlite) return;
  std::lock_guard lock(mu_);
  background_checkpoints_ = true;
  for (auto& c : idle_) c->ExecScript("PRAGMA wal_autocheckpoint=0");
}

void Store::Checkpoint() {
  if (dialect_ != Dialect::kSqlite) return;
  auto c = Acquire();
  try {
    c->ExecScript("PRAGMA wal_checkpoint(PASSIVE)");
  } catch (const DbError&) {
    // a busy database: the next call checkpoints
  }
  Release(std::move(c));
}

void Store::Release(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(c));
}

void Store::Migrate() {
  auto c = Connect();
  const bool pg = dialect_ == Dialect::kPostgres;
  if (pg) c->ExecScript("SELECT pg_advisory_lock(7001)");
  c->ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at BIGINT NOT NULL)");
  for (const auto& m : kMigrations) {
    c->Begin(true);
    if (c->QueryInt("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", {int64_t{m.version}}, 0) == 0) {
      std::string file = std::string("src/store/sql/") + (pg ? "postgres/" : "sqlite/") + m.name;
      std::string_view sql = embedded::Find(file);
      if (sql.empty()) throw DbError("missing migration " + file);
      c->ExecScript(sql);
      c->Exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
              {int64_t{m.version}, std::string(m.name), NowMs() / 1000});
    }
    c->Commit();
  }
  c->Begin(true);
  {
    Tx tx(*c);
    tx.EnsureCountLogs();  // decision 0010: ledgers of the root and provinces of a database from before 0013
  }
  c->Commit();
  if (pg) c->ExecScript("SELECT pg_advisory_unlock(7001)");
  Release(std::move(c));
}

namespace {

enum class TxMode { kRead, kWrite, kStatement };

Status RunTx(Store* store, std::unique_ptr<Connection> c, TxMode mode, const std::function<Status(Tx&)>& fn,
             const std::function<void(std::unique_ptr<Connection>)>& release) {
  const bool explicit_tx = mode != TxMode::kStatement;
  try {
    if (explicit_tx) c->Begin(mode == TxMode::kWrite);
    Tx tx(*c);
    Status s = fn(tx);
    if (explicit_tx && s.ok()) {
      c->Commit();
    } else if (explicit_tx) {
      c->Rollback();
    }
    release(std::move(c));
    return s;
  } catch (const DbError& e) {
    bool reusable = true;
    try {
      if (explicit_tx) c->Rollback();
    } catch (...) {
      reusable = false;  // a broken connection is dropped
    }
    if (reusable) release(std::move(c));
    if (e.unique_violation()) {
      std::string field = FieldOfConstraint(e.constraint());
      if (!field.empty()) return Error::Conflict(field, MsgOfField(field));
    }
    return Error::Internal(e.what());
  } catch (const std::exception& e) {
    try {
      if (explicit_tx) c->Rollback();
      release(std::move(c));
    } catch (...) {
    }
    return Error::Internal(e.what());
  }
  (void)store;
}

}  // namespace

Status Store::Write(const std::function<Status(Tx&)>& fn) {
  return RunTx(this, Acquire(), TxMode::kWrite, fn, [this](std::unique_ptr<Connection> c) { Release(std::move(c)); });
}

Status Store::Read(const std::function<Status(Tx&)>& fn) {
  return RunTx(this, Acquire(), TxMode::kRead, fn, [this](std::unique_ptr<Connection> c) { Release(std::move(c)); });
}

Status Store::ReadStatement(const std::function<Status(Tx&)>& fn) {
  return RunTx(this, Acquire(), TxMode::kStatement, fn,
               [this](std::unique_ptr<Connection> c) { Release(std::move(c)); });
}

}  // namespace store
}  // namespace tcxd
