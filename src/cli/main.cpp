// tcxd: the server and the command-line tool. A thin layer: parses arguments, calls app::App or the store.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/service.h"
#include "demo/generator.h"
#include "http/server.h"
#include "store/store.h"

namespace {

using namespace tcxd;

constexpr const char* kDemoPassword = "TcxdDemo@2026";

std::string ReadPassword() {
  if (isatty(STDIN_FILENO)) std::cerr << "Mật khẩu: " << std::flush;
  std::string password;
  std::getline(std::cin, password);
  while (!password.empty() && (password.back() == '\r' || password.back() == '\n')) password.pop_back();
  return password;
}

int Fail(const Error& e) {
  std::cerr << "Lỗi: " << e.message;
  if (!e.field.empty()) std::cerr << " (trường: " << e.field << ")";
  std::cerr << "\n";
  auto it = e.fields.find("_detail");
  if (it != e.fields.end()) std::cerr << "  chi tiết: " << it->second << "\n";
  return 1;
}

std::unique_ptr<store::Store> OpenStore(const std::string& db) {
  if (db.rfind("postgres", 0) != 0) {
    auto parent = std::filesystem::path(db).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  return store::Store::Open(db);
}

struct DemoAccount {
  const char* login;
  const char* role;
  std::string org_code;
  int64_t member_id;
  const char* who;
};

// Demo ratings (issue #6): last year's campaign of the whole register decided and closed, with the
// branches' own ratings; this year's open. Skipped for registers over kDemoRatingsMaxMembers (the load
// benchmarks), where it would add a minute.
constexpr int64_t kDemoRatingsMaxMembers = 200000;
constexpr int64_t kDemoSecondProvinceMembers = 300;

void SeedDemoRatings(store::Store& store, const demo::Data& data, Date today, uint64_t seed) {
  const RuleSet& rules = RuleSet::Default();
  store::RatingCampaign last;
  last.org_id = data.orgs.front().id;
  last.period = {today.year() - 1, 0, Date(today.year() - 1, 12, 15)};
  last.self_due = Date(today.year() - 1, 12, 20);
  last.decision_due = Date(today.year() - 1, 12, 31);
  last.opened_on = Date(today.year() - 1, 11, 15);
  last.opened_by = "bantochuc";
  last.rule_version = app::RatingRuleVersion(rules, last.period.rating_date);
  store::RatingCampaign now = last;
  now.period = {today.year(), 0, today};
  now.self_due = today.AddDays(14);
  now.decision_due = today.AddDays(35);
  now.opened_on = today;
  now.rule_version = app::RatingRuleVersion(rules, today);
  const auto outcomes = demo::GenerateRatings(data, last.period, rules, seed);
  Status s = store.Write([&](store::Tx& tx) -> Status {
    TCXD_RETURN_IF_ERROR(tx.InsertRatingCampaign(last));
    TCXD_RETURN_IF_ERROR(tx.InsertRatingCampaign(now));
    tx.CloseRatingCampaign(last.id, Date(today.year() - 1, 12, 31), "bantochuc");
    std::vector<store::MemberRatingRow> rows;
    std::map<int64_t, std::pair<RatingLevel, RatingLevel>> branch_levels;  // worst member, secretary
    const int64_t at_ms = (last.period.rating_date.ToDays() + 1) * int64_t{86400000};
    for (const auto& o : outcomes) {
      const Member& m = data.members[o.member];
      store::MemberRatingRow r;
      r.year = last.period.year;
      r.member = m.id;
      r.campaign_id = last.id;
      r.org_id = m.org_id;
      r.role = o.role;
      r.rule_version = last.rule_version;
      r.decided_by = "dangbocoso";
      r.decided_at_ms = at_ms;
      if (o.not_rated) {
        r.not_rated = o.not_rated->reason;
        r.not_rated_detail = o.not_rated->detail;
      } else {
        app::Json a{{"scores", o.scores},
                    {"tasks",
                     {{"assigned", o.tasks.assigned},
                      {"completed", o.tasks.completed},
                      {"on_time", o.tasks.on_time},
                      {"exceeded", o.tasks.exceeded}}}};
        r.assessment_json = a.dump();
        r.self_total = o.scores[0] + o.scores[1] + o.scores[2] + o.scores[3];
        r.derived_level = o.downgraded_from.value_or(*o.level);
        r.self_by = "chibo";
        r.self_at_ms = at_ms;
        r.level = o.level;
        r.downgraded_from = o.downgraded_from;
        if (o.downgraded_from) {
          r.downgrade_reason = "Chưa thực sự gương mẫu (đợt kiểm tra của cấp trên)";
          r.downgraded_by = "bantochuc";
          r.downgraded_at_ms = at_ms;
        }
        auto [it, added] = branch_levels.try_emplace(m.org_id.value, *o.level, RatingLevel::kNotCompleted);
        if (!added) it->second.first = Worse(it->second.first, *o.level);
        if (o.role == RatingRole::kSecretary) it->second.second = *o.level;
      }
      rows.push_back(std::move(r));
    }
    tx.LoadMemberRatings(rows);
    for (const auto& [branch, levels] : branch_levels) {
      store::OrgRatingRow org;
      org.year = last.period.year;
      org.org_id = OrgId(branch);
      org.campaign_id = last.id;
      org.level = levels.first == RatingLevel::kNotCompleted ? RatingLevel::kCompleted : RatingLevel::kGood;
      if (IsAbove(levels.second, *org.level)) org.level = levels.second;  // the head not above the branch
      org.derived_level = org.level;
      org.decided_by = "bantochuc";
      org.decided_at_ms = at_ms;
      org.rule_version = last.rule_version;
      tx.PutOrgRating(org);
    }
    return Status::Ok();
  });
  if (!s.ok()) std::cerr << "Không tạo được dữ liệu xếp loại mẫu: " << s.error().message << "\n";
}

// The account `login` as a caller of the app; empty: the system administrator of the command line.
Result<app::Caller> CliCaller(store::Store& store, const std::string& login) {
  app::Caller c;
  c.ip = "cli";
  if (login.empty()) {
    c.account.login = "(dòng lệnh)";
    c.account.role = Role::kAdmin;
    return c;
  }
  std::optional<Account> a;
  (void)store.Read([&](store::Tx& tx) {
    a = tx.GetUserByLogin(login);
    return Status::Ok();
  });
  if (!a) return Error::Invalid("as", "Không có tài khoản " + login);
  c.account = *a;
  return c;
}

std::optional<OrgId> OrgByCode(store::Store& store, const std::string& code) {
  std::optional<OrgId> id;
  (void)store.Read([&](store::Tx& tx) {
    if (auto o = tx.GetOrgByCode(code)) id = o->id;
    return Status::Ok();
  });
  return id;
}

// The first counted members of a branch, by code.
std::vector<Member> DemoMembersOf(store::Store& store, const std::string& code, int n) {
  std::vector<Member> out;
  (void)store.Read([&](store::Tx& tx) {
    auto o = tx.GetOrgByCode(code);
    if (!o) return Status::Ok();
    store::MemberQuery q;
    q.subtree = *o;
    q.statuses = {MemberStatus::kOfficial};
    q.limit = n;
    out = tx.ListMembers(q).items;
    return Status::Ok();
  });
  return out;
}

// Demo transfers (issue #7) in various states, recorded through the app as the administrator: to the
// second province with the letter issued; within the first province, registered; a temporary member of the
// second province taking part in the demo branch; a request overdue for its letter.
void SeedDemoTransfers(app::App& app, const app::Caller& admin, store::Store& store, const std::string& branch,
                       const std::string& branch2, const std::string& branch3) {
  const auto ids = [&](const std::string& code) { return OrgByCode(store, code).value_or(OrgId()).value; };
  const Date today = Date::Today();
  const auto d = [&](int days_ago) { return app::Json(today.AddDays(-days_ago).ToString()); };
  const auto ours = DemoMembersOf(store, branch, 3);
  const auto theirs = DemoMembersOf(store, branch3, 1);
  const auto others = DemoMembersOf(store, branch2, 1);
  if (ours.size() < 3 || theirs.empty() || others.empty()) return;
  struct Demo {
    app::Json request;
    std::vector<app::Json> steps;
  };
  const auto request = [&](const Member& m, int64_t to, const char* kind, int decided_days_ago) {
    return app::Json{{"member_id", m.id.value},
                     {"kind", kind},
                     {"to_branch_id", to},
                     {"decision_number", "12/QĐ-UBND"},
                     {"decision_date", d(decided_days_ago)},
                     {"decision_body", "Ủy ban nhân dân tỉnh"},
                     {"decision_effective", d(decided_days_ago)},
                     {"requested_on", d(decided_days_ago)}};
  };
  std::vector<Demo> demos;
  demos.push_back(
      {request(ours[0], ids(branch3), "official", 20),
       {{{"kind", "sending_review"}, {"date", d(15)}},
        {{"kind", "letter"}, {"date", d(10)}, {"fees_paid_to", today.AddDays(-10).ToString().substr(0, 7)}}}});
  demos.push_back({request(others[0], ids(branch), "official", 40),
                   {{{"kind", "sending_review"}, {"date", d(35)}},
                    {{"kind", "letter"}, {"date", d(30)}, {"fees_paid_to", today.AddDays(-30).ToString().substr(0, 7)}},
                    {{"kind", "presented"}, {"date", d(25)}},
                    {{"kind", "registered"}, {"date", d(24)}, {"dossier_complete", true}}}});
  app::Json temporary = request(theirs[0], ids(branch), "temporary", 60);
  temporary["temporary_reason"] = "work_or_residence";
  temporary["temporary_until"] = today.AddMonths(6).ToString();
  demos.push_back({temporary,
                   {{{"kind", "sending_review"}, {"date", d(55)}},
                    {{"kind", "letter"}, {"date", d(50)}, {"fees_paid_to", today.AddDays(-50).ToString().substr(0, 7)}},
                    {{"kind", "presented"}, {"date", d(45)}},
                    {{"kind", "registered"}, {"date", d(44)}, {"dossier_complete", true}}}});
  demos.push_back({request(ours[1], ids(branch2), "official", 120), {}});
  for (const auto& demo : demos) {
    auto created = app.CreateTransfer(admin, demo.request);
    if (!created.ok()) {
      std::cerr << "  Chuyển sinh hoạt mẫu: " << created.error().message << "\n";
      continue;
    }
    for (const auto& step : demo.steps) {
      auto r = app.RecordTransferStep(admin, created->row.id, step);
      if (!r.ok()) {
        std::cerr << "  Chuyển sinh hoạt mẫu " << created->row.id << ": " << r.error().message << "\n";
        break;
      }
    }
  }
}

int RunDemo(const std::string& db, int64_t members, uint64_t seed, int provinces, bool accounts) {
  auto store = OpenStore(db);
  bool empty = true;
  (void)store->Read([&](store::Tx& tx) {
    empty = tx.Children(OrgId()).empty();
    return Status::Ok();
  });
  if (!empty) {
    std::cerr << "Cơ sở dữ liệu " << db << " đã có dữ liệu; không tạo lại dữ liệu mẫu.\n";
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  demo::Options opt;
  opt.members = members;
  opt.seed = seed;
  opt.provinces = provinces;
  opt.today = Date::Today();
  // Beside one province, a small second one (T02) for transfers between provinces (issue #7).
  if (provinces <= 1) opt.second_province_members = kDemoSecondProvinceMembers;
  auto data = demo::Generate(opt);
  auto t1 = std::chrono::steady_clock::now();
  std::cerr << "Đã sinh " << data.orgs.size() << " tổ chức và " << data.members.size() << " đảng viên ("
            << std::chrono::duration<double>(t1 - t0).count() << " s). Đang nạp...\n";
  std::string last_stage;
  store->BulkLoad(
      data.orgs, data.members,
      [&](const char* stage, size_t done, size_t total) {
        if (!isatty(STDERR_FILENO)) {
          if (last_stage != stage && done == total) {
            std::cerr << "  " << stage << ": " << total << " ("
                      << std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count() << " s)\n";
          }
          if (done == total) last_stage = stage;
          return;
        }
        std::cerr << "\r  " << stage << ": " << done << "/" << total << "      " << std::flush;
        if (done == total) std::cerr << "\n";
      },
      data.past_parents);
  // The demo's own commune-level units (an installation loads the official list: `tcxd import communes`).
  auto seeded = store->Write([&](store::Tx& tx) {
    for (const auto& e : data.communes) tx.InsertCatalogEntry(e);
    return Status::Ok();
  });
  if (!seeded.ok()) return Fail(seeded.error());
  if (!data.past_parents.empty()) {
    // The decisions of the 2025 reform in the structure's history, one per former district (and one per
    // province for its grassroots organizations attached to it directly until then).
    app::App app(*store, RuleSet::Default());
    std::map<int64_t, int> numbers;  // per province
    auto recorded = app.RecordLoadedRestructures(data.past_parents, data.members, [&](const Organization& parent) {
      const int64_t province = parent.kind == OrgKind::kProvincial ? parent.id.value : parent.parent_id.value;
      const int n = 1200 + ++numbers[province];
      return OrgDecision{std::to_string(n) + "-QĐ/TU", Date(2025, 6, 27), "Ban Thường vụ Tỉnh ủy"};
    });
    if (!recorded.ok()) return Fail(recorded.error());
    std::cerr << "  quyết định sắp xếp năm 2025: " << *recorded << "\n";
  }
  auto t2 = std::chrono::steady_clock::now();
  std::cerr << "Đã nạp xong (" << std::chrono::duration<double>(t2 - t1).count() << " s).\n";
  if (members <= kDemoRatingsMaxMembers) {
    // The ratings of the first province (its members come first; the second province has none yet).
    demo::Data first;
    first.orgs = data.orgs;
    first.members.assign(data.members.begin(),
                         data.members.begin() + std::min<int64_t>(members, static_cast<int64_t>(data.members.size())));
    SeedDemoRatings(*store, first, opt.today, seed);
  }
  if (!accounts) return 0;

  // Demo accounts at each level of the first province.
  std::string grassroots_code;
  std::string branch_code;
  std::string branch2_code;
  int64_t member_id = 0;
  std::map<int64_t, OrgKind> kinds;
  for (const auto& o : data.orgs) kinds[o.id.value] = o.kind;
  for (const auto& o : data.orgs) {  // a grassroots committee under a commune committee, else any
    if (o.kind != OrgKind::kGrassroots) continue;
    if (grassroots_code.empty()) grassroots_code = o.code;
    if (kinds[o.parent_id.value] == OrgKind::kCommune) {
      grassroots_code = o.code;
      break;
    }
  }
  OrgId grassroots_id;
  for (const auto& o : data.orgs) {
    if (o.code == grassroots_code) grassroots_id = o.id;
  }
  for (const auto& o : data.orgs) {
    if (o.kind != OrgKind::kBranch) continue;
    if (o.parent_id == grassroots_id && branch_code.empty()) {
      branch_code = o.code;
      for (const auto& m : data.members) {
        if (m.org_id == o.id && IsCounted(m.status)) {
          member_id = m.id.value;
          break;
        }
      }
    } else if (o.parent_id != grassroots_id && branch2_code.empty()) {
      branch2_code = o.code;
    }
  }
  // The competent committee of the demo branch (the commune committee above its grassroots organization).
  std::string committee_code;
  OrgId branch_id;
  for (const auto& o : data.orgs) {
    if (o.code == branch_code) branch_id = o.id;
  }
  OrgId committee_id;
  for (const auto& o : data.orgs) {
    if (o.id == grassroots_id) committee_id = o.parent_id;
  }
  for (const auto& o : data.orgs) {
    if (o.id == committee_id) committee_code = o.code;
  }
  const std::string root_code = data.orgs.front().code;
  // The second province (T02) and one of its branches, when the demo has it.
  std::string province2_code;
  std::string branch3_code;
  for (const auto& o : data.orgs) {
    if (o.kind == OrgKind::kProvincial && !o.parent_id.valid() && o.code != root_code) province2_code = o.code;
    if (!province2_code.empty() && branch3_code.empty() && o.kind == OrgKind::kBranch &&
        o.code.rfind(province2_code + ".", 0) == 0)
      branch3_code = o.code;
  }
  std::vector<DemoAccount> list = {
      {"admin", "admin", "", 0, "Quản trị hệ thống"},
      {"bantochuc", "province", provinces > 1 ? data.orgs[1].code : root_code, 0, "Ban Tổ chức Tỉnh ủy"},
      {"dangbocoso", "grassroots", grassroots_code, 0, "Văn phòng Đảng ủy cơ sở"},
      {"chibo", "branch", branch_code, 0, "Bí thư chi bộ"},
      {"chibo2", "branch", branch2_code, 0, "Bí thư một chi bộ khác"},
      {"dangvien", "member", branch_code, member_id, "Đảng viên (tự xem hồ sơ)"},
      {"danguyxa", "grassroots", committee_code, 0, "Văn phòng Đảng ủy xã (cấp ủy có thẩm quyền kết nạp)"},
  };
  if (!branch3_code.empty()) {
    list.push_back({"bantochuc2", "province", province2_code, 0, "Ban Tổ chức Tỉnh ủy thứ hai (chuyển sinh hoạt)"});
    list.push_back({"chibo3", "branch", branch3_code, 0, "Bí thư một chi bộ của tỉnh thứ hai"});
  }
  app::App app(*store, RuleSet::Default());
  std::ofstream out(std::filesystem::path(db).parent_path() / "demo-accounts.txt");
  for (const auto& a : list) {
    app::NewUser u{a.login, a.who, a.role, a.org_code, 0, a.member_id, kDemoPassword};
    auto r = app.CreateUser(nullptr, u);
    if (!r.ok()) return Fail(r.error());
    std::string line = std::string("  ") + a.login + std::string(12 - std::string(a.login).size(), ' ') +
                       kDemoPassword + "   " + a.who + (a.org_code.empty() ? "" : " (" + a.org_code + ")");
    out << line << "\n";
  }
  // A few admission cases in various stages (issue #5), recorded through the app as the administrator.
  auto admin = CliCaller(*store, "admin");
  if (!admin.ok()) return Fail(admin.error());
  for (const auto& c : demo::AdmissionCases(branch_id.value, Date::Today())) {
    auto created = app.CreateAdmissionCase(*admin, app::Json::parse(c.file_json));
    if (!created.ok()) return Fail(created.error());
    for (const auto& step : c.steps_json) {
      auto r = app.RecordAdmissionStep(*admin, created->row.id, app::Json::parse(step));
      if (!r.ok()) {
        std::cerr << "  Hồ sơ kết nạp mẫu " << created->row.id << ": " << r.error().message << "\n";
        break;
      }
    }
  }
  if (!branch3_code.empty()) SeedDemoTransfers(app, *admin, *store, branch_code, branch2_code, branch3_code);
  return 0;
}

struct ImportArgs {
  std::string file;
  std::string org;
  std::string report;
  bool dry_run = false;
  bool skip_invalid = false;
};

// The columns left out, the first 50 issues, and all of them into `report` (CSV) when given.
void PrintIssues(const std::vector<std::string>& ignored, const std::vector<ImportIssue>& issues,
                 const std::string& report) {
  if (!ignored.empty()) {
    std::cout << "Bỏ qua các cột không nhận ra:";
    for (const auto& c : ignored) std::cout << " \"" << c << "\"";
    std::cout << "\n";
  }
  size_t shown = 0;
  for (const auto& i : issues) {
    if (++shown > 50) {
      std::cout << "  … và " << issues.size() - 50 << " lỗi khác" << (report.empty() ? " (xem --report)" : "") << ".\n";
      break;
    }
    std::cout << "  Dòng " << i.row << ", cột \"" << i.column << "\" [" << i.value << "]: " << i.message << "\n";
  }
  if (!report.empty()) {
    std::ofstream(report, std::ios::binary) << app::ImportIssuesCsv(issues);
    std::cout << "Đã ghi danh sách lỗi vào " << report << ".\n";
  }
}

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Exit codes: 0 done (or a clean dry run), 1 an error, 2 rows with issues (nothing written unless
// --skip-invalid).
int RunImport(const std::string& db, const ImportArgs& a) {
  auto bytes = ReadWholeFile(a.file);
  if (!bytes) return Fail(Error::Invalid("file", "Không mở được tệp " + a.file));
  auto store = OpenStore(db);
  auto org = OrgByCode(*store, a.org);
  if (!org) return Fail(Error::Invalid("org", "Không có tổ chức mã " + a.org));
  app::App app(*store, RuleSet::Default());
  app::ImportOptions opt;
  opt.dry_run = a.dry_run;
  opt.skip_invalid = a.skip_invalid;
  const bool tty = isatty(STDERR_FILENO) != 0;
  opt.progress = [&](int done, int total) {
    if (!tty) return;
    const int width = 30;
    const int filled = total > 0 ? done * width / total : width;
    std::cerr << "\r  Đang ghi [" << std::string(static_cast<size_t>(filled), '#')
              << std::string(static_cast<size_t>(width - filled), '.') << "] " << done << "/" << total << std::flush;
    if (done == total) std::cerr << "\n";
  };
  auto t0 = std::chrono::steady_clock::now();
  auto r = app.ImportMembers(nullptr, *org, *bytes, opt);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!r.ok()) return Fail(r.error());
  const app::ImportReport* report = &*r;
  const ImportPlan& p = report->plan;
  std::cout << "Tệp " << a.file << ": " << p.data_rows << " dòng dữ liệu (tiêu đề ở dòng " << p.header_row
            << "), hợp lệ " << p.valid.size() << ", lỗi " << p.bad_rows << " dòng.\n";
  PrintIssues(p.ignored, p.issues, a.report);
  if (report->applied) {
    std::cout << Format(Msg::kImportDone, report->imported) << " (" << fmt::format("{:.1f}", secs) << " s)\n";
    return 0;
  }
  if (report->refusal) {
    std::cout << report->refusal->message << "\n";
    return 2;
  }
  std::cout << "Chạy thử: chưa ghi gì.\n";
  return p.bad_rows > 0 ? 2 : 0;
}

struct CommuneImportArgs {
  std::string file;
  std::string report;
  bool dry_run = false;
  bool retire_missing = false;
};

// Loads the official list of commune-level units. Exit codes as for members: 2 when rows have issues.
int RunImportCommunes(const std::string& db, const CommuneImportArgs& a) {
  auto bytes = ReadWholeFile(a.file);
  if (!bytes) return Fail(Error::Invalid("file", "Không mở được tệp " + a.file));
  auto store = OpenStore(db);
  app::App app(*store, RuleSet::Default());
  app::CommuneImportOptions opt;
  opt.dry_run = a.dry_run;
  opt.retire_missing = a.retire_missing;
  auto r = app.ImportCommunes(nullptr, *bytes, opt);
  if (!r.ok()) return Fail(r.error());
  const CommuneImportPlan& p = r->plan;
  std::cout << "Tệp " << a.file << ": " << p.data_rows << " dòng dữ liệu (tiêu đề ở dòng " << p.header_row << "), lỗi "
            << p.bad_rows << " dòng.\n";
  PrintIssues(p.ignored, p.issues, a.report);
  std::cout << "Thêm mới " << p.added.size() << ", thay đổi " << p.changed.size() << ", giữ nguyên " << p.unchanged
            << ", không còn trong tệp " << p.missing.size()
            << (a.retire_missing ? " (ngừng sử dụng)" : " (giữ nguyên; dùng --retire-missing để ngừng sử dụng)")
            << ".\n";
  if (r->refusal) {
    std::cout << r->refusal->message << "\n";
    return 2;
  }
  std::cout << (r->applied ? "Đã cập nhật danh mục đơn vị hành chính cấp xã.\n" : "Chạy thử: chưa ghi gì.\n");
  return p.bad_rows > 0 ? 2 : 0;
}

// ---- annual rating (tcxd rating ...): run as the system administrator, like the other commands.
struct RatingArgs {
  std::string org;
  int year = 0;
  int quarter = 0;
  std::string rating_date;
  int64_t campaign = 0;
  std::string file;
  std::string output;
};

app::Caller CommandLineCaller() {
  app::Caller c;
  c.account.role = Role::kAdmin;
  c.account.login = "(dòng lệnh)";
  return c;
}

void PrintSummary(const std::string& title, const RatingSummary& s) {
  std::cout << title << ": " << s.on_rating_date << " tại ngày xếp loại, được xếp loại " << s.rated << " ("
            << s.rated_percent << " %), không xếp loại " << s.not_rated << ", chưa xếp loại " << s.pending << "\n";
  for (const auto& l : s.levels) {
    std::cout << "  " << Text(RatingLevelLabel(l.level)) << ": " << l.count << " = " << l.percent << " % của "
              << s.rated << "\n";
  }
  for (const auto& r : s.reasons) {
    if (r.count > 0) std::cout << "  " << Text(NotRatedReasonLabel(r.reason)) << ": " << r.count << "\n";
  }
}

int RunRating(const std::string& db, const std::string& what, const RatingArgs& a) {
  auto store = OpenStore(db);
  app::App app(*store, RuleSet::Default());
  const app::Caller caller = CommandLineCaller();
  std::optional<OrgId> org;
  if (!a.org.empty()) {
    org = OrgByCode(*store, a.org);
    if (!org) return Fail(Error::Invalid("org", "Không có tổ chức mã " + a.org));
  }
  if (what == "open") {
    app::Json body{{"year", a.year}, {"quarter", a.quarter}};
    if (!a.rating_date.empty()) body["rating_date"] = a.rating_date;
    auto c = app.OpenRating(caller, *org, body);
    if (!c.ok()) return Fail(c.error());
    std::cout << "Đã mở đợt xếp loại số " << c->id << " năm " << c->period.year << " (ngày xếp loại "
              << c->period.rating_date.ToString() << ").\n";
    return 0;
  }
  if (what == "status") {
    auto b = app.GetRatingBoard(caller, a.campaign, org ? std::to_string(org->value) : std::string());
    if (!b.ok()) return Fail(b.error());
    std::cout << "Đợt " << b->campaign.id << " năm " << b->campaign.period.year << " — " << b->shown.name << "\n";
    std::cout << "Mã\tĐảng viên\tTự đánh giá\tĐề xuất\tQuyết định\tKhông xếp loại\n";
    for (const auto& x : b->branches) {
      std::cout << x.code << "\t" << x.members << "\t" << x.self_assessed << "\t" << x.proposed << "\t" << x.decided
                << "\t" << x.not_rated << "\n";
    }
    std::cout << "Tổng\t" << b->total.members << "\t" << b->total.self_assessed << "\t" << b->total.proposed << "\t"
              << b->total.decided << "\t" << b->total.not_rated << "\n";
    return 0;
  }
  if (what == "decide") {
    std::ifstream in(a.file, std::ios::binary);
    if (!in) return Fail(Error::Invalid("file", "Không mở được tệp " + a.file));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto body = app::ParseObject(text);
    if (!body.ok()) return Fail(body.error());
    auto r = app.DecideRatings(caller, a.campaign, *body);
    if (!r.ok()) return Fail(r.error());
    for (const auto& c : r->meter) std::cout << c.message << "\n";
    std::cout << (r->dry_run ? "Chạy thử: chưa ghi gì.\n" : "Đã ghi " + std::to_string(r->saved) + " quyết định.\n");
    return 0;
  }
  // report
  const std::string year = a.year > 0 ? std::to_string(a.year) : std::string();
  const std::string quarter = std::to_string(a.quarter);
  if (!a.output.empty()) {
    auto f = app.ExportRatingReport(caller, *org, year, quarter);
    if (!f.ok()) return Fail(f.error());
    std::ofstream(a.output, std::ios::binary) << f->bytes;
    std::cout << "Đã xuất báo cáo xếp loại vào " << a.output << ".\n";
    return 0;
  }
  auto r = app.GetRatingReport(caller, *org, year, quarter);
  if (!r.ok()) return Fail(r.error());
  PrintSummary("Đảng viên năm " + std::to_string(r->year), r->members);
  PrintSummary("Tổ chức đảng", r->orgs);
  for (const auto& d : r->downgrades) {
    std::cout << "Hạ mức: " << Text(RatingRoleLabel(d.role)) << " " << Text(RatingLevelShortLabel(d.from)) << " → "
              << Text(RatingLevelShortLabel(d.to)) << ": " << d.count << "\n";
  }
  PrintSummary("Năm " + std::to_string(r->year - 1), r->previous);
  return 0;
}

// ---- restructuring (issue #7): `tcxd org rename|move|merge|split|dissolve|history ...`
struct OrgArgs {
  std::string as;
  std::string code;  // the subject (merge: the organization that receives)
  std::string effective;
  std::string decision_number;
  std::string decision_date;
  std::string decision_body;
  std::string to;                   // move: the new parent; dissolve: the receiver
  std::vector<std::string> from;    // merge: the organizations merged in
  std::vector<std::string> assign;  // split: UNIT=TO
  std::string name;
  std::string new_code;
  std::string note;
  bool dissolve = false;
  bool dry_run = false;
};

std::string CountsLine(const app::Json& tally) {
  std::string out;
  for (const auto& [status, n] : tally.items()) {
    if (n.get<int64_t>() == 0) continue;
    auto s = ParseMemberStatus(status);
    if (!out.empty()) out += ", ";
    out += std::string(s ? Text(MemberStatusLabel(*s)) : status) + " " + std::to_string(n.get<int64_t>());
  }
  return out.empty() ? "không có đảng viên" : out;
}

int RunOrg(const std::string& db, const std::string& action, const OrgArgs& a) {
  auto store = OpenStore(db);
  app::App app(*store, RuleSet::Default());
  auto caller = CliCaller(*store, a.as);
  if (!caller.ok()) return Fail(caller.error());
  auto id = [&](const std::string& code, const char* field) -> Result<int64_t> {
    auto org = OrgByCode(*store, code);
    if (!org) return Error::Invalid(field, "Không có tổ chức mã " + code);
    return org->value;
  };
  auto subject = id(a.code, "code");
  if (!subject.ok()) return Fail(subject.error());
  if (action == "history") {
    auto v = app.ListOrgEvents(*caller, OrgId(*subject));
    if (!v.ok()) return Fail(v.error());
    for (const auto& e : *v) {
      auto j = app::OrgEventToJson(e);
      std::cout << e.effective.ToString() << "\t" << j["kind_label"].get<std::string>() << "\t" << e.decision_number
                << " (" << e.decision_body << ", " << e.decision_date.ToString() << ")\t" << e.recorded_by << "\n";
    }
    return 0;
  }
  app::Json body{{"kind", action},
                 {"subject", *subject},
                 {"effective", a.effective},
                 {"decision", {{"number", a.decision_number}, {"date", a.decision_date}, {"body", a.decision_body}}},
                 {"note", a.note}};
  if (a.decision_date.empty()) body["decision"]["date"] = nullptr;
  if (a.effective.empty()) body["effective"] = nullptr;
  if (!a.to.empty()) {
    auto to = id(a.to, action == "move" ? "new_parent" : "receiver");
    if (!to.ok()) return Fail(to.error());
    body[action == "move" ? "new_parent" : "receiver"] = *to;
  }
  if (!a.from.empty()) {
    body["sources"] = app::Json::array();
    for (const auto& code : a.from) {
      auto f = id(code, "sources");
      if (!f.ok()) return Fail(f.error());
      body["sources"].push_back(*f);
    }
  }
  if (!a.assign.empty()) {
    body["assignments"] = app::Json::array();
    for (const auto& pair : a.assign) {
      const auto eq = pair.find('=');
      if (eq == std::string::npos) return Fail(Error::Invalid("assign", "Ghi dạng MÃ_ĐƠN_VỊ=MÃ_NƠI_ĐẾN: " + pair));
      auto unit = id(pair.substr(0, eq), "assignments");
      auto to = id(pair.substr(eq + 1), "assignments");
      if (!unit.ok()) return Fail(unit.error());
      if (!to.ok()) return Fail(to.error());
      body["assignments"].push_back({{"unit", *unit}, {"to", *to}});
    }
  }
  if (!a.name.empty()) body["new_name"] = a.name;
  if (!a.new_code.empty()) body["new_code"] = a.new_code;
  if (a.dissolve) body["dissolve_subject"] = true;
  auto out = app.Restructure(*caller, body, a.dry_run);
  if (!out.ok()) return Fail(out.error());
  const auto j = app::RestructureOutcomeToJson(*out);
  std::cout << (out->applied ? "Đã thực hiện: " : "Xem trước (chưa ghi): ") << j["kind_label"].get<std::string>()
            << ", hiệu lực từ " << out->request.effective.ToVietnamese() << ", quyết định "
            << out->request.decision.number << ".\n";
  for (const auto& st : j["steps"]) {
    std::cout << "  " << st["kind"].get<std::string>() << "\t" << st["org"]["name"].get<std::string>();
    if (st.contains("to") && !st["to"].is_null()) {
      std::cout << " -> " << st["to"]["name"].get<std::string>() << "\t" << CountsLine(st["moves"]);
    }
    std::cout << "\n";
  }
  for (const auto& h : j["hand_overs"]) {
    std::cout << "Bàn giao cho " << h["org"]["name"].get<std::string>() << ": trước " << h["before_counted"]
              << ", nhận " << h["received_counted"] << ", sau " << h["after_counted"] << " đảng viên ("
              << CountsLine(h["after"]) << ").\n";
  }
  return 0;
}

// ---- admission (issue #5): `tcxd admission ...`
struct AdmissionArgs {
  std::string as;  // the account acting; empty: the system administrator
  std::string org;
  std::string stage;
  int64_t case_id = 0;
  std::string json;  // a request body (create)

  std::string kind, date, doc, reason, received_on, consent;
  std::optional<int> yes, no, entitled, extension_days;
  std::string period = "year";
  std::optional<int> first_year, last_year;
  std::optional<int64_t> target;
  std::string from, to, output;
};

void PrintCaseLine(const app::AdmissionCaseView& v) {
  std::cout << v.row.id << "\t" << v.row.branch_code << "\t" << v.row.state.candidate.full_name << "\t"
            << Text(AdmissionStageLabel(v.row.state.stage));
  if (v.next) {
    std::cout << "\t" << Text(StepKindLabel(v.next->step));
    if (v.next->deadline)
      std::cout << " (hạn " << v.next->deadline->ToString() << (v.next->late ? ", QUÁ HẠN" : "") << ")";
  }
  std::cout << "\n";
}

int RunAdmission(const std::string& db, const std::string& action, const AdmissionArgs& a) {
  auto store = OpenStore(db);
  app::App app(*store, RuleSet::Default());
  auto caller = CliCaller(*store, a.as);
  if (!caller.ok()) return Fail(caller.error());
  std::string org_id;
  if (!a.org.empty()) {
    auto org = OrgByCode(*store, a.org);
    if (!org) return Fail(Error::Invalid("org", "Không có tổ chức mã " + a.org));
    org_id = std::to_string(org->value);
  }
  if (action == "list") {
    auto v = app.ListAdmissionCases(*caller, org_id, a.stage);
    if (!v.ok()) return Fail(v.error());
    for (const auto& c : *v) PrintCaseLine(c);
    return 0;
  }
  if (action == "show") {
    auto v = app.GetAdmissionCase(*caller, a.case_id);
    if (!v.ok()) return Fail(v.error());
    std::cout << app::AdmissionCaseToJson(*v, true).dump(2) << "\n";
    return 0;
  }
  if (action == "create") {
    auto body = app::ParseObject(a.json);
    if (!body.ok()) return Fail(body.error());
    auto v = app.CreateAdmissionCase(*caller, *body);
    if (!v.ok()) return Fail(v.error());
    std::cout << "Đã lập hồ sơ " << v->row.id << ".\n";
    return 0;
  }
  if (action == "step") {
    app::Json body = {{"kind", a.kind}, {"date", a.date}};
    if (!a.doc.empty()) body["document_number"] = a.doc;
    if (!a.reason.empty()) body["reason"] = a.reason;
    if (!a.received_on.empty()) body["received_on"] = a.received_on;
    if (!a.consent.empty()) body["consent_document"] = a.consent;
    if (a.extension_days) body["extension_working_days"] = *a.extension_days;
    if (a.yes || a.no || a.entitled) {
      body["votes"] = {{"yes", a.yes.value_or(0)}, {"no", a.no.value_or(0)}, {"entitled", a.entitled.value_or(0)}};
    }
    auto v = app.RecordAdmissionStep(*caller, a.case_id, body);
    if (!v.ok()) return Fail(v.error());
    PrintCaseLine(*v);
    for (const auto& w : v->row.state.steps.back().warnings) std::cout << "  Lưu ý: " << w << "\n";
    return 0;
  }
  if (action == "inbox") {
    auto v = app.GetAdmissionInbox(*caller, org_id);
    if (!v.ok()) return Fail(v.error());
    std::cout << "Chờ " << v->org.name << " xử lý: " << v->waiting.size() << "\n";
    for (const auto& c : v->waiting) PrintCaseLine(c);
    std::cout << "Quá hạn: " << v->overdue.size() << "\n";
    for (const auto& c : v->overdue) PrintCaseLine(c);
    return 0;
  }
  if (org_id.empty()) return Fail(Error::Invalid("org", Msg::kRequired));
  const OrgId org(std::stoll(org_id));
  if (action == "quota-set") {
    app::Json body = {{"period", a.period}};
    if (a.first_year) body["first_year"] = *a.first_year;
    if (a.last_year) body["last_year"] = *a.last_year;
    if (a.target) body["target"] = *a.target;
    auto v = app.SetAdmissionQuota(*caller, org, body);
    if (!v.ok()) return Fail(v.error());
    std::cout << "Đã đặt chỉ tiêu " << a.org << " " << v->first_year << "–" << v->last_year << ": " << v->target
              << ".\n";
    return 0;
  }
  if (!a.output.empty()) {
    auto f = app.AdmissionReportXlsx(*caller, org, a.period, a.from, a.to);
    if (!f.ok()) return Fail(f.error());
    std::ofstream(a.output, std::ios::binary) << f->bytes;
    std::cout << "Đã ghi báo cáo vào " << a.output << ".\n";
    return 0;
  }
  auto r = app.GetAdmissionReport(*caller, org, a.period, a.from, a.to);
  if (!r.ok()) return Fail(r.error());
  const auto line = [](const QuotaLine& l) {
    std::cout << l.org.code << "\t" << l.org.name << "\t" << (l.target ? std::to_string(*l.target) : "-") << "\t"
              << l.admitted << "\t" << (l.percent.empty() ? "-" : l.percent + " %") << "\n";
  };
  std::cout << r->from.ToString() << " → " << r->to.ToString() << "\n";
  for (const auto& u : r->units) line(u);
  line(r->total);
  return 0;
}

// ---- transfers (issue #7): `tcxd transfer ...`
struct TransferArgs {
  std::string as;  // the account acting; empty: the system administrator
  std::string org;
  std::string state;
  int64_t case_id = 0;
  int64_t member_id = 0;
  std::string json;  // a request body (create)
  std::string kind, date, reason, fees_paid_to;
  bool dossier_complete = false;
  std::string year;    // book: the year of the transfer book
  std::string format;  // book: pdf (default) or xlsx
  std::string out;     // letter, book: the file written
};

void PrintTransferLine(const app::TransferView& v) {
  const auto& r = v.row;
  std::cout << r.id << "\t" << r.member_name << "\t" << r.from_code << " → "
            << (r.to_branch_id.valid() ? r.to_code : r.external_name) << "\t"
            << Text(TransferStateLabel(r.state.state));
  if (v.next) {
    std::cout << "\t" << TransferStepName(v.next->step);
    if (v.next->deadline)
      std::cout << " (hạn " << v.next->deadline->ToString() << (v.next->overdue ? ", QUÁ HẠN" : "") << ")";
  }
  std::cout << "\n";
}

int RunTransfer(const std::string& db, const std::string& action, const TransferArgs& a) {
  auto store = OpenStore(db);
  app::App app(*store, RuleSet::Default());
  auto caller = CliCaller(*store, a.as);
  if (!caller.ok()) return Fail(caller.error());
  if (action == "list") {
    if (a.member_id > 0) {
      auto v = app.ListTransfers(*caller, "", std::to_string(a.member_id));
      if (!v.ok()) return Fail(v.error());
      for (const auto& c : *v) PrintTransferLine(c);
      return 0;
    }
    OrgId org = caller->account.org_id;
    if (!a.org.empty()) {
      auto id = OrgByCode(*store, a.org);
      if (!id) return Fail(Error::Invalid("org", "Không có tổ chức mã " + a.org));
      org = *id;
    }
    if (!org.valid()) return Fail(Error::Invalid("org", Msg::kRequired));
    auto b = app.GetTransferBoard(*caller, org, a.state);
    if (!b.ok()) return Fail(b.error());
    std::cout << "Chuyển đi: " << b->outgoing.size() << "\n";
    for (const auto& c : b->outgoing) PrintTransferLine(c);
    std::cout << "Chuyển đến: " << b->incoming.size() << "\n";
    for (const auto& c : b->incoming) PrintTransferLine(c);
    std::cout << "Quá hạn: " << b->overdue.size() << "\n";
    for (const auto& c : b->overdue) PrintTransferLine(c);
    return 0;
  }
  if (action == "show") {
    auto v = app.GetTransfer(*caller, a.case_id);
    if (!v.ok()) return Fail(v.error());
    std::cout << app::TransferToJson(*v, true).dump(2) << "\n";
    return 0;
  }
  if (action == "letter" || action == "book") {
    Result<app::ExportFile> f = Error::Internal("not run");
    if (action == "letter") {
      f = app.TransferLetterPdf(*caller, a.case_id);
    } else {
      auto id = OrgByCode(*store, a.org);
      if (!id) return Fail(Error::Invalid("org", "Không có tổ chức mã " + a.org));
      const bool xlsx = a.out.size() > 5 && a.out.substr(a.out.size() - 5) == ".xlsx";
      f = app.TransferBookFile(*caller, *id, a.year, !a.format.empty() ? a.format : xlsx ? "xlsx" : "pdf");
    }
    if (!f.ok()) return Fail(f.error());
    std::ofstream(a.out, std::ios::binary) << f->bytes;
    if (action == "letter") {
      std::cout << "Đã in giấy giới thiệu sinh hoạt đảng vào " << a.out << ".\n";
    } else {
      std::cout << "Đã xuất sổ giới thiệu sinh hoạt đảng (" << f->rows << " giấy) vào " << a.out << ".\n";
    }
    return 0;
  }
  if (action == "create") {
    auto body = app::ParseObject(a.json);
    if (!body.ok()) return Fail(body.error());
    auto v = app.CreateTransfer(*caller, *body);
    if (!v.ok()) return Fail(v.error());
    std::cout << "Đã lập việc chuyển sinh hoạt " << v->row.id << ".\n";
    return 0;
  }
  app::Json body = {{"kind", a.kind}, {"date", a.date}};
  if (!a.reason.empty()) body["reason"] = a.reason;
  if (!a.fees_paid_to.empty()) body["fees_paid_to"] = a.fees_paid_to;
  if (a.dossier_complete) body["dossier_complete"] = true;
  auto v = app.RecordTransferStep(*caller, a.case_id, body);
  if (!v.ok()) return Fail(v.error());
  PrintTransferLine(*v);
  if (v->row.state.letter) std::cout << "  Giấy giới thiệu số " << v->row.state.letter->number << "\n";
  return 0;
}

// ---- member events and the watchlist (issue #7): `tcxd member event add|list`, `tcxd watchlist`
struct EventArgs {
  std::string as;  // the account acting; empty: the system administrator
  int64_t member_id = 0;
  std::string kind, effective_on, decision_number, decision_date, body, body_name, until, ground, card_returned_on,
      note;
  std::optional<int> ground_months;
  std::optional<int64_t> supersedes;
  std::string org, year;
};

void PrintEventLine(const MemberEvent& e) {
  std::cout << e.id << "\t" << e.effective_on.ToString() << "\t" << Text(MemberEventKindLabel(e.kind)) << "\t"
            << e.decision.number << " (" << e.decision.date.ToString() << ", "
            << Text(DecidingBodyLabel(e.decision.body)) << ")\t" << MemberStatusName(e.status_before) << " → "
            << MemberStatusName(e.status_after);
  if (e.until) std::cout << "\tđến " << e.until->ToString();
  if (e.superseded_by != 0) std::cout << "\t(đã đính chính bởi " << e.superseded_by << ")";
  std::cout << "\n";
}

int RunMemberEvent(const std::string& db, const std::string& action, const EventArgs& a) {
  auto store = OpenStore(db);
  app::App app(*store, RuleSet::Default());
  auto caller = CliCaller(*store, a.as);
  if (!caller.ok()) return Fail(caller.error());
  if (action == "add") {
    app::Json body = {{"kind", a.kind},
                      {"effective_on", a.effective_on},
                      {"decision_number", a.decision_number},
                      {"decision_date", a.decision_date.empty() ? a.effective_on : a.decision_date},
                      {"decision_body", a.body}};
    if (!a.body_name.empty()) body["decision_body_name"] = a.body_name;
    if (!a.until.empty()) body["until"] = a.until;
    if (!a.ground.empty()) body["ground"] = a.ground;
    if (a.ground_months) body["ground_months"] = *a.ground_months;
    if (!a.card_returned_on.empty()) body["card_returned_on"] = a.card_returned_on;
    if (!a.note.empty()) body["note"] = a.note;
    if (a.supersedes) body["supersedes"] = *a.supersedes;
    auto r = app.RecordMemberEvent(*caller, MemberId(a.member_id), body);
    if (!r.ok()) return Fail(r.error());
    PrintEventLine(r->event);
    std::cout << r->member.full_name << ": " << Text(MemberStatusLabel(r->member.status)) << "\n";
    return 0;
  }
  if (action == "list") {
    auto v = app.ListMemberEvents(*caller, MemberId(a.member_id));
    if (!v.ok()) return Fail(v.error());
    std::cout << v->member.full_name << " (" << v->branch.code << "): " << Text(MemberStatusLabel(v->member.status));
    if (v->party_age) std::cout << ", tuổi đảng " << v->party_age->years << " năm " << v->party_age->months << " tháng";
    std::cout << "\n";
    for (const auto& e : v->events) PrintEventLine(e);
    return 0;
  }
  auto org = OrgByCode(*store, a.org);
  if (!org) return Fail(Error::Invalid("org", "Không có tổ chức mã " + a.org));
  if (action == "report") {
    auto r = app.GetMemberEventReport(*caller, *org, a.year, a.kind);
    if (!r.ok()) return Fail(r.error());
    for (const auto& [k, n] : r->counts) std::cout << Text(MemberEventKindLabel(k)) << "\t" << n << "\n";
    for (const auto& row : r->items) {
      std::cout << row.full_name << "\t" << row.org_code << "\t";
      PrintEventLine(row.event);
    }
    return 0;
  }
  auto w = app.GetWatchlist(*caller, *org);
  if (!w.ok()) return Fail(w.error());
  for (const auto& l : w->lists) {
    std::cout << l.title << ": " << l.items.size() << (l.truncated ? "+" : "") << "\n";
    for (const auto& it : l.items) {
      std::cout << "  " << it.member.id.value << "\t" << it.member.full_name << "\t" << it.branch.code << "\t"
                << it.reason << "\n";
    }
  }
  return 0;
}
}  // namespace

// Generating and loading millions of members allocates gigabytes in small pieces; in a VM the page
// faults cost more than the work (5.5 M members: 15 s -> 6 s to generate). glibc uses transparent huge
// pages only when told by a tunable read at process start, so `demo` starts itself again with it.
void UseHugePagesForDemo(int argc, char** argv) {
  if (argc < 2 || std::string_view(argv[1]) != "demo" || std::getenv("GLIBC_TUNABLES") != nullptr) return;
  ::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
  ::execv("/proc/self/exe", argv);  // returns only on failure: go on without
  ::unsetenv("GLIBC_TUNABLES");
}

int main(int argc, char** argv) {
  UseHugePagesForDemo(argc, argv);
  CLI::App cli{"TCXD — Hệ thống thông tin chuyên ngành Tổ chức Xây dựng Đảng"};
  cli.require_subcommand(1);

  std::string db = "data/tcxd.db";
  auto* serve = cli.add_subcommand("serve", "Chạy máy chủ web và API");
  http::ServerOptions opts;
  serve->add_option("--db", db, "Tệp SQLite hoặc URL postgresql://")->capture_default_str();
  serve->add_option("--port", opts.port, "Cổng")->capture_default_str();
  serve->add_option("--address", opts.address, "Địa chỉ lắng nghe")->capture_default_str();
  serve->add_option("--threads", opts.threads, "Số luồng xử lý")->capture_default_str();
  serve->add_option("--web", opts.web_root, "Thư mục giao diện web đã dựng (web/dist)");
  serve->add_flag("--secure-cookies", opts.secure_cookies, "Cookie chỉ qua HTTPS");

  auto* demo_cmd = cli.add_subcommand("demo", "Tạo dữ liệu mẫu một tỉnh (hoặc cả nước)");
  int64_t members = 20000;
  uint64_t seed = 1;
  int provinces = 1;
  bool accounts = false;
  demo_cmd->add_option("--db", db)->capture_default_str();
  demo_cmd->add_option("--members", members, "Số đảng viên")->capture_default_str();
  demo_cmd->add_option("--seed", seed, "Hạt giống ngẫu nhiên")->capture_default_str();
  demo_cmd->add_option("--provinces", provinces, "Số tỉnh (>1: cả nước dưới gốc Trung ương)")->capture_default_str();
  demo_cmd->add_flag("--accounts", accounts, "Tạo các tài khoản mẫu (mật khẩu in ra)");

  auto* user = cli.add_subcommand("user", "Quản lý tài khoản");
  user->require_subcommand(1);
  app::NewUser nu;
  auto* user_add = user->add_subcommand("add", "Thêm tài khoản (mật khẩu đọc từ đầu vào chuẩn)");
  user_add->add_option("--db", db)->capture_default_str();
  user_add->add_option("--login", nu.login)->required();
  user_add->add_option("--role", nu.role, "admin|province|grassroots|branch|member")->required();
  user_add->add_option("--org", nu.org_code, "Mã tổ chức quản lý");
  user_add->add_option("--name", nu.display_name, "Tên hiển thị");
  user_add->add_option("--member", nu.member_id, "Mã đảng viên (vai trò member)");
  std::string login;
  auto* user_passwd = user->add_subcommand("passwd", "Đặt lại mật khẩu (đọc từ đầu vào chuẩn)");
  user_passwd->add_option("--db", db)->capture_default_str();
  user_passwd->add_option("--login", login)->required();
  auto* user_list = user->add_subcommand("list", "Liệt kê tài khoản");
  user_list->add_option("--db", db)->capture_default_str();

  auto* migrate = cli.add_subcommand("migrate", "Áp dụng các bước nâng cấp lược đồ dữ liệu");
  migrate->add_option("--db", db)->capture_default_str();

  auto* import_cmd = cli.add_subcommand("import", "Nhập dữ liệu từ bảng tính");
  auto* import_members = import_cmd->add_subcommand("members", "Nhập đảng viên từ tệp .xlsx hoặc .csv");
  ImportArgs ia;
  import_members->add_option("file", ia.file, "Tệp .xlsx hoặc .csv")->required();
  import_members
      ->add_option("--org", ia.org, "Mã tổ chức nhận (chi bộ, hoặc tổ chức cấp trên khi tệp có cột Mã chi bộ)")
      ->required();
  import_members->add_flag("--dry-run", ia.dry_run, "Chỉ kiểm tra, không ghi");
  import_members->add_flag("--skip-invalid", ia.skip_invalid, "Ghi các dòng hợp lệ, bỏ qua các dòng lỗi");
  import_members->add_option("--report", ia.report, "Ghi danh sách lỗi ra tệp CSV");
  import_members->add_option("--db", db)->capture_default_str();

  auto* import_communes =
      import_cmd->add_subcommand("communes", "Nạp danh mục đơn vị hành chính cấp xã từ tệp danh mục chính thức");
  CommuneImportArgs ca;
  import_communes->add_option("file", ca.file, "Tệp .xlsx hoặc .csv")->required();
  import_communes->add_flag("--dry-run", ca.dry_run, "Chỉ kiểm tra và so sánh, không ghi");
  import_communes->add_flag("--retire-missing", ca.retire_missing, "Ngừng sử dụng các đơn vị không còn trong tệp");
  import_communes->add_option("--report", ca.report, "Ghi danh sách lỗi ra tệp CSV");
  import_communes->add_option("--db", db)->capture_default_str();

  auto* export_cmd = cli.add_subcommand("export", "Xuất dữ liệu ra bảng tính");
  auto* export_members = export_cmd->add_subcommand("members", "Xuất danh sách đảng viên");
  app::ExportRequest er;
  std::string export_org;
  std::string export_out;
  export_members->add_option("--org", export_org, "Mã tổ chức")->required();
  export_members->add_option("--format", er.format, "xlsx|csv")->capture_default_str();
  export_members->add_option("--layout", er.layout, "list (danh sách) | book (sổ danh sách đảng viên)");
  export_members->add_option("--status", er.filter.status, "Trạng thái, cách nhau bởi dấu phẩy");
  export_members->add_option("--q", er.filter.q, "Tìm theo tên");
  export_members->add_option("-o,--output", export_out, "Tệp ghi ra")->required();
  export_members->add_option("--db", db)->capture_default_str();

  auto* adm = cli.add_subcommand("admission", "Kết nạp đảng viên: hồ sơ, các bước, hộp việc, chỉ tiêu");
  adm->require_subcommand(1);
  AdmissionArgs aa;
  auto* adm_list = adm->add_subcommand("list", "Danh sách hồ sơ kết nạp của một tổ chức");
  auto* adm_show = adm->add_subcommand("show", "Một hồ sơ với các bước (JSON)");
  auto* adm_create = adm->add_subcommand("create", "Lập hồ sơ (thân yêu cầu JSON như API)");
  auto* adm_step = adm->add_subcommand("step", "Ghi một bước của hồ sơ");
  auto* adm_inbox = adm->add_subcommand("inbox", "Hồ sơ chờ tổ chức xử lý và hồ sơ quá hạn");
  auto* adm_quota = adm->add_subcommand("quota", "Chỉ tiêu kết nạp");
  adm_quota->require_subcommand(1);
  auto* adm_quota_set = adm_quota->add_subcommand("set", "Đặt chỉ tiêu năm hoặc nhiệm kỳ");
  auto* adm_quota_report = adm_quota->add_subcommand("report", "Kết quả so với chỉ tiêu");
  for (auto* c : {adm_list, adm_show, adm_create, adm_step, adm_inbox, adm_quota_set, adm_quota_report}) {
    c->add_option("--db", db)->capture_default_str();
    c->add_option("--as", aa.as, "Tài khoản thực hiện (mặc định: quản trị hệ thống)");
  }
  for (auto* c : {adm_list, adm_inbox, adm_quota_set, adm_quota_report}) c->add_option("--org", aa.org, "Mã tổ chức");
  adm_list->add_option("--stage", aa.stage, "Giai đoạn, hoặc open (đang xét)");
  adm_show->add_option("--case", aa.case_id, "Mã hồ sơ")->required();
  adm_create->add_option("--json", aa.json, "Thân yêu cầu JSON")->required();
  adm_step->add_option("--case", aa.case_id, "Mã hồ sơ")->required();
  adm_step->add_option("--kind", aa.kind, "branch_vote, grassroots_vote, decision, ceremony, ...")->required();
  adm_step->add_option("--date", aa.date, "Ngày (YYYY-MM-DD)")->required();
  adm_step->add_option("--doc", aa.doc, "Số văn bản");
  adm_step->add_option("--yes", aa.yes, "Số tán thành");
  adm_step->add_option("--no", aa.no, "Số không tán thành");
  adm_step->add_option("--entitled", aa.entitled, "Số người có quyền biểu quyết");
  adm_step->add_option("--reason", aa.reason, "Lý do (dừng xét, gia hạn)");
  adm_step->add_option("--extension-days", aa.extension_days, "Số ngày làm việc gia hạn");
  adm_step->add_option("--received-on", aa.received_on, "Ngày chi bộ nhận quyết định");
  adm_step->add_option("--consent", aa.consent, "Văn bản đồng ý của cấp trên (lễ kết nạp quá hạn)");
  for (auto* c : {adm_quota_set, adm_quota_report})
    c->add_option("--period", aa.period, "year | term")->capture_default_str();
  adm_quota_set->add_option("--first-year", aa.first_year, "Năm (hoặc năm đầu nhiệm kỳ)")->required();
  adm_quota_set->add_option("--last-year", aa.last_year, "Năm cuối nhiệm kỳ");
  adm_quota_set->add_option("--target", aa.target, "Chỉ tiêu")->required();
  adm_quota_report->add_option("--from", aa.from, "Từ ngày (mặc định đầu năm)");
  adm_quota_report->add_option("--to", aa.to, "Đến ngày (mặc định hôm nay)");
  adm_quota_report->add_option("-o,--output", aa.output, "Ghi ra tệp .xlsx");

  auto* org_cmd =
      cli.add_subcommand("org", "Sắp xếp tổ chức: đổi tên, chuyển trực thuộc, hợp nhất, chia tách, giải thể");
  org_cmd->require_subcommand(1);
  OrgArgs oa;
  auto* org_rename = org_cmd->add_subcommand("rename", "Đổi tên (và mã) một tổ chức");
  auto* org_move = org_cmd->add_subcommand("move", "Chuyển một tổ chức cùng các tổ chức trực thuộc sang cấp trên khác");
  auto* org_merge = org_cmd->add_subcommand("merge", "Hợp nhất các tổ chức --from vào tổ chức --code");
  auto* org_split = org_cmd->add_subcommand("split", "Chia các tổ chức trực thuộc --code cho các nơi khác");
  auto* org_dissolve = org_cmd->add_subcommand("dissolve", "Giải thể một tổ chức (--to: nơi tiếp nhận)");
  auto* org_history = org_cmd->add_subcommand("history", "Các quyết định sắp xếp trong một tổ chức");
  for (auto* c : {org_rename, org_move, org_merge, org_split, org_dissolve, org_history}) {
    c->add_option("--db", db)->capture_default_str();
    c->add_option("--as", oa.as, "Tài khoản thực hiện (mặc định: quản trị hệ thống)");
    c->add_option("--code", oa.code, "Mã tổ chức")->required();
  }
  for (auto* c : {org_rename, org_move, org_merge, org_split, org_dissolve}) {
    c->add_option("--effective", oa.effective, "Ngày hiệu lực (YYYY-MM-DD)")->required();
    c->add_option("--decision-number", oa.decision_number, "Số quyết định")->required();
    c->add_option("--decision-date", oa.decision_date, "Ngày quyết định (YYYY-MM-DD)")->required();
    c->add_option("--decision-body", oa.decision_body, "Cơ quan ban hành quyết định")->required();
    c->add_option("--note", oa.note, "Ghi chú");
    c->add_flag("--dry-run", oa.dry_run, "Chỉ xem trước, không ghi");
  }
  org_rename->add_option("--name", oa.name, "Tên mới")->required();
  org_rename->add_option("--new-code", oa.new_code, "Mã mới");
  org_move->add_option("--to", oa.to, "Mã tổ chức cấp trên mới")->required();
  org_dissolve->add_option("--to", oa.to, "Mã tổ chức tiếp nhận");
  org_merge->add_option("--from", oa.from, "Mã các tổ chức hợp nhất vào")->required();
  org_split->add_option("--assign", oa.assign, "MÃ_ĐƠN_VỊ=MÃ_NƠI_ĐẾN (nhắc lại cho từng đơn vị)")->required();
  org_split->add_flag("--dissolve", oa.dissolve, "Giải thể tổ chức sau khi chia hết");
  auto* member_cmd =
      cli.add_subcommand("member", "Đảng viên: biến động (miễn, giảm, xóa tên, ra khỏi Đảng, khai trừ, từ trần)");
  member_cmd->require_subcommand(1);
  auto* member_event = member_cmd->add_subcommand("event", "Biến động của đảng viên, với quyết định");
  member_event->require_subcommand(1);
  EventArgs ea;
  auto* event_add = member_event->add_subcommand("add", "Ghi một biến động");
  auto* event_list = member_event->add_subcommand("list", "Các biến động của một đảng viên");
  auto* event_report = member_cmd->add_subcommand("events", "Biến động trong năm của một tổ chức, đếm theo loại");
  auto* watchlist_cmd = cli.add_subcommand("watchlist", "Danh sách cần rà soát của một tổ chức");
  for (auto* c : {event_add, event_list, event_report, watchlist_cmd}) {
    c->add_option("--db", db)->capture_default_str();
    c->add_option("--as", ea.as, "Tài khoản thực hiện (mặc định: quản trị hệ thống)");
  }
  for (auto* c : {event_add, event_list}) c->add_option("--id", ea.member_id, "Mã đảng viên")->required();
  for (auto* c : {event_report, watchlist_cmd}) c->add_option("--org", ea.org, "Mã tổ chức")->required();
  event_report->add_option("--year", ea.year, "Năm, mặc định năm nay");
  event_report->add_option("--kind", ea.kind, "Loại biến động");
  event_add->add_option("--kind", ea.kind, "exemption, exemption_end, reduction, removal, withdrawal, expulsion, death")
      ->required();
  event_add->add_option("--date", ea.effective_on, "Ngày có hiệu lực (từ trần: ngày mất), YYYY-MM-DD")->required();
  event_add->add_option("--decision", ea.decision_number, "Số quyết định")->required();
  event_add->add_option("--decision-date", ea.decision_date, "Ngày ký quyết định (mặc định = --date)");
  event_add->add_option("--body", ea.body, "Cấp quyết định: branch, grassroots, upper, province, central")->required();
  event_add->add_option("--body-name", ea.body_name, "Tên cơ quan quyết định");
  event_add->add_option("--until", ea.until, "Ngày kết thúc (miễn, giảm)");
  event_add->add_option("--ground", ea.ground, "Căn cứ xóa tên");
  event_add->add_option("--ground-months", ea.ground_months, "Thời gian vi phạm (tháng)");
  event_add->add_option("--card-returned-on", ea.card_returned_on, "Ngày thu hồi thẻ đảng viên");
  event_add->add_option("--note", ea.note, "Ghi chú");
  event_add->add_option("--supersedes", ea.supersedes, "Mã biến động được đính chính");

  auto* tr = cli.add_subcommand("transfer", "Chuyển sinh hoạt đảng: danh sách, hồ sơ, lập mới, ghi bước");
  tr->require_subcommand(1);
  TransferArgs ta;
  auto* tr_list =
      tr->add_subcommand("list", "Chuyển đi, chuyển đến và quá hạn của một tổ chức (hoặc của một đảng viên)");
  auto* tr_show = tr->add_subcommand("show", "Một việc chuyển sinh hoạt với các bước (JSON)");
  auto* tr_create = tr->add_subcommand("create", "Lập việc chuyển sinh hoạt (thân yêu cầu JSON như API)");
  auto* tr_step = tr->add_subcommand("step", "Ghi một bước");
  auto* tr_letter = tr->add_subcommand("letter", "In giấy giới thiệu sinh hoạt đảng của một việc chuyển (PDF)");
  auto* tr_book = tr->add_subcommand("book", "Sổ giới thiệu sinh hoạt đảng (Mẫu 10-SHĐ) của một cấp ủy trong một năm");
  for (auto* c : {tr_list, tr_show, tr_create, tr_step, tr_letter, tr_book}) {
    c->add_option("--db", db)->capture_default_str();
    c->add_option("--as", ta.as, "Tài khoản thực hiện (mặc định: quản trị hệ thống)");
  }
  tr_list->add_option("--org", ta.org, "Mã tổ chức (mặc định: tổ chức của tài khoản)");
  tr_list->add_option("--member", ta.member_id, "Mã đảng viên");
  tr_list->add_option("--state", ta.state, "Trạng thái, hoặc open (chưa kết thúc)");
  tr_show->add_option("--case", ta.case_id, "Mã việc chuyển sinh hoạt")->required();
  tr_create->add_option("--json", ta.json, "Thân yêu cầu JSON")->required();
  tr_step->add_option("--case", ta.case_id, "Mã việc chuyển sinh hoạt")->required();
  tr_step->add_option("--kind", ta.kind, "sending_review, letter, presented, registered, returned, cancel")->required();
  tr_step->add_option("--date", ta.date, "Ngày (YYYY-MM-DD)")->required();
  tr_step->add_option("--reason", ta.reason, "Lý do (hủy, nộp giấy giới thiệu chậm)");
  tr_step->add_option("--fees-paid-to", ta.fees_paid_to, "Đã đóng đảng phí đến hết tháng (YYYY-MM), khi cấp giấy");
  tr_step->add_flag("--dossier-complete", ta.dossier_complete, "Hồ sơ có xác nhận của cấp ủy nơi đi (tiếp nhận)");
  tr_letter->add_option("--id,--case", ta.case_id, "Mã việc chuyển sinh hoạt")->required();
  tr_book->add_option("--org", ta.org, "Mã cấp ủy cấp giấy giới thiệu")->required();
  tr_book->add_option("--year", ta.year, "Năm (YYYY)")->required();
  tr_book->add_option("--format", ta.format, "pdf | xlsx (mặc định: theo đuôi tệp ra)");
  for (auto* c : {tr_letter, tr_book}) c->add_option("-o,--out", ta.out, "Tệp ghi ra")->required();

  auto* print_cmd = cli.add_subcommand("print", "In biểu mẫu ra PDF");
  auto* print_member = print_cmd->add_subcommand("member", "Phiếu đảng viên hoặc lý lịch đảng viên của một đảng viên");
  std::string print_form = "sheet";
  int64_t print_id = 0;
  std::string print_as_of;
  std::string print_out;
  print_member->add_option("--id", print_id, "Mã đảng viên")->required();
  print_member->add_option("--form", print_form, "sheet (phiếu đảng viên, Mẫu 2-HSĐV) | cv (lý lịch, Mẫu 1-HSĐV)")
      ->capture_default_str();
  print_member->add_option("--as-of", print_as_of, "Hồ sơ tại ngày (YYYY-MM-DD), mặc định hôm nay");
  print_member->add_option("-o,--output", print_out, "Tệp PDF ghi ra")->required();
  print_member->add_option("--db", db)->capture_default_str();
  // Documents from the templates in force (docs/decisions/0011-document-templates.md).
  auto* print_doc = print_cmd->add_subcommand(
      "document",
      "Văn bản dựng từ mẫu: phiếu đánh giá (rating-form), báo cáo xếp loại (rating-report), văn bản "
      "của hồ sơ kết nạp (admission)");
  std::string doc_what;
  std::string doc_kind = "decision";
  std::string doc_format = "pdf";
  std::string doc_year;
  int64_t doc_id = 0;
  int64_t doc_member = 0;
  print_doc->add_option("what", doc_what, "rating-form | rating-report | admission")
      ->required()
      ->check(CLI::IsMember({"rating-form", "rating-report", "admission"}));
  print_doc
      ->add_option("--id", doc_id, "Mã đợt xếp loại (rating-form), mã tổ chức (rating-report), mã hồ sơ (admission)")
      ->required();
  print_doc->add_option("--member", doc_member, "Mã đảng viên (rating-form)");
  print_doc->add_option("--year", doc_year, "Năm (rating-report), mặc định năm nay");
  print_doc
      ->add_option("--kind", doc_kind, "branch_resolution | committee_resolution | decision | ceremony (admission)")
      ->capture_default_str();
  print_doc->add_option("--format", doc_format, "pdf | docx")->capture_default_str();
  print_doc->add_option("-o,--output", print_out, "Tệp ghi ra")->required();
  print_doc->add_option("--db", db)->capture_default_str();

  auto* rating_cmd = cli.add_subcommand("rating", "Đánh giá, xếp loại chất lượng hằng năm");
  rating_cmd->require_subcommand(1);
  RatingArgs ra;
  auto* rating_open = rating_cmd->add_subcommand("open", "Mở đợt xếp loại cho một tổ chức và các tổ chức trực thuộc");
  rating_open->add_option("--org", ra.org, "Mã tổ chức mở đợt")->required();
  rating_open->add_option("--year", ra.year, "Năm xếp loại")->required();
  rating_open->add_option("--quarter", ra.quarter, "Quý (0 = cả năm)")->capture_default_str();
  rating_open->add_option("--rating-date", ra.rating_date, "Ngày xếp loại (YYYY-MM-DD), mặc định hôm nay");
  auto* rating_status = rating_cmd->add_subcommand("status", "Tiến độ của đợt xếp loại theo chi bộ");
  rating_status->add_option("--campaign", ra.campaign, "Số đợt xếp loại")->required();
  rating_status->add_option("--org", ra.org, "Mã tổ chức (một phần của đợt)");
  auto* rating_decide = rating_cmd->add_subcommand("decide", "Ghi quyết định xếp loại của một chi bộ từ tệp JSON");
  rating_decide->add_option("--campaign", ra.campaign, "Số đợt xếp loại")->required();
  rating_decide->add_option("--file", ra.file, "Tệp JSON {\"org_id\", \"entries\": [...]}")->required();
  auto* rating_report = rating_cmd->add_subcommand("report", "Thống kê kết quả xếp loại của một tổ chức");
  rating_report->add_option("--org", ra.org, "Mã tổ chức")->required();
  rating_report->add_option("--year", ra.year, "Năm, mặc định năm nay");
  rating_report->add_option("--quarter", ra.quarter, "Quý (0 = cả năm)")->capture_default_str();
  rating_report->add_option("-o,--output", ra.output, "Xuất ra tệp .xlsx");
  for (auto* sub : {rating_open, rating_status, rating_decide, rating_report}) {
    sub->add_option("--db", db)->capture_default_str();
  }

  CLI11_PARSE(cli, argc, argv);
  try {
    if (serve->parsed()) {
      auto store = OpenStore(db);
      app::App app(*store, RuleSet::Default());
      return http::Serve(app, opts);
    }
    if (demo_cmd->parsed()) return RunDemo(db, members, seed, provinces, accounts);
    if (import_members->parsed()) return RunImport(db, ia);
    if (import_communes->parsed()) return RunImportCommunes(db, ca);
    if (print_doc->parsed()) {
      auto store = OpenStore(db);
      app::App app(*store, RuleSet::Default());
      const app::Caller caller = CommandLineCaller();
      auto f = doc_what == "rating-form" ? app.RatingMemberDocument(caller, doc_id, MemberId(doc_member), doc_format)
               : doc_what == "rating-report" ? app.RatingReportDocument(caller, OrgId(doc_id), doc_year, "", doc_format)
                                             : app.AdmissionDocument(caller, doc_id, doc_kind, doc_format);
      if (!f.ok()) return Fail(f.error());
      std::ofstream(print_out, std::ios::binary) << f->bytes;
      std::cout << "Đã ghi văn bản vào " << print_out << " (" << f->bytes.size() << " byte).\n";
      return 0;
    }
    if (print_member->parsed()) {
      auto store = OpenStore(db);
      app::App app(*store, RuleSet::Default());
      auto t0 = std::chrono::steady_clock::now();
      if (print_form != "sheet" && print_form != "cv") {
        return Fail(Error::Invalid("form", "Biểu mẫu phải là sheet (phiếu đảng viên) hoặc cv (lý lịch đảng viên)"));
      }
      const bool cv = print_form == "cv";
      auto f = app.MemberFormPdf(nullptr, MemberId(print_id), print_as_of,
                                 cv ? app::MemberForm::kCv : app::MemberForm::kSheet);
      if (!f.ok()) return Fail(f.error());
      std::ofstream(print_out, std::ios::binary) << f->bytes;
      std::cout << (cv ? "Đã in lý lịch đảng viên vào " : "Đã in phiếu đảng viên vào ") << print_out << " ("
                << fmt::format("{:.0f}",
                               std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count())
                << " ms).\n";
      return 0;
    }
    if (export_members->parsed()) {
      auto store = OpenStore(db);
      auto org = OrgByCode(*store, export_org);
      if (!org) return Fail(Error::Invalid("org", "Không có tổ chức mã " + export_org));
      er.filter.org = std::to_string(org->value);
      app::App app(*store, RuleSet::Default());
      auto t0 = std::chrono::steady_clock::now();
      auto f = app.ExportMembers(nullptr, er);
      if (!f.ok()) return Fail(f.error());
      std::ofstream(export_out, std::ios::binary) << f->bytes;
      std::cout << "Đã xuất " << f->rows << " đảng viên vào " << export_out << " ("
                << fmt::format("{:.1f}", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count())
                << " s).\n";
      return 0;
    }
    if (rating_cmd->parsed()) {
      for (auto* sub : {rating_open, rating_status, rating_decide, rating_report}) {
        if (sub->parsed()) return RunRating(db, sub->get_name(), ra);
      }
    }
    if (org_cmd->parsed()) {
      for (auto* sub : {org_rename, org_move, org_merge, org_split, org_dissolve, org_history}) {
        if (sub->parsed()) return RunOrg(db, sub->get_name(), oa);
      }
    }
    if (member_cmd->parsed()) {
      const std::string action = event_add->parsed() ? "add" : event_list->parsed() ? "list" : "report";
      return RunMemberEvent(db, action, ea);
    }
    if (watchlist_cmd->parsed()) return RunMemberEvent(db, "watchlist", ea);
    if (adm->parsed()) {
      const std::string action = adm_list->parsed()        ? "list"
                                 : adm_show->parsed()      ? "show"
                                 : adm_create->parsed()    ? "create"
                                 : adm_step->parsed()      ? "step"
                                 : adm_inbox->parsed()     ? "inbox"
                                 : adm_quota_set->parsed() ? "quota-set"
                                                           : "quota-report";
      return RunAdmission(db, action, aa);
    }
    if (tr->parsed()) {
      for (auto* sub : {tr_list, tr_show, tr_create, tr_step, tr_letter, tr_book}) {
        if (sub->parsed()) return RunTransfer(db, sub->get_name(), ta);
      }
    }
    if (migrate->parsed()) {
      OpenStore(db);
      std::cout << "Lược đồ dữ liệu đã cập nhật.\n";
      return 0;
    }
    if (user_add->parsed()) {
      auto store = OpenStore(db);
      app::App app(*store, RuleSet::Default());
      nu.password = ReadPassword();
      auto r = app.CreateUser(nullptr, nu);
      if (!r.ok()) return Fail(r.error());
      std::cout << "Đã tạo tài khoản " << r->login << " (" << RoleName(r->role) << ").\n";
      return 0;
    }
    if (user_passwd->parsed()) {
      auto store = OpenStore(db);
      std::string password = ReadPassword();
      const auto min_len = RuleSet::Default().Int(rule::kPasswordMinLength, Date::Today());
      if (static_cast<int64_t>(password.size()) < min_len) {
        return Fail(Error::Invalid("password", Format(Msg::kPasswordTooShort, min_len)));
      }
      std::string hash = app::App::HashPassword(password);
      Status s = store->Write([&](store::Tx& tx) -> Status {
        auto u = tx.GetUserByLogin(login);
        if (!u) return Error::NotFound();
        tx.UpdatePassword(u->id, hash);
        tx.DeleteUserSessions(u->id);
        store::AuditEntry e;
        e.login = "(dòng lệnh)";
        e.action = "user.password_reset";
        e.entity = "user";
        e.entity_id = u->id.value;
        e.org_path = u->org_path;
        tx.AppendAudit(e);
        return Status::Ok();
      });
      if (!s.ok()) return Fail(s.error());
      std::cout << "Đã đặt lại mật khẩu cho " << login << ".\n";
      return 0;
    }
    if (user_list->parsed()) {
      auto store = OpenStore(db);
      Status s = store->Read([&](store::Tx& tx) {
        for (const auto& u : tx.ListUsers("")) {
          std::cout << u.login << "\t" << RoleName(u.role) << "\t" << u.org_path << "\t" << u.display_name << "\n";
        }
        return Status::Ok();
      });
      return s.ok() ? 0 : Fail(s.error());
    }
  } catch (const std::exception& e) {
    std::cerr << "Lỗi: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
