// The floor: the least a server can do for GET /members/{id} on our stack — a bare RESTinio handler
// (express router, one thread) reading the same SQLite row and writing it as JSON with nlohmann-json.
// No session, no scope check, no audit. bench/run.sh compares `tcxd serve` against it in the same run.
//
//   floor_server --db PATH --port N
#include <sqlite3.h>

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <restinio/all.hpp>
#include <string>

namespace {

struct Db {
  sqlite3* db = nullptr;
  sqlite3_stmt* stmt = nullptr;
};

std::string Col(sqlite3_stmt* s, int i) {
  const auto* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  unsigned short port = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--db") path = argv[i + 1];
    if (a == "--port") port = static_cast<unsigned short>(std::atoi(argv[i + 1]));
  }
  if (path.empty() || port == 0) {
    std::cerr << "usage: floor_server --db PATH --port N\n";
    return 2;
  }
  Db d;
  if (sqlite3_open_v2(path.c_str(), &d.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 1;
  sqlite3_exec(d.db, "PRAGMA cache_size=-65536", nullptr, nullptr, nullptr);
  const char* sql =
      "SELECT id, org_id, full_name, gender, birth_date, ethnicity, religion, hometown, residence, national_id, "
      "admission_date, ceremony_date, official_date, card_number, cv_number, status, version FROM members WHERE id=?";
  if (sqlite3_prepare_v3(d.db, sql, -1, SQLITE_PREPARE_PERSISTENT, &d.stmt, nullptr) != SQLITE_OK) return 1;

  auto router = std::make_unique<restinio::router::express_router_t<>>();
  router->http_get("/api/v1/members/:id", [&d](auto req, auto params) {
    sqlite3_bind_int64(d.stmt, 1, std::atoll(std::string(params["id"]).c_str()));
    nlohmann::json j;
    bool found = sqlite3_step(d.stmt) == SQLITE_ROW;
    if (found) {
      j["id"] = sqlite3_column_int64(d.stmt, 0);
      j["org_id"] = sqlite3_column_int64(d.stmt, 1);
      static const char* const kNames[] = {
          "full_name",   "gender",         "birth_date",    "ethnicity",     "religion",    "hometown",  "residence",
          "national_id", "admission_date", "ceremony_date", "official_date", "card_number", "cv_number", "status"};
      for (int i = 0; i < 14; ++i) j[kNames[i]] = Col(d.stmt, i + 2);
      j["version"] = sqlite3_column_int64(d.stmt, 16);
    }
    sqlite3_reset(d.stmt);
    if (!found) return req->create_response(restinio::status_not_found()).done();
    return req->create_response()
        .append_header(restinio::http_field::content_type, "application/json; charset=utf-8")
        .set_body(j.dump())
        .done();
  });

  using Traits =
      restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, restinio::router::express_router_t<>>;
  restinio::run(restinio::on_this_thread<Traits>()
                    .address("127.0.0.1")
                    .port(port)
                    .request_handler(std::move(router))
                    .handle_request_timeout(std::chrono::seconds(30)));
  return 0;
}
