#include <sqlite3.h>

#include <map>
#include <string>

#include "store/db.h"
#include "store/search_match.h"

namespace tcxd::store {

int64_t Connection::QueryInt(std::string_view sql, const Params& params, int64_t fallback) {
  int64_t value = fallback;
  Query(sql, params, [&](const Row& r) {
    if (!r.IsNull(0)) value = r.Int(0);
    return false;
  });
  return value;
}

namespace {

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* s) : s_(s) {}
  bool IsNull(int c) const override { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  int64_t Int(int c) const override { return sqlite3_column_int64(s_, c); }
  std::string Text(int c) const override {
    const auto* p = sqlite3_column_text(s_, c);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s_, c));
  }
  std::string Bytes(int c) const override {
    const auto* p = sqlite3_column_blob(s_, c);
    return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), sqlite3_column_bytes(s_, c));
  }

 private:
  sqlite3_stmt* s_;
};

// tcxd_name_match(name_fold, query_fold): every query word is a prefix of some name word.
void NameMatchFn(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* name = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const auto* query = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  if (name == nullptr || query == nullptr) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  sqlite3_result_int(ctx, NameMatches(name, query) ? 1 : 0);
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    // No global memory statistics: they take a mutex on every allocation. Must precede initialization;
    // if SQLite is already initialized the call fails harmlessly.
    static const int kConfigured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)kConfigured;
    int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError("sqlite: cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    // WAL + synchronous=NORMAL: committed data survives a process crash (docs/decisions/0003-sqlite.md).
    ExecScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;");
    sqlite3_create_function_v2(db_, "tcxd_name_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, NameMatchFn,
                               nullptr, nullptr, nullptr);
  }
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  void Query(std::string_view sql, const Params& params, const RowFn& on_row) override {
    sqlite3_stmt* s = Prepare(sql, params);
    SqliteRow row(s);
    for (;;) {
      int rc = sqlite3_step(s);
      if (rc == SQLITE_ROW) {
        if (!on_row(row)) break;
        continue;
      }
      if (rc == SQLITE_DONE) break;
      Fail(s, sql);
    }
    sqlite3_reset(s);
  }

  int64_t Exec(std::string_view sql, const Params& params) override {
    sqlite3_stmt* s = Prepare(sql, params);
    int rc = sqlite3_step(s);
    while (rc == SQLITE_ROW) rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) Fail(s, sql);
    sqlite3_reset(s);
    return sqlite3_changes64(db_);
  }

  void ExecScript(std::string_view sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw DbError("sqlite: " + msg);
    }
  }

  void Begin(bool write) override { ExecScript(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  void Commit() override { ExecScript("COMMIT"); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) ExecScript("ROLLBACK");
  }
  void CopyIn(std::string_view, const std::function<bool(std::string&)>&) override {
    throw DbError("sqlite: COPY is not supported");
  }

 private:
  sqlite3_stmt* Prepare(std::string_view sql, const Params& params) {
    auto it = cache_.find(sql);  // no copy of the text for a statement already prepared
    sqlite3_stmt* s = nullptr;
    if (it == cache_.end()) {
      auto key = std::string(sql);
      if (sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr) !=
          SQLITE_OK) {
        throw DbError("sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + key);
      }
      cache_.emplace(std::move(key), s);
    } else {
      s = it->second;
    }
    sqlite3_clear_bindings(s);
    int i = 1;
    for (const auto& p : params) {
      if (std::holds_alternative<std::nullptr_t>(p)) {
        sqlite3_bind_null(s, i);
      } else if (const auto* n = std::get_if<int64_t>(&p)) {
        sqlite3_bind_int64(s, i, *n);
      } else if (const auto* t = std::get_if<std::string>(&p)) {
        sqlite3_bind_text(s, i, t->data(), static_cast<int>(t->size()), SQLITE_TRANSIENT);
      } else {
        const auto& b = std::get<Blob>(p).bytes;
        sqlite3_bind_blob(s, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
      }
      ++i;
    }
    return s;
  }

  [[noreturn]] void Fail(sqlite3_stmt* s, std::string_view sql) {
    int code = sqlite3_extended_errcode(db_);
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(s);
    bool unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
    // SQLite names the columns: "UNIQUE constraint failed: members.card_number".
    std::string constraint;
    if (auto pos = msg.find(": "); unique && pos != std::string::npos) constraint = msg.substr(pos + 2);
    throw DbError("sqlite: " + msg + " in: " + std::string(sql), unique, constraint);
  }

  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

}  // namespace

std::unique_ptr<Connection> OpenSqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace tcxd::store
