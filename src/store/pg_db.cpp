#include <libpq-fe.h>

#include <map>
#include <string>

#include "store/db.h"

namespace tcxd::store {
namespace {

std::string ToDollarPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_string = false;
  for (char c : sql) {
    if (c == '\'') in_string = !in_string;
    if (c == '?' && !in_string) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

class PgRow final : public Row {
 public:
  PgRow(PGresult* r, int row) : r_(r), row_(row) {}
  bool IsNull(int c) const override { return PQgetisnull(r_, row_, c) != 0; }
  int64_t Int(int c) const override {
    const char* v = PQgetvalue(r_, row_, c);
    if (v[0] == 't' && v[1] == '\0') return 1;
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return std::strtoll(v, nullptr, 10);
  }
  std::string Text(int c) const override {
    return std::string(PQgetvalue(r_, row_, c), static_cast<size_t>(PQgetlength(r_, row_, c)));
  }
  std::string Bytes(int c) const override {
    // bytea in hex output: \x0a1b...
    std::string t = Text(c);
    std::string out;
    if (t.size() >= 2 && t[0] == '\\' && t[1] == 'x') {
      out.reserve((t.size() - 2) / 2);
      for (size_t i = 2; i + 1 < t.size(); i += 2) {
        out.push_back(static_cast<char>(HexValue(t[i]) * 16 + HexValue(t[i + 1])));
      }
    }
    return out;
  }

 private:
  PGresult* r_;
  int row_;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError("postgres: cannot connect: " + msg);
    }
    ExecScript("SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET client_min_messages = warning;");
  }
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  void Query(std::string_view sql, const Params& params, const RowFn& on_row) override {
    PGresult* r = Run(sql, params);
    int rows = PQntuples(r);
    for (int i = 0; i < rows; ++i) {
      PgRow row(r, i);
      if (!on_row(row)) break;
    }
    PQclear(r);
  }

  int64_t Exec(std::string_view sql, const Params& params) override {
    PGresult* r = Run(sql, params);
    int64_t n = std::strtoll(PQcmdTuples(r), nullptr, 10);
    PQclear(r);
    return n;
  }

  void ExecScript(std::string_view sql) override {
    PGresult* r = PQexec(conn_, std::string(sql).c_str());
    Check(r, sql);
    PQclear(r);
  }

  void Begin(bool /*write*/) override { ExecScript("BEGIN"); }
  void Commit() override { ExecScript("COMMIT"); }
  void Rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) ExecScript("ROLLBACK");
  }

  void CopyIn(std::string_view copy_sql, const std::function<bool(std::string&)>& fill) override {
    PGresult* r = PQexec(conn_, std::string(copy_sql).c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) Check(r, copy_sql);
    PQclear(r);
    std::string buf;
    bool more = true;
    while (more) {
      buf.clear();
      more = fill(buf);
      if (!buf.empty() && PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) != 1) {
        throw DbError(std::string("postgres: COPY failed: ") + PQerrorMessage(conn_));
      }
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) throw DbError(std::string("postgres: COPY end: ") + PQerrorMessage(conn_));
    while ((r = PQgetResult(conn_)) != nullptr) {
      Check(r, copy_sql);
      PQclear(r);
    }
  }

 private:
  PGresult* Run(std::string_view sql, const Params& params) {
    auto key = std::string(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      std::string pg_sql = ToDollarPlaceholders(sql);
      PGresult* r = PQprepare(conn_, name.c_str(), pg_sql.c_str(), 0, nullptr);
      Check(r, sql);
      PQclear(r);
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<std::string> values(params.size());
    std::vector<const char*> ptrs(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) continue;
      if (const auto* n = std::get_if<int64_t>(&p)) {
        values[i] = std::to_string(*n);
      } else if (const auto* t = std::get_if<std::string>(&p)) {
        values[i] = *t;
      } else {
        static constexpr char kHex[] = "0123456789abcdef";
        const auto& b = std::get<Blob>(p).bytes;
        values[i].reserve(2 + b.size() * 2);
        values[i] = "\\x";
        for (unsigned char c : b) {
          values[i].push_back(kHex[c >> 4]);
          values[i].push_back(kHex[c & 15]);
        }
      }
      ptrs[i] = values[i].c_str();
    }
    PGresult* r =
        PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), ptrs.data(), nullptr, nullptr, 0);
    Check(r, sql);
    return r;
  }

  void Check(PGresult* r, std::string_view sql) {
    auto st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return;
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char* constraint = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
    std::string msg = PQresultErrorMessage(r);
    bool unique = state != nullptr && std::string_view(state) == "23505";
    std::string cname = constraint != nullptr ? constraint : "";
    PQclear(r);
    throw DbError("postgres: " + msg + " in: " + std::string(sql.substr(0, 300)), unique, cname);
  }

  PGconn* conn_;
  std::map<std::string, std::string, std::less<>> prepared_;
};

}  // namespace

std::unique_ptr<Connection> OpenPostgres(const std::string& url) {
  return std::make_unique<PgConnection>(url);
}

}  // namespace tcxd::store
