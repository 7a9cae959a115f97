// In-process benchmarks of the store on a loaded database (bench/run.sh loads it with `tcxd demo`):
//   tcxd_bench --db PATH|URL [--queries N] [--seed S]
//   tcxd_bench --db PATH --make-import FILE.xlsx [--rows N]   (the import benchmark's input)
//   tcxd_bench --db PATH|URL --ratings   (the annual rating: statistics of a year, a branch's decisions)
//   tcxd_bench --db PATH|URL --admission N   (adds N admission cases of the current year, then measures
//                                              the quota report of the root and the committees' inboxes)
//   tcxd_bench --db PATH|URL --transfers N   (adds N transfer cases between the branches, then measures the
//                                              transfer board of the committees and of the root)
// Measures, through the same Store API the server uses:
//   - name search without diacritics, first page of 50, over the whole register (the root subtree);
//   - member counts by status for subtrees at every level, the root included (maintained aggregates).
// Prints one line per figure: "name<TAB>median_ms<TAB>p95_ms<TAB>max_ms<TAB>samples<TAB>note".
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "app/service.h"
#include "demo/generator.h"
#include "io/export.h"
#include "store/store.h"
#include "text/unicode.h"

namespace {

using tcxd::Member;
using tcxd::MemberId;
using tcxd::Organization;
using tcxd::OrgId;
using tcxd::Status;

uint64_t Next(uint64_t& s) {  // splitmix64
  uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

struct Stats {
  double median = 0;
  double p95 = 0;
  double max = 0;
};

Stats Summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s;
  if (v.empty()) return s;
  s.median = v[v.size() / 2];
  s.p95 = v[std::min(v.size() - 1, v.size() * 95 / 100)];
  s.max = v.back();
  return s;
}

void Print(const std::string& name, const Stats& s, size_t n, const std::string& note) {
  std::cout << name << '\t' << s.median << '\t' << s.p95 << '\t' << s.max << '\t' << n << '\t' << note << '\n';
}

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// Query forms a user types: the whole name without diacritics, upper case, family + given prefix,
// the given name alone, a given-name prefix of 2 letters.
std::string QueryFor(const std::string& full_name, uint64_t r) {
  auto words = tcxd::text::Words(tcxd::text::Fold(full_name));
  if (words.empty()) return "a";
  const std::string& family = words.front();
  const std::string& given = words.back();
  switch (r % 5) {
    case 0: {
      std::string all;
      for (const auto& w : words) all += (all.empty() ? "" : " ") + w;
      return all;
    }
    case 1: {
      std::string all;
      for (const auto& w : words) all += (all.empty() ? "" : " ") + w;
      std::transform(all.begin(), all.end(), all.begin(), [](unsigned char c) { return std::toupper(c); });
      return all;
    }
    case 2:
      return family + " " + given.substr(0, 1);
    case 3:
      return given;
    default:
      return given.substr(0, std::min<size_t>(2, given.size()));
  }
}

// The annual rating (issue #6) on a loaded register:
//   - rating statistics of one year (the report of App::GetRatingReport: members, by role, downgrades,
//     per unit, organizations, the year before) for the root, a province (or the root's first child) and a
//     grassroots organization. The outcomes of 2024 and 2025 are made up from the members and written
//     straight into rating_tallies (the report reads nothing else), when not there yet;
//   - the committee's decisions of a branch of 30 members in one call (App::DecideRatings), for up to 20
//     branches, after their self-assessments (not timed), in a campaign opened for this run.
int BenchRatings(tcxd::store::Store& store) {
  using tcxd::app::Json;
  const tcxd::RuleSet& rules = tcxd::RuleSet::Default();
  tcxd::app::App app(store, rules);
  tcxd::app::Caller admin;
  admin.account.role = tcxd::Role::kAdmin;
  admin.account.login = "bench";
  std::vector<Organization> roots;
  Organization province;
  Organization grassroots;
  (void)store.Read([&](tcxd::store::Tx& tx) {
    roots = tx.Children(OrgId());
    if (roots.empty()) return Status::Ok();
    province = roots.front().kind == tcxd::OrgKind::kCentral ? tx.Children(roots.front().id).front() : roots.front();
    // A grassroots organization: the parent of a branch of the province.
    std::vector<Organization> level = {province};
    for (int d = 0; d < 6 && grassroots.code.empty(); ++d) {
      std::vector<Organization> next;
      for (const auto& o : level) {
        for (auto& k : tx.Children(o.id)) {
          if (tcxd::HoldsMembers(k.kind) && grassroots.code.empty()) grassroots = o;
          next.push_back(std::move(k));
        }
        if (next.size() > 200) break;
      }
      level = std::move(next);
    }
    return Status::Ok();
  });
  if (roots.empty()) {
    std::cerr << "empty database\n";
    return 1;
  }
  const Organization& root = roots.front();
  Status st = store.Write([&](tcxd::store::Tx& tx) {
    auto& c = tx.connection();
    for (int year : {2024, 2025}) {
      if (c.QueryInt("SELECT COUNT(*) FROM rating_tallies WHERE year = ? AND quarter = 0", {int64_t{year}}, 0) > 0) {
        continue;
      }
      // Outcomes made up from the members, counted per branch in SQL, then added to every organization
      // above (each organization's rows count its subtree, as the store keeps them).
      const std::string y = std::to_string(year);
      std::map<std::tuple<int64_t, std::string, std::string, std::string, std::string>, int64_t> sums;
      const auto add = [&](const std::string& path, const std::string& subject, const std::string& role,
                           const std::string& outcome, const std::string& from, int64_t n) {
        for (OrgId id : tcxd::PathIds(path)) sums[{id.value, subject, role, outcome, from}] += n;
      };
      c.Query(
          "SELECT o.path, x.role, x.outcome, x.from_level, COUNT(*) FROM (SELECT org_id, "
          "CASE WHEN id % 41 = 0 THEN 'secretary' WHEN id % 43 = 0 THEN 'committee_member' ELSE 'member' END AS role, "
          "CASE WHEN status = 'exempt' THEN 'not_rated:exempt' WHEN (id + " +
              y + ") % 100 < 12 THEN 'level:excellent' WHEN (id + " + y + ") % 100 < 85 THEN 'level:good' WHEN (id + " +
              y +
              ") % 100 < 98 THEN 'level:completed' ELSE 'level:not_completed' END AS outcome, "
              "CASE WHEN (id + " +
              y +
              ") % 100 = 86 THEN 'good' ELSE '' END AS from_level "
              "FROM members WHERE status IN ('probationary', 'official', 'exempt')) x JOIN orgs o ON o.id = x.org_id "
              "GROUP BY o.path, x.role, x.outcome, x.from_level",
          {}, [&](const tcxd::store::Row& r) {
            add(r.Text(0), "member", r.Text(1), r.Text(2), r.Text(3), r.Int(4));
            return true;
          });
      c.Query("SELECT path, id FROM orgs", {}, [&](const tcxd::store::Row& r) {
        add(r.Text(0), "org", "member", r.Int(1) % 7 == 0 ? "level:excellent" : "level:good", "", 1);
        return true;
      });
      for (const auto& [k, n] : sums) {
        c.Exec(
            "INSERT INTO rating_tallies(year, quarter, subject, org_id, role, outcome, from_level, n) "
            "VALUES (?, 0, ?, ?, ?, ?, ?, ?)",
            {int64_t{year}, std::get<1>(k), std::get<0>(k), std::get<2>(k), std::get<3>(k), std::get<4>(k), n});
      }
    }
    // As Tx::LoadMemberRatings does after its bulk insert (what autovacuum would do a little later).
    if (c.dialect() == tcxd::store::Dialect::kPostgres) c.Exec("ANALYZE rating_tallies");
    return Status::Ok();
  });
  if (!st.ok()) {
    std::cerr << "tallies: " << st.error().message << "\n";
    return 1;
  }
  for (const auto& [name, org] :
       {std::pair<std::string, Organization>{"root", root}, {"province", province}, {"grassroots", grassroots}}) {
    std::vector<double> t;
    int64_t rated = 0;
    size_t units = 0;
    for (int i = 0; i < 12; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto r = app.GetRatingReport(admin, org.id, "2025", "0");
      t.push_back(Ms(std::chrono::steady_clock::now() - t0));
      if (!r.ok()) {
        std::cerr << "report: " << r.error().message << "\n";
        return 1;
      }
      rated = r->members.rated;
      units = r->units.size();
    }
    t.erase(t.begin(), t.begin() + 2);  // warm-up
    Print("rating_report_" + name, Summarize(t), t.size(),
          org.code + " rated=" + std::to_string(rated) + " units=" + std::to_string(units));
  }

  // Decisions: a campaign of this run (the first free quarter of the year) over the root's subtree.
  const int year = tcxd::Date::Today().year();
  tcxd::store::RatingCampaign campaign;
  for (int q = 1; q <= 4 && campaign.id == 0; ++q) {
    auto c = app.OpenRating(admin, root.id, Json{{"year", year}, {"quarter", q}});
    if (c.ok()) campaign = *c;
  }
  if (campaign.id == 0) {
    std::cerr << "no free quarter left for a rating campaign: use a fresh database\n";
    return 1;
  }
  std::vector<int64_t> branches;
  (void)store.Read([&](tcxd::store::Tx& tx) {
    tx.connection().Query(
        "SELECT org_id FROM members WHERE status = 'official' AND official_date < '2025-01-01' GROUP BY org_id "
        "HAVING COUNT(*) >= 40 ORDER BY org_id LIMIT 20",
        {}, [&](const tcxd::store::Row& r) {
          branches.push_back(r.Int(0));
          return true;
        });
    return Status::Ok();
  });
  std::vector<double> t;
  for (int64_t b : branches) {
    auto sheet = app.GetRatingSheet(admin, campaign.id, OrgId(b));
    if (!sheet.ok()) continue;
    Json entries = Json::array();
    for (const auto& line : sheet->lines) {
      if (line.excluded || entries.size() >= 30) continue;
      const bool excellent = entries.size() < 5;  // 5 of 30: within 20 % of the 25 good
      Json form{{"scores", excellent ? Json{20, 10, 56, 9} : Json{18, 9, 48, 5}},
                {"tasks", {{"assigned", 10}, {"completed", 10}, {"on_time", 10}, {"exceeded", excellent ? 4 : 1}}}};
      if (!app.SelfAssess(admin, campaign.id, line.member.id, form).ok()) continue;
      entries.push_back({{"member_id", line.member.id.value}, {"level", excellent ? "excellent" : "good"}});
    }
    if (entries.size() < 30) continue;
    auto t0 = std::chrono::steady_clock::now();
    auto r = app.DecideRatings(admin, campaign.id, Json{{"org_id", b}, {"entries", entries}});
    t.push_back(Ms(std::chrono::steady_clock::now() - t0));
    if (!r.ok() || r->saved != 30) {
      std::cerr << "decide: " << (r.ok() ? "saved " + std::to_string(r->saved) : r.error().message) << "\n";
      return 1;
    }
  }
  Print("rating_decide_branch_30", Summarize(t), t.size(), "campaign " + std::to_string(campaign.id));
  return 0;
}

// Calls `fn` on every organization of the subtrees of `roots` (depth first).
template <typename Fn>
void ForEachOrg(tcxd::store::Tx& tx, std::vector<Organization> roots, const Fn& fn) {
  while (!roots.empty()) {
    Organization o = std::move(roots.back());
    roots.pop_back();
    fn(o);
    for (auto& k : tx.Children(o.id)) roots.push_back(std::move(k));
  }
}

}  // namespace

// Writes an .xlsx of `rows` generated members for the import benchmark: names and dates from the demo
// generator (another seed), national IDs 099xxxxxxxxx (the demo uses 001…), no card or CV numbers, and
// each row's "Mã chi bộ" one of the branches of the first province (the lowest code: T01, the import's
// target; the demo adds a small second province T02 for transfers) in turn.
int MakeImportFile(const std::string& db, const std::string& out, int64_t rows) {
  auto store = tcxd::store::Store::Open(db);
  std::vector<std::string> branches;
  (void)store->Read([&](tcxd::store::Tx& tx) {
    auto roots = tx.Children(OrgId());
    if (roots.empty()) return Status::Ok();
    const auto first = std::min_element(roots.begin(), roots.end(),
                                        [](const Organization& a, const Organization& b) { return a.code < b.code; });
    ForEachOrg(tx, {*first}, [&](const Organization& o) {
      if (tcxd::HoldsMembers(o.kind)) branches.push_back(o.code);
    });
    return Status::Ok();
  });
  if (branches.empty()) return 1;
  tcxd::demo::Options opt;
  opt.members = rows + rows / 5;  // some generated members have left: more than enough counted ones
  opt.seed = 99;
  auto data = tcxd::demo::Generate(opt);
  auto w = tcxd::io::XlsxWriter::Create("DS", tcxd::app::MemberListColumns());
  if (!w.ok()) return 1;
  int64_t n = 0;
  for (auto m : data.members) {
    if (!tcxd::IsCounted(m.status)) continue;
    m.national_id = "099" + std::to_string(100000000 + n);
    m.card_number.clear();
    m.cv_number.clear();
    const tcxd::app::BranchLabel branch{branches[static_cast<size_t>(n) % branches.size()], ""};
    (*w)->AddRow(tcxd::app::MemberListRow(static_cast<int>(n + 1), m, branch));
    if (++n == rows) break;
  }
  auto bytes = (*w)->Finish();
  if (!bytes.ok()) return 1;
  std::ofstream(out, std::ios::binary) << *bytes;
  std::cerr << "wrote " << n << " rows to " << out << "\n";
  return 0;
}

// Adds `cases` admission cases spread over the branches (every stage, decisions dated this year, a tenth
// overdue), then times the quota report of the whole root and the inbox of committees, through the app.
int BenchAdmission(tcxd::store::Store& store, int64_t cases, uint64_t seed) {
  using namespace tcxd;
  std::vector<Organization> branches;
  std::vector<Organization> committees;
  Organization root;
  (void)store.Read([&](store::Tx& tx) {
    root = tx.Children(OrgId()).front();
    ForEachOrg(tx, {root}, [&](const Organization& o) {
      if (HoldsMembers(o.kind)) branches.push_back(o);
      if (o.kind == OrgKind::kCommune || o.kind == OrgKind::kBloc) committees.push_back(o);
    });
    return Status::Ok();
  });
  const Date today = Date::Today();
  const Date jan1(today.year(), 1, 1);
  const AdmissionStage stages[] = {AdmissionStage::kCandidate,       AdmissionStage::kBranchVoted,
                                   AdmissionStage::kGrassrootsVoted, AdmissionStage::kAdmitted,
                                   AdmissionStage::kProbation,       AdmissionStage::kOfficial};
  uint64_t rng = seed;
  auto t0 = std::chrono::steady_clock::now();
  (void)store.Write([&](store::Tx& tx) {
    for (int64_t i = 0; i < cases; ++i) {
      store::AdmissionCaseRow c;
      const Organization& b = branches[Next(rng) % branches.size()];
      c.branch_id = b.id;
      c.state.candidate.full_name = "Ứng viên " + std::to_string(i + 1);
      c.state.candidate.birth_date =
          Date(1990 + static_cast<int>(Next(rng) % 15), 1 + static_cast<int>(Next(rng) % 12), 1);
      c.gender = Next(rng) % 2 ? Gender::kFemale : Gender::kMale;
      c.ethnicity = Next(rng) % 8 ? "Kinh" : "Tày";
      c.religion = Next(rng) % 10 ? "Không" : "Công giáo";
      c.youth_union = Next(rng) % 3 != 0;
      c.private_enterprise = Next(rng) % 12 == 0;
      c.state.shape.grassroots_committee = b.kind == OrgKind::kBranch;
      c.state.stage = stages[Next(rng) % 6];
      if (c.state.stage == AdmissionStage::kGrassrootsVoted && !c.state.shape.grassroots_committee)
        c.state.stage = AdmissionStage::kBranchVoted;
      const Date vote = jan1.AddDays(static_cast<int64_t>(Next(rng) % 200));
      if (c.state.stage != AdmissionStage::kCandidate) {
        AdmissionStep s;
        s.kind = StepKind::kBranchVote;
        s.date = vote;
        s.document_number = "01-NQ/CB";
        s.votes = Votes{9, 1, 12};
        s.recorded_by = "bench";
        c.state.steps.push_back(s);
        c.step_recorded_at_ms.push_back(0);
      }
      if (c.state.stage >= AdmissionStage::kAdmitted) {
        AdmissionStep s;
        s.kind = StepKind::kDecision;
        s.date = vote.AddDays(30);
        s.document_number = "02-QĐ";
        s.recorded_by = "bench";
        c.state.steps.push_back(s);
        c.step_recorded_at_ms.push_back(0);
        c.state.decision_date = s.date;
      }
      c.created_by = "bench";
      tx.InsertAdmissionCase(c);
    }
    return Status::Ok();
  });
  std::cerr << "inserted " << cases << " cases in " << Ms(std::chrono::steady_clock::now() - t0) << " ms\n";
  // PostgreSQL: the statistics autovacuum would gather soon after cases accumulate (not timed).
  (void)store.Write([](tcxd::store::Tx& tx) {
    if (tx.connection().dialect() == tcxd::store::Dialect::kPostgres) {
      tx.connection().Exec("ANALYZE admission_cases");
      tx.connection().Exec("ANALYZE admission_steps");
    }
    return Status::Ok();
  });

  app::App app(store, RuleSet::Default());
  app::Caller admin;
  admin.account.login = "bench";
  admin.account.role = Role::kAdmin;
  std::vector<double> times;
  int64_t admitted = 0;
  for (int pass = 0; pass < 2; ++pass) {
    times.clear();
    for (int i = 0; i < 20; ++i) {
      auto t = std::chrono::steady_clock::now();
      auto r = app.GetAdmissionReport(admin, root.id, "year", jan1.ToString(), today.ToString());
      times.push_back(Ms(std::chrono::steady_clock::now() - t));
      if (r.ok()) admitted = r->total.admitted;
    }
  }
  Print("admission_quota_report_root", Summarize(times), times.size(),
        "cases=" + std::to_string(cases) + " admitted=" + std::to_string(admitted));
  times.clear();
  size_t waiting = 0;
  for (int pass = 0; pass < 2; ++pass) {
    times.clear();
    for (const auto& c : committees) {
      auto t = std::chrono::steady_clock::now();
      auto r = app.GetAdmissionInbox(admin, std::to_string(c.id.value));
      times.push_back(Ms(std::chrono::steady_clock::now() - t));
      if (r.ok()) waiting = std::max(waiting, r->waiting.size() + r->overdue.size());
    }
  }
  Print("admission_inbox_committee", Summarize(times), times.size(),
        "committees=" + std::to_string(committees.size()) + " max_cases_listed=" + std::to_string(waiting));
  return 0;
}

// Issue #7: moving a large subtree (a bloc or commune committee, the one closest to 50,000 members) to
// another province in one restructuring, while a reader thread reads random members and records its
// slowest read (readers must not wait more than 1 s); then the subtree is moved back.
int BenchRestructure(tcxd::store::Store& store, uint64_t seed) {
  using namespace tcxd;
  std::vector<Organization> provinces;
  Organization best;
  int64_t best_n = -1;
  int64_t max_member = 0;
  (void)store.Read([&](store::Tx& tx) {
    const Organization root = tx.Children(OrgId()).front();
    provinces = root.kind == OrgKind::kCentral ? tx.Children(root.id) : std::vector<Organization>{root};
    for (const auto& p : provinces) {
      for (const auto& c : tx.Children(p.id)) {
        const int64_t n = tx.Counts(c.id).Counted();
        if (best_n < 0 || std::llabs(n - 50000) < std::llabs(best_n - 50000)) {
          best = c;
          best_n = n;
        }
      }
    }
    max_member = tx.connection().QueryInt("SELECT MAX(id) FROM members", {}, 0);
    return Status::Ok();
  });
  if (provinces.size() < 2 || best_n <= 0) {
    std::cerr << "restructure: needs a national register (two provinces or more)\n";
    return 1;
  }
  OrgId home = best.parent_id;
  OrgId away;
  for (const auto& p : provinces) {
    if (p.id != home) away = p.id;
  }
  app::App app(store, RuleSet::Default());
  app::Caller admin;
  admin.account.login = "bench";
  admin.account.role = Role::kAdmin;
  std::atomic<bool> stop{false};
  std::atomic<int64_t> reads{0};
  double slowest = 0;
  std::thread reader([&] {
    uint64_t rng = seed;
    while (!stop) {
      auto t0 = std::chrono::steady_clock::now();
      (void)store.Read([&](store::Tx& tx) {
        (void)tx.GetMemberWithPath(MemberId(static_cast<int64_t>(Next(rng) % static_cast<uint64_t>(max_member)) + 1));
        return Status::Ok();
      });
      slowest = std::max(slowest, Ms(std::chrono::steady_clock::now() - t0));
      ++reads;
    }
  });
  std::vector<double> moves;
  bool ok = true;
  for (OrgId to : {away, home}) {
    app::Json body{{"kind", "move"},
                   {"subject", best.id.value},
                   {"new_parent", to.value},
                   {"effective", Date::Today().ToString()},
                   {"decision", {{"number", "BENCH"}, {"date", Date::Today().ToString()}, {"body", "bench"}}}};
    auto t0 = std::chrono::steady_clock::now();
    auto r = app.Restructure(admin, body, false);
    moves.push_back(Ms(std::chrono::steady_clock::now() - t0));
    if (!r.ok()) {
      std::cerr << "restructure: " << r.error().field << ": " << r.error().message << "\n";
      ok = false;
      break;
    }
  }
  stop = true;
  reader.join();
  if (!ok) return 1;
  Print("restructure_move_subtree", Summarize(moves), moves.size(),
        "members=" + std::to_string(best_n) + " org=" + best.code + " there_ms=" + std::to_string(moves[0]) +
            " back_ms=" + std::to_string(moves[1]) + " slowest_read_ms=" + std::to_string(slowest) +
            " reads=" + std::to_string(reads.load()));
  return 0;
}

// Adds `cases` transfer cases between random branches (distinct members; every state, a fifth overdue),
// then times the transfer board (outgoing, incoming, overdue of both sides) of every commune/ward and bloc
// committee and of the root, through the app.
int BenchTransfers(tcxd::store::Store& store, int64_t cases, uint64_t seed) {
  using namespace tcxd;
  std::vector<Organization> branches;
  std::vector<Organization> committees;
  Organization root;
  std::vector<std::pair<MemberId, OrgId>> members;
  (void)store.Read([&](store::Tx& tx) {
    root = tx.Children(OrgId()).front();
    ForEachOrg(tx, {root}, [&](const Organization& o) {
      if (HoldsMembers(o.kind)) branches.push_back(o);
      if (o.kind == OrgKind::kCommune || o.kind == OrgKind::kBloc) committees.push_back(o);
    });
    tx.connection().Query("SELECT id, org_id FROM members WHERE status = 'official' ORDER BY id LIMIT ?", {cases * 3},
                          [&](const store::Row& r) {
                            members.emplace_back(MemberId(r.Int(0)), OrgId(r.Int(1)));
                            return true;
                          });
    return Status::Ok();
  });
  const Date today = Date::Today();
  const TransferState states[] = {TransferState::kRequested, TransferState::kApproved,   TransferState::kLetterIssued,
                                  TransferState::kPresented, TransferState::kRegistered, TransferState::kCancelled};
  uint64_t rng = seed;
  int64_t inserted = 0;
  auto t0 = std::chrono::steady_clock::now();
  (void)store.Write([&](store::Tx& tx) {
    for (size_t i = 0; inserted < cases && i < members.size(); i += 3, ++inserted) {
      store::TransferCaseRow c;
      c.member_id = members[i].first;
      c.from_branch_id = members[i].second;
      c.to_branch_id = branches[Next(rng) % branches.size()].id;
      if (c.to_branch_id == c.from_branch_id) c.to_branch_id = branches[(Next(rng) + 1) % branches.size()].id;
      c.decision_number = "25/QĐ";
      const bool overdue = Next(rng) % 5 == 0;
      c.decision_date = today.AddDays(-static_cast<int64_t>(overdue ? 120 + Next(rng) % 60 : Next(rng) % 60));
      c.decision_body = "Sở Nội vụ";
      c.state.decision_effective = c.decision_date;
      c.state.requested_on = c.decision_date;
      c.state.state = overdue ? TransferState::kRequested : states[Next(rng) % 6];
      // The steps that lead to the state (a cancel after the review).
      const auto add = [&](TransferStepKind k, int64_t days) {
        TransferStep st;
        st.kind = k;
        st.date = c.decision_date.AddDays(days);
        st.recorded_by = "bench";
        if (k == TransferStepKind::kLetter) st.letter = TransferLetter{"1/GGT", "bench", "2026-01"};
        c.state.steps.push_back(st);
        c.step_recorded_at_ms.push_back(0);
      };
      const TransferState s = c.state.state;
      if (s != TransferState::kRequested) add(TransferStepKind::kSendingReview, 2);
      if (s == TransferState::kLetterIssued || s == TransferState::kPresented || s == TransferState::kRegistered) {
        add(TransferStepKind::kLetter, 5);
        c.state.letter = c.state.steps.back().letter;
      }
      if (s == TransferState::kPresented || s == TransferState::kRegistered) add(TransferStepKind::kPresented, 10);
      if (s == TransferState::kRegistered) add(TransferStepKind::kRegistered, 12);
      if (s == TransferState::kCancelled) add(TransferStepKind::kCancel, 3);
      c.next_step = TransferStepKind::kSendingReview;
      c.next_deadline = c.decision_date.AddDays(84);
      c.created_by = "bench";
      tx.InsertTransferCase(c);
    }
    return Status::Ok();
  });
  std::cerr << "inserted " << inserted << " transfer cases in " << Ms(std::chrono::steady_clock::now() - t0) << " ms\n";

  app::App app(store, RuleSet::Default());
  app::Caller admin;
  admin.account.login = "bench";
  admin.account.role = Role::kAdmin;
  std::vector<double> times;
  size_t listed = 0;
  for (int pass = 0; pass < 2; ++pass) {
    times.clear();
    for (const auto& c : committees) {
      auto t = std::chrono::steady_clock::now();
      auto r = app.GetTransferBoard(admin, c.id, "");
      times.push_back(Ms(std::chrono::steady_clock::now() - t));
      if (r.ok()) listed = std::max(listed, r->outgoing.size() + r->incoming.size() + r->overdue.size());
    }
  }
  Print("transfer_board_committee", Summarize(times), times.size(),
        "committees=" + std::to_string(committees.size()) + " max_cases_listed=" + std::to_string(listed));
  for (int pass = 0; pass < 2; ++pass) {
    times.clear();
    for (int i = 0; i < 20; ++i) {
      auto t = std::chrono::steady_clock::now();
      auto r = app.GetTransferBoard(admin, root.id, "");
      times.push_back(Ms(std::chrono::steady_clock::now() - t));
      if (r.ok()) listed = r->outgoing.size() + r->incoming.size() + r->overdue.size();
    }
  }
  Print("transfer_board_root", Summarize(times), times.size(),
        "cases=" + std::to_string(inserted) + " listed=" + std::to_string(listed));
  return 0;
}

// Counts as of `day` (Tx::CountsAsOf: from the ledger of the organizations that keep one, else member by
// member): a few subtrees per depth of that day's tree (the 2025 demo's former districts as of an earlier
// date), the first pass warms the cache.
int BenchAsOf(tcxd::store::Store& store, const std::vector<Organization>& roots, tcxd::Date day) {
  std::vector<double> times;
  std::vector<std::vector<Organization>> then(1);
  (void)store.Read([&](tcxd::store::Tx& tx) {
    then[0] = roots;
    for (size_t d = 0; d < 4 && !then[d].empty(); ++d) {
      std::vector<Organization> next;
      for (size_t i = 0; i < then[d].size() && next.size() < 400; ++i) {
        auto kids = tx.ChildrenAsOf(then[d][i].id, day);
        next.insert(next.end(), kids.begin(), kids.end());
      }
      if (next.empty()) break;
      then.push_back(std::move(next));
    }
    return Status::Ok();
  });
  for (size_t d = 0; d < then.size(); ++d) {
    const size_t n = std::min<size_t>(then[d].size(), d == 0 ? 1 : d == 1 ? 10 : 50);
    int64_t counted = 0, largest = 0;
    for (int pass = 0; pass < 2; ++pass) {
      times.clear();
      counted = 0;
      for (size_t i = 0; i < n; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        tcxd::store::StatusCounts c;
        (void)store.Read([&](tcxd::store::Tx& tx) {
          c = tx.CountsAsOf(then[d][i].id, day);
          return Status::Ok();
        });
        times.push_back(Ms(std::chrono::steady_clock::now() - t0));
        counted += c.Counted();
        largest = std::max(largest, c.Counted());
      }
    }
    Print("counts_as_of_depth" + std::to_string(d), Summarize(times), times.size(),
          "members counted (sum)=" + std::to_string(counted) + " largest=" + std::to_string(largest));
  }
  return 0;
}

int main(int argc, char** argv) {
  std::string db;
  int queries = 2000;
  uint64_t seed = 7;
  std::string make_import;
  int64_t rows = 100000;
  bool ratings = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--ratings") ratings = true;
  }
  int64_t admission = 0;
  int64_t transfers = 0;
  std::string as_of;  // --as-of YYYY-MM-DD: also counts as of that date, member by member
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--db") db = argv[i + 1];
    if (a == "--queries") queries = std::atoi(argv[i + 1]);
    if (a == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    if (a == "--make-import") make_import = argv[i + 1];
    if (a == "--rows") rows = std::atoll(argv[i + 1]);
    if (a == "--admission") admission = std::atoll(argv[i + 1]);
    if (a == "--transfers") transfers = std::atoll(argv[i + 1]);
    if (a == "--as-of") as_of = argv[i + 1];
  }
  if (!make_import.empty() && !db.empty()) return MakeImportFile(db, make_import, rows);
  if (db.empty()) {
    std::cerr << "usage: tcxd_bench --db PATH|URL [--queries N] [--seed S] [--as-of YYYY-MM-DD [--as-of-only]]\n";
    return 2;
  }
  auto store = tcxd::store::Store::Open(db);
  if (ratings) return BenchRatings(*store);
  if (admission > 0) return BenchAdmission(*store, admission, seed);
  if (transfers > 0) return BenchTransfers(*store, transfers, seed);
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--restructure") return BenchRestructure(*store, seed);
  }

  // The tree: roots and a sample of organizations at every depth.
  std::vector<Organization> roots;
  std::vector<std::vector<Organization>> by_depth(1);
  int64_t max_member = 0;
  (void)store->Read([&](tcxd::store::Tx& tx) {
    roots = tx.Children(OrgId());
    by_depth[0] = roots;
    for (size_t d = 0; d < 4 && !by_depth[d].empty(); ++d) {
      std::vector<Organization> next;
      for (size_t i = 0; i < by_depth[d].size() && next.size() < 400; ++i) {
        auto kids = tx.Children(by_depth[d][i].id);
        next.insert(next.end(), kids.begin(), kids.end());
      }
      if (next.empty()) break;
      by_depth.push_back(std::move(next));
    }
    // Highest member id: ids are dense from 1 after a bulk load.
    int64_t lo = 1;
    int64_t hi = int64_t{1} << 40;
    while (lo < hi) {
      int64_t mid = lo + (hi - lo + 1) / 2;
      if (tx.GetMember(MemberId(mid))) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    max_member = tx.GetMember(MemberId(lo)) ? lo : 0;
    return Status::Ok();
  });
  if (roots.empty() || max_member == 0) {
    std::cerr << "empty database\n";
    return 1;
  }
  for (int i = 1; i < argc; ++i) {  // --as-of-only: the counts as of --as-of alone (slow searches skipped)
    if (std::string(argv[i]) == "--as-of-only") {
      if (auto day = tcxd::Date::Parse(as_of)) return BenchAsOf(*store, roots, *day);
    }
  }
  const Organization root = roots.front();
  uint64_t rng = seed;

  // Search: first page of 50 over the whole register.
  std::vector<std::string> qs;
  (void)store->Read([&](tcxd::store::Tx& tx) {
    while (static_cast<int>(qs.size()) < queries) {
      auto m = tx.GetMember(MemberId(static_cast<int64_t>(Next(rng) % static_cast<uint64_t>(max_member)) + 1));
      if (m) qs.push_back(QueryFor(m->full_name, Next(rng)));
    }
    return Status::Ok();
  });
  std::vector<double> times;
  size_t hits = 0;
  std::string plan;
  for (int pass = 0; pass < 2; ++pass) {  // the first pass warms the cache
    times.clear();
    for (const auto& q : qs) {
      tcxd::store::MemberQuery mq;
      mq.subtree = root;
      mq.q = q;
      mq.limit = 50;
      auto t0 = std::chrono::steady_clock::now();
      tcxd::store::MemberPage page;
      (void)store->Read([&](tcxd::store::Tx& tx) {
        page = tx.ListMembers(mq);
        return Status::Ok();
      });
      times.push_back(Ms(std::chrono::steady_clock::now() - t0));
      hits += page.items.empty() ? 0 : 1;
      plan = page.plan;
    }
  }
  {  // the slowest queries, to stderr, for whoever tunes the search
    std::vector<std::pair<double, std::string>> slow;
    for (size_t i = 0; i < qs.size(); ++i) slow.emplace_back(times[i], qs[i]);
    std::sort(slow.rbegin(), slow.rend());
    std::cerr << "slowest searches:";
    for (size_t i = 0; i < std::min<size_t>(8, slow.size()); ++i) {
      std::cerr << " [" << slow[i].second << "] " << slow[i].first << " ms;";
    }
    std::cerr << "\n";
  }
  Print("search_first_page_root", Summarize(times), times.size(),
        "members=" + std::to_string(max_member) + " plan=" + plan + " nonempty=" + std::to_string(hits / 2));

  // Search inside subtrees at each depth below the root (a committee, a grassroots organization, ...):
  // first page of 50, the same queries spread over the sampled organizations.
  for (size_t d = 1; d < by_depth.size(); ++d) {
    std::vector<double> t;
    std::map<std::string, int> plans;
    for (int pass = 0; pass < 2; ++pass) {
      t.clear();
      for (size_t i = 0; i < qs.size() / 4; ++i) {
        tcxd::store::MemberQuery mq;
        mq.subtree = by_depth[d][i % by_depth[d].size()];
        if (const char* lim = std::getenv("TCXD_BENCH_SMALL_SUBTREE_LIMIT")) mq.small_subtree_limit = std::atoll(lim);
        mq.q = qs[i];
        auto t0 = std::chrono::steady_clock::now();
        tcxd::store::MemberPage page;
        (void)store->Read([&](tcxd::store::Tx& tx) {
          page = tx.ListMembers(mq);
          return Status::Ok();
        });
        t.push_back(Ms(std::chrono::steady_clock::now() - t0));
        if (pass == 1) ++plans[page.plan];
      }
    }
    std::string note;
    for (const auto& [p, n] : plans) note += p + "=" + std::to_string(n) + " ";
    Print("search_first_page_depth" + std::to_string(d), Summarize(t), t.size(), note);
  }

  // Counts by status for subtrees at each depth (root = the whole register).
  for (size_t d = 0; d < by_depth.size(); ++d) {
    times.clear();
    int64_t total = 0;
    for (int pass = 0; pass < 2; ++pass) {
      times.clear();
      for (const auto& o : by_depth[d]) {
        auto t0 = std::chrono::steady_clock::now();
        tcxd::store::StatusCounts c;
        (void)store->Read([&](tcxd::store::Tx& tx) {
          c = tx.Counts(o.id);
          return Status::Ok();
        });
        times.push_back(Ms(std::chrono::steady_clock::now() - t0));
        if (d == 0) total = c.Counted();
      }
    }
    Print("counts_depth" + std::to_string(d), Summarize(times), times.size(),
          d == 0 ? "root counted=" + std::to_string(total) : "");
  }
  if (auto day = tcxd::Date::Parse(as_of)) BenchAsOf(*store, roots, *day);
  return 0;
}
