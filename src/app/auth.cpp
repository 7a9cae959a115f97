// Authentication, sessions and accounts.
#include <sodium.h>

#include <stdexcept>

#include "app/service.h"

namespace tcxd::app {
namespace {

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialize");
}

std::string RandomHex(size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), bytes);
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), bytes);
  hex.pop_back();
  return hex;
}

std::string TokenHash(const std::string& token) {
  EnsureSodium();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  std::string hex(65, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out, sizeof out);
  hex.pop_back();
  return hex;
}

constexpr int64_t kSessionCacheMs = 5000;     // a session is re-read from the store at most this often
constexpr int64_t kSessionTouchSeconds = 60;  // sliding expiry is written at most once a minute

}  // namespace

std::string App::HashPassword(const std::string& password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  // Argon2id with libsodium's interactive limits (64 MiB, 2 passes).
  if (crypto_pwhash_str(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool App::VerifyPassword(const std::string& hash, const std::string& password) {
  EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
}

Result<LoginResult> App::Login(const std::string& login, const std::string& password, const std::string& ip) {
  const int64_t now_s = clock_() / 1000;
  const Date today = Today();
  const int64_t window_min = rules_.Int(rule::kLoginWindowMinutes, today);
  const int64_t max_failures = rules_.Int(rule::kLoginMaxFailures, today);
  std::optional<Account> user;
  int64_t failures = 0;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    failures = tx.CountLoginFailures(login, now_s - window_min * 60);
    user = tx.GetUserByLogin(login);
    return Status::Ok();
  }));

  Caller who{user.value_or(Account{}), ip};
  if (!user) who.account.login = login.substr(0, 64);
  auto audit = [&](const char* action) {
    auto e = Audit(&who, action, "session", 0, user ? user->org_path : "");
    return e;
  };
  if (failures >= max_failures) {
    TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) {
      tx.AppendAudit(audit("auth.login_throttled"));
      return Status::Ok();
    }));
    Error e;
    e.code = ErrorCode::kTooManyRequests;
    e.message = Format(Msg::kLoginThrottled, window_min);
    return e;
  }
  // The hash is checked outside any transaction (it takes ~0.1 s by design).
  const bool ok = user && !user->disabled && VerifyPassword(user->password_hash, password);
  if (!ok) {
    TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) {
      tx.RecordLoginFailure(login, ip, now_s);
      tx.AppendAudit(audit("auth.login_failed"));
      return Status::Ok();
    }));
    return Error::Unauthorized(Msg::kLoginFailed);
  }
  LoginResult result{RandomHex(32), RandomHex(16), *user};
  const int64_t idle = rules_.Int(rule::kSessionIdleMinutes, today) * 60;
  TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) {
    tx.ClearLoginFailures(login);
    tx.InsertSession(
        store::SessionRecord{TokenHash(result.token), user->id, result.csrf_token, now_s, now_s, now_s + idle, ip});
    tx.AppendAudit(audit("auth.login"));
    return Status::Ok();
  }));
  result.account.password_hash.clear();
  return result;
}

Result<Session> App::Authenticate(const std::string& token) {
  if (token.empty()) return Error::Unauthorized();
  const std::string hash = TokenHash(token);
  const int64_t now_ms = clock_();
  {
    std::lock_guard lock(session_mu_);
    auto it = session_cache_.find(hash);
    if (it != session_cache_.end() && now_ms - it->second.checked_at_ms < kSessionCacheMs) {
      return it->second.session;
    }
  }
  const int64_t now_s = now_ms / 1000;
  std::optional<store::SessionRecord> rec;
  std::optional<Account> user;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    rec = tx.GetSession(hash);
    if (rec) user = tx.GetUser(rec->user_id);
    return Status::Ok();
  }));
  if (!rec || rec->expires_at < now_s || !user || user->disabled) {
    std::lock_guard lock(session_mu_);
    session_cache_.erase(hash);
    return Error::Unauthorized(rec ? Msg::kSessionExpired : Msg::kUnauthorized);
  }
  if (now_s - rec->last_seen_at >= kSessionTouchSeconds) {
    const int64_t idle = rules_.Int(rule::kSessionIdleMinutes, Today()) * 60;
    TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) {
      tx.TouchSession(hash, now_s, now_s + idle);
      return Status::Ok();
    }));
  }
  user->password_hash.clear();
  Session s{*user, rec->csrf_token};
  std::lock_guard lock(session_mu_);
  if (session_cache_.size() > 100000) session_cache_.clear();
  session_cache_[hash] = CachedSession{s, now_ms};
  return s;
}

Status App::Logout(const std::string& token, const Caller& caller) {
  const std::string hash = TokenHash(token);
  {
    std::lock_guard lock(session_mu_);
    session_cache_.erase(hash);
  }
  return store_.Write([&](store::Tx& tx) {
    tx.DeleteSession(hash);
    tx.AppendAudit(Audit(&caller, "auth.logout", "session", 0, caller.account.org_path));
    return Status::Ok();
  });
}

Status App::ChangePassword(const Caller& caller, const std::string& old_password, const std::string& new_password) {
  const auto min_len = rules_.Int(rule::kPasswordMinLength, Today());
  if (static_cast<int64_t>(new_password.size()) < min_len) {
    return Error::Invalid("new_password", Format(Msg::kPasswordTooShort, min_len));
  }
  std::optional<Account> user;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    user = tx.GetUser(caller.account.id);
    return Status::Ok();
  }));
  if (!user || !VerifyPassword(user->password_hash, old_password)) {
    return Error::Invalid("old_password", Msg::kPasswordWrong);
  }
  const std::string hash = HashPassword(new_password);
  return store_.Write([&](store::Tx& tx) {
    tx.UpdatePassword(user->id, hash);
    tx.AppendAudit(Audit(&caller, "user.password_change", "user", user->id.value, user->org_path));
    return Status::Ok();
  });
}

Result<Account> App::CreateUser(const Caller* caller, const NewUser& u) {
  FieldErrors errors;
  if (!IsValidLogin(u.login)) errors.Add("login", Msg::kLoginFormat);
  auto role = ParseRole(u.role);
  if (!role) errors.Add("role", Msg::kRoleInvalid);
  const auto min_len = rules_.Int(rule::kPasswordMinLength, Today());
  if (static_cast<int64_t>(u.password.size()) < min_len) {
    errors.Add("password", Format(Msg::kPasswordTooShort, min_len));
  }
  if (!errors.empty()) return errors.ToError();
  Account a;
  a.login = u.login;
  a.display_name = u.display_name.empty() ? u.login : u.display_name;
  a.role = *role;
  a.password_hash = HashPassword(u.password);
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    std::string org_path;
    if (a.role != Role::kAdmin) {
      std::optional<Organization> org;
      if (!u.org_code.empty()) org = tx.GetOrgByCode(u.org_code);
      if (!org && u.org_id > 0) org = tx.GetOrg(OrgId(u.org_id));
      if (!org) return Error::Invalid("org", Msg::kOrgRequiredForRole);
      a.org_id = org->id;
      org_path = org->path;
    }
    if (a.role == Role::kMember) {
      auto path = u.member_id > 0 ? tx.MemberOrgPath(MemberId(u.member_id)) : std::nullopt;
      if (!path || !InSubtree(*path, org_path)) return Error::Invalid("member_id", Msg::kMemberRequiredForRole);
      a.member_id = MemberId(u.member_id);
    }
    if (caller && !CanGrant(caller->account, a.role, org_path)) return Error::Forbidden(Msg::kOrgOutsideScope);
    auto id = tx.InsertUser(a);
    if (!id.ok()) return id.error();
    auto e = Audit(caller, "user.create", "user", a.id.value, org_path);
    Json after = AccountToJson(a);
    e.after_json = after.dump();
    tx.AppendAudit(e);
    a.org_path = org_path;
    return Status::Ok();
  });
  if (!s.ok()) return s.error();
  a.password_hash.clear();
  return a;
}

Result<std::vector<Account>> App::ListUsers(const Caller& caller) {
  if (caller.account.role == Role::kMember || caller.account.role == Role::kBranch) return Error::Forbidden();
  std::vector<Account> users;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    users = tx.ListUsers(caller.account.role == Role::kAdmin ? "" : caller.account.org_path);
    return Status::Ok();
  }));
  for (auto& u : users) u.password_hash.clear();
  return users;
}

}  // namespace tcxd::app
