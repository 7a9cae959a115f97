#include "app/service.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <spdlog/spdlog.h>

#include "text/unicode.h"

namespace tcxd::app {
namespace {

constexpr int kMaxPageSize = 500;
constexpr int kDefaultPageSize = 50;

bool ParseInt(const std::string& s, int64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    if (__builtin_mul_overflow(out, 10, &out) || __builtin_add_overflow(out, c - '0', &out)) return false;
  }
  return true;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

int64_t SystemClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

App::App(store::Store& store, const RuleSet& rules, Clock clock)
    : store_(store), rules_(rules), clock_(std::move(clock)) {
  // Access entries are written in small batches (docs/decisions/0006-access-log.md): by the request that
  // fills a batch of kAccessBatch, and by this thread every 50 ms when fewer arrive.
  // It also checkpoints the SQLite WAL every second, so that no request waits for the file sync of a
  // checkpoint (decision 0003).
  store_.UseBackgroundCheckpoints();
  SeedCatalogs();
  SeedCalendar();
  audit_flusher_ = std::thread([this] {
    constexpr auto kFlushEvery = std::chrono::milliseconds(50);
    constexpr auto kCheckpointEvery = std::chrono::seconds(1);
    constexpr auto kIndexEvery = std::chrono::minutes(5);
    constexpr auto kLedgerReviewEvery = std::chrono::hours(1);
    auto next_checkpoint = std::chrono::steady_clock::now() + kCheckpointEvery;
    auto next_index = std::chrono::steady_clock::now() + kIndexEvery;
    auto next_review = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    std::unique_lock lock(audit_mu_);
    while (!stopping_) {
      audit_cv_.wait_for(lock, kFlushEvery);
      lock.unlock();
      FlushReadAudit();
      if (std::chrono::steady_clock::now() >= next_checkpoint) {
        next_checkpoint = std::chrono::steady_clock::now() + kCheckpointEvery;
        store_.Checkpoint();
      }
      if (std::chrono::steady_clock::now() >= next_index) {
        next_index = std::chrono::steady_clock::now() + kIndexEvery;
        (void)store_.Write([](store::Tx& tx) {
          tx.IndexAccessLog();
          return Status::Ok();
        });
      }
      if (std::chrono::steady_clock::now() >= next_review) {
        next_review = std::chrono::steady_clock::now() + kLedgerReviewEvery;
        ReviewCountLogs();
      }
      lock.lock();
    }
  });
}

App::~App() {
  {
    std::lock_guard lock(audit_mu_);
    stopping_ = true;
  }
  audit_cv_.notify_all();
  audit_flusher_.join();
  FlushReadAudit();
}

size_t App::ReviewCountLogs() {
  // The sizes are read in a read transaction (a pass over the register); a write only when one is due.
  std::vector<OrgId> due;
  (void)store_.Read([&](store::Tx& tx) {
    due = tx.CountLogCandidates(ledger_members_);
    return Status::Ok();
  });
  size_t built = 0;
  for (OrgId org : due) {
    const auto t0 = std::chrono::steady_clock::now();
    Status s = store_.Write([&](store::Tx& tx) {
      tx.BuildCountLog(org);
      return Status::Ok();
    });
    if (!s.ok()) {
      spdlog::warn("Không lập được sổ đếm của tổ chức {}: {}", org.value, s.error().message);
      continue;
    }
    ++built;
    spdlog::info("Đã lập sổ đếm của tổ chức {} ({} ms)", org.value,
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
  }
  return built;
}

Date App::Today() const {
  return Date::FromDays((clock_() / 1000 + int64_t{7} * 3600) / 86400);
}

store::AuditEntry App::Audit(const Caller* caller, std::string action, std::string entity, int64_t id,
                             std::string org_path) const {
  store::AuditEntry e;
  e.at_ms = clock_();
  if (caller) {
    e.user_id = caller->account.id;
    e.login = caller->account.login;
    e.ip = caller->ip;
  } else {
    e.login = "(dòng lệnh)";
  }
  e.action = std::move(action);
  e.entity = std::move(entity);
  e.entity_id = id;
  e.org_path = std::move(org_path);
  return e;
}

void App::BufferReadAudit(store::AuditEntry e) {
  e.access = true;
  bool full = false;
  {
    std::lock_guard lock(audit_mu_);
    read_audit_.push_back(std::move(e));
    full = read_audit_.size() >= kAccessBatch;
  }
  // A full batch is written by the request that filled it, unless another thread is writing one: the
  // cost (~0.3 ms) falls on one request in kAccessBatch instead of a pause of the whole server.
  if (full) WriteAccessBatch(/*wait=*/false);
}

void App::FlushReadAudit() {
  WriteAccessBatch(/*wait=*/true);
}

void App::WriteAccessBatch(bool wait) {
  std::unique_lock writing(audit_write_mu_, std::defer_lock);
  if (wait) {
    writing.lock();
  } else if (!writing.try_lock()) {
    return;
  }
  std::vector<store::AuditEntry> batch;
  {
    std::lock_guard lock(audit_mu_);
    batch.swap(read_audit_);
  }
  if (batch.empty()) return;
  (void)store_.Write([&](store::Tx& tx) {
    for (const auto& e : batch) tx.AppendAudit(e);
    return Status::Ok();
  });
}

// ======================================================================= organizations

Result<std::vector<OrgView>> App::Roots(const Caller& caller) {
  std::vector<OrgView> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    std::vector<Organization> orgs;
    if (caller.account.role == Role::kAdmin) {
      orgs = tx.Children(OrgId());
    } else if (caller.account.role != Role::kMember) {
      if (auto o = tx.GetOrg(caller.account.org_id)) orgs.push_back(*o);
    }
    for (auto& o : orgs) {
      OrgView v{o, tx.Counts(o.id), !tx.Children(o.id).empty()};
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

Result<OrgView> App::GetOrg(const Caller& caller, OrgId id) {
  std::optional<OrgView> view;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    auto o = tx.GetOrg(id);
    if (o && CanSeeOrg(caller.account, o->path)) view = OrgView{*o, tx.Counts(id), !tx.Children(id).empty()};
    return Status::Ok();
  }));
  if (!view) {
    BufferReadAudit(Audit(&caller, "org.read_denied", "org", id.value, caller.account.org_path));
    return Error::NotFound();
  }
  return *view;
}

Result<OrgStats> App::GetOrgStats(const Caller& caller, OrgId id, std::string_view year_text,
                                  std::string_view as_of_text) {
  OrgStats stats;
  stats.as_of = Today();
  const bool past = !as_of_text.empty();
  if (past) {
    auto d = Date::Parse(as_of_text);
    if (!d) return Error::Invalid("as_of", Msg::kInvalidDate);
    if (*d > stats.as_of) return Error::Invalid("as_of", Msg::kDateInFuture);
    stats.as_of = *d;
  }
  stats.year = stats.as_of.year();
  if (!year_text.empty()) {
    int y = 0;
    auto [ptr, ec] = std::from_chars(year_text.data(), year_text.data() + year_text.size(), y);
    if (ec != std::errc() || ptr != year_text.data() + year_text.size() || y < 1930 || y > stats.as_of.year() + 1) {
      return Error::Invalid("year", Msg::kYearInvalid);
    }
    stats.year = y;
  }
  auto bands = AgeBands(rules_, stats.as_of);
  if (!bands.ok()) return bands.error();
  std::vector<std::pair<std::optional<Date>, std::optional<Date>>> ranges;
  for (const auto& b : *bands) {
    DateRange r = BirthDatesForAges(b.min, b.max, stats.as_of);
    ranges.emplace_back(r.from, r.to);
  }
  bool visible = false;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    auto o = tx.GetOrg(id);
    visible = o && CanSeeOrg(caller.account, o->path);
    if (!visible) return Status::Ok();
    stats.org = *o;
    const Date year_from(stats.year, 1, 1), year_to(stats.year, 12, 31);
    store::SubtreeFacts facts;
    if (past) {
      facts = tx.CountSubtreeAsOf(id, stats.as_of, year_from, std::min(year_to, stats.as_of), ranges, &stats.counts);
    } else {
      stats.counts = tx.Counts(id);
      facts = tx.CountSubtree(*o, year_from, year_to, ranges);
    }
    stats.admitted_in_year = facts.admitted_in_year;
    for (size_t i = 0; i < bands->size(); ++i) stats.age_bands.emplace_back((*bands)[i], facts.in_band[i]);
    return Status::Ok();
  }));
  if (!visible) {
    BufferReadAudit(Audit(&caller, "org.read_denied", "org", id.value, caller.account.org_path));
    return Error::NotFound();
  }
  return stats;
}

Result<std::vector<OrgView>> App::Children(const Caller& caller, OrgId id) {
  std::vector<OrgView> out;
  bool visible = false;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    auto o = tx.GetOrg(id);
    visible = o && CanSeeOrg(caller.account, o->path);
    if (!visible) return Status::Ok();
    const Date today = Today();
    for (auto& c : tx.Children(id)) {
      if (c.dissolved_on && *c.dissolved_on <= today) continue;  // dissolved: see the tree "as of" a date
      bool has_children = !HoldsMembers(c.kind) && !tx.Children(c.id).empty();
      out.push_back(OrgView{c, tx.Counts(c.id), has_children});
    }
    return Status::Ok();
  }));
  if (!visible) return Error::NotFound();
  return out;
}

Result<Organization> App::CreateOrg(const Caller& caller, const Json& body) {
  Organization org;
  TCXD_RETURN_IF_ERROR(ApplyOrgJson(body, org));
  if (!body.contains("kind")) return Error::Invalid("kind", Msg::kRequired);
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    std::optional<Organization> parent;
    if (org.parent_id.valid()) {
      parent = tx.GetOrg(org.parent_id);
      if (!parent || !CanSeeOrg(caller.account, parent->path)) return Error::Invalid("parent_id", Msg::kNotFound);
      if (!CanWriteOrgs(caller.account, parent->path)) return Error::Forbidden();
    } else if (caller.account.role != Role::kAdmin) {
      return Error::Invalid("parent_id", Msg::kRequired);
    }
    TCXD_RETURN_IF_ERROR(ValidateOrg(org, parent ? &*parent : nullptr));
    auto id = tx.InsertOrg(org, parent ? &*parent : nullptr);
    if (!id.ok()) return id.error();
    auto e = Audit(&caller, "org.create", "org", org.id.value, org.path);
    e.after_json = OrgToJson(org).dump();
    tx.AppendAudit(e);
    return Status::Ok();
  });
  if (!s.ok()) return s.error();
  return org;
}

Result<Organization> App::UpdateOrg(const Caller& caller, OrgId id, const Json& body) {
  Organization after;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto before = tx.GetOrg(id);
    if (!before || !CanSeeOrg(caller.account, before->path)) return Error::NotFound();
    if (!CanWriteOrgs(caller.account, before->path)) return Error::Forbidden();
    after = *before;
    TCXD_RETURN_IF_ERROR(ApplyOrgJson(body, after));
    if (body.contains("version") && body["version"].get<int>() != before->version) {
      return Error::Conflict("version", Msg::kConflictVersion);
    }
    std::optional<Organization> parent;
    if (after.parent_id.valid()) parent = tx.GetOrg(after.parent_id);
    if (after.parent_id.valid() && !parent) return Error::Invalid("parent_id", Msg::kNotFound);
    if (after.parent_id != before->parent_id) {
      if (!parent) return Error::Invalid("parent_id", Msg::kOrgRootKind);
      if (!CanWriteOrgs(caller.account, parent->path)) return Error::Invalid("parent_id", Msg::kOrgOutsideScope);
      TCXD_RETURN_IF_ERROR(ValidateMove(after, *parent));
    }
    TCXD_RETURN_IF_ERROR(ValidateOrg(after, parent ? &*parent : nullptr));
    if (after.kind != before->kind) {
      for (const auto& child : tx.Children(id)) {
        if (!CanContain(after.kind, child.kind)) return Error::Invalid("kind", Msg::kOrgKindChangeWithChildren);
      }
      if (HoldsMembers(before->kind) && !HoldsMembers(after.kind) && tx.Counts(id).Counted() > 0) {
        return Error::Invalid("kind", Msg::kOrgKindChangeWithChildren);
      }
    }
    TCXD_RETURN_IF_ERROR(tx.UpdateOrg(after));
    if (after.parent_id != before->parent_id) tx.MoveOrg(*before, *parent);
    after = *tx.GetOrg(id);
    auto e = Audit(&caller, "org.update", "org", id.value, after.path);
    e.before_json = OrgToJson(*before).dump();
    e.after_json = OrgToJson(after).dump();
    tx.AppendAudit(e);
    return Status::Ok();
  });
  if (!s.ok()) return s.error();
  return after;
}

// ======================================================================= members

Result<store::MemberQuery> App::ParseMemberList(const Caller& caller, const MemberListParams& p, int64_t& org_id) {
  store::MemberQuery q;
  FieldErrors errors;
  org_id = caller.account.org_id.value;
  if (!p.org.empty() && !ParseInt(p.org, org_id)) errors.Add("org", Msg::kBadId);
  int64_t limit = kDefaultPageSize;
  if (!p.limit.empty() && (!ParseInt(p.limit, limit) || limit < 1 || limit > kMaxPageSize)) {
    errors.Add("limit", Format(Msg::kLimitRange, kMaxPageSize));
  }
  q.limit = static_cast<int>(limit);
  if (!p.cursor.empty() && !ParseInt(p.cursor, q.after_rank)) errors.Add("cursor", Msg::kCursorInvalid);
  for (const auto& s : SplitComma(p.status)) {
    auto st = ParseMemberStatus(s);
    if (!st) {
      errors.Add("status", Format(Msg::kBadEnum, MemberStatusNames()));
    } else {
      q.statuses.push_back(*st);
    }
  }
  if (!p.gender.empty()) {
    q.gender = ParseGender(p.gender);
    if (!q.gender) errors.Add("gender", Msg::kGenderInvalid);
  }
  // Ages in full years on today, as a birth-date range (the same computation as the dashboard's bands).
  std::optional<int> age_min;
  std::optional<int> age_max;
  int64_t age = 0;
  if (!p.age_min.empty()) {
    if (!ParseInt(p.age_min, age) || age > 150) {
      errors.Add("age_min", Msg::kWrongType);
    } else {
      age_min = static_cast<int>(age);
    }
  }
  if (!p.age_max.empty()) {
    if (!ParseInt(p.age_max, age) || age > 150) {
      errors.Add("age_max", Msg::kWrongType);
    } else {
      age_max = static_cast<int>(age);
    }
  }
  if (age_min || age_max) {
    const DateRange born = BirthDatesForAges(age_min, age_max, Today());
    q.born_from = born.from;
    q.born_to = born.to;
  }
  if (text::CodePointCount(p.q) > 100) errors.Add("q", Format(Msg::kTooLong, 100));
  if (!text::IsValidUtf8(p.q)) errors.Add("q", Msg::kNotUtf8);
  if (!errors.empty()) return errors.ToError();
  q.q = p.q;
  q.ethnicity = text::CleanText(p.ethnicity);
  if (!q.ethnicity.empty()) {
    // Any spelling of a catalog entry ("khmer", "Khơ Me") filters by the entry's name.
    TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
      CatalogMatcher matcher(tx.ListCatalog("ethnicity"));
      if (const auto* e = matcher.Find(q.ethnicity, /*include_retired=*/true)) q.ethnicity = e->name;
      return Status::Ok();
    }));
  }

  return q;
}

Result<MemberList> App::ListMembers(const Caller& caller, const MemberListParams& p) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  int64_t org_id = 0;
  auto parsed = ParseMemberList(caller, p, org_id);
  if (!parsed.ok()) return parsed.error();
  store::MemberQuery& q = *parsed;
  MemberList out;
  bool visible = false;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    auto org = org_id > 0 ? tx.GetOrg(OrgId(org_id)) : std::nullopt;
    visible = org && CanSeeOrg(caller.account, org->path);
    if (!visible) return Status::Ok();
    q.subtree = *org;
    auto page = tx.ListMembers(q);
    out.items = std::move(page.items);
    for (const auto& m : out.items) {
      if (out.branches.count(m.org_id.value) != 0) continue;
      auto b = tx.GetOrg(m.org_id);
      if (b) out.branches[m.org_id.value] = BranchLabel{b->code, b->name};
    }
    if (page.next) out.next = std::to_string(*page.next);
    out.plan = page.plan;
    if (q.q.empty() && !q.gender && !q.born_from && !q.born_to && q.ethnicity.empty()) {
      auto counts = tx.Counts(org->id);
      int64_t total = 0;
      for (int i = 0; i < kMemberStatusCount; ++i) {
        bool wanted = q.statuses.empty();
        for (auto s : q.statuses) wanted = wanted || static_cast<int>(s) == i;
        if (wanted) total += counts.by_status[static_cast<size_t>(i)];
      }
      out.total = total;
    }
    return Status::Ok();
  }));
  if (!visible) return Error::Invalid("org", Msg::kOrgOutsideScope);
  return out;
}

Result<Member> App::GetMember(const Caller& caller, MemberId id, BranchLabel* branch) {
  std::optional<Member> m;
  std::string path;
  TCXD_RETURN_IF_ERROR(store_.ReadStatement([&](store::Tx& tx) {
    auto found = tx.GetMemberWithPath(id);
    if (found && CanSeeMember(caller.account, id, found->path)) {
      m = std::move(found->member);
      path = std::move(found->path);
      if (branch != nullptr) *branch = BranchLabel{found->branch_code, found->branch_name};
    }
    return Status::Ok();
  }));
  if (!m) {
    BufferReadAudit(Audit(&caller, "member.read_denied", "member", id.value, caller.account.org_path));
    return Error::NotFound();
  }
  if (caller.account.member_id != id) BufferReadAudit(Audit(&caller, "member.read", "member", id.value, path));
  return *m;
}

Status App::CheckMemberPlacement(store::Tx& tx, const Caller& caller, const Member& m, Organization& org) {
  if (!m.org_id.valid()) return Error::Invalid("org_id", Msg::kRequired);
  auto o = tx.GetOrg(m.org_id);
  if (!o || !CanSeeOrg(caller.account, o->path)) return Error::Invalid("org_id", Msg::kOrgOutsideScope);
  if (!CanWriteMembers(caller.account, o->path)) return Error::Forbidden();
  if (!HoldsMembers(o->kind)) return Error::Invalid("org_id", Msg::kMemberOrgNotBranch);
  if (o->dissolved_on && *o->dissolved_on <= Today()) return Error::Invalid("org_id", Msg::kOrgDissolved);
  org = *o;
  return Status::Ok();
}

Result<Member> App::CreateMember(const Caller& caller, const Json& body, BranchLabel* branch) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  Member m;
  TCXD_RETURN_IF_ERROR(ApplyMemberJson(body, m, nullptr));
  FieldErrors missing;
  for (const char* f : {"org_id", "full_name", "gender", "birth_date", "status"}) {
    if (!body.contains(f)) missing.Add(f, Msg::kRequired);
  }
  if (!missing.empty()) return missing.ToError();
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    Organization org;
    TCXD_RETURN_IF_ERROR(CheckMemberPlacement(tx, caller, m, org));
    TCXD_RETURN_IF_ERROR(ValidateMember(m, rules_, Today()));
    TCXD_RETURN_IF_ERROR(ResolveCatalogFields(tx, m, nullptr));
    auto id = tx.InsertMember(m, org);
    if (!id.ok()) return id.error();
    auto e = Audit(&caller, "member.create", "member", m.id.value, org.path);
    e.after_json = MemberToJson(m).dump();
    tx.AppendAudit(e);
    if (branch != nullptr) *branch = BranchLabel{org.code, org.name};
    return Status::Ok();
  });
  if (!s.ok()) return s.error();
  return m;
}

Result<Member> App::UpdateMember(const Caller& caller, MemberId id, const Json& body, BranchLabel* branch) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  Member after;
  bool denied = false;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto found = tx.GetMemberWithPath(id);
    if (!found || !CanSeeMember(caller.account, id, found->path)) {
      denied = true;
      return Error::NotFound();
    }
    const Member before = found->member;
    after = before;
    std::optional<int> version;
    TCXD_RETURN_IF_ERROR(ApplyMemberJson(body, after, &version));
    if (version && *version != before.version) return Error::Conflict("version", Msg::kConflictVersion);
    if (after.status != before.status && HasLeft(after.status)) {
      return Error::Invalid("status", Msg::kStatusChangeNotHere);
    }
    Organization before_org = *tx.GetOrg(before.org_id);
    Organization after_org = before_org;
    if (after.org_id != before.org_id) TCXD_RETURN_IF_ERROR(CheckMemberPlacement(tx, caller, after, after_org));
    if (!CanWriteMembers(caller.account, before_org.path)) return Error::Forbidden();
    TCXD_RETURN_IF_ERROR(ValidateMember(after, rules_, Today()));
    TCXD_RETURN_IF_ERROR(ResolveCatalogFields(tx, after, &before));
    TCXD_RETURN_IF_ERROR(tx.UpdateMember(before, before_org, after, after_org));
    after = *tx.GetMember(id);
    auto e = Audit(&caller, "member.update", "member", id.value, after_org.path);
    e.before_json = MemberToJson(before).dump();
    e.after_json = MemberToJson(after).dump();
    tx.AppendAudit(e);
    if (branch != nullptr) *branch = BranchLabel{after_org.code, after_org.name};
    return Status::Ok();
  });
  if (denied) BufferReadAudit(Audit(&caller, "member.write_denied", "member", id.value, caller.account.org_path));
  if (!s.ok()) return s.error();
  return after;
}

// ======================================================================= audit

Result<std::vector<store::AuditEntry>> App::ListAudit(const Caller& caller, const std::string& entity,
                                                      int64_t entity_id, int64_t before_id, int limit) {
  if (!CanReadAudit(caller.account)) return Error::Forbidden();
  if (limit < 1 || limit > kMaxPageSize) return Error::Invalid("limit", Format(Msg::kLimitRange, kMaxPageSize));
  FlushReadAudit();
  std::vector<store::AuditEntry> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    store::AuditQuery q;
    q.entity = entity;
    q.entity_id = entity_id;
    q.before_id = before_id;
    q.limit = limit;
    q.org_path = caller.account.role == Role::kAdmin ? "" : caller.account.org_path;
    out = tx.ListAudit(q);
    return Status::Ok();
  }));
  return out;
}

}  // namespace tcxd::app
