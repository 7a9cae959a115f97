// Store::BulkLoad: the fast path for the demo province and the benchmarks.
#include <algorithm>
#include <array>
#include <chrono>
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

}  // namespace

void Store::BulkLoad(std::vector<Organization>& orgs, std::vector<Member>& members,
                     const std::function<void(const char*, size_t, size_t)>& progress,
                     const std::vector<PastParent>& past, int64_t ledger_members) {
  auto c = Acquire();
  const bool pg = dialect_ == Dialect::kPostgres;
  if (!pg) {
    // The database is empty: a rollback journal costs nothing here (pages added to a file are not
    // journaled), while WAL would write every page twice (into the log, then by the checkpoint).
    // A bigger cache and two sorter threads speed up the index builds. Restored after the load.
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

    // Folded names and sort keys, on every core.
    const size_t n = members.size();
    std::vector<std::string> folds(n);
    std::vector<std::string> keys(n);
    {
      unsigned workers = std::max(1u, std::thread::hardware_concurrency());
      std::vector<std::thread> threads;
      for (unsigned w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
          for (size_t i = w; i < n; i += workers) {
            folds[i] = text::Fold(members[i].full_name);
            keys[i] = text::NameSortKey(members[i].full_name);
          }
        });
      }
      for (auto& t : threads) t.join();
    }
    progress("keys", n, n);
    for (size_t i = 0; i < n; ++i) {
      if (!members[i].id.valid()) members[i].id = MemberId(static_cast<int64_t>(i + 1));
    }
    // Ranks in Vietnamese name order (ties: by id).
    // The first 8 bytes of each key as a big-endian integer decide most comparisons without touching
    // the strings; the two halves are sorted on two threads and merged.
    std::vector<std::pair<uint64_t, size_t>> order_keys(n);
    for (size_t i = 0; i < n; ++i) {
      uint64_t head = 0;
      for (size_t b = 0; b < 8; ++b) head = (head << 8) | (b < keys[i].size() ? static_cast<uint8_t>(keys[i][b]) : 0);
      order_keys[i] = {head, i};
    }
    auto less = [&](const std::pair<uint64_t, size_t>& a, const std::pair<uint64_t, size_t>& b) {
      if (a.first != b.first) return a.first < b.first;
      int cmp = keys[a.second].compare(keys[b.second]);
      return cmp != 0 ? cmp < 0 : members[a.second].id < members[b.second].id;
    };
    const auto mid = order_keys.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::thread half([&] { std::sort(order_keys.begin(), mid, less); });
    std::sort(mid, order_keys.end(), less);
    half.join();
    std::inplace_merge(order_keys.begin(), mid, order_keys.end(), less);
    std::vector<size_t> order(n);
    for (size_t pos = 0; pos < n; ++pos) order[pos] = order_keys[pos].second;
    order_keys = {};
    std::vector<int64_t> ranks(n);
    const int64_t step = Tx::kRankMax / static_cast<int64_t>(n + 1);
    for (size_t pos = 0; pos < n; ++pos) ranks[order[pos]] = step * static_cast<int64_t>(pos + 1);
    progress("ranks", n, n);

    const int64_t now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    // Members per branch by (status, gender); added up the tree after the load.
    using Cell = std::array<int64_t, static_cast<size_t>(kMemberStatusCount) * 2>;
    std::unordered_map<int64_t, Cell> direct_counts;
    std::vector<std::string> member_cols(kMemberRowColumns.begin(), kMemberRowColumns.end());
    for (const char* col : {"id", "version", "created_at", "updated_at"}) member_cols.emplace_back(col);
    LoadRows(
        *c, "members", member_cols, n,
        [&](size_t i) -> Params {
          const Member& m = members[i];
          ++direct_counts[m.org_id.value][static_cast<size_t>(m.status) * 2 + (m.gender == Gender::kFemale ? 1 : 0)];
          Params row = MemberRowValues(m, orgs.at(org_index.at(m.org_id.value)), folds[i], keys[i], ranks[i]);
          row.emplace_back(m.id.value);
          row.emplace_back(int64_t{1});
          row.emplace_back(now);
          row.emplace_back(now);
          return row;
        },
        [&](size_t done) { progress("members", done, n); });
    keys.clear();
    keys.shrink_to_fit();

    if (!pg) {
      // The search index, in rank order (FTS5 appends doclists fastest that way), with a large
      // in-memory buffer and no incremental merging: one 'optimize' at the end does the merging once.
      c->ExecScript(
          "INSERT INTO member_fts(member_fts, rank) VALUES ('automerge', 0);"
          "INSERT INTO member_fts(member_fts, rank) VALUES ('hashsize', 67108864)");
      for (size_t pos = 0; pos < n; ++pos) {
        size_t i = order[pos];
        c->Exec("INSERT INTO member_fts(rowid, name_fold) VALUES (?, ?)", {ranks[i], folds[i]});
        if (pos % 50000 == 0) progress("search", pos, n);
      }
      c->Exec("INSERT INTO member_fts(member_fts) VALUES ('optimize')");
      c->ExecScript(  // the defaults again, for the writes of everyday use
          "INSERT INTO member_fts(member_fts, rank) VALUES ('automerge', 4);"
          "INSERT INTO member_fts(member_fts, rank) VALUES ('hashsize', 1048576)");
      progress("search", n, n);
    }

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

    // The count ledgers of the root and the provinces (decision 0010): each member's presence by status
    // in their subtree, by day, from the same rules as the member-by-member reading (StatusSteps).
    {
      std::map<int64_t, std::vector<LedgerSpan>> memo;
      auto versions_of = [&](int64_t id) {
        const auto& o = orgs.at(org_index.at(id));
        const int64_t parent = o.parent_id.valid() ? o.parent_id.value : 0;
        if (auto it = past_of.find(id); it != past_of.end()) {
          return std::vector<ParentSpan>{{o.founded_on.value_or(kAlways), it->second->until, it->second->parent.value},
                                         {it->second->until, o.dissolved_on, parent}};
        }
        return std::vector<ParentSpan>{{o.founded_on.value_or(kAlways), o.dissolved_on, parent}};
      };
      // The registrations ever in each organization's subtree (under today's parents or the earlier ones):
      // from `ledger_members`, an organization of any kind keeps a ledger.
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
      for (const auto& [unit, cell] : direct_counts) {
        int64_t n = 0;
        for (int64_t v : cell) n += v;
        for (int64_t a : above_of(unit)) ever_members[a] += n;
      }
      std::unordered_set<int64_t> ledger_orgs;
      for (const auto& o : orgs) {
        auto it = ever_members.find(o.id.value);
        if (KeepsCountLog(o.kind, it == ever_members.end() ? 0 : it->second, ledger_members)) {
          ledger_orgs.insert(o.id.value);
        }
      }
      auto has_ledger = [&](int64_t id) { return ledger_orgs.count(id) > 0; };
      // Dense cells (n, women) per (ledger organization, day, status) for the days from 1900 to two years
      // from now (an array add instead of a hash insert); other days, rare, in a map.
      std::unordered_map<int64_t, size_t> slot_of;
      std::vector<int64_t> slot_org;
      for (const auto& o : orgs) {
        if (!has_ledger(o.id.value)) continue;
        slot_of[o.id.value] = slot_org.size();
        slot_org.push_back(o.id.value);
      }
      const int64_t lo = Date(1900, 1, 1).ToDays();
      const int64_t days = Date::Today().ToDays() + 731 - lo;
      constexpr int64_t kStatuses = kMemberStatusCount;
      const size_t cells = slot_org.size() * static_cast<size_t>(days * kStatuses);
      // The spans of every unit first (the memo is not shared between threads), then two halves of the
      // members on two threads, each into its own cells, added up after.
      auto spans_of = [&](int64_t unit) -> const std::vector<LedgerSpan>& {
        return LedgerSpansOf(unit, versions_of, has_ledger, memo);
      };
      for (const auto& o : orgs) spans_of(o.id.value);
      auto known_spans = [&](int64_t unit) -> const std::vector<LedgerSpan>& { return memo.at(unit); };
      struct Part {
        std::vector<std::array<int32_t, 2>> dense;
        LedgerRows sparse;
      };
      auto aggregate = [&](Part& part, size_t from, size_t to) {
        part.dense.assign(cells, {0, 0});
        auto add = [&](int64_t org, Date day, MemberStatus st, int d, bool female) {
          const int64_t off = day.ToDays() - lo;
          if (off < 0 || off >= days) {
            auto& cell = part.sparse[{org, day, st}];
            cell.first += d;
            cell.second += female ? d : 0;
            return;
          }
          auto& cell = part.dense[static_cast<size_t>((static_cast<int64_t>(slot_of.at(org)) * days + off) * kStatuses +
                                                      static_cast<int64_t>(st))];
          cell[0] += d;
          cell[1] += female ? d : 0;
        };
        for (size_t i = from; i < to; ++i) {
          const Member& m = members[i];
          if (known_spans(m.org_id.value).empty()) continue;
          const bool female = m.gender == Gender::kFemale;
          ForEachLedgerRow(TimelineOf(m), {Registration{m.org_id.value, kAlways, std::nullopt}}, known_spans,
                           [&](int64_t org, Date day, MemberStatus st, int d) { add(org, day, st, d, female); });
        }
      };
      Part first, second;
      {
        std::thread other([&] { aggregate(second, members.size() / 2, members.size()); });
        aggregate(first, 0, members.size() / 2);
        other.join();
      }
      std::vector<std::array<int32_t, 2>>& dense = first.dense;
      for (size_t k = 0; k < cells; ++k) {
        dense[k][0] += second.dense[k][0];
        dense[k][1] += second.dense[k][1];
      }
      second.dense = {};
      LedgerRows& sparse = first.sparse;
      for (const auto& [key, v] : second.sparse) {
        sparse[key].first += v.first;
        sparse[key].second += v.second;
      }
      struct LogRow {
        int64_t org;
        Date day;
        MemberStatus status;
        int64_t n, women;
      };
      std::vector<LogRow> log_rows;
      for (size_t slot = 0; slot < slot_org.size(); ++slot) {
        for (int64_t off = 0; off < days; ++off) {
          for (int64_t st = 0; st < kStatuses; ++st) {
            const auto& cell = dense[static_cast<size_t>((static_cast<int64_t>(slot) * days + off) * kStatuses + st)];
            if (cell[0] != 0 || cell[1] != 0) {
              log_rows.push_back(
                  {slot_org[slot], Date::FromDays(lo + off), static_cast<MemberStatus>(st), cell[0], cell[1]});
            }
          }
        }
      }
      dense = {};
      for (const auto& [key, v] : sparse) {
        if (v.first != 0 || v.second != 0) {
          log_rows.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), v.first, v.second});
        }
      }
      LoadRows(
          *c, "org_count_log", {"org_id", "day", "status", "n", "women"}, log_rows.size(),
          [&](size_t i) -> Params {
            const LogRow& r = log_rows[i];
            return {r.org, r.day.ToString(), std::string(MemberStatusName(r.status)), r.n, r.women};
          },
          [&](size_t done) { progress("ledger", done, log_rows.size()); });
      for (int64_t id : slot_org) c->Exec("UPDATE orgs SET count_log = 1 WHERE id = ?", {id});
    }

    // SQLite sorts for CREATE INDEX in chunks of about the cache size, spilled to temporary files;
    // small chunks in files (not memory) let the two sorter threads work in parallel (5.5 M rows:
    // 7.5 s -> 3.4 s per index).
    if (!pg) c->ExecScript("PRAGMA cache_size=-16384; PRAGMA temp_store=FILE");
    size_t built = 0;
    for (const auto& [name, ddl] : indexes) {
      c->ExecScript(ddl);
      progress("indexes", ++built, indexes.size());
    }
    if (pg) {
      c->ExecScript(
          "SELECT setval(pg_get_serial_sequence('orgs', 'id'), COALESCE((SELECT MAX(id) FROM orgs), 1));"
          "SELECT setval(pg_get_serial_sequence('members', 'id'), COALESCE((SELECT MAX(id) FROM members), 1));");
    }
    c->Commit();
    // Statistics for the planner; a sample is enough (analysis_limit) and much faster than a scan.
    c->ExecScript(pg ? "ANALYZE"
                     : "PRAGMA analysis_limit=1000; ANALYZE; PRAGMA journal_mode=WAL; PRAGMA cache_size=-32768; "
                       "PRAGMA threads=0; PRAGMA temp_store=MEMORY");
  } catch (...) {
    c->Rollback();
    if (!pg) {
      c->ExecScript("PRAGMA journal_mode=WAL; PRAGMA cache_size=-32768; PRAGMA threads=0; PRAGMA temp_store=MEMORY");
    }
    throw;
  }
  Release(std::move(c));
}

}  // namespace tcxd::store
