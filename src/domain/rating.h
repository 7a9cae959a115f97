// Annual (or quarterly) review and quality rating of members and party organizations (rules §6, §4 for who
// is not rated, §5 for the effect of discipline). Pure domain: no SQL, no HTTP.
//
// The flow the service builds on these pieces:
//   1. who is rated: MemberExclusion / OrgExclusion give the reason a subject is not rated, or refuse a
//      subject that is not there on the rating date;
//   2. the self-assessment: per-criterion scores on the scale of the rule set (LoadScoreScale,
//      ValidateScores) plus the facts of the hard conditions (tasks, discipline, ...);
//   3. the level: DeriveMemberLevel / DeriveOrgLevel = the score band, lowered by every hard condition
//      that applies (each one named, for the form and the report);
//   4. the decision: ValidateDecision (an override of the derived level needs a reason; no override
//      above what the hard conditions allow), the caps (CapMeter before saving, CheckBatch when saving),
//      and later ValidateDowngrade when a higher committee lowers a rating.
// Every threshold comes from the RuleSet in force on the rating date (rule::kRating*).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/rules.h"

namespace tcxd {

// The four levels, best first (the order is used: a smaller value is a better level).
enum class RatingLevel {
  kExcellent,     // hoàn thành xuất sắc nhiệm vụ (HTXSNV)
  kGood,          // hoàn thành tốt nhiệm vụ (HTTNV)
  kCompleted,     // hoàn thành nhiệm vụ (HTNV)
  kNotCompleted,  // không hoàn thành nhiệm vụ (KHTNV)
};
inline constexpr int kRatingLevelCount = 4;

std::string_view RatingLevelName(RatingLevel level);  // "excellent", "good", "completed", "not_completed"
std::optional<RatingLevel> ParseRatingLevel(std::string_view name);
Msg RatingLevelLabel(RatingLevel level);       // "Hoàn thành xuất sắc nhiệm vụ", ...
Msg RatingLevelShortLabel(RatingLevel level);  // "xuất sắc", "tốt", ... (inside sentences and tables)
// True when `a` is a better level than `b`.
constexpr bool IsAbove(RatingLevel a, RatingLevel b) {
  return static_cast<int>(a) < static_cast<int>(b);
}
// The worse of two levels.
constexpr RatingLevel Worse(RatingLevel a, RatingLevel b) {
  return IsAbove(a, b) ? b : a;
}

// Counts per level, indexed by RatingLevel.
struct LevelCounts {
  std::array<int64_t, kRatingLevelCount> n{};
  int64_t& operator[](RatingLevel level) { return n[static_cast<size_t>(level)]; }
  int64_t operator[](RatingLevel level) const { return n[static_cast<size_t>(level)]; }
  int64_t Total() const { return n[0] + n[1] + n[2] + n[3]; }
  // Rated at `level` or better.
  int64_t AtLeast(RatingLevel level) const;
};

// The role a rated member holds in the organization, for the breakdown of downgrades (one per member:
// the first that applies in this order).
enum class RatingRole {
  kSecretary,        // bí thư
  kDeputySecretary,  // phó bí thư
  kCommitteeMember,  // cấp ủy viên
  kUnitHead,         // người đứng đầu cơ quan, đơn vị
  kMember,           // other members
};
inline constexpr int kRatingRoleCount = 5;
std::string_view RatingRoleName(RatingRole role);  // "secretary", "deputy_secretary", ...
std::optional<RatingRole> ParseRatingRole(std::string_view name);
Msg RatingRoleLabel(RatingRole role);

// ---------------------------------------------------------------------------------------------------------
// The period

// A rating period: a year, or one quarter of it (quarterly reviews exist from 366-QĐ/TW,
// rule::kRatingQuarterlyAllowed), and the rating date: the date on which membership is counted and
// whose rule set applies.
struct RatingPeriod {
  int year = 0;
  int quarter = 0;  // 0 = the whole year, 1..4 = a quarter
  Date rating_date;
};

// kInvalid naming "year" (not the rating date's year or the one before, or before 1930), "quarter"
// (outside 0..4, or a quarter when the rule set in force on the rating date does not allow quarterly
// reviews) or "rating_date" (before the period starts). kInvalid naming the rule key when it is missing.
Status ValidatePeriod(const RatingPeriod& period, const RuleSet& rules);

// ---------------------------------------------------------------------------------------------------------
// The 100-point scale

enum class RatedKind { kMember, kOrg };

struct Criterion {
  std::string code;  // stable, for storage ("tasks")
  int max_points = 0;
  std::string label;  // Vietnamese, from the rule set
};

struct ScoreScale {
  std::vector<Criterion> criteria;
  int total = 0;  // the sum of the maxima
  int excellent_min = 0;
  int good_min = 0;
  int completed_min = 0;
};

// The criteria (rule::kRatingMemberCriteria or kRatingOrgCriteria, "code:max:label|...") and the score
// bands in force on `on`. kInvalid naming the key when a rule is missing on that date or malformed:
// codes empty or repeated, maxima not positive, bands not 0 < completed < good < excellent <= total.
Result<ScoreScale> LoadScoreScale(RatedKind kind, const RuleSet& rules, Date on);

// One score per criterion, each within 0..max. kInvalid naming "scores" (wrong count) and every
// "scores[i]" out of range.
Status ValidateScores(const ScoreScale& scale, const std::vector<int>& scores);

// The level of a total score by the bands alone. REQUIRES: ValidateScores passed.
RatingLevel LevelForScore(const ScoreScale& scale, int total);

// ---------------------------------------------------------------------------------------------------------
// Hard conditions and the derived level

// Tasks (or targets) of the period: assigned, completed (possibly late), completed on time with quality,
// and among those, exceeding the requirements. Zero assigned tasks meet every task condition.
struct TaskOutcome {
  int assigned = 0;
  int completed = 0;
  int on_time = 0;
  int exceeded = 0;
};

// kInvalid naming "<field>.completed" etc. unless 0 <= exceeded <= on_time <= completed <= assigned.
Status ValidateTaskOutcome(const TaskOutcome& tasks, std::string_view field);

// A hard condition that applies, and the best level it allows.
struct LevelLimit {
  RatingLevel ceiling = RatingLevel::kExcellent;
  std::string reason;  // Vietnamese, with the numbers, e.g. "Bị kỷ luật trong năm"
};

struct LevelDerivation {
  int total_score = 0;
  RatingLevel by_score = RatingLevel::kNotCompleted;  // the band of the total score
  RatingLevel ceiling = RatingLevel::kExcellent;      // the best level the hard conditions allow
  RatingLevel level = RatingLevel::kNotCompleted;     // Worse(by_score, ceiling)
  std::vector<LevelLimit> limits;                     // every condition that applies, in rule order
};

struct MemberAssessment {
  std::vector<int> scores;  // the self-assessment, one score per criterion of the member scale
  TaskOutcome tasks;        // the member's own tasks
  // For a member who leads an organization, unit or area: its targets. nullopt for the others.
  std::optional<TaskOutcome> led_area;
  bool shortcomings_remedied = true;  // every shortcoming pointed out earlier is remedied
  bool disciplined = false;           // disciplined (reprimand or above) in the period
  // The violation disciplined was self-detected and remedied: it does not lower the level (124-QĐ/TW).
  bool discipline_self_detected = false;
  bool degraded = false;  // concluded degradation, or did what members must not do
};

// The member's level on the rules in force on `on` (366-QĐ/TW Art. 11, 124-QĐ/TW; rules §6):
//   disciplined (unless self-detected), degraded, tasks not all completed, or (leaders) the area led
//     below rule::kRatingLeaderMinAreaCompletedPercent of its targets       -> not completed;
//   tasks (or, for leaders, the area's) not all on time with quality         -> at most completed;
//   fewer than rule::kRatingExcellentMinExceededPercent % exceeding (own or area's), or shortcomings not
//     remedied                                                              -> at most good.
// Note: rules.md requires 100 % of tasks completed even for "completed", so a task left undone gives
// "not completed", and one done late (or without the quality) gives at most "completed".
// kInvalid naming "scores[i]", "tasks.*", "led_area.*" for bad input, or the rule key when a rule is
// missing on `on`.
Result<LevelDerivation> DeriveMemberLevel(const MemberAssessment& a, const RuleSet& rules, Date on);

struct OrgAssessment {
  std::vector<int> scores;  // the collective's self-assessment, one per criterion of the org scale
  TaskOutcome tasks;        // the collective's tasks and targets
  bool shortcomings_remedied = true;
  bool disciplined = false;                    // the organization or its committee disciplined in the period
  bool leadership_member_disciplined = false;  // a member of the committee disciplined in the period
  bool corruption_disciplined = false;         // a subordinate disciplined for corruption, waste, negativity
                                               // that the organization did not detect and remedy itself
  bool internal_disunity = false;
  int subordinate_orgs = 0;              // subordinate organizations at the end of the period
  int subordinate_orgs_disciplined = 0;  // of which disciplined in the period
  LevelCounts subordinate_levels;        // decided levels of the subordinate organizations
  LevelCounts member_levels;             // decided levels of the members (rated ones only)
};

// The organization's level (366-QĐ/TW Art. 11, 124-QĐ/TW, HD 43-HD/BTCTW; rules §6): its own score and
// tasks, its subordinate organizations and its members:
//   disciplined, corruption disciplined, internal disunity, more than
//     rule::kRatingOrgMaxDisciplinedSubordinatesPercent % of subordinates disciplined, tasks not all
//     completed, or more than rule::kRatingOrgCompletedMaxBehindPercent % behind schedule -> not completed;
//   tasks not all on time with quality                                        -> at most completed;
//   a subordinate or a committee member disciplined, fewer than 30 % exceeding, shortcomings not
//     remedied, fewer than rule::kRatingOrgExcellentMinGoodMembersPercent % of the rated members (or
//     ...MinGoodSubordinatesPercent % of the rated subordinates) good or better -> at most good.
// kInvalid for bad input ("scores[i]", "tasks.*", "subordinate_orgs_disciplined") or a missing rule.
Result<LevelDerivation> DeriveOrgLevel(const OrgAssessment& a, const RuleSet& rules, Date on);

// The label the rule set gives an organization rated `level` on `on` (rule::kRatingOrgLabels,
// "excellent=Trong sạch, vững mạnh tiêu biểu|good=…", the "trong sạch, vững mạnh" style of earlier
// regulations); empty when no such rule is in force, or when it gives this level none. kInvalid naming the
// key when the rule is malformed (a part without "=", an unknown level, a level twice, an empty label).
Result<std::string> OrgLevelLabel(RatingLevel level, const RuleSet& rules, Date on);

// ---------------------------------------------------------------------------------------------------------
// Who is not rated

enum class NotRatedReason {
  kExempt,            // miễn công tác và sinh hoạt đảng (232-QĐ/TW §7.2.3)
  kRecentlyAdmitted,  // admitted less than rule::kRatingMinMonthsSinceAdmission months before
  kOnLeave,           // sick or maternity leave of rule::kRatingMinLeaveMonths months or more
  kNewlyFounded,      // an organization founded less than rule::kRatingOrgMinMonthsSinceFounded months before
  kOther,             // another reason, written by the organization (configured locally)
};
inline constexpr int kNotRatedReasonCount = 5;
std::string_view NotRatedReasonName(NotRatedReason reason);  // "exempt", "recently_admitted", ...
std::optional<NotRatedReason> ParseNotRatedReason(std::string_view name);
Msg NotRatedReasonLabel(NotRatedReason reason);

struct NotRated {
  NotRatedReason reason = NotRatedReason::kOther;
  std::string detail;  // Vietnamese, with the numbers ("Kết nạp ngày 2025-09-01, chưa đủ 6 tháng")
};

// Facts about a member that the register does not hold.
struct ExclusionFacts {
  int leave_months = 0;      // months of sick or maternity leave in the period
  std::string other_reason;  // non-empty: not rated for this reason (kOther)
};

// Whether the member is rated in `period`, judged on the rating date:
//   ok(nullopt): rated; ok(NotRated): counted but not rated, with the reason (the first that applies:
//   exempt, recently admitted, on leave, other);
//   kInvalid "member_id": not a member of this organization on the rating date (admitted after it, or
//   left on or before it, or only temporarily registered here: rated where officially registered).
// Exempt and temporary are read from `m.status`; a member whose status says he or she left, with
// `left_on` after the rating date, is still rated. REQUIRES: exempt/temporary as on the rating date.
Result<std::optional<NotRated>> MemberExclusion(const Member& m, const RatingPeriod& period,
                                                const ExclusionFacts& facts, const RuleSet& rules);

// The same for an organization: kInvalid "org_id" when founded after or dissolved on or before the
// rating date; NotRated (kNewlyFounded) when founded too recently, or kOther with `other_reason`.
Result<std::optional<NotRated>> OrgExclusion(const Organization& org, const RatingPeriod& period,
                                             const std::string& other_reason, const RuleSet& rules);

// ---------------------------------------------------------------------------------------------------------
// Decisions, overrides and downgrades

// The level decided by the competent committee. When it differs from the derived level it is an
// override: the reason is required and kept.
struct RatingDecision {
  RatingLevel level = RatingLevel::kNotCompleted;
  std::string override_reason;
};

// kInvalid "level" when the decided level is above the hard-condition ceiling (no override lifts a
// hard condition, the message names it); kInvalid "override_reason" when the level differs from the
// derived one and no reason is given. REQUIRES: override_reason already cleaned (text::CleanText).
Status ValidateDecision(const LevelDerivation& derived, const RatingDecision& decision);

// A higher committee lowers a decided rating.
struct Downgrade {
  RatingLevel from = RatingLevel::kExcellent;
  RatingLevel to = RatingLevel::kNotCompleted;
  std::string reason;
};
// kInvalid "to" unless `to` is below `from`; kInvalid "reason" when empty.
Status ValidateDowngrade(const Downgrade& d);

// ---------------------------------------------------------------------------------------------------------
// Caps and checks (shown before saving, enforced when saving)

enum class CapKind {
  kExcellentShare,  // excellent <= percent % of good (or of good-or-better) in the same scope
  kHeadAboveOrg,    // the head not above the organization he or she heads
};

// One check with its numbers, ready for the decision screen: `message` is the meter text when ok and
// the refusal when not.
struct CapCheck {
  CapKind kind = CapKind::kExcellentShare;
  std::string scope;  // the duty group (empty: the whole organization); for the head: empty
  bool ok = true;
  int64_t count = 0;    // excellent in the scope (head check: 1 when the head is above, else 0)
  int64_t base = 0;     // the base of the share (head check: 0)
  int64_t percent = 0;  // the cap in percent (head check: 0)
  int64_t allowed = 0;  // the most that fit: floor(percent * base / 100) (head check: 0)
  std::string message;  // Vietnamese, e.g. "39 xuất sắc > 20 % của 180 tốt = 36"
  // Ok when ok; otherwise kInvalid naming "level" with `message`.
  Status ToStatus() const;
};

// The excellent share in one scope (same organization, same duty group: rules §6), for the counts as
// they would be after the change: ok when excellent * 100 <= percent * base, the base being the number
// rated good (rule::kRatingExcellentCapBase "good") or good and excellent ("good_or_better").
// kInvalid naming the key when a rule is missing, the percent is outside 0..100 or the base is neither.
Result<CapCheck> ExcellentShareCheck(const LevelCounts& after, const std::string& scope, const RuleSet& rules, Date on);

// The head of an organization may not be rated above it (rule::kRatingHeadNotAboveOrg; always ok when
// the rule is off).
Result<CapCheck> HeadCheck(RatingLevel head, RatingLevel org, const RuleSet& rules, Date on);

// One member's decided level in a scope.
struct RatingEntry {
  MemberId member;
  std::string duty_group;  // the group of similar duties the cap is computed in ("" = whole organization)
  RatingLevel level = RatingLevel::kNotCompleted;
};

// The meter of the decision screen: one excellent-share check per duty group present in `existing` and
// `batch` together (sorted by group), whether or not it passes.
Result<std::vector<CapCheck>> CapMeter(const std::vector<RatingEntry>& existing, const std::vector<RatingEntry>& batch,
                                       const RuleSet& rules, Date on);

// The decisions of one organization and period entered in one go, against those already decided
// (`existing`: the organization's decided ratings of the period; the caller adds any rating of a batch
// member decided elsewhere in the period, e.g. before a transfer, so that it is refused too):
// kConflict "entries[i].member_id" when a member appears twice in the batch or is already rated in the
// period (a change goes through a downgrade, not a second rating); then kInvalid "level" with the first
// failing check's message when a duty group's excellent share breaks the cap. Nothing is partially
// accepted: ok means every entry may be saved.
Status CheckBatch(const std::vector<RatingEntry>& existing, const std::vector<RatingEntry>& batch, const RuleSet& rules,
                  Date on);

}  // namespace tcxd
