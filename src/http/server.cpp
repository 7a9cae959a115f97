#include "http/server.h"

#include <csignal>
#include <filesystem>
#include <fstream>

#include <spdlog/spdlog.h>
#include <restinio/all.hpp>

namespace tcxd {
namespace embedded {
std::string_view Find(std::string_view name);
}

namespace http {
namespace {

using app::Json;
using Req = restinio::request_handle_t;
using Router = restinio::router::express_router_t<>;
using Handling = restinio::request_handling_status_t;
using Params = restinio::router::route_params_t;

constexpr const char* kSessionCookie = "tcxd_session";
constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    default:
      return "Internal Server Error";
  }
}

template <typename Builder>
void SecurityHeaders(Builder& b) {
  b.append_header("X-Content-Type-Options", "nosniff");
  b.append_header("X-Frame-Options", "DENY");
  b.append_header("Referrer-Policy", "same-origin");
  b.append_header("Content-Security-Policy", kCsp);
}

Handling Reply(const Req& req, int status, const Json& body, const std::vector<std::string>& cookies = {}) {
  auto resp = req->create_response(
      restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(status)}, Reason(status)});
  resp.append_header(restinio::http_field::content_type, kJsonType);
  resp.append_header(restinio::http_field::cache_control, "no-store");
  SecurityHeaders(resp);
  for (const auto& c : cookies) resp.append_header("Set-Cookie", c);
  if (status != 204) resp.set_body(body.dump(-1, ' ', false, Json::error_handler_t::replace));
  return resp.done();
}

// `inline_view`: shown in the browser (a PDF preview) rather than saved.
Handling ReplyFile(const Req& req, const app::ExportFile& f, bool inline_view = false) {
  auto resp = req->create_response();
  resp.append_header(restinio::http_field::content_type, f.content_type);
  resp.append_header(restinio::http_field::cache_control, "no-store");
  resp.append_header("Content-Disposition",
                     std::string(inline_view ? "inline" : "attachment") + "; filename=\"" + f.filename + "\"");
  resp.append_header("X-Row-Count", std::to_string(f.rows));
  SecurityHeaders(resp);
  resp.set_body(f.bytes);
  return resp.done();
}

// An image of a person: kept by the browser for this user only, never by a shared cache.
Handling ReplyPhoto(const Req& req, const app::ExportFile& f) {
  auto resp = req->create_response();
  resp.append_header(restinio::http_field::content_type, f.content_type);
  resp.append_header(restinio::http_field::cache_control, "private");
  resp.append_header("Content-Disposition", "inline; filename=\"" + f.filename + "\"");
  SecurityHeaders(resp);
  resp.set_body(f.bytes);
  return resp.done();
}

Handling ReplyError(const Req& req, const Error& e) {
  int status = ErrorStatus(e);
  if (status == 500) {
    auto it = e.fields.find("_detail");
    spdlog::error("internal error on {} {}: {}", req->header().method().c_str(), std::string(req->header().path()),
                  it == e.fields.end() ? "" : it->second);
  }
  return Reply(req, status, app::ErrorToJson(e));
}

std::string CookieValue(const Req& req, std::string_view name) {
  auto header = req->header().opt_value_of(restinio::http_field::cookie);
  if (!header) return {};
  std::string_view all = *header;
  while (!all.empty()) {
    size_t end = all.find(';');
    std::string_view part = all.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    if (end == std::string_view::npos) break;
    all.remove_prefix(end + 1);
  }
  return {};
}

// A query string that cannot be read (a bad %-escape): answered 400 by the Auth wrapper.
struct MalformedQuery : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The query parameters. Lenient about characters browsers leave unescaped (",", "*", "(", "'", ...).
restinio::query_string_params_t QueryParams(const Req& req) {
  auto parsed = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(req->header().query());
  if (!parsed) throw MalformedQuery(parsed.error().description());
  return std::move(*parsed);
}

std::string ClientIp(const Req& req) {
  return req->remote_endpoint().address().to_string();
}

std::string Query(const restinio::query_string_params_t& qp, std::string_view key) {
  auto v = qp.get_param(key);
  return v ? std::string(*v) : std::string();
}

// The member list's filter as the query string gives it (the list and its export).
app::MemberListParams ListParams(const restinio::query_string_params_t& qp) {
  return app::MemberListParams{Query(qp, "org"),       Query(qp, "q"),       Query(qp, "status"),
                               Query(qp, "gender"),    Query(qp, "age_min"), Query(qp, "age_max"),
                               Query(qp, "ethnicity"), Query(qp, "limit"),   Query(qp, "cursor")};
}

bool IsWrite(const Req& req) {
  auto m = req->header().method();
  return m == restinio::http_method_post() || m == restinio::http_method_patch() || m == restinio::http_method_put() ||
         m == restinio::http_method_delete();
}

class Api final {
 public:
  Api(app::App& app, const ServerOptions& opts) : app_(app), opts_(opts) {}

  std::unique_ptr<Router> Routes() {
    auto r = std::make_unique<Router>();
    // The express router tries routes in order, one regular expression each: the busiest route first.
    r->http_get(R"(/api/v1/members/:id(\d{1,18}))", Auth([this](const Req& req, Params params, const Ctx& c) {
                  app::BranchLabel branch;
                  auto m = app_.GetMember(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])), &branch);
                  return m.ok() ? Reply(req, 200, app::MemberToJson(*m, branch)) : ReplyError(req, m.error());
                }));
    r->http_get("/api/v1/health", [](const Req& req, auto) { return Reply(req, 200, Json{{"status", "ok"}}); });
    r->http_get("/api/v1/openapi.json", [](const Req& req, auto) {
      auto resp = req->create_response();
      resp.append_header(restinio::http_field::content_type, kJsonType);
      resp.set_body(std::string(embedded::Find("src/http/openapi.json")));
      return resp.done();
    });
    r->http_post("/api/v1/auth/login", [this](const Req& req, auto) { return Login(req); });
    r->http_post("/api/v1/auth/logout", Auth([this](const Req& req, const Params&, const Ctx& c) {
                   (void)app_.Logout(c.token, c.caller);
                   return Reply(req, 204, Json(), {ClearCookie()});
                 }));
    r->http_get("/api/v1/auth/me", Auth([](const Req& req, const Params&, const Ctx& c) {
                  return Reply(req, 200, Json{{"user", app::AccountToJson(c.caller.account)}, {"csrf_token", c.csrf}});
                }));
    r->http_post("/api/v1/auth/password", Auth([this](const Req& req, const Params&, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   for (const auto& [k, v] : body->items()) {
                     if (k != "old_password" && k != "new_password")
                       return ReplyError(req, Error::Invalid(k, Msg::kUnknownField));
                     if (!v.is_string()) return ReplyError(req, Error::Invalid(k, Msg::kWrongType));
                   }
                   Status s =
                       app_.ChangePassword(c.caller, body->value("old_password", ""), body->value("new_password", ""));
                   return s.ok() ? Reply(req, 204, Json()) : ReplyError(req, s.error());
                 }));

    r->http_get("/api/v1/orgs", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  auto roots = app_.Roots(c.caller);
                  if (!roots.ok()) return ReplyError(req, roots.error());
                  return Reply(req, 200, Items(*roots));
                }));
    r->http_post("/api/v1/orgs", Auth([this](const Req& req, const Params&, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto org = app_.CreateOrg(c.caller, *body);
                   return org.ok() ? Reply(req, 201, app::OrgToJson(*org)) : ReplyError(req, org.error());
                 }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18}))", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const OrgId id(restinio::cast_to<int64_t>(params["id"]));
                  std::optional<Error> bad;
                  const auto as_of = AsOf(req, bad);
                  if (bad) return ReplyError(req, *bad);
                  auto v = as_of ? app_.GetOrgAsOf(c.caller, id, *as_of) : app_.GetOrg(c.caller, id);
                  return v.ok() ? Reply(req, 200, OrgView(*v)) : ReplyError(req, v.error());
                }));
    r->add_handler(restinio::http_method_patch(), R"(/api/v1/orgs/:id(\d{1,18}))",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     auto org = app_.UpdateOrg(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])), *body);
                     return org.ok() ? Reply(req, 200, app::OrgToJson(*org)) : ReplyError(req, org.error());
                   }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/stats)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.GetOrgStats(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])),
                                            Query(qp, "year"), Query(qp, "as_of"));
                  return v.ok() ? Reply(req, 200, app::OrgStatsToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/children)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const OrgId id(restinio::cast_to<int64_t>(params["id"]));
                  std::optional<Error> bad;
                  const auto as_of = AsOf(req, bad);
                  if (bad) return ReplyError(req, *bad);
                  auto v = as_of ? app_.ChildrenAsOf(c.caller, id, *as_of) : app_.Children(c.caller, id);
                  return v.ok() ? Reply(req, 200, Items(*v)) : ReplyError(req, v.error());
                }));
    // Restructuring: ?dry_run=1 previews the plan and the hand-over; ?dry_run=0 (default) applies it.
    r->http_post("/api/v1/orgs/restructure", Auth([this](const Req& req, const Params&, const Ctx& c) {
                   const auto qp = QueryParams(req);
                   std::optional<Error> bad;
                   const bool dry_run = Flag(qp, "dry_run", false, bad).value_or(false);
                   if (bad) return ReplyError(req, *bad);
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.Restructure(c.caller, *body, dry_run);
                   return v.ok() ? Reply(req, v->applied ? 201 : 200, app::RestructureOutcomeToJson(*v))
                                 : ReplyError(req, v.error());
                 }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/restructures)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.ListOrgEvents(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])));
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& e : *v) items.push_back(app::OrgEventToJson(e));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));

    r->http_get(
        "/api/v1/members", Auth([this](const Req& req, const Params&, const Ctx& c) {
          const auto qp = QueryParams(req);
          const app::MemberListParams p = ListParams(qp);
          auto list = app_.ListMembers(c.caller, p);
          if (!list.ok()) return ReplyError(req, list.error());
          Json items = Json::array();
          for (const auto& m : list->items) {
            auto b = list->branches.find(m.org_id.value);
            items.push_back(b == list->branches.end() ? app::MemberToJson(m) : app::MemberToJson(m, b->second));
          }
          Json out{{"items", std::move(items)}, {"next", list->next.empty() ? Json(nullptr) : Json(list->next)}};
          if (list->total) out["total"] = *list->total;
          return Reply(req, 200, out);
        }));
    r->http_get("/api/v1/members/export", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  app::ExportRequest er;
                  er.filter = ListParams(qp);  // limit and cursor are ignored by the export
                  er.format = Query(qp, "format");
                  er.layout = Query(qp, "layout");
                  auto f = app_.ExportMembers(&c.caller, er);
                  return f.ok() ? ReplyFile(req, *f) : ReplyError(req, f.error());
                }));
    r->http_get("/api/v1/members/import-template", Auth([this](const Req& req, const Params&, const Ctx&) {
                  auto f = app_.ImportTemplate();
                  return f.ok() ? ReplyFile(req, *f) : ReplyError(req, f.error());
                }));
    r->http_post(R"(/api/v1/orgs/:id(\d{1,18})/members/import)",
                 Auth([this](const Req& req, Params params, const Ctx& c) { return ImportMembers(req, params, c); }));
    r->http_post("/api/v1/members", Auth([this](const Req& req, const Params&, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   app::BranchLabel branch;
                   auto m = app_.CreateMember(c.caller, *body, &branch);
                   return m.ok() ? Reply(req, 201, app::MemberToJson(*m, branch)) : ReplyError(req, m.error());
                 }));
    r->add_handler(restinio::http_method_patch(), R"(/api/v1/members/:id(\d{1,18}))",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     app::BranchLabel branch;
                     auto m = app_.UpdateMember(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])), *body,
                                                &branch);
                     return m.ok() ? Reply(req, 200, app::MemberToJson(*m, branch)) : ReplyError(req, m.error());
                   }));
    r->http_get(R"(/api/v1/members/:id(\d{1,18})/dossier)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v =
                      app_.GetDossier(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])), Query(qp, "as_of"));
                  return v.ok() ? Reply(req, 200, app::DossierViewToJson(*v)) : ReplyError(req, v.error());
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/members/:id(\d{1,18})/dossier)",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     auto v = app_.UpdateDossier(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])), *body);
                     return v.ok() ? Reply(req, 201, app::DossierVersionToJson(*v, true)) : ReplyError(req, v.error());
                   }));
    for (const auto& route : {std::pair{R"(/api/v1/members/:id(\d{1,18})/sheet)", app::MemberForm::kSheet},
                              std::pair{R"(/api/v1/members/:id(\d{1,18})/cv)", app::MemberForm::kCv}}) {
      const app::MemberForm form = route.second;
      r->http_get(route.first, Auth([this, form](const Req& req, Params params, const Ctx& c) {
                    const auto qp = QueryParams(req);
                    auto f = app_.MemberFormPdf(&c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])),
                                                Query(qp, "as_of"), form);
                    return f.ok() ? ReplyFile(req, *f, /*inline_view=*/true) : ReplyError(req, f.error());
                  }));
    }
    // The member's photo: the file itself in and out (issue #4).
    r->http_get(R"(/api/v1/members/:id(\d{1,18})/photo)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto f = app_.GetMemberPhoto(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])));
                  return f.ok() ? ReplyPhoto(req, *f) : ReplyError(req, f.error());
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/members/:id(\d{1,18})/photo)",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     if (auto e = UploadTooLarge(req)) return ReplyError(req, *e);
                     auto p =
                         app_.SetMemberPhoto(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])), req->body());
                     return p.ok() ? Reply(req, 200, app::MemberPhotoToJson(*p)) : ReplyError(req, p.error());
                   }));
    r->add_handler(restinio::http_method_delete(), R"(/api/v1/members/:id(\d{1,18})/photo)",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     Status s = app_.DeleteMemberPhoto(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])));
                     return s.ok() ? Reply(req, 204, Json()) : ReplyError(req, s.error());
                   }));
    r->http_get(R"(/api/v1/members/:id(\d{1,18})/dossier/history)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.DossierHistory(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])));
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& x : *v) items.push_back(app::DossierVersionToJson(x, true));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));
    r->http_get(R"(/api/v1/members/:id(\d{1,18})/audit)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const int64_t id = restinio::cast_to<int64_t>(params["id"]);
                  auto m = app_.GetMember(c.caller, MemberId(id));  // scope check (and the read is audited)
                  if (!m.ok()) return ReplyError(req, m.error());
                  return AuditList(req, c, "member", id);
                }));

    r->http_post(R"(/api/v1/orgs/:id(\d{1,18})/supplements)", Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.OpenSupplement(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])), *body);
                   return v.ok() ? Reply(req, 201, app::SupplementCampaignToJson(*v)) : ReplyError(req, v.error());
                 }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/supplements)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.ListSupplements(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])));
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& x : *v) items.push_back(app::SupplementCampaignToJson(x));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));
    r->http_get(R"(/api/v1/supplements/:id(\d{1,18}))", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.GetSupplement(c.caller, restinio::cast_to<int64_t>(params["id"]), Query(qp, "org"));
                  return v.ok() ? Reply(req, 200, app::SupplementViewToJson(*v)) : ReplyError(req, v.error());
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/supplements/:id(\d{1,18})/members/:mid(\d{1,18}))",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     Status s = app_.RecordSupplement(c.caller, restinio::cast_to<int64_t>(params["id"]),
                                                      MemberId(restinio::cast_to<int64_t>(params["mid"])), *body);
                     return s.ok() ? Reply(req, 204, Json()) : ReplyError(req, s.error());
                   }));
    r->http_post(R"(/api/v1/supplements/:id(\d{1,18})/close)",
                 Auth([this](const Req& req, Params params, const Ctx& c) {
                   Status s = app_.CloseSupplement(c.caller, restinio::cast_to<int64_t>(params["id"]));
                   return s.ok() ? Reply(req, 204, Json()) : ReplyError(req, s.error());
                 }));
    // Annual rating (issue #6): campaigns, the member's form, the committee's decisions, downgrades, the report.
    r->http_post(R"(/api/v1/orgs/:id(\d{1,18})/ratings)", Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.OpenRating(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])), *body);
                   return v.ok() ? Reply(req, 201, app::RatingCampaignToJson(*v)) : ReplyError(req, v.error());
                 }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/ratings)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.ListRatings(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])));
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& x : *v) items.push_back(app::RatingCampaignToJson(x));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));
    r->http_get(
        R"(/api/v1/orgs/:id(\d{1,18})/rating-report)", Auth([this](const Req& req, Params params, const Ctx& c) {
          const auto qp = QueryParams(req);
          const OrgId org(restinio::cast_to<int64_t>(params["id"]));
          if (Query(qp, "format") == "xlsx") {
            auto f =
                app_.ExportRatingReport(c.caller, org, Query(qp, "year"), Query(qp, "quarter"), Query(qp, "as_of"));
            return f.ok() ? ReplyFile(req, *f) : ReplyError(req, f.error());
          }
          auto v = app_.GetRatingReport(c.caller, org, Query(qp, "year"), Query(qp, "quarter"), Query(qp, "as_of"));
          return v.ok() ? Reply(req, 200, app::RatingReportToJson(*v)) : ReplyError(req, v.error());
        }));
    r->http_get(R"(/api/v1/ratings/:id(\d{1,18}))", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.GetRatingBoard(c.caller, restinio::cast_to<int64_t>(params["id"]), Query(qp, "org"));
                  return v.ok() ? Reply(req, 200, app::RatingBoardToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/ratings/:id(\d{1,18})/branches/:bid(\d{1,18}))",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.GetRatingSheet(c.caller, restinio::cast_to<int64_t>(params["id"]),
                                               OrgId(restinio::cast_to<int64_t>(params["bid"])));
                  return v.ok() ? Reply(req, 200, app::RatingSheetToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/members/:id(\d{1,18})/ratings)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.MemberRatings(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])));
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& x : *v) items.push_back(app::MemberRatingCardToJson(x));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/ratings/:id(\d{1,18})/members/:mid(\d{1,18})/self)",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     auto v = app_.SelfAssess(c.caller, restinio::cast_to<int64_t>(params["id"]),
                                              MemberId(restinio::cast_to<int64_t>(params["mid"])), *body);
                     return v.ok() ? Reply(req, 200, app::MemberRatingToJson(*v)) : ReplyError(req, v.error());
                   }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/ratings/:id(\d{1,18})/members/:mid(\d{1,18})/proposal)",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     auto v = app_.ProposeRating(c.caller, restinio::cast_to<int64_t>(params["id"]),
                                                 MemberId(restinio::cast_to<int64_t>(params["mid"])), *body);
                     return v.ok() ? Reply(req, 200, app::MemberRatingToJson(*v)) : ReplyError(req, v.error());
                   }));
    r->http_post(R"(/api/v1/ratings/:id(\d{1,18})/decisions)",
                 Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.DecideRatings(c.caller, restinio::cast_to<int64_t>(params["id"]), *body);
                   return v.ok() ? Reply(req, 200, app::RatingDecisionToJson(*v)) : ReplyError(req, v.error());
                 }));
    r->http_post(R"(/api/v1/ratings/:id(\d{1,18})/members/:mid(\d{1,18})/downgrade)",
                 Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.DowngradeRating(c.caller, restinio::cast_to<int64_t>(params["id"]),
                                                 MemberId(restinio::cast_to<int64_t>(params["mid"])), *body);
                   return v.ok() ? Reply(req, 200, app::MemberRatingToJson(*v)) : ReplyError(req, v.error());
                 }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/ratings/:id(\d{1,18})/orgs/:oid(\d{1,18}))",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     auto v = app_.RateOrg(c.caller, restinio::cast_to<int64_t>(params["id"]),
                                           OrgId(restinio::cast_to<int64_t>(params["oid"])), *body);
                     return v.ok() ? Reply(req, 200, app::OrgRatingToJson(*v)) : ReplyError(req, v.error());
                   }));
    r->http_post(R"(/api/v1/ratings/:id(\d{1,18})/close)", Auth([this](const Req& req, Params params, const Ctx& c) {
                   Status s = app_.CloseRating(c.caller, restinio::cast_to<int64_t>(params["id"]));
                   return s.ok() ? Reply(req, 204, Json()) : ReplyError(req, s.error());
                 }));
    r->http_get(R"(/api/v1/ratings/:id(\d{1,18})/members/:mid(\d{1,18})/form)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto f = app_.RatingMemberDocument(c.caller, restinio::cast_to<int64_t>(params["id"]),
                                                     MemberId(restinio::cast_to<int64_t>(params["mid"])),
                                                     Query(qp, "format"));
                  return f.ok() ? ReplyFile(req, *f) : ReplyError(req, f.error());
                }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/rating-report/document)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto f = app_.RatingReportDocument(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])),
                                                     Query(qp, "year"), Query(qp, "quarter"), Query(qp, "format"));
                  return f.ok() ? ReplyFile(req, *f) : ReplyError(req, f.error());
                }));
    // ---- transfers (issue #7)
    r->http_post("/api/v1/transfers", Auth([this](const Req& req, const Params&, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.CreateTransfer(c.caller, *body);
                   return v.ok() ? Reply(req, 201, app::TransferToJson(*v, true)) : ReplyError(req, v.error());
                 }));
    r->http_get("/api/v1/transfers", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.ListTransfers(c.caller, Query(qp, "org"), Query(qp, "member_id"));
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& x : *v) items.push_back(app::TransferToJson(x, false));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));
    r->http_get(R"(/api/v1/transfers/:id(\d{1,18}))", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.GetTransfer(c.caller, restinio::cast_to<int64_t>(params["id"]));
                  return v.ok() ? Reply(req, 200, app::TransferToJson(*v, true)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/transfers/:id(\d{1,18})/letter.pdf)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto f = app_.TransferLetterPdf(c.caller, restinio::cast_to<int64_t>(params["id"]));
                  return f.ok() ? ReplyFile(req, *f, /*inline_view=*/true) : ReplyError(req, f.error());
                }));
    r->http_post(R"(/api/v1/transfers/:id(\d{1,18})/steps)", Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.RecordTransferStep(c.caller, restinio::cast_to<int64_t>(params["id"]), *body);
                   return v.ok() ? Reply(req, 201, app::TransferToJson(*v, true)) : ReplyError(req, v.error());
                 }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/transfers)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.GetTransferBoard(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])),
                                                 Query(qp, "state"));
                  return v.ok() ? Reply(req, 200, app::TransferBoardToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/transfer-book)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  const OrgId org(restinio::cast_to<int64_t>(params["id"]));
                  const std::string format = Query(qp, "format");
                  if (!format.empty() && format != "json") {
                    auto f = app_.TransferBookFile(c.caller, org, Query(qp, "year"), format);
                    return f.ok() ? ReplyFile(req, *f, /*inline_view=*/format == "pdf") : ReplyError(req, f.error());
                  }
                  auto v = app_.GetTransferBook(c.caller, org, Query(qp, "year"));
                  return v.ok() ? Reply(req, 200, app::TransferBookToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(
        R"(/api/v1/orgs/:id(\d{1,18})/temporary-members)", Auth([this](const Req& req, Params params, const Ctx& c) {
          auto v = app_.TemporaryMembers(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])));
          if (!v.ok()) return ReplyError(req, v.error());
          Json items = Json::array();
          for (const auto& t : *v) {
            items.push_back(
                {{"case_id", t.case_id},
                 {"member_id", t.member_id.value},
                 {"full_name", t.full_name},
                 {"from", {{"id", t.row.from_branch_id.value}, {"code", t.row.from_code}, {"name", t.row.from_name}}},
                 {"to", {{"id", t.row.to_branch_id.value}, {"code", t.row.to_code}, {"name", t.row.to_name}}},
                 {"until",
                  t.row.state.temporary_until ? Json(t.row.state.temporary_until->ToString()) : Json(nullptr)}});
          }
          return Reply(req, 200, Json{{"items", std::move(items)}});
        }));
    r->http_get("/api/v1/orgs/directory", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.OrgDirectory(c.caller, Query(qp, "q"));
                  return v.ok() ? Reply(req, 200, app::OrgDirectoryToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/members/:id(\d{1,18})/review)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  const MemberId id(restinio::cast_to<int64_t>(params["id"]));
                  auto v = app_.GetMemberReview(c.caller, id);
                  return v.ok() ? Reply(req, 200, app::MemberReviewToJson(id, *v)) : ReplyError(req, v.error());
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/members/:id(\d{1,18})/review)",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     const MemberId id(restinio::cast_to<int64_t>(params["id"]));
                     auto v = app_.SetMemberReview(c.caller, id, *body);
                     return v.ok() ? Reply(req, 200, app::MemberReviewToJson(id, *v)) : ReplyError(req, v.error());
                   }));
    // ---- admission (issue #5)
    r->http_post("/api/v1/admission/cases", Auth([this](const Req& req, const Params&, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.CreateAdmissionCase(c.caller, *body);
                   return v.ok() ? Reply(req, 201, app::AdmissionCaseToJson(*v, true)) : ReplyError(req, v.error());
                 }));
    r->http_get("/api/v1/admission/cases", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.ListAdmissionCases(c.caller, Query(qp, "org"), Query(qp, "stage"));
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& x : *v) items.push_back(app::AdmissionCaseToJson(x, false));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));
    r->http_get(R"(/api/v1/admission/cases/:id(\d{1,18}))", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.GetAdmissionCase(c.caller, restinio::cast_to<int64_t>(params["id"]));
                  return v.ok() ? Reply(req, 200, app::AdmissionCaseToJson(*v, true)) : ReplyError(req, v.error());
                }));
    r->add_handler(restinio::http_method_patch(), R"(/api/v1/admission/cases/:id(\d{1,18}))",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     auto v = app_.UpdateAdmissionCase(c.caller, restinio::cast_to<int64_t>(params["id"]), *body);
                     return v.ok() ? Reply(req, 200, app::AdmissionCaseToJson(*v, true)) : ReplyError(req, v.error());
                   }));
    r->http_post(R"(/api/v1/admission/cases/:id(\d{1,18})/steps)",
                 Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.RecordAdmissionStep(c.caller, restinio::cast_to<int64_t>(params["id"]), *body);
                   return v.ok() ? Reply(req, 201, app::AdmissionCaseToJson(*v, true)) : ReplyError(req, v.error());
                 }));
    r->http_get(R"(/api/v1/admission/cases/:id(\d{1,18})/audit)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  const int64_t id = restinio::cast_to<int64_t>(params["id"]);
                  auto v = app_.GetAdmissionCase(c.caller, id);  // scope check
                  if (!v.ok()) return ReplyError(req, v.error());
                  return AuditList(req, c, "admission_case", id);
                }));
    r->http_get(R"(/api/v1/admission/cases/:id(\d{1,18})/documents/:kind([a-z_]{1,40}))",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto f = app_.AdmissionDocument(c.caller, restinio::cast_to<int64_t>(params["id"]),
                                                  std::string(params["kind"]), Query(qp, "format"));
                  return f.ok() ? ReplyFile(req, *f) : ReplyError(req, f.error());
                }));
    r->http_get("/api/v1/admission/inbox", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.GetAdmissionInbox(c.caller, Query(qp, "org"));
                  return v.ok() ? Reply(req, 200, app::AdmissionInboxToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/admission-quotas)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.ListAdmissionQuotas(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])));
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& x : *v) items.push_back(app::AdmissionQuotaToJson(x));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/orgs/:id(\d{1,18})/admission-quotas)",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     auto v = app_.SetAdmissionQuota(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])), *body);
                     return v.ok() ? Reply(req, 200, app::AdmissionQuotaToJson(*v)) : ReplyError(req, v.error());
                   }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/admission-report)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  const OrgId org(restinio::cast_to<int64_t>(params["id"]));
                  if (Query(qp, "format") == "xlsx") {
                    auto f = app_.AdmissionReportXlsx(c.caller, org, Query(qp, "period"), Query(qp, "from"),
                                                      Query(qp, "to"), Query(qp, "as_of"));
                    return f.ok() ? ReplyFile(req, *f) : ReplyError(req, f.error());
                  }
                  auto v = app_.GetAdmissionReport(c.caller, org, Query(qp, "period"), Query(qp, "from"),
                                                   Query(qp, "to"), Query(qp, "as_of"));
                  return v.ok() ? Reply(req, 200, app::QuotaReportToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/competent-committee)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.GetCompetentCommittee(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])));
                  return v.ok() ? Reply(req, 200, app::CompetenceViewToJson(*v)) : ReplyError(req, v.error());
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/orgs/:id(\d{1,18})/competent-committee)",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     Status s =
                         app_.SetCompetentCommittee(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])), *body);
                     return s.ok() ? Reply(req, 204, Json()) : ReplyError(req, s.error());
                   }));
    r->http_get("/api/v1/admission/calendar", Auth([this](const Req& req, const Params&, const Ctx&) {
                  auto v = app_.GetWorkCalendar();
                  return v.ok() ? Reply(req, 200, app::WorkCalendarToJson(*v)) : ReplyError(req, v.error());
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/admission/calendar/:year(\d{4}))",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     Status s = app_.ReplaceCalendarYear(c.caller, restinio::cast_to<int>(params["year"]), *body);
                     return s.ok() ? Reply(req, 204, Json()) : ReplyError(req, s.error());
                   }));
    // ---- member events and the watchlist (issue #7)
    r->http_post(R"(/api/v1/members/:id(\d{1,18})/events)", Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto v = app_.RecordMemberEvent(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])), *body);
                   return v.ok() ? Reply(req, 201, app::MemberEventRecordedToJson(*v)) : ReplyError(req, v.error());
                 }));
    r->http_get(R"(/api/v1/members/:id(\d{1,18})/events)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.ListMemberEvents(c.caller, MemberId(restinio::cast_to<int64_t>(params["id"])));
                  return v.ok() ? Reply(req, 200, app::MemberEventsViewToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/member-events)",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  auto v = app_.GetMemberEventReport(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])),
                                                     Query(qp, "year"), Query(qp, "kind"));
                  return v.ok() ? Reply(req, 200, app::MemberEventReportToJson(*v)) : ReplyError(req, v.error());
                }));
    r->http_get(R"(/api/v1/orgs/:id(\d{1,18})/watchlist)", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.GetWatchlist(c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])));
                  return v.ok() ? Reply(req, 200, app::WatchlistToJson(*v)) : ReplyError(req, v.error());
                }));

    r->http_get("/api/v1/users", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  auto users = app_.ListUsers(c.caller);
                  if (!users.ok()) return ReplyError(req, users.error());
                  Json items = Json::array();
                  for (const auto& u : *users) items.push_back(app::AccountToJson(u));
                  return Reply(req, 200, Json{{"items", items}, {"next", nullptr}});
                }));
    r->http_post("/api/v1/users", Auth([this](const Req& req, const Params&, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   app::NewUser u;
                   for (const auto& [k, v] : body->items()) {
                     if (k == "org_id" || k == "member_id") {
                       if (!v.is_number_integer()) return ReplyError(req, Error::Invalid(k, Msg::kWrongType));
                       (k == "org_id" ? u.org_id : u.member_id) = v.get<int64_t>();
                       continue;
                     }
                     std::string* field = k == "login"          ? &u.login
                                          : k == "display_name" ? &u.display_name
                                          : k == "role"         ? &u.role
                                          : k == "org_code"     ? &u.org_code
                                          : k == "password"     ? &u.password
                                                                : nullptr;
                     if (!field) return ReplyError(req, Error::Invalid(k, Msg::kUnknownField));
                     if (!v.is_string()) return ReplyError(req, Error::Invalid(k, Msg::kWrongType));
                     *field = v.get<std::string>();
                   }
                   auto a = app_.CreateUser(&c.caller, u);
                   return a.ok() ? Reply(req, 201, app::AccountToJson(*a)) : ReplyError(req, a.error());
                 }));
    // Catalogs (danh mục): kinds, entries; administrators add, retire and delete entries.
    // ---- document templates (docs/decisions/0011-document-templates.md)
    r->http_get("/api/v1/document-templates", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  auto v = app_.ListDocTemplates(c.caller);
                  if (!v.ok()) return ReplyError(req, v.error());
                  Json items = Json::array();
                  for (const auto& t : *v) items.push_back(app::DocTemplateToJson(t, false));
                  return Reply(req, 200, Json{{"items", std::move(items)}});
                }));
    r->http_get(R"(/api/v1/document-templates/:key([a-z_]{1,64}))",
                Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto v = app_.GetDocTemplate(c.caller, std::string(params["key"]));
                  return v.ok() ? Reply(req, 200, app::DocTemplateToJson(*v, true)) : ReplyError(req, v.error());
                }));
    r->add_handler(restinio::http_method_put(), R"(/api/v1/document-templates/:key([a-z_]{1,64}))",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     auto v = app_.SaveDocTemplate(c.caller, std::string(params["key"]), *body);
                     return v.ok() ? Reply(req, 200, app::DocTemplateToJson(*v, true)) : ReplyError(req, v.error());
                   }));
    r->http_post(R"(/api/v1/document-templates/:key([a-z_]{1,64})/reset)",
                 Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto v = app_.ResetDocTemplate(c.caller, std::string(params["key"]));
                   return v.ok() ? Reply(req, 200, app::DocTemplateToJson(*v, true)) : ReplyError(req, v.error());
                 }));
    r->http_post(R"(/api/v1/document-templates/:key([a-z_]{1,64})/preview)",
                 Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = req->body().empty() ? Result<Json>(Json::object()) : Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   const auto qp = QueryParams(req);
                   auto f = app_.PreviewDocTemplate(c.caller, std::string(params["key"]), *body, Query(qp, "format"));
                   return f.ok() ? ReplyFile(req, *f, /*inline_view=*/true) : ReplyError(req, f.error());
                 }));
    r->http_get("/api/v1/catalogs", Auth([](const Req& req, const Params&, const Ctx&) {
                  Json items = Json::array();
                  for (const auto& k : CatalogKinds())
                    items.push_back(Json{{"kind", k.name}, {"label", Text(k.label)}});
                  return Reply(req, 200, Json{{"items", items}, {"next", nullptr}});
                }));
    r->http_post("/api/v1/catalogs/commune/import",
                 Auth([this](const Req& req, const Params&, const Ctx& c) { return ImportCommunes(req, c); }));
    r->http_get(R"(/api/v1/catalogs/:kind([a-z_0-9]{1,40}))", Auth([this](const Req& req, Params params, const Ctx& c) {
                  auto entries = app_.ListCatalog(c.caller, std::string(params["kind"]));
                  if (!entries.ok()) return ReplyError(req, entries.error());
                  Json items = Json::array();
                  for (const auto& e : *entries) items.push_back(app::CatalogEntryToJson(e));
                  return Reply(req, 200, Json{{"items", items}, {"next", nullptr}});
                }));
    r->http_post(R"(/api/v1/catalogs/:kind([a-z_0-9]{1,40}))",
                 Auth([this](const Req& req, Params params, const Ctx& c) {
                   auto body = Body(req);
                   if (!body.ok()) return ReplyError(req, body.error());
                   auto e = app_.AddCatalogEntry(c.caller, std::string(params["kind"]), *body);
                   return e.ok() ? Reply(req, 201, app::CatalogEntryToJson(*e)) : ReplyError(req, e.error());
                 }));
    r->add_handler(restinio::http_method_patch(),
                   R"(/api/v1/catalogs/:kind([a-z_0-9]{1,40})/:code([A-Za-z0-9._-]{1,20}))",
                   Auth([this](const Req& req, Params params, const Ctx& c) {
                     auto body = Body(req);
                     if (!body.ok()) return ReplyError(req, body.error());
                     for (const auto& [k, v] : body->items()) {
                       if (k != "retired") return ReplyError(req, Error::Invalid(k, Msg::kUnknownField));
                       if (!v.is_boolean()) return ReplyError(req, Error::Invalid(k, Msg::kWrongType));
                     }
                     if (!body->contains("retired")) return ReplyError(req, Error::Invalid("retired", Msg::kRequired));
                     auto e = app_.SetCatalogEntryRetired(c.caller, std::string(params["kind"]),
                                                          std::string(params["code"]), (*body)["retired"].get<bool>());
                     return e.ok() ? Reply(req, 200, app::CatalogEntryToJson(*e)) : ReplyError(req, e.error());
                   }));
    r->add_handler(
        restinio::http_method_delete(), R"(/api/v1/catalogs/:kind([a-z_0-9]{1,40})/:code([A-Za-z0-9._-]{1,20}))",
        Auth([this](const Req& req, Params params, const Ctx& c) {
          Status s = app_.DeleteCatalogEntry(c.caller, std::string(params["kind"]), std::string(params["code"]));
          return s.ok() ? Reply(req, 204, Json()) : ReplyError(req, s.error());
        }));

    r->http_get("/api/v1/audit", Auth([this](const Req& req, const Params&, const Ctx& c) {
                  const auto qp = QueryParams(req);
                  int64_t id = 0;
                  std::string id_text = Query(qp, "entity_id");
                  if (!id_text.empty()) {
                    try {
                      id = std::stoll(id_text);
                    } catch (...) {
                      return ReplyError(req, Error::Invalid("entity_id", Msg::kBadId));
                    }
                  }
                  return AuditList(req, c, Query(qp, "entity"), id);
                }));

    r->non_matched_request_handler([this](const Req& req) { return NotMatched(req); });
    return r;
  }

 private:
  struct Ctx {
    app::Caller caller;
    std::string csrf;
    std::string token;
  };

  // Wraps a handler with authentication and the CSRF check on writes.
  using Handler = std::function<Handling(const Req&, restinio::router::route_params_t)>;

  template <typename Fn>
  Handler Auth(Fn fn) {
    return [this, fn](const Req& req, restinio::router::route_params_t params) -> Handling {
      std::string token = CookieValue(req, kSessionCookie);
      auto session = app_.Authenticate(token);
      if (!session.ok()) return ReplyError(req, session.error());
      if (IsWrite(req)) {
        auto sent = req->header().opt_value_of("X-CSRF-Token");
        if (!sent || *sent != session->csrf_token) return ReplyError(req, Error::Forbidden(Msg::kCsrf));
      }
      Ctx ctx{app::Caller{session->account, ClientIp(req)}, session->csrf_token, token};
      try {
        return fn(req, std::move(params), ctx);
      } catch (const MalformedQuery&) {
        return ReplyError(req, Error::Malformed("query", Msg::kMalformedQuery));
      } catch (const std::exception& e) {
        return ReplyError(req, Error::Internal(e.what()));
      }
    };
  }

  Result<Json> Body(const Req& req) {
    if (req->body().size() > opts_.max_body_bytes) {
      Error e;
      e.code = ErrorCode::kPayloadTooLarge;
      e.message = Text(Msg::kBodyTooLarge);
      return e;
    }
    return app::ParseObject(req->body());
  }

  // An upload over the limit: 413 with the limit in the message.
  std::optional<Error> UploadTooLarge(const Req& req) const {
    if (req->body().size() <= opts_.max_upload_bytes) return std::nullopt;
    Error e = Error::Invalid("file", Format(Msg::kFileTooLarge, opts_.max_upload_bytes >> 20));
    e.code = ErrorCode::kPayloadTooLarge;
    return e;
  }

  // A 0/1 flag of the query string; nullopt (and `bad` set) when it is something else.
  static std::optional<bool> Flag(const restinio::query_string_params_t& qp, const char* name, bool dflt,
                                  std::optional<Error>& bad) {
    const std::string v = Query(qp, name);
    if (v.empty()) return dflt;
    if (v == "0" || v == "1") return v == "1";
    bad = Error::Invalid(name, Msg::kWrongType);
    return std::nullopt;
  }

  // The body is the file itself (.xlsx or CSV). ?dry_run=1 (default) previews; ?dry_run=0 applies.
  Handling ImportMembers(const Req& req, const Params& params, const Ctx& c) {
    if (auto e = UploadTooLarge(req)) return ReplyError(req, *e);
    const auto qp = QueryParams(req);
    std::optional<Error> bad;
    app::ImportOptions opt;
    opt.dry_run = Flag(qp, "dry_run", true, bad).value_or(true);
    opt.skip_invalid = Flag(qp, "skip_invalid", false, bad).value_or(false);
    if (bad) return ReplyError(req, *bad);
    auto r = app_.ImportMembers(&c.caller, OrgId(restinio::cast_to<int64_t>(params["id"])), req->body(), opt);
    if (!r.ok()) return ReplyError(req, r.error());
    if (r->refusal) return ReplyError(req, *r->refusal);
    return Reply(req, r->applied ? 201 : 200, app::ImportReportToJson(*r));
  }

  // The official list of commune-level units; ?dry_run=1 (default) previews, ?retire_missing=1 retires
  // the units the file no longer lists.
  Handling ImportCommunes(const Req& req, const Ctx& c) {
    if (auto e = UploadTooLarge(req)) return ReplyError(req, *e);
    const auto qp = QueryParams(req);
    std::optional<Error> bad;
    app::CommuneImportOptions opt;
    opt.dry_run = Flag(qp, "dry_run", true, bad).value_or(true);
    opt.retire_missing = Flag(qp, "retire_missing", false, bad).value_or(false);
    if (bad) return ReplyError(req, *bad);
    auto r = app_.ImportCommunes(&c.caller, req->body(), opt);
    if (!r.ok()) return ReplyError(req, r.error());
    if (r->refusal) return ReplyError(req, *r->refusal);
    return Reply(req, 200, app::CommuneImportReportToJson(*r));
  }

  Handling Login(const Req& req) {
    auto body = Body(req);
    if (!body.ok()) return ReplyError(req, body.error());
    for (const auto& [k, v] : body->items()) {
      if (k != "login" && k != "password") return ReplyError(req, Error::Invalid(k, Msg::kUnknownField));
      if (!v.is_string()) return ReplyError(req, Error::Invalid(k, Msg::kWrongType));
    }
    FieldErrors missing;
    for (const char* f : {"login", "password"}) {
      if (!body->contains(f)) missing.Add(f, Msg::kRequired);
    }
    if (!missing.empty()) return ReplyError(req, missing.ToError());
    auto r = app_.Login((*body)["login"].get<std::string>(), (*body)["password"].get<std::string>(), ClientIp(req));
    if (!r.ok()) return ReplyError(req, r.error());
    std::string cookie = std::string(kSessionCookie) + "=" + r->token + "; Path=/; HttpOnly; SameSite=Strict";
    if (opts_.secure_cookies) cookie += "; Secure";
    return Reply(req, 200, Json{{"user", app::AccountToJson(r->account)}, {"csrf_token", r->csrf_token}}, {cookie});
  }

  std::string ClearCookie() const {
    return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  }

  Handling AuditList(const Req& req, const Ctx& c, const std::string& entity, int64_t id) {
    const auto qp = QueryParams(req);
    int64_t before = 0;
    int64_t limit = 50;
    try {
      if (auto v = Query(qp, "before"); !v.empty()) before = std::stoll(v);
      if (auto v = Query(qp, "limit"); !v.empty()) limit = std::stoll(v);
    } catch (...) {
      return ReplyError(req, Error::Invalid("limit", Msg::kWrongType));
    }
    auto list = app_.ListAudit(c.caller, entity, id, before, static_cast<int>(limit));
    if (!list.ok()) return ReplyError(req, list.error());
    Json items = Json::array();
    for (const auto& e : *list) items.push_back(app::AuditToJson(e));
    Json next = list->size() == static_cast<size_t>(limit) ? Json(std::to_string(list->back().id)) : Json(nullptr);
    return Reply(req, 200, Json{{"items", items}, {"next", next}});
  }

  // ?as_of=YYYY-MM-DD: nullopt when absent; `bad` set when unreadable.
  static std::optional<Date> AsOf(const Req& req, std::optional<Error>& bad) {
    const std::string v = Query(QueryParams(req), "as_of");
    if (v.empty()) return std::nullopt;
    auto d = Date::Parse(v);
    if (!d) bad = Error::Invalid("as_of", Msg::kInvalidDate);
    return d;
  }

  static Json OrgView(const app::OrgView& v) {
    Json j = app::OrgToJson(v.org);
    j["counts"] = app::CountsToJson(v.counts);
    j["has_children"] = v.has_children;
    return j;
  }

  static Json Items(const std::vector<app::OrgView>& views) {
    Json items = Json::array();
    for (const auto& v : views) items.push_back(OrgView(v));
    return Json{{"items", items}, {"next", nullptr}};
  }

  Handling NotMatched(const Req& req) {
    std::string path(req->header().path());
    if (path.rfind("/api/", 0) == 0) return ReplyError(req, Error::NotFound(Msg::kRouteNotFound));
    if (req->header().method() != restinio::http_method_get() &&
        req->header().method() != restinio::http_method_head()) {
      Error e = Error::NotFound(Msg::kMethodNotAllowed);
      return Reply(req, 405, app::ErrorToJson(e));
    }
    return StaticFile(req, path);
  }

  Handling StaticFile(const Req& req, const std::string& path) {
    namespace fs = std::filesystem;
    if (opts_.web_root.empty() || path.find("..") != std::string::npos) {
      return Reply(req, 404, app::ErrorToJson(Error::NotFound()));
    }
    fs::path file = fs::path(opts_.web_root) / path.substr(1);
    std::error_code ec;
    if (path == "/" || !fs::is_regular_file(file, ec)) file = fs::path(opts_.web_root) / "index.html";  // SPA routes
    if (!fs::is_regular_file(file, ec)) {
      auto resp = req->create_response();
      resp.append_header(restinio::http_field::content_type, "text/html; charset=utf-8");
      SecurityHeaders(resp);
      resp.set_body(
          "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>TCXD</title>"
          "<p>Máy chủ TCXD đang chạy. Giao diện web chưa được dựng; API ở <code>/api/v1/</code>.</p></html>");
      return resp.done();
    }
    std::string ext = file.extension().string();
    const char* type = ext == ".html"    ? "text/html; charset=utf-8"
                       : ext == ".js"    ? "text/javascript; charset=utf-8"
                       : ext == ".css"   ? "text/css; charset=utf-8"
                       : ext == ".svg"   ? "image/svg+xml"
                       : ext == ".png"   ? "image/png"
                       : ext == ".json"  ? "application/json"
                       : ext == ".woff2" ? "font/woff2"
                                         : "application/octet-stream";
    auto resp = req->create_response();
    resp.append_header(restinio::http_field::content_type, type);
    resp.append_header(restinio::http_field::cache_control,
                       ext == ".html" ? "no-cache" : "public, max-age=31536000, immutable");
    SecurityHeaders(resp);
    resp.set_body(restinio::sendfile(file.string()));
    return resp.done();
  }

  app::App& app_;
  const ServerOptions& opts_;
};

extern "C" void ForwardTermToInt(int) {
  std::raise(SIGINT);
}

}  // namespace

int ErrorStatus(const Error& e) {
  switch (e.code) {
    case ErrorCode::kInvalid:
      return e.malformed ? 400 : 422;
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

int Serve(app::App& app, const ServerOptions& options) {
  struct Traits : public restinio::default_traits_t {
    using request_handler_t = Router;
  };
  Api api(app, options);
  std::signal(SIGTERM, ForwardTermToInt);
  // A client that closes its connection while a static file is sent by sendfile(2) raises SIGPIPE, which
  // would end the process: the write fails with EPIPE instead, and only that connection is closed.
  std::signal(SIGPIPE, SIG_IGN);
  spdlog::info("TCXD đang phục vụ tại http://{}:{}/ ({} luồng)", options.address, options.port, options.threads);
  // Bodies above the upload limit (and up to twice it) are read and refused with a message; larger ones
  // close the connection (the web app checks the file size before sending).
  const auto limits = restinio::incoming_http_msg_limits_t{}.max_body_size(
      std::max(options.max_body_bytes * 8, options.max_upload_bytes * 2));
  if (options.threads <= 1) {  // one thread: no strands nor locks in the I/O layer
    struct SingleThreadTraits : public restinio::default_single_thread_traits_t {
      using request_handler_t = Router;
    };
    restinio::run(restinio::on_this_thread<SingleThreadTraits>()
                      .address(options.address)
                      .port(options.port)
                      .request_handler(api.Routes())
                      .incoming_http_msg_limits(limits)
                      .max_pipelined_requests(16));
  } else {
    restinio::run(restinio::on_thread_pool<Traits>(options.threads)
                      .address(options.address)
                      .port(options.port)
                      .request_handler(api.Routes())
                      .incoming_http_msg_limits(limits)
                      .max_pipelined_requests(16));
  }
  app.FlushReadAudit();
  return 0;
}

}  // namespace http
}  // namespace tcxd
