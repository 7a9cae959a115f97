// The annual rating's use cases (issue #6, rules §6): open a campaign for a subtree, the member's
// self-assessment, the branch's proposal, the committee's decisions for a whole branch in one transaction
// with the caps checked over the organization first, a higher committee's downgrade, organization
// ratings, and the statistics of any subtree.
#include <charconv>
#include <map>
#include <set>

#include "app/campaign_part.h"
#include "app/service.h"
#include "app/subtree_then.h"
#include "io/export.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

// An error of one entry of a list, its field prefixed ("member_id" -> "entries[3].member_id").
Error Prefixed(Error e, const std::string& prefix) {
  e.field = e.field.empty() ? prefix.substr(0, prefix.size() - 1) : prefix + e.field;
  std::map<std::string, std::string> fields;
  for (auto& [k, v] : e.fields) fields[prefix + k] = v;
  if (fields.empty()) fields[e.field] = e.message;
  e.fields = std::move(fields);
  return e;
}

std::optional<int> IntValue(const Json& v) {
  if (!v.is_number_integer()) return std::nullopt;
  const auto x = v.get<int64_t>();
  if (x < -1000000 || x > 1000000) return std::nullopt;
  return static_cast<int>(x);
}

std::optional<Date> DateValue(const Json& v, const std::string& field, FieldErrors& errors) {
  return CollectDate(v, field, errors);
}

std::string TextValue(const Json& v, const std::string& field, FieldErrors& errors, int max = 1000) {
  std::string s = CollectText(v, field, errors);
  if (text::CodePointCount(s) > static_cast<size_t>(max)) errors.Add(field, Format(Msg::kTooLong, max));
  return s;
}

std::optional<RatingLevel> LevelValue(const Json& v, const std::string& field, FieldErrors& errors) {
  std::optional<RatingLevel> l;
  if (v.is_string()) l = ParseRatingLevel(v.get<std::string>());
  if (!l) errors.Add(field, Msg::kRatingLevelInvalid);
  return l;
}

bool BoolValue(const Json& v, const std::string& field, FieldErrors& errors) {
  return CollectBool(v, field, errors);
}

TaskOutcome TasksValue(const Json& v, const std::string& field, FieldErrors& errors) {
  TaskOutcome t;
  if (!v.is_object()) {
    errors.Add(field, Msg::kWrongType);
    return t;
  }
  for (const auto& [k, x] : v.items()) {
    std::string name = field;
    name += '.';
    name += k;
    int* target = k == "assigned"    ? &t.assigned
                  : k == "completed" ? &t.completed
                  : k == "on_time"   ? &t.on_time
                  : k == "exceeded"  ? &t.exceeded
                                     : nullptr;
    if (!target) {
      errors.Add(name, Msg::kUnknownField);
    } else if (auto n = IntValue(x)) {
      *target = *n;
    } else {
      errors.Add(name, Msg::kWrongType);
    }
  }
  return t;
}

std::vector<int> ScoresValue(const Json& v, FieldErrors& errors) {
  std::vector<int> scores;
  if (!v.is_array()) {
    errors.Add("scores", Msg::kWrongType);
    return scores;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    auto n = IntValue(v[i]);
    if (!n) errors.Add("scores[" + std::to_string(i) + "]", Msg::kWrongType);
    scores.push_back(n.value_or(-1));
  }
  return scores;
}

// A body {"level": ..., "<text_field>": "..."} (a proposal, a downgrade): the level, required, and the text.
struct LevelWithText {
  RatingLevel level = RatingLevel::kNotCompleted;
  std::string text;
};
Result<LevelWithText> LevelWithTextValue(const Json& body, const std::string& text_field) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  FieldErrors errors;
  std::optional<RatingLevel> level;
  LevelWithText out;
  for (const auto& [k, v] : body.items()) {
    if (k == "level") {
      level = LevelValue(v, k, errors);
    } else if (k == text_field) {
      out.text = TextValue(v, k, errors);
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (!body.contains("level")) errors.Add("level", Msg::kRequired);
  if (!errors.empty()) return errors.ToError();
  out.level = *level;
  return out;
}

Json TasksToJson(const TaskOutcome& t) {
  return {{"assigned", t.assigned}, {"completed", t.completed}, {"on_time", t.on_time}, {"exceeded", t.exceeded}};
}

// The self-assessment fields of a body (others are left to the caller: `rest` receives them).
MemberAssessment AssessmentValue(const Json& body, FieldErrors& errors, Json* rest) {
  MemberAssessment a;
  for (const auto& [k, v] : body.items()) {
    if (k == "scores") {
      a.scores = ScoresValue(v, errors);
    } else if (k == "tasks") {
      a.tasks = TasksValue(v, "tasks", errors);
    } else if (k == "led_area") {
      if (!v.is_null()) a.led_area = TasksValue(v, "led_area", errors);
    } else if (k == "shortcomings_remedied") {
      a.shortcomings_remedied = BoolValue(v, k, errors);
    } else if (k == "disciplined") {
      a.disciplined = BoolValue(v, k, errors);
    } else if (k == "discipline_self_detected") {
      a.discipline_self_detected = BoolValue(v, k, errors);
    } else if (k == "degraded") {
      a.degraded = BoolValue(v, k, errors);
    } else {
      (*rest)[k] = v;
    }
  }
  if (!body.contains("scores")) errors.Add("scores", Msg::kRequired);
  return a;
}

Json AssessmentToJson(const MemberAssessment& a) {
  Json j{{"scores", a.scores},
         {"tasks", TasksToJson(a.tasks)},
         {"led_area", a.led_area ? TasksToJson(*a.led_area) : Json(nullptr)},
         {"shortcomings_remedied", a.shortcomings_remedied},
         {"disciplined", a.disciplined},
         {"discipline_self_detected", a.discipline_self_detected},
         {"degraded", a.degraded}};
  return j;
}

Json OptLevel(const std::optional<RatingLevel>& l) {
  return l ? Json(std::string(RatingLevelName(*l))) : Json(nullptr);
}

Json OptDateJson(const std::optional<Date>& d) {
  return d ? Json(d->ToString()) : Json(nullptr);
}

Json SummaryToJson(const RatingSummary& s) {
  Json levels = Json::array();
  for (const auto& l : s.levels) {
    levels.push_back({{"level", std::string(RatingLevelName(l.level))},
                      {"label", std::string(Text(RatingLevelLabel(l.level)))},
                      {"count", l.count},
                      {"percent", l.percent}});
  }
  Json reasons = Json::array();
  for (const auto& r : s.reasons) {
    reasons.push_back({{"reason", std::string(NotRatedReasonName(r.reason))},
                       {"label", std::string(Text(NotRatedReasonLabel(r.reason)))},
                       {"count", r.count},
                       {"percent", r.percent}});
  }
  return {{"on_rating_date", s.on_rating_date},
          {"rated", s.rated},
          {"not_rated", s.not_rated},
          {"pending", s.pending},
          {"rated_percent", s.rated_percent},
          {"levels_base", s.rated},
          {"levels", levels},
          {"reasons_base", s.not_rated},
          {"reasons", reasons}};
}

Json CheckToJson(const CapCheck& c) {
  return {{"kind", c.kind == CapKind::kExcellentShare ? "excellent_share" : "head_above_org"},
          {"scope", c.scope},
          {"ok", c.ok},
          {"count", c.count},
          {"base", c.base},
          {"percent", c.percent},
          {"allowed", c.allowed},
          {"message", c.message}};
}

Json DerivationToJson(const LevelDerivation& d) {
  Json limits = Json::array();
  for (const auto& l : d.limits) {
    limits.push_back({{"ceiling", std::string(RatingLevelName(l.ceiling))}, {"reason", l.reason}});
  }
  return {{"total_score", d.total_score},
          {"by_score", std::string(RatingLevelName(d.by_score))},
          {"ceiling", std::string(RatingLevelName(d.ceiling))},
          {"level", std::string(RatingLevelName(d.level))},
          {"limits", limits}};
}

// Writes into a campaign need it open.
Status CheckOpen(const store::RatingCampaign& c) {
  if (c.state == store::RatingCampaignState::kClosed) return Error::Conflict("campaign", Msg::kRatingCampaignClosed);
  return Status::Ok();
}

Result<std::vector<RatingEntry>> DecidedEntries(const std::vector<store::MemberRatingRow>& rows) {
  std::vector<RatingEntry> out;
  for (const auto& r : rows) {
    if (r.level) out.push_back({r.member, r.duty_group, *r.level});
  }
  return out;
}

Result<int> ParseYearText(const std::string& text, int fallback) {
  if (text.empty()) return fallback;
  int y = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), y);
  if (ec != std::errc() || p != text.data() + text.size() || y < 1930 || y > 2200) {
    return Error::Invalid("year", Msg::kYearInvalid);
  }
  return y;
}

// A member's line in a campaign: the stored rating, the level derived from its self-assessment, the reason
// the register gives for not rating the member. nullopt when the member was not a member of the branch on
// the rating date (admitted after it, left before it): not on the sheet.
Result<std::optional<RatingSheetLine>> SheetLine(const Member& m, const store::RatingCampaign& c,
                                                 std::optional<store::MemberRatingRow> row, const RuleSet& rules) {
  RatingSheetLine line;
  line.member = m;
  if (row) {
    if (!row->assessment_json.empty()) {
      auto d = DeriveMemberLevel(StoredAssessment(row->assessment_json), rules, c.period.rating_date);
      if (d.ok()) line.derived = *d;
    }
    line.rating = std::move(row);
  }
  auto ex = MemberExclusion(m, c.period, {}, rules);
  if (!ex.ok()) {
    if (ex.error().code == ErrorCode::kInvalid) return std::optional<RatingSheetLine>();
    return ex.error();
  }
  if (ex->has_value()) line.excluded = **ex;
  return std::optional(std::move(line));
}

Json CriteriaToJson(const ScoreScale& scale) {
  Json criteria = Json::array();
  for (const auto& c : scale.criteria) {
    criteria.push_back({{"code", c.code}, {"max", c.max_points}, {"label", c.label}});
  }
  return criteria;
}

Json BandsToJson(const ScoreScale& scale) {
  return {{"excellent_min", scale.excellent_min},
          {"good_min", scale.good_min},
          {"completed_min", scale.completed_min},
          {"total", scale.total}};
}

Json SheetLineToJson(const RatingSheetLine& l) {
  return {{"member", MemberToJson(l.member)},
          {"rating", l.rating ? MemberRatingToJson(*l.rating) : Json(nullptr)},
          {"derived", l.derived ? DerivationToJson(*l.derived) : Json(nullptr)},
          {"excluded", l.excluded ? Json{{"reason", std::string(NotRatedReasonName(l.excluded->reason))},
                                         {"detail", l.excluded->detail}}
                                  : Json(nullptr)}};
}

}  // namespace

MemberAssessment StoredAssessment(const std::string& json) {
  FieldErrors ignored;
  Json rest = Json::object();
  return AssessmentValue(Json::parse(json, nullptr, false), ignored, &rest);
}

std::string RatingRuleVersion(const RuleSet& rules, Date on) {
  auto v = rules.Find(rule::kRatingMemberCriteria, on);
  if (!v.ok()) return "-";
  return std::string(rule::kRatingMemberCriteria) + "@" + (v->from ? v->from->ToString() : std::string("*"));
}

// ---------------------------------------------------------------------------------------------------------
// JSON

Json RatingCampaignToJson(const store::RatingCampaign& c) {
  return {{"id", c.id},
          {"org_id", c.org_id.value},
          {"year", c.period.year},
          {"quarter", c.period.quarter},
          {"rating_date", c.period.rating_date.ToString()},
          {"self_due", OptDateJson(c.self_due)},
          {"branch_due", OptDateJson(c.branch_due)},
          {"committee_due", OptDateJson(c.committee_due)},
          {"decision_due", OptDateJson(c.decision_due)},
          {"state", c.state == store::RatingCampaignState::kOpen ? "open" : "closed"},
          {"opened_on", c.opened_on.ToString()},
          {"opened_by", c.opened_by},
          {"closed_on", OptDateJson(c.closed_on)},
          {"closed_by", c.closed_by},
          {"rule_version", c.rule_version}};
}

namespace {
Json ProgressToJson(const store::BranchRatingProgress& b) {
  return {{"org_id", b.branch.value},
          {"code", b.code},
          {"name", b.name},
          {"members", b.members},
          {"self_assessed", b.self_assessed},
          {"proposed", b.proposed},
          {"decided", b.decided},
          {"not_rated", b.not_rated},
          {"percent_done", Percent(b.decided + b.not_rated, b.members)}};
}
}  // namespace

Json RatingBoardToJson(const RatingBoard& b) {
  Json branches = Json::array();
  for (const auto& x : b.branches) branches.push_back(ProgressToJson(x));
  Json org_ratings = Json::array();
  for (const auto& r : b.org_ratings) org_ratings.push_back(OrgRatingToJson(r));
  return {{"campaign", RatingCampaignToJson(b.campaign)},
          {"campaign_org", OrgToJson(b.campaign_org)},
          {"shown", OrgToJson(b.shown)},
          {"branches", branches},
          {"total", ProgressToJson(b.total)},
          {"org_criteria", CriteriaToJson(b.org_scale)},
          {"org_bands", BandsToJson(b.org_scale)},
          {"org_ratings", org_ratings}};
}

Json MemberRatingToJson(const store::MemberRatingRow& r) {
  Json assessment = r.assessment_json.empty() ? Json(nullptr) : Json::parse(r.assessment_json, nullptr, false);
  return {{"member_id", r.member.value},
          {"full_name", r.full_name},
          {"year", r.year},
          {"quarter", r.quarter},
          {"campaign_id", r.campaign_id},
          {"org_id", r.org_id.value},
          {"role", std::string(RatingRoleName(r.role))},
          {"duty_group", r.duty_group},
          {"assessment", assessment},
          {"self_total", r.self_total ? Json(*r.self_total) : Json(nullptr)},
          {"derived_level", OptLevel(r.derived_level)},
          {"self_by", r.self_by},
          {"proposed_level", OptLevel(r.proposed_level)},
          {"proposal_note", r.proposal_note},
          {"proposed_by", r.proposed_by},
          {"level", OptLevel(r.level)},
          {"override_reason", r.override_reason},
          {"decided_by", r.decided_by},
          {"decided_at_ms", r.decided_at_ms},
          {"downgraded_from", OptLevel(r.downgraded_from)},
          {"downgrade_reason", r.downgrade_reason},
          {"downgraded_by", r.downgraded_by},
          {"not_rated", r.not_rated ? Json(std::string(NotRatedReasonName(*r.not_rated))) : Json(nullptr)},
          {"not_rated_detail", r.not_rated_detail},
          {"rule_version", r.rule_version}};
}

Json OrgRatingToJson(const store::OrgRatingRow& r) {
  Json assessment = r.assessment_json.empty() ? Json(nullptr) : Json::parse(r.assessment_json, nullptr, false);
  return {{"org_id", r.org_id.value},
          {"year", r.year},
          {"quarter", r.quarter},
          {"campaign_id", r.campaign_id},
          {"assessment", assessment},
          {"self_total", r.self_total ? Json(*r.self_total) : Json(nullptr)},
          {"derived_level", OptLevel(r.derived_level)},
          {"level", OptLevel(r.level)},
          {"label", r.label},
          {"override_reason", r.override_reason},
          {"decided_by", r.decided_by},
          {"downgraded_from", OptLevel(r.downgraded_from)},
          {"downgrade_reason", r.downgrade_reason},
          {"not_rated", r.not_rated ? Json(std::string(NotRatedReasonName(*r.not_rated))) : Json(nullptr)},
          {"not_rated_detail", r.not_rated_detail},
          {"rule_version", r.rule_version}};
}

Json RatingSheetToJson(const RatingSheet& s) {
  Json lines = Json::array();
  for (const auto& l : s.lines) lines.push_back(SheetLineToJson(l));
  Json meter = Json::array();
  for (const auto& c : s.meter) meter.push_back(CheckToJson(c));
  return {{"campaign", RatingCampaignToJson(s.campaign)},
          {"branch", OrgToJson(s.branch)},
          {"criteria", CriteriaToJson(s.scale)},
          {"bands", BandsToJson(s.scale)},
          {"lines", lines},
          {"meter", meter},
          {"org_rating", s.org_rating ? OrgRatingToJson(*s.org_rating) : Json(nullptr)}};
}

Json MemberRatingCardToJson(const MemberRatingCard& c) {
  return {{"campaign", RatingCampaignToJson(c.campaign)},
          {"criteria", CriteriaToJson(c.scale)},
          {"bands", BandsToJson(c.scale)},
          {"line", SheetLineToJson(c.line)}};
}

Json RatingDecisionToJson(const RatingDecisionResult& r) {
  Json meter = Json::array();
  for (const auto& c : r.meter) meter.push_back(CheckToJson(c));
  for (const auto& c : r.head) meter.push_back(CheckToJson(c));
  return {{"dry_run", r.dry_run}, {"saved", r.saved}, {"meter", meter}};
}

Json RatingReportToJson(const RatingReport& r) {
  Json roles = Json::array();
  for (size_t i = 0; i < r.by_role.size(); ++i) {
    const auto role = static_cast<RatingRole>(i);
    Json j = SummaryToJson(r.by_role[i]);
    j["role"] = std::string(RatingRoleName(role));
    j["label"] = std::string(Text(RatingRoleLabel(role)));
    roles.push_back(j);
  }
  Json downgrades = Json::array();
  for (const auto& d : r.downgrades) {
    downgrades.push_back({{"role", std::string(RatingRoleName(d.role))},
                          {"role_label", std::string(Text(RatingRoleLabel(d.role)))},
                          {"from", std::string(RatingLevelName(d.from))},
                          {"to", std::string(RatingLevelName(d.to))},
                          {"count", d.count}});
  }
  Json units = Json::array();
  for (const auto& u : r.units) {
    units.push_back({{"org_id", u.unit.id.value},
                     {"code", u.unit.code},
                     {"name", u.unit.name},
                     {"members", SummaryToJson(u.members)}});
  }
  return {{"org", OrgToJson(r.org)},
          {"year", r.year},
          {"quarter", r.quarter},
          {"members", SummaryToJson(r.members)},
          {"by_role", roles},
          {"downgrades", downgrades},
          {"orgs", SummaryToJson(r.orgs)},
          {"units", units},
          {"previous", SummaryToJson(r.previous)}};
}

// ---------------------------------------------------------------------------------------------------------
// Campaigns

Result<store::RatingCampaign> App::OpenRating(const Caller& caller, OrgId org_id, const Json& body) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  FieldErrors errors;
  store::RatingCampaign c;
  std::optional<Date> rating_date;
  for (const auto& [k, v] : body.items()) {
    if (k == "year") {
      if (auto y = IntValue(v)) {
        c.period.year = *y;
      } else {
        errors.Add(k, Format(Msg::kRatingYearInvalid, Today().year()));
      }
    } else if (k == "quarter") {
      if (auto q = IntValue(v)) {
        c.period.quarter = *q;
      } else {
        errors.Add(k, Msg::kRatingQuarterInvalid);
      }
    } else if (k == "rating_date") {
      rating_date = DateValue(v, k, errors);
    } else if (k == "self_due") {
      c.self_due = DateValue(v, k, errors);
    } else if (k == "branch_due") {
      c.branch_due = DateValue(v, k, errors);
    } else if (k == "committee_due") {
      c.committee_due = DateValue(v, k, errors);
    } else if (k == "decision_due") {
      c.decision_due = DateValue(v, k, errors);
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (!body.contains("year")) errors.Add("year", Msg::kRequired);
  if (!errors.empty()) return errors.ToError();
  c.period.rating_date = rating_date.value_or(Today());
  TCXD_RETURN_IF_ERROR(ValidatePeriod(c.period, rules_));
  // The timeline in order, none before the rating date.
  std::optional<Date> prev = c.period.rating_date;
  for (const auto* d : {&c.self_due, &c.branch_due, &c.committee_due, &c.decision_due}) {
    if (!*d) continue;
    if (prev && **d < *prev) return Error::Invalid("self_due", Msg::kRatingTimelineOrder);
    prev = *d;
  }
  c.org_id = org_id;
  c.opened_on = Today();
  c.opened_by = caller.account.login;
  c.rule_version = RatingRuleVersion(rules_, c.period.rating_date);
  RatingTarget target;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (org) target = {"org", org->id.value, org->path};
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    if (!CanWriteOrgs(caller.account, org->path)) return Error::Forbidden();
    TCXD_RETURN_IF_ERROR(tx.InsertRatingCampaign(c));
    auto e = Audit(&caller, "rating.open", "org", org->id.value, org->path);
    e.note = fmt::format("year {} quarter {} rating date {}", c.period.year, c.period.quarter,
                         c.period.rating_date.ToString());
    tx.AppendAudit(e);
    return Status::Ok();
  });
  TCXD_RETURN_IF_ERROR(AuditedRating(caller, target, s));
  return c;
}

Result<std::vector<store::RatingCampaign>> App::ListRatings(const Caller& caller, OrgId org_id) {
  std::vector<store::RatingCampaign> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    out = tx.RatingCampaignsOf(PathIds(org->path));
    return Status::Ok();
  }));
  return out;
}

Result<RatingBoard> App::GetRatingBoard(const Caller& caller, int64_t id, const std::string& org_param) {
  RatingBoard board;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    auto campaign_org = tx.GetOrg(c->org_id);
    if (!campaign_org) return Error::NotFound();
    auto shown = CampaignPart(tx, caller.account, *campaign_org, org_param, Msg::kRatingOrgOutside);
    if (!shown.ok()) return shown.error();
    board.campaign = *c;
    board.campaign_org = *campaign_org;
    board.shown = *shown;
    board.branches = tx.RatingProgressByBranch(id, *shown);
    board.total.branch = shown->id;
    board.total.code = shown->code;
    board.total.name = shown->name;
    for (const auto& b : board.branches) {
      board.total.members += b.members;
      board.total.self_assessed += b.self_assessed;
      board.total.proposed += b.proposed;
      board.total.decided += b.decided;
      board.total.not_rated += b.not_rated;
    }
    auto scale = LoadScoreScale(RatedKind::kOrg, rules_, c->period.rating_date);
    if (!scale.ok()) return scale.error();
    board.org_scale = *scale;
    std::set<int64_t> listed{shown->id.value};
    for (const auto& b : board.branches) listed.insert(b.branch.value);
    for (auto& r : tx.OrgRatingsOfCampaign(id)) {
      if (listed.contains(r.org_id.value)) board.org_ratings.push_back(std::move(r));
    }
    return Status::Ok();
  }));
  return board;
}

Result<RatingSheet> App::GetRatingSheet(const Caller& caller, int64_t id, OrgId branch_id) {
  RatingSheet sheet;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    auto campaign_org = tx.GetOrg(c->org_id);
    auto branch = tx.GetOrg(branch_id);
    if (!campaign_org || !branch || !CanSeeOrg(caller.account, branch->path)) return Error::NotFound();
    if (!InSubtree(branch->path, campaign_org->path)) return Error::Invalid("org", Msg::kRatingOrgOutside);
    if (!HoldsMembers(branch->kind)) return Error::Invalid("org", Msg::kRatingBranchRequired);
    sheet.campaign = *c;
    sheet.branch = *branch;
    auto scale = LoadScoreScale(RatedKind::kMember, rules_, c->period.rating_date);
    if (!scale.ok()) return scale.error();
    sheet.scale = *scale;
    store::MemberQuery q;
    q.subtree = *branch;
    q.statuses = {MemberStatus::kProbationary, MemberStatus::kOfficial, MemberStatus::kExempt};
    q.limit = 2000;
    const auto stored = tx.MemberRatingsOfOrg(id, branch->id);
    std::map<int64_t, const store::MemberRatingRow*> rows;
    for (const auto& r : stored) rows[r.member.value] = &r;
    for (const auto& m : tx.ListMembers(q).items) {
      auto it = rows.find(m.id.value);
      auto line = SheetLine(m, *c, it != rows.end() ? std::optional(*it->second) : std::nullopt, rules_);
      if (!line.ok()) return line.error();
      if (*line) sheet.lines.push_back(std::move(**line));
    }
    auto existing = DecidedEntries(stored);
    auto meter = CapMeter(*existing, {}, rules_, c->period.rating_date);
    if (!meter.ok()) return meter.error();
    sheet.meter = *meter;
    sheet.org_rating = tx.GetOrgRating(c->period.year, c->period.quarter, branch->id);
    return Status::Ok();
  }));
  return sheet;
}

// ---------------------------------------------------------------------------------------------------------
// Members: self-assessment, proposal, decision, downgrade

Result<std::vector<MemberRatingCard>> App::MemberRatings(const Caller& caller, MemberId member) {
  std::vector<MemberRatingCard> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto found = tx.GetMemberWithPath(member);
    if (!found || !CanSeeMember(caller.account, member, found->path)) return Error::NotFound();
    for (auto& c : tx.RatingCampaignsOf(PathIds(found->path))) {
      auto row = tx.GetMemberRating(c.period.year, c.period.quarter, member);
      if (row && row->campaign_id != c.id) row.reset();  // rated in another campaign of the period
      auto line = SheetLine(found->member, c, std::move(row), rules_);
      if (!line.ok()) return line.error();
      if (!*line) continue;
      auto scale = LoadScoreScale(RatedKind::kMember, rules_, c.period.rating_date);
      if (!scale.ok()) return scale.error();
      out.push_back({std::move(c), std::move(*scale), std::move(**line)});
    }
    return Status::Ok();
  }));
  return out;
}

Result<store::MemberRatingRow> App::SelfAssess(const Caller& caller, int64_t id, MemberId member, const Json& body) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  FieldErrors errors;
  Json rest = Json::object();
  MemberAssessment a = AssessmentValue(body, errors, &rest);
  std::optional<RatingRole> role;
  std::string duty_group;
  for (const auto& [k, v] : rest.items()) {
    if (k == "role") {
      if (v.is_string()) role = ParseRatingRole(v.get<std::string>());
      if (!role) errors.Add(k, Msg::kRatingRoleInvalid);
    } else if (k == "duty_group") {
      duty_group = TextValue(v, k, errors, 100);
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (!errors.empty()) return errors.ToError();
  store::MemberRatingRow row;
  RatingTarget target;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    auto campaign_org = tx.GetOrg(c->org_id);
    auto found = tx.GetMemberWithPath(member);
    if (found) target = {"member", member.value, found->path};
    TCXD_RETURN_IF_ERROR(CheckOpen(*c));
    if (!found || !CanSeeMember(caller.account, member, found->path)) return Error::NotFound();
    // The member for him- or herself, or the branch and the committees above it.
    const bool self = caller.account.role == Role::kMember && caller.account.member_id == member;
    if (!self && !CanWriteMembers(caller.account, found->path)) return Error::Forbidden();
    if (!campaign_org || !InSubtree(found->path, campaign_org->path)) {
      return Error::Invalid("member_id", Msg::kRatingMemberOutside);
    }
    auto ex = MemberExclusion(found->member, c->period, {}, rules_);
    if (!ex.ok()) return ex.error();
    if (ex->has_value()) return Error::Invalid("member_id", Format(Msg::kRatingExcluded, (*ex)->detail));
    auto derived = DeriveMemberLevel(a, rules_, c->period.rating_date);
    if (!derived.ok()) return derived.error();
    auto before = tx.GetMemberRating(c->period.year, c->period.quarter, member);
    if (before && (before->level || before->not_rated)) return Error::Conflict("member_id", Msg::kRatingDecidedAlready);
    if (before) row = *before;
    row.year = c->period.year;
    row.quarter = c->period.quarter;
    row.member = member;
    row.campaign_id = c->id;
    row.org_id = found->member.org_id;
    if (role) row.role = *role;
    if (body.contains("duty_group")) row.duty_group = duty_group;
    row.assessment_json = AssessmentToJson(a).dump();
    row.self_total = derived->total_score;
    row.derived_level = derived->level;
    row.self_by = caller.account.login;
    row.self_at_ms = clock_();
    row.rule_version = RatingRuleVersion(rules_, c->period.rating_date);
    row.full_name = found->member.full_name;
    tx.PutMemberRating(row);
    auto e = Audit(&caller, "rating.self_assess", "member", member.value, found->path);
    e.note = fmt::format("campaign {}: {} điểm, {}", id, derived->total_score, RatingLevelName(derived->level));
    tx.AppendAudit(e);
    return Status::Ok();
  });
  TCXD_RETURN_IF_ERROR(AuditedRating(caller, target, s));
  return row;
}

Result<store::MemberRatingRow> App::ProposeRating(const Caller& caller, int64_t id, MemberId member, const Json& body) {
  auto input = LevelWithTextValue(body, "note");
  if (!input.ok()) return input.error();
  store::MemberRatingRow row;
  RatingTarget target;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    auto found = tx.GetMemberWithPath(member);
    if (found) target = {"member", member.value, found->path};
    TCXD_RETURN_IF_ERROR(CheckOpen(*c));
    if (!found || !CanSeeMember(caller.account, member, found->path)) return Error::NotFound();
    if (!CanWriteMembers(caller.account, found->path)) return Error::Forbidden();
    auto before = tx.GetMemberRating(c->period.year, c->period.quarter, member);
    if (!before || before->campaign_id != id || before->assessment_json.empty()) {
      return Error::Invalid("member_id", Msg::kRatingNoSelfAssessment);
    }
    if (before->level || before->not_rated) return Error::Conflict("member_id", Msg::kRatingDecidedAlready);
    row = *before;
    row.proposed_level = input->level;
    row.proposal_note = input->text;
    row.proposed_by = caller.account.login;
    row.proposed_at_ms = clock_();
    tx.PutMemberRating(row);
    auto e = Audit(&caller, "rating.propose", "member", member.value, found->path);
    e.note = fmt::format("campaign {}: {}", id, RatingLevelName(input->level));
    tx.AppendAudit(e);
    return Status::Ok();
  });
  TCXD_RETURN_IF_ERROR(AuditedRating(caller, target, s));
  return row;
}

namespace {

// One entry of a decision batch, as read from the body.
struct DecisionInput {
  MemberId member;
  std::optional<RatingLevel> level;
  std::string override_reason;
  std::optional<std::string> duty_group;
  std::optional<RatingRole> role;
  std::optional<NotRatedReason> not_rated;
  std::string detail;
  int leave_months = 0;
};

std::vector<DecisionInput> DecisionInputs(const Json& entries, FieldErrors& errors) {
  std::vector<DecisionInput> out;
  if (!entries.is_array()) {
    errors.Add("entries", Msg::kWrongType);
    return out;
  }
  if (entries.empty()) errors.Add("entries", Msg::kRatingEntriesEmpty);
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string f = "entries[" + std::to_string(i) + "].";
    const Json& e = entries[i];
    DecisionInput in;
    if (!e.is_object()) {
      errors.Add(f.substr(0, f.size() - 1), Msg::kWrongType);
      continue;
    }
    for (const auto& [k, v] : e.items()) {
      if (k == "member_id") {
        if (v.is_number_integer() && v.get<int64_t>() > 0) {
          in.member = MemberId(v.get<int64_t>());
        } else {
          errors.Add(f + k, Msg::kBadId);
        }
      } else if (k == "level") {
        if (!v.is_null()) in.level = LevelValue(v, f + k, errors);
      } else if (k == "override_reason") {
        in.override_reason = TextValue(v, f + k, errors);
      } else if (k == "duty_group") {
        in.duty_group = TextValue(v, f + k, errors, 100);
      } else if (k == "role") {
        if (v.is_string()) in.role = ParseRatingRole(v.get<std::string>());
        if (!in.role) errors.Add(f + k, Msg::kRatingRoleInvalid);
      } else if (k == "not_rated") {
        if (!v.is_null()) {
          if (v.is_string()) in.not_rated = ParseNotRatedReason(v.get<std::string>());
          if (!in.not_rated) errors.Add(f + k, Msg::kRatingReasonInvalid);
        }
      } else if (k == "detail") {
        in.detail = TextValue(v, f + k, errors);
      } else if (k == "leave_months") {
        if (auto n = IntValue(v); n && *n >= 0 && *n <= 12) {
          in.leave_months = *n;
        } else {
          errors.Add(f + k, Msg::kWrongType);
        }
      } else {
        errors.Add(f + k, Msg::kUnknownField);
      }
    }
    if (!e.contains("member_id")) errors.Add(f + "member_id", Msg::kRequired);
    if (in.level.has_value() == in.not_rated.has_value()) {
      errors.Add(f + "level", Msg::kRatingLevelOrReason);
    }
    if (in.not_rated == NotRatedReason::kOther && in.detail.empty()) {
      errors.Add(f + "detail", Msg::kRatingNotRatedOtherDetail);
    }
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace

Result<RatingDecisionResult> App::DecideRatings(const Caller& caller, int64_t id, const Json& body) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  FieldErrors errors;
  int64_t org_id = 0;
  RatingDecisionResult result;
  std::vector<DecisionInput> inputs;
  for (const auto& [k, v] : body.items()) {
    if (k == "org_id") {
      if (v.is_number_integer() && v.get<int64_t>() > 0) {
        org_id = v.get<int64_t>();
      } else {
        errors.Add(k, Msg::kBadId);
      }
    } else if (k == "dry_run") {
      result.dry_run = BoolValue(v, k, errors);
    } else if (k == "entries") {
      inputs = DecisionInputs(v, errors);
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (!body.contains("org_id")) errors.Add("org_id", Msg::kRequired);
  if (!body.contains("entries")) errors.Add("entries", Msg::kRequired);
  if (!errors.empty()) return errors.ToError();

  RatingTarget target;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    const Date on = c->period.rating_date;
    auto campaign_org = tx.GetOrg(c->org_id);
    auto branch = tx.GetOrg(OrgId(org_id));
    if (branch) target = {"org", branch->id.value, branch->path};
    TCXD_RETURN_IF_ERROR(CheckOpen(*c));
    if (!campaign_org || !branch) return Error::NotFound();
    // Decided by a committee (grassroots or above) whose scope holds the branch: anyone else is refused.
    if (!CanWriteOrgs(caller.account, branch->path)) return Error::Forbidden();
    if (!InSubtree(branch->path, campaign_org->path)) return Error::Invalid("org_id", Msg::kRatingOrgOutside);
    if (!HoldsMembers(branch->kind)) return Error::Invalid("org_id", Msg::kRatingBranchRequired);

    const auto existing_rows = tx.MemberRatingsOfOrg(id, branch->id);
    auto existing = DecidedEntries(existing_rows);
    std::vector<RatingEntry> batch;
    std::vector<store::MemberRatingRow> rows;
    const auto org_rating = tx.GetOrgRating(c->period.year, c->period.quarter, branch->id);
    const std::string rule_version = RatingRuleVersion(rules_, on);
    std::set<int64_t> in_batch;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const std::string f = "entries[" + std::to_string(i) + "].";
      const DecisionInput& in = inputs[i];
      if (!in_batch.insert(in.member.value).second) return Error::Conflict(f + "member_id", Msg::kRatingDuplicate);
      auto found = tx.GetMemberWithPath(in.member);
      if (!found || !CanSeeMember(caller.account, in.member, found->path)) {
        return Error::Invalid(f + "member_id", Msg::kRatingMemberOutside);
      }
      if (found->member.org_id != branch->id) return Error::Invalid(f + "member_id", Msg::kRatingMemberOutside);
      ExclusionFacts facts;
      facts.leave_months = in.leave_months;
      if (in.not_rated == NotRatedReason::kOther) facts.other_reason = in.detail;
      auto ex = MemberExclusion(found->member, c->period, facts, rules_);
      if (!ex.ok()) return Prefixed(ex.error(), f);
      auto before = tx.GetMemberRating(c->period.year, c->period.quarter, in.member);
      if (before && (before->level || before->not_rated))
        return Error::Conflict(f + "member_id", Msg::kRatingDuplicate);
      store::MemberRatingRow row;
      if (before) row = *before;
      row.year = c->period.year;
      row.quarter = c->period.quarter;
      row.member = in.member;
      row.campaign_id = id;
      row.org_id = branch->id;
      row.full_name = found->member.full_name;
      if (in.role) row.role = *in.role;
      if (in.duty_group) row.duty_group = *in.duty_group;
      row.decided_by = caller.account.login;
      row.decided_at_ms = clock_();
      row.rule_version = rule_version;
      if (in.not_rated) {
        if (!ex->has_value()) return Error::Invalid(f + "not_rated", Msg::kRatingShouldBeRated);
        row.not_rated = (*ex)->reason;
        row.not_rated_detail = (*ex)->detail;
      } else {
        if (ex->has_value()) return Error::Invalid(f + "level", Format(Msg::kRatingExcluded, (*ex)->detail));
        if (!before || before->assessment_json.empty()) {
          return Error::Invalid(f + "member_id", Msg::kRatingNoSelfAssessment);
        }
        auto derived = DeriveMemberLevel(StoredAssessment(before->assessment_json), rules_, on);
        if (!derived.ok()) return Prefixed(derived.error(), f);
        Status valid = ValidateDecision(*derived, {*in.level, in.override_reason});
        if (!valid.ok()) return Prefixed(valid.error(), f);
        row.level = in.level;
        row.override_reason = *in.level == derived->level ? std::string() : in.override_reason;
        batch.push_back({in.member, row.duty_group, *in.level});
        // The head of the branch not above the branch's own rating, when it is decided.
        if (row.role == RatingRole::kSecretary && org_rating && org_rating->level) {
          auto head = HeadCheck(*in.level, *org_rating->level, rules_, on);
          if (!head.ok()) return head.error();
          result.head.push_back(*head);
          if (!result.dry_run && !head->ok) return Prefixed(head->ToStatus().error(), f);
        }
      }
      rows.push_back(std::move(row));
    }
    auto meter = CapMeter(*existing, batch, rules_, on);
    if (!meter.ok()) return meter.error();
    result.meter = *meter;
    if (result.dry_run) return Status::Ok();  // shown before saving: nothing written
    TCXD_RETURN_IF_ERROR(CheckBatch(*existing, batch, rules_, on));
    Json saved = Json::array();
    for (const auto& row : rows) {
      tx.PutMemberRating(row);
      saved.push_back({{"member_id", row.member.value},
                       {"level", OptLevel(row.level)},
                       {"not_rated", row.not_rated ? Json(std::string(NotRatedReasonName(*row.not_rated))) : Json()}});
    }
    result.saved = static_cast<int>(rows.size());
    auto e = Audit(&caller, "rating.decide", "org", branch->id.value, branch->path);
    e.after_json = saved.dump();
    e.note = fmt::format("campaign {}: {} đảng viên", id, rows.size());
    tx.AppendAudit(e);
    return Status::Ok();
  });
  // A dry run's refusals are answers to a question, not attempts: not audited.
  if (result.dry_run) target = {};
  TCXD_RETURN_IF_ERROR(AuditedRating(caller, target, s));
  return result;
}

Result<store::MemberRatingRow> App::DowngradeRating(const Caller& caller, int64_t id, MemberId member,
                                                    const Json& body) {
  auto input = LevelWithTextValue(body, "reason");
  if (!input.ok()) return input.error();
  const RatingLevel to = input->level;
  const std::string& reason = input->text;
  store::MemberRatingRow row;
  RatingTarget target;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    auto found = tx.GetMemberWithPath(member);
    if (found) target = {"member", member.value, found->path};
    if (!found || !CanSeeMember(caller.account, member, found->path)) return Error::NotFound();
    // A higher committee: above the committee that decided (the one directly over the branch).
    const size_t branch_depth = PathIds(found->path).size();
    const bool higher =
        caller.account.role == Role::kAdmin ||
        (CanWriteOrgs(caller.account, found->path) && PathIds(caller.account.org_path).size() + 2 <= branch_depth);
    if (!higher) return Error::Forbidden(Msg::kRatingDowngradeNotHigher);
    auto before = tx.GetMemberRating(c->period.year, c->period.quarter, member);
    if (!before || before->campaign_id != id || !before->level) {
      return Error::Invalid("member_id", Msg::kRatingNothingToDowngrade);
    }
    TCXD_RETURN_IF_ERROR(ValidateDowngrade({*before->level, to, reason}));
    row = *before;
    row.downgraded_from = before->downgraded_from.value_or(*before->level);
    row.level = to;
    row.downgrade_reason = reason;
    row.downgraded_by = caller.account.login;
    row.downgraded_at_ms = clock_();
    tx.PutMemberRating(row);
    auto e = Audit(&caller, "rating.downgrade", "member", member.value, found->path);
    e.note = fmt::format("campaign {}: {} -> {}: {}", id, RatingLevelName(*before->level), RatingLevelName(to), reason);
    tx.AppendAudit(e);
    return Status::Ok();
  });
  TCXD_RETURN_IF_ERROR(AuditedRating(caller, target, s));
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// Organizations

Result<store::OrgRatingRow> App::RateOrg(const Caller& caller, int64_t id, OrgId org_id, const Json& body) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  FieldErrors errors;
  OrgAssessment a;
  std::optional<RatingLevel> level;
  std::string override_reason;
  std::optional<NotRatedReason> not_rated;
  std::string detail;
  for (const auto& [k, v] : body.items()) {
    if (k == "scores") {
      a.scores = ScoresValue(v, errors);
    } else if (k == "tasks") {
      a.tasks = TasksValue(v, "tasks", errors);
    } else if (k == "shortcomings_remedied") {
      a.shortcomings_remedied = BoolValue(v, k, errors);
    } else if (k == "disciplined") {
      a.disciplined = BoolValue(v, k, errors);
    } else if (k == "leadership_member_disciplined") {
      a.leadership_member_disciplined = BoolValue(v, k, errors);
    } else if (k == "corruption_disciplined") {
      a.corruption_disciplined = BoolValue(v, k, errors);
    } else if (k == "internal_disunity") {
      a.internal_disunity = BoolValue(v, k, errors);
    } else if (k == "subordinate_orgs_disciplined") {
      a.subordinate_orgs_disciplined = IntValue(v).value_or(-1);
    } else if (k == "level") {
      if (!v.is_null()) level = LevelValue(v, k, errors);
    } else if (k == "override_reason") {
      override_reason = TextValue(v, k, errors);
    } else if (k == "not_rated") {
      if (!v.is_null()) {
        if (v.is_string()) not_rated = ParseNotRatedReason(v.get<std::string>());
        if (!not_rated) errors.Add(k, Msg::kRatingReasonInvalid);
      }
    } else if (k == "detail") {
      detail = TextValue(v, k, errors);
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (level.has_value() == not_rated.has_value()) errors.Add("level", Msg::kRatingLevelOrReason);
  if (level && !body.contains("scores")) errors.Add("scores", Msg::kRequired);
  if (!errors.empty()) return errors.ToError();
  store::OrgRatingRow row;
  RatingTarget target;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    const Date on = c->period.rating_date;
    auto campaign_org = tx.GetOrg(c->org_id);
    auto org = tx.GetOrg(org_id);
    if (org) target = {"org", org->id.value, org->path};
    TCXD_RETURN_IF_ERROR(CheckOpen(*c));
    if (!campaign_org || !org) return Error::NotFound();
    if (!CanWriteOrgs(caller.account, org->path)) return Error::Forbidden();
    if (!InSubtree(org->path, campaign_org->path)) return Error::Invalid("org_id", Msg::kRatingOrgOutside);
    auto before = tx.GetOrgRating(c->period.year, c->period.quarter, org->id);
    if (before && (before->level || before->not_rated)) return Error::Conflict("org_id", Msg::kRatingOrgDuplicate);
    auto ex = OrgExclusion(*org, c->period, not_rated == NotRatedReason::kOther ? detail : std::string(), rules_);
    if (!ex.ok()) return ex.error();
    row.year = c->period.year;
    row.quarter = c->period.quarter;
    row.org_id = org->id;
    row.campaign_id = id;
    row.decided_by = caller.account.login;
    row.decided_at_ms = clock_();
    row.rule_version = RatingRuleVersion(rules_, on);
    if (not_rated) {
      if (!ex->has_value()) return Error::Invalid("not_rated", Msg::kRatingShouldBeRated);
      row.not_rated = (*ex)->reason;
      row.not_rated_detail = (*ex)->detail;
    } else {
      if (ex->has_value()) return Error::Invalid("level", Format(Msg::kRatingExcluded, (*ex)->detail));
      // Its members' and its direct subordinates' decided levels (rules §6: HD 43-HD/BTCTW).
      for (const auto& t : tx.RatingTallies(c->period.year, c->period.quarter, "member", *org)) {
        if (t.outcome.level) a.member_levels[*t.outcome.level] += t.outcome.count;
      }
      for (const auto& child : tx.Children(org->id)) {
        ++a.subordinate_orgs;
        auto r = tx.GetOrgRating(c->period.year, c->period.quarter, child.id);
        if (r && r->level) ++a.subordinate_levels[*r->level];
      }
      auto derived = DeriveOrgLevel(a, rules_, on);
      if (!derived.ok()) return derived.error();
      TCXD_RETURN_IF_ERROR(ValidateDecision(*derived, {*level, override_reason}));
      // The head (the branch's secretary) not above the organization.
      for (const auto& r : tx.MemberRatingsOfOrg(id, org->id)) {
        if (r.role != RatingRole::kSecretary || !r.level) continue;
        auto head = HeadCheck(*r.level, *level, rules_, on);
        if (!head.ok()) return head.error();
        TCXD_RETURN_IF_ERROR(head->ToStatus());
      }
      Json j{{"scores", a.scores},
             {"tasks", TasksToJson(a.tasks)},
             {"shortcomings_remedied", a.shortcomings_remedied},
             {"disciplined", a.disciplined},
             {"leadership_member_disciplined", a.leadership_member_disciplined},
             {"corruption_disciplined", a.corruption_disciplined},
             {"internal_disunity", a.internal_disunity},
             {"subordinate_orgs", a.subordinate_orgs},
             {"subordinate_orgs_disciplined", a.subordinate_orgs_disciplined}};
      row.assessment_json = j.dump();
      row.self_total = derived->total_score;
      row.derived_level = derived->level;
      row.level = level;
      row.override_reason = *level == derived->level ? std::string() : override_reason;
      auto label = OrgLevelLabel(*level, rules_, on);
      if (!label.ok()) return label.error();
      row.label = *label;
    }
    tx.PutOrgRating(row);
    auto e = Audit(&caller, "rating.org", "org", org->id.value, org->path);
    e.note = fmt::format("campaign {}: {}", id,
                         row.level ? RatingLevelName(*row.level) : NotRatedReasonName(*row.not_rated));
    tx.AppendAudit(e);
    return Status::Ok();
  });
  TCXD_RETURN_IF_ERROR(AuditedRating(caller, target, s));
  return row;
}

Status App::CloseRating(const Caller& caller, int64_t id) {
  RatingTarget target;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    auto org = tx.GetOrg(c->org_id);
    if (org) target = {"org", org->id.value, org->path};
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    if (!CanWriteOrgs(caller.account, org->path)) return Error::Forbidden();
    TCXD_RETURN_IF_ERROR(CheckOpen(*c));
    tx.CloseRatingCampaign(id, Today(), caller.account.login);
    auto e = Audit(&caller, "rating.close", "org", org->id.value, org->path);
    e.note = fmt::format("campaign {} ({})", id, c->period.year);
    tx.AppendAudit(e);
    return Status::Ok();
  });
  return AuditedRating(caller, target, s);
}

Status App::AuditedRating(const Caller& caller, const RatingTarget& target, Status s) {
  if (!s.ok() && !target.path.empty()) {
    AuditRefusal(caller, "rating.refused", target.entity, target.id, target.path, s.error());
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Statistics

Result<RatingReport> App::GetRatingReport(const Caller& caller, OrgId org_id, const std::string& year_text,
                                          const std::string& quarter_text, const std::string& as_of) {
  RatingReport report;
  auto year = ParseYearText(year_text, Today().year());
  if (!year.ok()) return year.error();
  std::optional<Date> day;
  if (!as_of.empty()) {
    day = Date::Parse(as_of);
    if (!day) return Error::Invalid("as_of", Msg::kInvalidDate);
    if (*day > Today()) return Error::Invalid("as_of", Msg::kDateInFuture);
  }
  int quarter = 0;
  if (!quarter_text.empty()) {
    auto [p, ec] = std::from_chars(quarter_text.data(), quarter_text.data() + quarter_text.size(), quarter);
    if (ec != std::errc() || p != quarter_text.data() + quarter_text.size() || quarter < 0 || quarter > 4) {
      return Error::Invalid("quarter", Msg::kRatingQuarterInvalid);
    }
  }
  report.year = *year;
  report.quarter = quarter;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    report.org = *org;
    std::vector<RatingOutcome> members;
    std::vector<Organization> children;
    std::vector<std::vector<RatingOutcome>> per_child;
    // As of a day: that day's structure, summing each branch's own outcomes (and each organization's own
    // rating) under the units of that day.
    std::optional<SubtreeThen> then;
    if (day) {
      then = SubtreeOn(tx, org_id, *day);
      if (!then) return Error::Invalid("as_of", Format(Msg::kRestructureAsOfBeforeFounded, day->ToVietnamese()));
      children = then->units;
      per_child.resize(children.size());
      std::map<int64_t, size_t> index;  // unit id -> its line
      for (size_t i = 0; i < children.size(); ++i) index[children[i].id.value] = i;
      for (const auto& [branch, outcome] : tx.OwnRatingOutcomes(*year, quarter, "member", then->branches)) {
        members.push_back(outcome);
        if (auto u = then->unit_of.find(branch.value); u != then->unit_of.end()) {
          per_child[index.at(u->second)].push_back(outcome);
        }
      }
    } else {
      children = tx.Children(org->id);
      per_child.resize(children.size());
      std::map<std::string, size_t> child_of;  // child path -> index
      for (size_t i = 0; i < children.size(); ++i) child_of[children[i].path] = i;
      for (const auto& t : tx.RatingTallies(*year, quarter, "member", *org, /*by_unit=*/true)) {
        if (t.org_path == org->path) {
          members.push_back(t.outcome);
        } else if (auto it = child_of.find(t.org_path); it != child_of.end()) {
          per_child[it->second].push_back(t.outcome);
        }
      }
    }
    // Still to rate while a campaign of the period covering the subtree is open: the members counted on the
    // rating date (the subtree and the registrations of that day, domain/member_timeline.h; today's when the
    // date is still ahead) without an outcome — members counted on that date are the rated, the not rated
    // and these.
    bool open = false;
    Date rating_date;
    for (const auto& c : tx.RatingCampaignsOf(PathIds(org->path))) {
      if (c.period.year == *year && c.period.quarter == quarter && c.state == store::RatingCampaignState::kOpen) {
        open = true;
        rating_date = c.period.rating_date;
      }
    }
    RatingSummary so_far = SummarizeRatings(members);
    if (open) {
      RatingOutcome pending;
      const int64_t on_date = tx.CountsAsOf(org->id, std::min(rating_date, Today())).Counted();
      pending.count = std::max<int64_t>(0, on_date - so_far.rated - so_far.not_rated);
      members.push_back(pending);
    }
    report.members = SummarizeRatings(members);
    report.by_role = SummarizeByRole(members);
    report.downgrades = DowngradeTable(members);
    for (size_t i = 0; i < children.size(); ++i) {
      report.units.push_back({children[i], SummarizeRatings(per_child[i])});
    }
    std::vector<RatingOutcome> orgs;
    std::vector<RatingOutcome> previous;
    if (then) {
      std::vector<OrgId> all;
      all.reserve(then->path.size());
      for (const auto& [id, path] : then->path) all.emplace_back(id);
      for (const auto& [o, outcome] : tx.OwnRatingOutcomes(*year, quarter, "org", all)) orgs.push_back(outcome);
      for (const auto& [b, outcome] : tx.OwnRatingOutcomes(*year - 1, quarter, "member", then->branches)) {
        previous.push_back(outcome);
      }
    } else {
      for (const auto& t : tx.RatingTallies(*year, quarter, "org", *org)) orgs.push_back(t.outcome);
      for (const auto& t : tx.RatingTallies(*year - 1, quarter, "member", *org)) previous.push_back(t.outcome);
    }
    report.orgs = SummarizeRatings(orgs);
    report.previous = SummarizeRatings(previous);
    return Status::Ok();
  }));
  return report;
}

Result<ExportFile> App::ExportRatingReport(const Caller& caller, OrgId org, const std::string& year,
                                           const std::string& quarter, const std::string& as_of) {
  auto report = GetRatingReport(caller, org, year, quarter, as_of);
  if (!report.ok()) return report.error();
  const RatingReport& r = *report;
  auto w = io::XlsxWriter::Create("xep-loai",
                                  {{std::string(Text(Msg::kRatingReportItem)), 40},
                                   {std::string(Text(Msg::kRatingReportCount)), 14},
                                   {std::string(Text(Msg::kRatingReportPercent)), 14},
                                   {std::string(Text(Msg::kRatingReportBase)), 14}},
                                  Format(Msg::kRatingReportTitle, r.year, r.org.name));
  if (!w.ok()) return w.error();
  auto& x = **w;
  auto summary = [&](const std::string& title, const RatingSummary& s) {
    x.AddRow({title});
    x.AddRow({std::string(Text(Msg::kRatingReportOnDate)), std::to_string(s.on_rating_date)});
    x.AddRow({std::string(Text(Msg::kRatingReportRated)), std::to_string(s.rated), s.rated_percent,
              std::to_string(s.on_rating_date)});
    for (const auto& l : s.levels) {
      x.AddRow({"  " + std::string(Text(RatingLevelLabel(l.level))), std::to_string(l.count), l.percent,
                std::to_string(s.rated)});
    }
    x.AddRow({std::string(Text(Msg::kRatingReportNotRated)), std::to_string(s.not_rated)});
    for (const auto& n : s.reasons) {
      x.AddRow({"  " + std::string(Text(NotRatedReasonLabel(n.reason))), std::to_string(n.count), n.percent,
                std::to_string(s.not_rated)});
    }
    if (s.pending > 0) x.AddRow({std::string(Text(Msg::kRatingReportPending)), std::to_string(s.pending)});
    x.AddRow({});
  };
  summary(std::string(Text(Msg::kRatingReportMembers)), r.members);
  summary(std::string(Text(Msg::kRatingReportOrgs)), r.orgs);
  for (size_t i = 0; i < r.by_role.size(); ++i) {
    if (r.by_role[i].on_rating_date == 0) continue;
    summary(std::string(Text(Msg::kRatingReportRole)) + ": " +
                std::string(Text(RatingRoleLabel(static_cast<RatingRole>(i)))),
            r.by_role[i]);
  }
  x.AddRow({std::string(Text(Msg::kRatingReportDowngrades))});
  for (const auto& d : r.downgrades) {
    x.AddRow({std::string(Text(RatingRoleLabel(d.role))) + ": " + std::string(Text(RatingLevelShortLabel(d.from))) +
                  " → " + std::string(Text(RatingLevelShortLabel(d.to))),
              std::to_string(d.count)});
  }
  x.AddRow({});
  for (const auto& u : r.units) {
    summary(std::string(Text(Msg::kRatingReportUnit)) + ": " + u.unit.code + " " + u.unit.name, u.members);
  }
  summary(std::string(Text(Msg::kRatingReportYear)) + " " + std::to_string(r.year - 1), r.previous);
  auto bytes = x.Finish();
  if (!bytes.ok()) return bytes.error();
  ExportFile f;
  f.bytes = std::move(*bytes);
  f.filename = fmt::format("xep-loai-{}-{}.xlsx", r.org.code, r.year);
  f.content_type = io::kXlsxContentType;
  return f;
}

}  // namespace tcxd::app
