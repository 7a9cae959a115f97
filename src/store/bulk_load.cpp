// Store::BulkLoad: the fast path for the demo province and the benchmarks.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <numeric>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "domain/member_timeline.h"
#include "store/member_row.h"
#include "store/store.h"
#include "text/unicode.h"

namespace tcxd::store {
namespace {

// COPY text format escaping.
void CopyText(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
}

void CopyField(std::string& out, const Param& p, bool last) {
  if (std::holds_alternative<std::nullptr_t>(p)) {
    out += "\\N";
  } else if (const auto* n = std::get_if<int64_t>(&p)) {
    out += std::to_string(*n);
  } else if (const auto* t = std::get_if<std::string>(&p)) {
    CopyText(out, *t);
  } else {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\\\x";
    for (unsigned char c : std::get<Blob>(p).bytes) {
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  out.push_back(last ? '\n' : '\t');
}

// Writes rows either through COPY (PostgreSQL) or one prepared INSERT per row (SQLite).
void LoadRows(Connection& c, const std::string& table, const std::vector<std::string>& cols, size_t count,
              const std::function<Params(size_t)>& row, const std::function<void(size_t)>& tick) {
  std::string col_list;
  for (const auto& col : cols) col_list += (col_list.empty() ? "" : ", ") + col;
  if (c.dialect() == Dialect::kPostgres) {
    size_t i = 0;
    c.CopyIn("COPY " + table + " (" + col_list + ") FROM STDIN", [&](std::string& buf) {
      for (; i < count && buf.size() < (1 << 20); ++i) {
        Params p = row(i);
        for (size_t k = 0; k < p.size(); ++k) CopyField(buf, p[k], k + 1 == p.size());
        if (i % 50000 == 0) tick(i);
      }
      return i < count;
    });
  } else {
    std::string marks;
    for (size_t k = 0; k < cols.size(); ++k) marks += k ? ", ?" : "?";
    const std::string sql = "INSERT INTO " + table + " (" + col_list + ") VALUES (" + marks + ")";
    for (size_t i = 0; i < count; ++i) {
      c.Exec(sql, row(i));
      if (i % 50000 == 0) tick(i);
    }
  }
  tick(count);
}

// Members by (status, gender) of one organization.
using Cell = std::array<int64_t, static_cast<size_t>(kMemberStatusCount) * 2>;

// The folded names and sort keys of the distinct names (a register repeats its names: the 5.5 M of the
// national demo carry a few hundred thousand), and each member's rank in Vietnamese name order.
struct NameOrder {
  std::vector<std::string> folds, keys;  // by distinct name
  std::vector<uint32_t> name_of;         // member -> distinct name
  std::vector<size_t> order;             // members in rank order
  std::vector<int64_t> ranks;            // by member
};

NameOrder OrderNames(const std::vector<Member>& members) {
  NameOrder out;
  const size_t n = members.size();
  out.name_of.resize(n);
  std::vector<std::string_view> names;
  {
    std::unordered_map<std::string_view, uint32_t> index;
    for (size_t i = 0; i < n; ++i) {
      auto [it, fresh] = index.try_emplace(members[i].full_name, static_cast<uint32_t>(names.size()));
      if (fresh) names.emplace_back(members[i].full_name);
      out.name_of[i] = it->second;
    }
  }
  const size_t d = names.size();
  out.folds.resize(d);
  out.keys.resize(d);
  {
    const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w) {
      threads.emplace_back([&, w] {
        for (size_t j = w; j < d; j += workers) {
          out.folds[j] = text::Fold(names[j]);
          out.keys[j] = text::NameSortKey(names[j]);
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  // The distinct names in key order; names with equal keys share a group.
  std::vector<uint32_t> by_key(d);
  std::iota(by_key.begin(), by_key.end(), 0);
  std::sort(by_key.begin(), by_key.end(), [&](uint32_t a, uint32_t b) { return out.keys[a] < out.keys[b]; });
  std::vector<uint32_t> group(d);
  uint32_t groups = 0;
  for (size_t p = 0; p < d; ++p) {
    if (p > 0 && out.keys[by_key[p]] != out.keys[by_key[p - 1]]) ++groups;
    group[by_key[p]] = groups;
  }
  // Members by group (a counting sort), then by id within a group: the order of (sort key, id).
  std::vector<size_t> next(static_cast<size_t>(groups) + 2, 0);
  for (size_t i = 0; i < n; ++i) ++next[group[out.name_of[i]] + 1];
  std::partial_sum(next.begin(), next.end(), next.begin());
  const std::vector<size_t> begins = next;
  out.order.resize(n);
  for (size_t i = 0; i < n; ++i) out.order[next[group[out.name_of[i]]]++] = i;
  auto by_id = [&](size_t a, size_t b) { return members[a].id < members[b].id; };
  for (size_t g = 0; g + 1 < begins.size(); ++g) {
    auto first = out.order.begin() + static_cast<std::ptrdiff_t>(begins[g]);
    auto last = out.order.begin() + static_cast<std::ptrdiff_t>(begins[g + 1]);
    if (!std::is_sorted(first, last, by_id)) std::sort(first, last, by_id);
  }
  out.ranks.resize(n);
  const int64_t step = Tx::kRankMax / static_cast<int64_t>(n + 1);
  for (size_t pos = 0; pos < n; ++pos) out.ranks[out.order[pos]] = step * static_cast<int64_t>(pos + 1);
  return out;
}

// A file of its own in the temporary directory for the search index's build.
std::string SideFileName() {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          ("tcxd-search-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".db"))
      .string();
}

// Removes the side file (and what SQLite keeps beside it) when the load ends, however it ends.
struct SideFiles {
  std::string path;
  explicit SideFiles(std::string p) : path(std::move(p)) {}
  SideFiles(const SideFiles&) = delete;
  SideFiles& operator=(const SideFiles&) = delete;
  ~SideFiles() {
    if (path.empty()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ignored);
  }
};

// The search index (FTS5, decision 0004) of every member, built in `file` by the statement that made the
// database's own table: inserted in rank order (FTS5 appends doclists fastest that way) with a large
// in-memory buffer and no incremental merging, then merged once ('optimize'). Returns the open file.
std::unique_ptr<Connection> BuildSearchFile(const std::string& file, const std::string& ddl, const NameOrder& names) {
  auto side = OpenSqlite(file);
  side->ExecScript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144");
  side->ExecScript(ddl);
  side->ExecScript(
      "INSERT INTO member_fts(member_fts, rank) VALUES ('automerge', 0);"
      "INSERT INTO member_fts(member_fts, rank) VALUES ('hashsize', 67108864)");
  side->Begin(true);
  for (size_t i : names.order) {
    side->Exec("INSERT INTO member_fts(rowid, name_fold) VALUES (?, ?)",
               {names.ranks[i], names.folds[names.name_of[i]]});
  }
  side->Exec("INSERT INTO member_fts(member_fts) VALUES ('optimize')");
  side->Commit();
  return side;
}

// Copies the index built in `side` into the database's FTS5 tables as it is (the same statement built it,
// so the same format); its settings ('automerge', 'hashsize') stay the database's defaults.
void CopySearchIndex(Connection& c, Connection& side) {
  c.Exec("DELETE FROM member_fts_data");
  c.Exec("DELETE FROM member_fts_idx");
  side.Query("SELECT id, block FROM member_fts_data ORDER BY id", {}, [&](const Row& r) {
    c.Exec("INSERT INTO member_fts_data(id, block) VALUES (?, ?)", {r.Int(0), Blob{r.Bytes(1)}});
    return true;
  });
  side.Query("SELECT segid, term, pgno FROM member_fts_idx", {}, [&](const Row& r) {
    c.Exec("INSERT INTO member_fts_idx(segid, term, pgno) VALUES (?, ?, ?)", {r.Int(0), Blob{r.Bytes(1)}, r.Int(2)});
    return true;
  });
}

struct LogRow {
  int64_t org;
  Date day;
  MemberStatus status;
  int64_t n, women;
};

struct LedgerInput {
  const std::vector<Organization>& orgs;
  const std::unordered_map<int64_t, size_t>& org_index;
  const std::unordered_map<int64_t, const PastParent*>& past_of;
  const std::unordered_map<int64_t, Cell>& direct_counts;
  const std::vector<Member>& members;
  int64_t ledger_members;
};

// The count ledgers (decision 0010): each member's presence by status in the subtree of each organization
// keeping one, by day, from the same rules as the member-by-member reading (StatusSteps). The
// organizations with `ledger_members` registrations ever in their subtree (under today's parents or the
// earlier ones) keep one whatever their kind; they are put in `ledger_orgs`.
std::vector<LogRow> LedgerLog(const LedgerInput& in, std::vector<int64_t>& ledger_orgs) {
  const auto& orgs = in.orgs;
  std::map<int64_t, std::vector<LedgerSpan>> memo;
  auto versions_of = [&](int64_t id) {
    const auto& o = orgs.at(in.org_index.at(id));
    const int64_t parent = o.parent_id.valid() ? o.parent_id.value : 0;
    if (auto it = in.past_of.find(id); it != in.past_of.end()) {
      return std::vector<ParentSpan>{{o.founded_on.value_or(kAlways), it->second->until, it->second->parent.value},
                                     {it->second->until, o.dissolved_on, parent}};
    }
    return std::vector<ParentSpan>{{o.founded_on.value_or(kAlways), o.dissolved_on, parent}};
  };
  std::unordered_map<int64_t, std::vector<int64_t>> ever_above;  // the unit and every organization ever above it
  std::function<const std::vector<int64_t>&(int64_t)> above_of = [&](int64_t id) -> const std::vector<int64_t>& {
    if (auto it = ever_above.find(id); it != ever_above.end()) return it->second;
    std::vector<int64_t> out{id};
    for (const ParentSpan& v : versions_of(id)) {
      if (v.parent == 0) continue;
      const auto& up = above_of(v.parent);  // a node's address survives the map's growth
      out.insert(out.end(), up.begin(), up.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return ever_above[id] = std::move(out);
  };
  std::unordered_map<int64_t, int64_t> ever_members;
  for (const auto& [unit, cell] : in.direct_counts) {
    int64_t n = 0;
    for (int64_t v : cell) n += v;
    for (int64_t a : above_of(unit)) ever_members[a] += n;
  }
  // Dense cells (n, women) per (ledger organization, day, status) for the days from 1900 to two years
  // from now (an array add instead of a hash insert); other days, rare, in a map.
  std::unordered_map<int64_t, size_t> slot_of;
  for (const auto& o : orgs) {
    auto it = ever_members.find(o.id.value);
    if (KeepsCountLog(o.kind, it == ever_members.end() ? 0 : it->second, in.ledger_members)) {
      slot_of[o.id.value] = ledger_orgs.size();
      ledger_orgs.push_back(o.id.value);
    }
  }
  auto has_ledger = [&](int64_t id) { return slot_of.count(id) > 0; };
  auto spans_of = [&](int64_t unit) -> const std::vector<LedgerSpan>& {
    return LedgerSpansOf(unit, versions_of, has_ledger, memo);
  };
  const int64_t lo = Date(1900, 1, 1).ToDays();
  const int64_t days = Date::Today().ToDays() + 731 - lo;
  constexpr int64_t kStatuses = kMemberStatusCount;
  std::vector<std::array<int32_t, 2>> dense(ledger_orgs.size() * static_cast<size_t>(days * kStatuses), {0, 0});
  LedgerRows sparse;
  for (const Member& m : in.members) {
    if (spans_of(m.org_id.value).empty()) continue;
    const bool female = m.gender == Gender::kFemale;
    ForEachLedgerRow(TimelineOf(m), {Registration{m.org_id.value, kAlways, std::nullopt}}, spans_of,
                     [&](int64_t org, Date day, MemberStatus st, int d) {
                       const int64_t off = day.ToDays() - lo;
                       if (off < 0 || off >= days) {
                         auto& cell = sparse[{org, day, st}];
                         cell.first += d;
                         cell.second += female ? d : 0;
                         return;
                       }
                       auto& cell =
                           dense[static_cast<size_t>((static_cast<int64_t>(slot_of.at(org)) * days + off) * kStatuses +
                                                     static_cast<int64_t>(st))];
                       cell[0] += d;
                       cell[1] += female ? d : 0;
                     });
  }
  std::vector<LogRow> rows;
  for (size_t slot = 0; slot < ledger_orgs.size(); ++slot) {
    for (int64_t off = 0; off < days; ++off) {
      for (int64_t st = 0; st < kStatuses; ++st) {
        const auto& cell = dense[static_cast<size_t>((static_cast<int64_t>(slot) * days + off) * kStatuses + st)];
        if (cell[0] != 0 || cell[1] != 0) {
          rows.push_back(
              {ledger_orgs[slot], Date::FromDays(lo + off), static_cast<MemberStatus>(st), cell[0], cell[1]});
        }
      }
    }
  }
  for (const auto& [key, v] : sparse) {
    if (v.first != 0 || v.second != 0) {
      rows.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), v.first, v.second});
    }
  }
  return rows;
}

}  // namespace

void Store::BulkLoad(std::vector<Organization>& orgs, std::vector<Member>& members,
                     const std::function<void(const char*, size_t, size_t)>& progress,
                     const std::vector<PastParent>& past, int64_t ledger_members) {
  auto c = Acquire();
  const bool pg = dialect_ == Dialect::kPostgres;
  if (!pg) {
    // The database is empty: a rollback journal costs nothing here (pages added to a file are not
    // journaled), while WAL would write every page twice (into the log, then by the checkpoint).
    // A bigger cache and two sorter threads speed up the index builds (the connection is closed after).
    c->ExecScript("PRAGMA journal_mode=DELETE; PRAGMA cache_size=-262144; PRAGMA threads=2");
  }
  c->Begin(true);
  try {
    // Secondary indexes of members are dropped and built again after the load (much faster).
    std::vector<std::pair<std::string, std::string>> indexes;
    c->Query(pg ? "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'members' AND indexname <> "
                  "'members_pkey'"
                : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT "
                  "NULL",
             {}, [&](const Row& r) {
               indexes.emplace_back(r.Text(0), r.Text(1));
               return true;
             });
    for (const auto& [name, ddl] : indexes) c->ExecScript("DROP INDEX " + name);
    // PostgreSQL checks a foreign key row by row, with a lookup and a lock on the parent row each time:
    // those of the big tables are dropped for the load and added back after, which checks each once by a
    // join (the manual's "Populating a Database"). 5.5 M members: their COPY 48 s -> 26 s, the count
    // ledgers' 24 s -> 4 s (the checks added back included).
    struct ForeignKey {
      std::string table, name, definition;
    };
    std::vector<ForeignKey> foreign_keys;
    if (pg) {
      c->Query(
          "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
          "WHERE contype = 'f' AND conrelid IN ('members'::regclass, 'org_count_log'::regclass)",
          {}, [&](const Row& r) {
            foreign_keys.push_back({r.Text(0), r.Text(1), r.Text(2)});
            return true;
          });
      for (const auto& fk : foreign_keys) c->ExecScript("ALTER TABLE " + fk.table + " DROP CONSTRAINT " + fk.name);
    }

    // Organizations: paths from the parents (parents come first).
    std::unordered_map<int64_t, size_t> org_index;
    for (size_t i = 0; i < orgs.size(); ++i) {
      auto& o = orgs[i];
      if (o.parent_id.valid()) {
        const auto& parent = orgs.at(org_index.at(o.parent_id.value));
        o.path = ChildPath(parent.path, o.id);
        o.depth = parent.depth + 1;
      } else {
        o.path = ChildPath("", o.id);
        o.depth = 0;
      }
      org_index[o.id.value] = i;
    }
    LoadRows(
        *c, "orgs", {"id", "parent_id", "kind", "code", "name", "founded_on", "dissolved_on", "path", "depth"},
        orgs.size(),
        [&](size_t i) -> Params {
          const auto& o = orgs[i];
          return {o.id.value,
                  o.parent_id.valid() ? Param(o.parent_id.value) : Param(nullptr),
                  std::string(OrgKindName(o.kind)),
                  o.code,
                  o.name,
                  OptDate(o.founded_on),
                  OptDate(o.dissolved_on),
                  o.path,
                  int64_t{o.depth}};
        },
        [&](size_t done) { progress("orgs", done, orgs.size()); });
    // Their structural versions, for the tree "as of" a date (sql_restructure.cpp).
    c->Exec(std::string("INSERT INTO org_versions(org_id, valid_from, valid_to, parent_id, kind, code, name) "
                        "SELECT id, COALESCE(founded_on, ") +
            (pg ? "DATE '1800-01-01'" : "'1800-01-01'") + "), dissolved_on, parent_id, kind, code, name FROM orgs");
    // Earlier parents: the version of today starts on the change, the one before holds the old parent.
    std::unordered_map<int64_t, const PastParent*> past_of;
    for (const PastParent& p : past) {
      past_of[p.org.value] = &p;
      const auto& o = orgs.at(org_index.at(p.org.value));
      c->Exec("UPDATE org_versions SET valid_from = ? WHERE org_id = ?", {p.until.ToString(), p.org.value});
      c->Exec(
          "INSERT INTO org_versions(org_id, valid_from, valid_to, parent_id, kind, code, name) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          {p.org.value, o.founded_on.value_or(kAlways).ToString(), p.until.ToString(), p.parent.value,
           std::string(OrgKindName(o.kind)), o.code, o.name});
    }

    for (size_t i = 0; i < members.size(); ++i) {
      if (!members[i].id.valid()) members[i].id = MemberId(static_cast<int64_t>(i + 1));
    }
    const size_t n = members.size();
    const NameOrder names = OrderNames(members);
    progress("names", n, n);

    // Members per branch by (status, gender); added up the tree after the load.
    std::unordered_map<int64_t, Cell> direct_counts;
    for (const Member& m : members) {
      ++direct_counts[m.org_id.value][static_cast<size_t>(m.status) * 2 + (m.gender == Gender::kFemale ? 1 : 0)];
    }

    // While this thread writes the members (SQLite writes on one core), a second one builds the search
    // index in a file of its own (SQLite), then the count ledgers' rows.
    const std::string search_file = pg ? std::string() : SideFileName();
    const SideFiles remove_after{search_file};
    std::unique_ptr<Connection> search;  // the side file's connection, once built
    std::vector<LogRow> log_rows;
    std::vector<int64_t> ledger_orgs;
    std::exception_ptr side_error;
    std::string fts_ddl;
    if (!pg) {
      c->Query("SELECT sql FROM sqlite_master WHERE name = 'member_fts'", {}, [&](const Row& r) {
        fts_ddl = r.Text(0);
        return false;
      });
    }
    std::jthread side([&] {  // joined when the scope ends, also by an exception
      try {
        if (!pg) search = BuildSearchFile(search_file, fts_ddl, names);
        LedgerInput in{orgs, org_index, past_of, direct_counts, members, ledger_members};
        log_rows = LedgerLog(in, ledger_orgs);
      } catch (...) {
        side_error = std::current_exception();
      }
    });

    const int64_t now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    std::vector<std::string> member_cols(kMemberRowColumns.begin(), kMemberRowColumns.end());
    for (const char* col : {"id", "version", "created_at", "updated_at"}) member_cols.emplace_back(col);
    LoadRows(
        *c, "members", member_cols, n,
        [&](size_t i) -> Params {
          const Member& m = members[i];
          const uint32_t name = names.name_of[i];
          Params row = MemberRowValues(m, orgs.at(org_index.at(m.org_id.value)), names.folds[name], names.keys[name],
                                       names.ranks[i]);
          row.emplace_back(m.id.value);
          row.emplace_back(int64_t{1});
          row.emplace_back(now);
          row.emplace_back(now);
          return row;
        },
        [&](size_t done) { progress("members", done, n); });

    std::map<int64_t, Cell> counts;  // every organization with members in its subtree
    for (const auto& [org_id, cell] : direct_counts) {
      for (OrgId a : PathIds(orgs.at(org_index.at(org_id)).path)) {
        auto& total = counts.try_emplace(a.value, Cell{}).first->second;
        for (size_t k = 0; k < cell.size(); ++k) total[k] += cell[k];
      }
    }
    std::vector<std::tuple<int64_t, std::string, std::string, int64_t>> count_rows;
    for (const auto& [org_id, cell] : counts) {
      for (size_t k = 0; k < cell.size(); ++k) {
        if (cell[k] == 0) continue;
        count_rows.emplace_back(org_id, std::string(MemberStatusName(static_cast<MemberStatus>(k / 2))),
                                std::string(GenderName(k % 2 ? Gender::kFemale : Gender::kMale)), cell[k]);
      }
    }
    LoadRows(
        *c, "org_counts", {"org_id", "status", "gender", "n"}, count_rows.size(),
        [&](size_t i) -> Params {
          const auto& [o, s, g, v] = count_rows[i];
          return {o, s, g, v};
        },
        [](size_t) {});

    // The indexes, while the second thread may still be at work (they need neither of its products).
    // SQLite sorts for CREATE INDEX in chunks of about the cache size, spilled to temporary files;
    // small chunks in files (not memory) let the two sorter threads work in parallel (5.5 M rows:
    // 7.5 s -> 3.4 s per index with 16 MB; 4 MB gives 1 M rows 2.9-3.9 s -> 2.2-2.5 s for three indexes).
    if (!pg) c->ExecScript("PRAGMA cache_size=-4096; PRAGMA temp_store=FILE");
    size_t built = 0;
    for (const auto& [name, ddl] : indexes) {
      c->ExecScript(ddl);
      progress("indexes", ++built, indexes.size());
    }

    side.join();
    if (side_error) std::rethrow_exception(side_error);
    if (!pg) {
      CopySearchIndex(*c, *search);
      search.reset();
      progress("search", n, n);
    }
    // The count ledgers of the root and the provinces (decision 0010).
    LoadRows(
        *c, "org_count_log", {"org_id", "day", "status", "n", "women"}, log_rows.size(),
        [&](size_t i) -> Params {
          const LogRow& r = log_rows[i];
          return {r.org, r.day.ToString(), std::string(MemberStatusName(r.status)), r.n, r.women};
        },
        [&](size_t done) { progress("ledger", done, log_rows.size()); });
    for (int64_t id : ledger_orgs) c->Exec("UPDATE orgs SET count_log = 1 WHERE id = ?", {id});
    for (const auto& fk : foreign_keys) {
      c->ExecScript("ALTER TABLE " + fk.table + " ADD CONSTRAINT " + fk.name + " " + fk.definition);
    }

    if (pg) {
      c->ExecScript(
          "SELECT setval(pg_get_serial_sequence('orgs', 'id'), COALESCE((SELECT MAX(id) FROM orgs), 1));"
          "SELECT setval(pg_get_serial_sequence('members', 'id'), COALESCE((SELECT MAX(id) FROM members), 1));");
    }
    c->Commit();
    // Statistics for the planner; a sample is enough (analysis_limit) and much faster than a scan.
    c->ExecScript(pg ? "ANALYZE" : "PRAGMA analysis_limit=1000; ANALYZE; PRAGMA journal_mode=WAL");
  } catch (...) {
    c->Rollback();
    if (!pg) c->ExecScript("PRAGMA journal_mode=WAL");
    throw;
  }
  // A SQLite connection is closed, not kept: its pragmas are the load's, and its FTS5 table may hold the
  // index's structure as it was before the copy (other connections see the commit and read it again).
  if (pg) Release(std::move(c));
}

}  // namespace tcxd::store
