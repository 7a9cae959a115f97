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
  auto data = demo::Generate(opt);
  auto t1 = std::chrono::steady_clock::now();
  std::cerr << "Đã sinh " << data.orgs.size() << " tổ chức và " << data.members.size() << " đảng viên ("
            << std::chrono::duration<double>(t1 - t0).count() << " s). Đang nạp...\n";
  std::string last_stage;
  store->BulkLoad(data.orgs, data.members, [&](const char* stage, size_t done, size_t total) {
    if (!isatty(STDERR_FILENO)) {
      if (last_stage != stage && done == total) std::cerr << "  " << stage << ": " << total << "\n";
      if (done == total) last_stage = stage;
      return;
    }
    std::cerr << "\r  " << stage << ": " << done << "/" << total << "      " << std::flush;
    if (done == total) std::cerr << "\n";
  });
  auto t2 = std::chrono::steady_clock::now();
  std::cerr << "Đã nạp xong (" << std::chrono::duration<double>(t2 - t1).count() << " s).\n";
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
  const std::string root_code = data.orgs.front().code;
  std::vector<DemoAccount> list = {
      {"admin", "admin", "", 0, "Quản trị hệ thống"},
      {"bantochuc", "province", provinces > 1 ? data.orgs[1].code : root_code, 0, "Ban Tổ chức Tỉnh ủy"},
      {"dangbocoso", "grassroots", grassroots_code, 0, "Văn phòng Đảng ủy cơ sở"},
      {"chibo", "branch", branch_code, 0, "Bí thư chi bộ"},
      {"chibo2", "branch", branch2_code, 0, "Bí thư một chi bộ khác"},
      {"dangvien", "member", branch_code, member_id, "Đảng viên (tự xem hồ sơ)"},
  };
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

  CLI11_PARSE(cli, argc, argv);
  try {
    if (serve->parsed()) {
      auto store = OpenStore(db);
      app::App app(*store, RuleSet::Default());
      return http::Serve(app, opts);
    }
    if (demo_cmd->parsed()) return RunDemo(db, members, seed, provinces, accounts);
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
