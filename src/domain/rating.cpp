#include "domain/rating.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace tcxd {
namespace {

struct LevelInfo {
  RatingLevel level;
  std::string_view name;
  Msg label;
  Msg short_label;
};

constexpr LevelInfo kLevels[] = {
    {RatingLevel::kExcellent, "excellent", Msg::kRatingExcellent, Msg::kRatingExcellentShort},
    {RatingLevel::kGood, "good", Msg::kRatingGood, Msg::kRatingGoodShort},
    {RatingLevel::kCompleted, "completed", Msg::kRatingCompleted, Msg::kRatingCompletedShort},
    {RatingLevel::kNotCompleted, "not_completed", Msg::kRatingNotCompleted, Msg::kRatingNotCompletedShort},
};
static_assert(std::size(kLevels) == kRatingLevelCount);

struct RoleInfo {
  RatingRole role;
  std::string_view name;
  Msg label;
};

constexpr RoleInfo kRoles[] = {
    {RatingRole::kSecretary, "secretary", Msg::kRatingRoleSecretary},
    {RatingRole::kDeputySecretary, "deputy_secretary", Msg::kRatingRoleDeputySecretary},
    {RatingRole::kCommitteeMember, "committee_member", Msg::kRatingRoleCommitteeMember},
    {RatingRole::kUnitHead, "unit_head", Msg::kRatingRoleUnitHead},
    {RatingRole::kMember, "member", Msg::kRatingRoleMember},
};
static_assert(std::size(kRoles) == kRatingRoleCount);

struct ReasonInfo {
  NotRatedReason reason;
  std::string_view name;
  Msg label;
};

constexpr ReasonInfo kReasons[] = {
    {NotRatedReason::kExempt, "exempt", Msg::kRatingNotRatedExempt},
    {NotRatedReason::kRecentlyAdmitted, "recently_admitted", Msg::kRatingNotRatedRecentlyAdmitted},
    {NotRatedReason::kOnLeave, "on_leave", Msg::kRatingNotRatedOnLeave},
    {NotRatedReason::kNewlyFounded, "newly_founded", Msg::kRatingNotRatedNewlyFounded},
    {NotRatedReason::kOther, "other", Msg::kRatingNotRatedOther},
};
static_assert(std::size(kReasons) == kNotRatedReasonCount);

// The tables list the enum values in declaration order (checked by the static_asserts on their size and
// by the round-trip tests), so a row's index is its value.
template <typename Table, typename Enum>
std::optional<Enum> ParseName(const Table& table, std::string_view name) {
  for (const auto& row : table) {
    if (row.name == name) return static_cast<Enum>(&row - &table[0]);
  }
  return std::nullopt;
}

Result<int64_t> IntRule(const RuleSet& rules, std::string_view key, Date on) {
  return rules.FindInt(key, on);
}
Result<bool> BoolRule(const RuleSet& rules, std::string_view key, Date on) {
  return rules.FindBool(key, on);
}

// "code:max:label|code:max:label" -> criteria; nullopt when malformed.
std::optional<std::vector<Criterion>> ParseCriteria(std::string_view text) {
  std::vector<Criterion> out;
  std::set<std::string, std::less<>> codes;
  while (!text.empty()) {
    const size_t bar = text.find('|');
    const std::string_view item = text.substr(0, bar);
    text = bar == std::string_view::npos ? std::string_view() : text.substr(bar + 1);
    const size_t c1 = item.find(':');
    if (c1 == std::string_view::npos) return std::nullopt;
    const size_t c2 = item.find(':', c1 + 1);
    if (c2 == std::string_view::npos) return std::nullopt;
    Criterion c;
    c.code = std::string(item.substr(0, c1));
    const std::string_view max = item.substr(c1 + 1, c2 - c1 - 1);
    c.label = std::string(item.substr(c2 + 1));
    auto [ptr, ec] = std::from_chars(max.data(), max.data() + max.size(), c.max_points);
    if (ec != std::errc() || ptr != max.data() + max.size() || c.max_points < 1 || c.code.empty() || c.label.empty() ||
        !codes.insert(c.code).second) {
      return std::nullopt;
    }
    out.push_back(std::move(c));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// a * 100 < percent * b, on integers: "a is less than percent % of b".
bool BelowPercent(int64_t a, int64_t b, int64_t percent) {
  return a * 100 < percent * b;
}

// percent % of base, exact: "36", "1.4", "0.25".
std::string PercentOf(int64_t percent, int64_t base) {
  const int64_t hundredths = percent * base;
  std::string out = fmt::format("{}.{:02d}", hundredths / 100, hundredths % 100);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

void Limit(LevelDerivation& d, RatingLevel ceiling, std::string reason) {
  d.ceiling = Worse(d.ceiling, ceiling);
  d.limits.push_back({ceiling, std::move(reason)});
}

// The task conditions shared by members and organizations: all completed, all on time with quality,
// enough exceeding.
void ApplyTasks(LevelDerivation& d, const TaskOutcome& t, int64_t min_exceeded_percent) {
  if (t.completed < t.assigned) {
    Limit(d, RatingLevel::kNotCompleted, Format(Msg::kRatingLimitTasksNotCompleted, t.completed, t.assigned));
  }
  if (t.on_time < t.assigned) {
    Limit(d, RatingLevel::kCompleted, Format(Msg::kRatingLimitTasksNotOnTime, t.on_time, t.assigned));
  }
  if (BelowPercent(t.exceeded, t.assigned, min_exceeded_percent)) {
    Limit(d, RatingLevel::kGood, Format(Msg::kRatingLimitTasksExceeded, t.exceeded, t.assigned, min_exceeded_percent));
  }
}

Result<LevelDerivation> ScoreBand(RatedKind kind, const std::vector<int>& scores, const RuleSet& rules, Date on) {
  auto scale = LoadScoreScale(kind, rules, on);
  if (!scale.ok()) return scale.error();
  TCXD_RETURN_IF_ERROR(ValidateScores(*scale, scores));
  LevelDerivation d;
  for (int s : scores) d.total_score += s;
  d.by_score = LevelForScore(*scale, d.total_score);
  return d;
}

void Finish(LevelDerivation& d) {
  d.level = Worse(d.by_score, d.ceiling);
}

}  // namespace

std::string_view RatingLevelName(RatingLevel level) {
  return kLevels[static_cast<size_t>(level)].name;
}
std::optional<RatingLevel> ParseRatingLevel(std::string_view name) {
  return ParseName<decltype(kLevels), RatingLevel>(kLevels, name);
}
Msg RatingLevelLabel(RatingLevel level) {
  return kLevels[static_cast<size_t>(level)].label;
}
Msg RatingLevelShortLabel(RatingLevel level) {
  return kLevels[static_cast<size_t>(level)].short_label;
}

int64_t LevelCounts::AtLeast(RatingLevel level) const {
  int64_t sum = 0;
  for (int i = 0; i <= static_cast<int>(level); ++i) sum += n[static_cast<size_t>(i)];
  return sum;
}

std::string_view RatingRoleName(RatingRole role) {
  return kRoles[static_cast<size_t>(role)].name;
}
std::optional<RatingRole> ParseRatingRole(std::string_view name) {
  return ParseName<decltype(kRoles), RatingRole>(kRoles, name);
}
Msg RatingRoleLabel(RatingRole role) {
  return kRoles[static_cast<size_t>(role)].label;
}

std::string_view NotRatedReasonName(NotRatedReason reason) {
  return kReasons[static_cast<size_t>(reason)].name;
}
std::optional<NotRatedReason> ParseNotRatedReason(std::string_view name) {
  return ParseName<decltype(kReasons), NotRatedReason>(kReasons, name);
}
Msg NotRatedReasonLabel(NotRatedReason reason) {
  return kReasons[static_cast<size_t>(reason)].label;
}

// --- period ------------------------------------------------------------------------------------------------

Status ValidatePeriod(const RatingPeriod& period, const RuleSet& rules) {
  FieldErrors errors;
  const int date_year = period.rating_date.year();
  if (period.year < 1930 || period.year > date_year || period.year < date_year - 1) {
    errors.Add("year", Format(Msg::kRatingYearInvalid, date_year));
  }
  if (period.quarter < 0 || period.quarter > 4) {
    errors.Add("quarter", Msg::kRatingQuarterInvalid);
  } else if (period.quarter > 0) {
    auto allowed = BoolRule(rules, rule::kRatingQuarterlyAllowed, period.rating_date);
    if (!allowed.ok()) return allowed.error();
    if (!*allowed) errors.Add("quarter", Msg::kRatingQuarterNotAllowed);
  }
  if (errors.empty() && period.year >= 1930) {
    const auto start = Date::Make(period.year, period.quarter == 0 ? 1 : 3 * period.quarter - 2, 1);
    if (start && period.rating_date < *start) {
      errors.Add("rating_date", Format(Msg::kRatingDateBeforePeriod, start->ToString()));
    }
  }
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

// --- scale -------------------------------------------------------------------------------------------------

Result<ScoreScale> LoadScoreScale(RatedKind kind, const RuleSet& rules, Date on) {
  const std::string_view key = kind == RatedKind::kMember ? rule::kRatingMemberCriteria : rule::kRatingOrgCriteria;
  auto found = rules.Find(key, on);
  if (!found.ok()) return found.error();
  const auto* text = std::get_if<std::string>(&found->value);
  auto criteria = text == nullptr ? std::nullopt : ParseCriteria(*text);
  if (!criteria) return Error::Invalid(std::string(key), Format(Msg::kRuleMalformed, key));
  ScoreScale scale;
  scale.criteria = std::move(*criteria);
  for (const auto& c : scale.criteria) scale.total += c.max_points;
  auto excellent = IntRule(rules, rule::kRatingExcellentMin, on);
  if (!excellent.ok()) return excellent.error();
  auto good = IntRule(rules, rule::kRatingGoodMin, on);
  if (!good.ok()) return good.error();
  auto completed = IntRule(rules, rule::kRatingCompletedMin, on);
  if (!completed.ok()) return completed.error();
  if (!(0 < *completed && *completed < *good && *good < *excellent && *excellent <= scale.total)) {
    return Error::Invalid(std::string(rule::kRatingExcellentMin),
                          Format(Msg::kRuleMalformed, rule::kRatingExcellentMin));
  }
  scale.excellent_min = static_cast<int>(*excellent);
  scale.good_min = static_cast<int>(*good);
  scale.completed_min = static_cast<int>(*completed);
  return scale;
}

Result<std::string> OrgLevelLabel(RatingLevel level, const RuleSet& rules, Date on) {
  auto found = rules.Find(rule::kRatingOrgLabels, on);
  if (!found.ok()) return std::string();
  const auto malformed = [] {
    return Error::Invalid(std::string(rule::kRatingOrgLabels), Format(Msg::kRuleMalformed, rule::kRatingOrgLabels));
  };
  const auto* text = std::get_if<std::string>(&found->value);
  if (text == nullptr) return malformed();
  std::string out;
  std::set<RatingLevel> seen;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const size_t bar = rest.find('|');
    const std::string_view part = rest.substr(0, bar);
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos || eq + 1 == part.size()) return malformed();
    auto l = ParseRatingLevel(part.substr(0, eq));
    if (!l || !seen.insert(*l).second) return malformed();
    if (*l == level) out = std::string(part.substr(eq + 1));
  }
  return out;
}

Status ValidateScores(const ScoreScale& scale, const std::vector<int>& scores) {
  if (scores.size() != scale.criteria.size()) {
    return Error::Invalid("scores", Format(Msg::kRatingScoreCount, scale.criteria.size(), scores.size()));
  }
  FieldErrors errors;
  for (size_t i = 0; i < scores.size(); ++i) {
    const auto& c = scale.criteria[i];
    if (scores[i] < 0 || scores[i] > c.max_points) {
      errors.Add("scores[" + std::to_string(i) + "]", Format(Msg::kRatingScoreRange, c.label, c.max_points));
    }
  }
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

RatingLevel LevelForScore(const ScoreScale& scale, int total) {
  if (total >= scale.excellent_min) return RatingLevel::kExcellent;
  if (total >= scale.good_min) return RatingLevel::kGood;
  if (total >= scale.completed_min) return RatingLevel::kCompleted;
  return RatingLevel::kNotCompleted;
}

// --- derivation --------------------------------------------------------------------------------------------

Status ValidateTaskOutcome(const TaskOutcome& t, std::string_view field) {
  const std::string f(field);
  if (t.exceeded < 0) return Error::Invalid(f + ".exceeded", Msg::kRatingTasksInconsistent);
  if (t.on_time < t.exceeded) return Error::Invalid(f + ".on_time", Msg::kRatingTasksInconsistent);
  if (t.completed < t.on_time) return Error::Invalid(f + ".completed", Msg::kRatingTasksInconsistent);
  if (t.assigned < t.completed) return Error::Invalid(f + ".assigned", Msg::kRatingTasksInconsistent);
  return Status::Ok();
}

Result<LevelDerivation> DeriveMemberLevel(const MemberAssessment& a, const RuleSet& rules, Date on) {
  TCXD_RETURN_IF_ERROR(ValidateTaskOutcome(a.tasks, "tasks"));
  if (a.led_area) TCXD_RETURN_IF_ERROR(ValidateTaskOutcome(*a.led_area, "led_area"));
  auto d = ScoreBand(RatedKind::kMember, a.scores, rules, on);
  if (!d.ok()) return d.error();
  auto exceeded_pct = IntRule(rules, rule::kRatingExcellentMinExceededPercent, on);
  if (!exceeded_pct.ok()) return exceeded_pct.error();

  if (a.disciplined && !a.discipline_self_detected) {
    Limit(*d, RatingLevel::kNotCompleted, std::string(Text(Msg::kRatingLimitDisciplined)));
  }
  if (a.degraded) Limit(*d, RatingLevel::kNotCompleted, std::string(Text(Msg::kRatingLimitDegraded)));
  ApplyTasks(*d, a.tasks, *exceeded_pct);
  if (a.led_area) {
    const TaskOutcome& area = *a.led_area;
    auto min_area = IntRule(rules, rule::kRatingLeaderMinAreaCompletedPercent, on);
    if (!min_area.ok()) return min_area.error();
    if (BelowPercent(area.completed, area.assigned, *min_area)) {
      Limit(*d, RatingLevel::kNotCompleted,
            Format(Msg::kRatingLimitAreaBelow, area.completed, area.assigned, *min_area));
    }
    if (area.on_time < area.assigned) {
      Limit(*d, RatingLevel::kCompleted, Format(Msg::kRatingLimitAreaNotOnTime, area.on_time, area.assigned));
    }
    if (BelowPercent(area.exceeded, area.assigned, *exceeded_pct)) {
      Limit(*d, RatingLevel::kGood, Format(Msg::kRatingLimitAreaExceeded, area.exceeded, area.assigned, *exceeded_pct));
    }
  }
  if (!a.shortcomings_remedied) Limit(*d, RatingLevel::kGood, std::string(Text(Msg::kRatingLimitShortcomings)));
  Finish(*d);
  return d;
}

Result<LevelDerivation> DeriveOrgLevel(const OrgAssessment& a, const RuleSet& rules, Date on) {
  TCXD_RETURN_IF_ERROR(ValidateTaskOutcome(a.tasks, "tasks"));
  if (a.subordinate_orgs < 0 || a.subordinate_orgs_disciplined < 0 ||
      a.subordinate_orgs_disciplined > a.subordinate_orgs) {
    return Error::Invalid("subordinate_orgs_disciplined", Msg::kRatingSubordinatesInconsistent);
  }
  auto d = ScoreBand(RatedKind::kOrg, a.scores, rules, on);
  if (!d.ok()) return d.error();
  auto exceeded_pct = IntRule(rules, rule::kRatingExcellentMinExceededPercent, on);
  if (!exceeded_pct.ok()) return exceeded_pct.error();
  auto max_behind = IntRule(rules, rule::kRatingOrgCompletedMaxBehindPercent, on);
  if (!max_behind.ok()) return max_behind.error();
  auto max_disciplined = IntRule(rules, rule::kRatingOrgMaxDisciplinedSubordinatesPercent, on);
  if (!max_disciplined.ok()) return max_disciplined.error();
  auto min_good_members = IntRule(rules, rule::kRatingOrgExcellentMinGoodMembersPercent, on);
  if (!min_good_members.ok()) return min_good_members.error();
  auto min_good_subs = IntRule(rules, rule::kRatingOrgExcellentMinGoodSubordinatesPercent, on);
  if (!min_good_subs.ok()) return min_good_subs.error();

  if (a.disciplined) Limit(*d, RatingLevel::kNotCompleted, std::string(Text(Msg::kRatingLimitOrgDisciplined)));
  if (a.corruption_disciplined) {
    Limit(*d, RatingLevel::kNotCompleted, std::string(Text(Msg::kRatingLimitCorruption)));
  }
  if (a.internal_disunity) Limit(*d, RatingLevel::kNotCompleted, std::string(Text(Msg::kRatingLimitDisunity)));
  // "more than 20 %": disciplined * 100 > percent * subordinates.
  if (a.subordinate_orgs_disciplined * int64_t{100} > *max_disciplined * a.subordinate_orgs) {
    Limit(*d, RatingLevel::kNotCompleted,
          Format(Msg::kRatingLimitSubordinatesDisciplinedShare, a.subordinate_orgs_disciplined, a.subordinate_orgs,
                 *max_disciplined));
  }
  // Behind schedule: completed, but late or without the quality (tasks not completed are a condition
  // of their own, in ApplyTasks).
  const int behind = a.tasks.completed - a.tasks.on_time;
  if (behind * int64_t{100} > *max_behind * a.tasks.assigned) {
    Limit(*d, RatingLevel::kNotCompleted, Format(Msg::kRatingLimitTasksBehind, behind, a.tasks.assigned, *max_behind));
  }
  ApplyTasks(*d, a.tasks, *exceeded_pct);
  if (a.subordinate_orgs_disciplined > 0 || a.leadership_member_disciplined) {
    Limit(*d, RatingLevel::kGood, std::string(Text(Msg::kRatingLimitSubordinateDisciplined)));
  }
  if (!a.shortcomings_remedied) Limit(*d, RatingLevel::kGood, std::string(Text(Msg::kRatingLimitShortcomings)));
  const int64_t members_good = a.member_levels.AtLeast(RatingLevel::kGood);
  if (BelowPercent(members_good, a.member_levels.Total(), *min_good_members)) {
    Limit(*d, RatingLevel::kGood,
          Format(Msg::kRatingLimitMembersGood, members_good, a.member_levels.Total(), *min_good_members));
  }
  const int64_t subs_good = a.subordinate_levels.AtLeast(RatingLevel::kGood);
  if (BelowPercent(subs_good, a.subordinate_levels.Total(), *min_good_subs)) {
    Limit(*d, RatingLevel::kGood,
          Format(Msg::kRatingLimitSubordinatesGood, subs_good, a.subordinate_levels.Total(), *min_good_subs));
  }
  Finish(*d);
  return d;
}

// --- who is not rated --------------------------------------------------------------------------------------

Result<std::optional<NotRated>> MemberExclusion(const Member& m, const RatingPeriod& period,
                                                const ExclusionFacts& facts, const RuleSet& rules) {
  const Date on = period.rating_date;
  if (!m.admission_date || on < *m.admission_date) {
    return Error::Invalid("member_id", Format(Msg::kRatingNotMemberOnDate, on.ToString()));
  }
  // Left on or before the rating date (a member who left after it was there on the date and is rated).
  if ((HasLeft(m.status) && !m.left_on) || (m.left_on && *m.left_on <= on)) {
    const std::string left = m.left_on ? m.left_on->ToString() : std::string("?");
    return Error::Invalid("member_id", Format(Msg::kRatingLeftBeforeDate, left, on.ToString()));
  }
  if (m.status == MemberStatus::kTemporary) return Error::Invalid("member_id", Msg::kRatingTemporary);
  if (m.status == MemberStatus::kExempt) {
    return std::optional<NotRated>(NotRated{NotRatedReason::kExempt, std::string(Text(Msg::kRatingNotRatedExempt))});
  }
  auto min_months = IntRule(rules, rule::kRatingMinMonthsSinceAdmission, on);
  if (!min_months.ok()) return min_months.error();
  if (FullMonthsBetween(*m.admission_date, on) < *min_months) {
    return std::optional<NotRated>(
        NotRated{NotRatedReason::kRecentlyAdmitted,
                 Format(Msg::kRatingDetailRecentlyAdmitted, m.admission_date->ToString(), *min_months, on.ToString())});
  }
  auto min_leave = IntRule(rules, rule::kRatingMinLeaveMonths, on);
  if (!min_leave.ok()) return min_leave.error();
  if (facts.leave_months >= *min_leave) {
    return std::optional<NotRated>(
        NotRated{NotRatedReason::kOnLeave, Format(Msg::kRatingDetailOnLeave, facts.leave_months, *min_leave)});
  }
  if (!facts.other_reason.empty()) return std::optional<NotRated>(NotRated{NotRatedReason::kOther, facts.other_reason});
  return std::optional<NotRated>();
}

Result<std::optional<NotRated>> OrgExclusion(const Organization& org, const RatingPeriod& period,
                                             const std::string& other_reason, const RuleSet& rules) {
  const Date on = period.rating_date;
  if ((org.founded_on && on < *org.founded_on) || (org.dissolved_on && *org.dissolved_on <= on)) {
    return Error::Invalid("org_id", Format(Msg::kRatingOrgNotOnDate, on.ToString()));
  }
  auto min_months = IntRule(rules, rule::kRatingOrgMinMonthsSinceFounded, on);
  if (!min_months.ok()) return min_months.error();
  if (org.founded_on && FullMonthsBetween(*org.founded_on, on) < *min_months) {
    return std::optional<NotRated>(
        NotRated{NotRatedReason::kNewlyFounded,
                 Format(Msg::kRatingDetailNewlyFounded, org.founded_on->ToString(), *min_months, on.ToString())});
  }
  if (!other_reason.empty()) return std::optional<NotRated>(NotRated{NotRatedReason::kOther, other_reason});
  return std::optional<NotRated>();
}

// --- decisions ---------------------------------------------------------------------------------------------

Status ValidateDecision(const LevelDerivation& derived, const RatingDecision& decision) {
  if (IsAbove(decision.level, derived.ceiling)) {
    // Name the strongest condition: the first limit whose ceiling is the derived ceiling.
    std::string why;
    for (const auto& l : derived.limits) {
      if (l.ceiling == derived.ceiling) {
        why = l.reason;
        break;
      }
    }
    return Error::Invalid("level", Format(Msg::kRatingAboveCeiling, Text(RatingLevelLabel(derived.ceiling)), why));
  }
  if (decision.level != derived.level && decision.override_reason.empty()) {
    return Error::Invalid("override_reason",
                          Format(Msg::kRatingOverrideReasonRequired, Text(RatingLevelLabel(derived.level))));
  }
  return Status::Ok();
}

Status ValidateDowngrade(const Downgrade& d) {
  FieldErrors errors;
  if (!IsAbove(d.from, d.to)) errors.Add("to", Format(Msg::kRatingDowngradeNotLower, Text(RatingLevelLabel(d.from))));
  if (d.reason.empty()) errors.Add("reason", Msg::kRatingDowngradeReasonRequired);
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

// --- caps --------------------------------------------------------------------------------------------------

Status CapCheck::ToStatus() const {
  if (ok) return Status::Ok();
  return Error::Invalid("level", message);
}

Result<CapCheck> ExcellentShareCheck(const LevelCounts& after, const std::string& scope, const RuleSet& rules,
                                     Date on) {
  auto percent = IntRule(rules, rule::kRatingExcellentCapPercent, on);
  if (!percent.ok()) return percent.error();
  if (*percent < 0 || *percent > 100) {
    return Error::Invalid(std::string(rule::kRatingExcellentCapPercent),
                          Format(Msg::kRuleMalformed, rule::kRatingExcellentCapPercent));
  }
  auto base_rule = rules.Find(rule::kRatingExcellentCapBase, on);
  if (!base_rule.ok()) return base_rule.error();
  const auto* base_name = std::get_if<std::string>(&base_rule->value);
  if (base_name == nullptr || (*base_name != "good" && *base_name != "good_or_better")) {
    return Error::Invalid(std::string(rule::kRatingExcellentCapBase),
                          Format(Msg::kRuleMalformed, rule::kRatingExcellentCapBase));
  }
  const bool with_excellent = *base_name == "good_or_better";
  CapCheck c;
  c.kind = CapKind::kExcellentShare;
  c.scope = scope;
  c.count = after[RatingLevel::kExcellent];
  c.base = after[RatingLevel::kGood] + (with_excellent ? c.count : 0);
  c.percent = *percent;
  c.allowed = c.percent * c.base / 100;
  c.ok = c.count * 100 <= c.percent * c.base;
  const std::string scope_text = scope.empty() ? std::string() : Format(Msg::kRatingCapScope, scope);
  const std::string_view base_label = Text(with_excellent ? Msg::kRatingCapBaseGoodOrBetter : Msg::kRatingCapBaseGood);
  if (!c.ok) {
    c.message = Format(Msg::kRatingCapExceeded, scope_text, c.count, c.percent, c.base, base_label,
                       PercentOf(c.percent, c.base), c.allowed);
  } else {
    c.message = Format(Msg::kRatingCapMeter, scope_text, c.count, c.allowed, c.percent, c.base, base_label,
                       PercentOf(c.percent, c.base));
  }
  return c;
}

Result<CapCheck> HeadCheck(RatingLevel head, RatingLevel org, const RuleSet& rules, Date on) {
  auto on_rule = BoolRule(rules, rule::kRatingHeadNotAboveOrg, on);
  if (!on_rule.ok()) return on_rule.error();
  CapCheck c;
  c.kind = CapKind::kHeadAboveOrg;
  const bool above = IsAbove(head, org);
  c.count = above ? 1 : 0;
  c.ok = !*on_rule || !above;
  const std::string_view head_label = Text(RatingLevelLabel(head));
  const std::string_view org_label = Text(RatingLevelLabel(org));
  c.message =
      c.ok ? Format(Msg::kRatingHeadOk, head_label, org_label) : Format(Msg::kRatingHeadAbove, head_label, org_label);
  return c;
}

Result<std::vector<CapCheck>> CapMeter(const std::vector<RatingEntry>& existing, const std::vector<RatingEntry>& batch,
                                       const RuleSet& rules, Date on) {
  std::map<std::string, LevelCounts> groups;
  for (const auto* list : {&existing, &batch}) {
    for (const auto& e : *list) ++groups[e.duty_group][e.level];
  }
  std::vector<CapCheck> out;
  for (const auto& [group, counts] : groups) {
    auto c = ExcellentShareCheck(counts, group, rules, on);
    if (!c.ok()) return c.error();
    out.push_back(std::move(*c));
  }
  return out;
}

Status CheckBatch(const std::vector<RatingEntry>& existing, const std::vector<RatingEntry>& batch, const RuleSet& rules,
                  Date on) {
  std::set<MemberId> seen;
  for (const auto& e : existing) seen.insert(e.member);
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!seen.insert(batch[i].member).second) {
      return Error::Conflict("entries[" + std::to_string(i) + "].member_id", Msg::kRatingDuplicate);
    }
  }
  auto meter = CapMeter(existing, batch, rules, on);
  if (!meter.ok()) return meter.error();
  for (const auto& c : *meter) TCXD_RETURN_IF_ERROR(c.ToStatus());
  return Status::Ok();
}

}  // namespace tcxd
