// A minimal database connection interface with two drivers (SQLite, PostgreSQL through libpq).
// SQL is written with '?' placeholders; the PostgreSQL driver rewrites them to $1, $2, ...
// Infrastructure failures throw DbError (they are bugs or outages, not expected outcomes).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tcxd::store {

enum class Dialect { kSqlite, kPostgres };

struct Blob {
  std::string bytes;
};
using Param = std::variant<std::nullptr_t, int64_t, std::string, Blob>;
using Params = std::vector<Param>;

// "?, ?, ...": the placeholders of `n` parameters.
inline std::string Marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

// The values of an IN list a few hundred at a time (well under both backends' limits on parameters):
// fn(marks, chunk) for each slice, `marks` being the slice's placeholders.
inline constexpr size_t kInChunk = 500;
template <typename Fn>
void ForEachInChunk(const Params& values, Fn fn) {
  for (size_t at = 0; at < values.size(); at += kInChunk) {
    const size_t n = std::min(kInChunk, values.size() - at);
    const Params chunk(values.begin() + static_cast<std::ptrdiff_t>(at),
                       values.begin() + static_cast<std::ptrdiff_t>(at + n));
    fn(Marks(n), chunk);
  }
}

// `first`, then `rest` appended (the parameters of a statement around an IN list).
inline Params Joined(Params first, const Params& rest) {
  first.insert(first.end(), rest.begin(), rest.end());
  return first;
}

class DbError : public std::runtime_error {
 public:
  DbError(const std::string& what, bool unique_violation = false, std::string constraint = {})
      : std::runtime_error(what), unique_violation_(unique_violation), constraint_(std::move(constraint)) {}
  bool unique_violation() const { return unique_violation_; }
  // The violated constraint or index name when known (PostgreSQL), or the column list (SQLite).
  const std::string& constraint() const { return constraint_; }

 private:
  bool unique_violation_;
  std::string constraint_;
};

class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::string Bytes(int col) const = 0;  // a BLOB / bytea column
};

using RowFn = std::function<bool(const Row&)>;  // return false to stop reading

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement; calls on_row for each result row until it returns false.
  virtual void Query(std::string_view sql, const Params& params, const RowFn& on_row) = 0;
  // Runs one statement; returns the number of rows changed.
  virtual int64_t Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual void ExecScript(std::string_view sql) = 0;
  virtual void Begin(bool write) = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  // PostgreSQL only: runs `copy_sql` (COPY ... FROM STDIN, text format) and streams the chunks that
  // `fill` appends to its argument until it returns false. Throws DbError on SQLite.
  virtual void CopyIn(std::string_view copy_sql, const std::function<bool(std::string&)>& fill) = 0;

  // Convenience: the first column of the first row as an integer, or `fallback`.
  int64_t QueryInt(std::string_view sql, const Params& params, int64_t fallback = 0);
};

// Opens a SQLite database file (created when missing) with WAL, foreign keys and our functions.
std::unique_ptr<Connection> OpenSqlite(const std::string& path);
// Opens a PostgreSQL connection from a postgresql:// URL.
std::unique_ptr<Connection> OpenPostgres(const std::string& url);

}  // namespace tcxd::store
