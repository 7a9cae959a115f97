// Status changes of a member with their decisions (rules.md §1.6, §1.7, §2, §4, §5, §7; issue #7 item 2):
// exemption from party work and activity (miễn công tác và sinh hoạt đảng) and its end, reduction (giảm),
// removal from the list (xóa tên) with its ground, withdrawal (xin ra khỏi Đảng), expulsion (khai trừ,
// recorded from a disciplinary decision) and death (từ trần). Pure domain: no SQL, no HTTP, no clock.
//
// Every event carries its decision (number, date, deciding body). Which body may decide which event is
// data of the rule set (member_event.<kind>.bodies); so are the periods a removal ground needs
// (member_event.removal.*). An event's effects:
//   exemption      status exempt (still counted, keeps badge eligibility, exempt from rating);
//   exemption_end  back to official (official date reached) or probationary;
//   reduction      no status change: a flag with its period (effective_on .. until);
//   removal, withdrawal, expulsion
//                  status removed / withdrew / expelled, left_on = effective date, party age stops there
//                  (an interruption until any re-admission), badge no longer due, card and badge returned;
//   death          status deceased, left_on = date of death; the family keeps card and badge.
// History is append-only: a correction is a new event of the same kind that supersedes the last one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "domain/member.h"
#include "domain/rules.h"
#include "domain/workcal.h"

namespace tcxd {

enum class MemberEventKind { kExemption, kExemptionEnd, kReduction, kRemoval, kWithdrawal, kExpulsion, kDeath };
inline constexpr int kMemberEventKindCount = 7;

// The level of the body that signed the decision.
enum class DecidingBody { kBranch, kGrassroots, kUpper, kProvince, kCentral };

// The grounds of a removal (rules.md §4, §1.6).
enum class RemovalGround {
  kInactive,           // bỏ sinh hoạt đảng (member_event.removal.inactive_months)
  kUnpaidFees,         // không đóng đảng phí (member_event.removal.unpaid_fee_months in a year)
  kCardReturned,       // tự ý trả thẻ / hủy thẻ
  kNoProgress,         // giáo dục không tiến bộ (member_event.removal.no_progress_months)
  kStandingViolation,  // vi phạm tư cách liên tiếp (member_event.removal.violation_years)
  kPoliticalStandard,  // không bảo đảm tiêu chuẩn chính trị
  kProbationFailed,    // dự bị không đủ tư cách khi hết thời gian dự bị
};

std::string_view MemberEventKindName(MemberEventKind k);  // "exemption", ...
std::optional<MemberEventKind> ParseMemberEventKind(std::string_view name);
Msg MemberEventKindLabel(MemberEventKind k);
std::string_view DecidingBodyName(DecidingBody b);  // "branch", ...
std::optional<DecidingBody> ParseDecidingBody(std::string_view name);
Msg DecidingBodyLabel(DecidingBody b);
std::string_view RemovalGroundName(RemovalGround g);  // "inactive", ...
std::optional<RemovalGround> ParseRemovalGround(std::string_view name);
Msg RemovalGroundLabel(RemovalGround g);

// Events that end the membership (the member leaves the register's counts).
bool IsLeavingEvent(MemberEventKind k);
// Events whose card must be returned to the party organization (rules.md §2: removal, expulsion; the
// badge too on leaving, §7). Withdrawal is treated like removal. Not death: the family keeps them.
bool CardReturnRequired(MemberEventKind k);

struct EventDecision {
  std::string number;  // "15-QĐ/ĐU"
  Date date;           // signed on (death: the date of the death notice)
  DecidingBody body = DecidingBody::kBranch;
  std::string body_name;  // "Đảng ủy xã Nghĩa Trụ" (optional)
};

struct MemberEvent {
  int64_t id = 0;
  MemberId member_id;
  MemberEventKind kind = MemberEventKind::kExemption;
  EventDecision decision;
  Date effective_on;                    // takes effect (death: the date of death)
  std::optional<Date> until;            // exemption (optional) and reduction (required): last day
  std::optional<RemovalGround> ground;  // removal only (required)
  int ground_months = 0;                // removal: how long the ground lasted, when its rule sets a period
  bool card_returned = false;           // removal, withdrawal, expulsion
  std::optional<Date> card_returned_on;
  std::string note;
  int64_t supersedes = 0;  // the id of the event this one corrects (same kind), 0 = none
  // Effects, filled by ApplyMemberEvent (and stored):
  MemberStatus status_before = MemberStatus::kOfficial;
  MemberStatus status_after = MemberStatus::kOfficial;
  // Kept by the store:
  OrgId org_id;          // the member's branch when recorded
  std::string org_path;  // its path then (subtree reports of the period)
  std::string recorded_by;
  int64_t recorded_at_ms = 0;
  int64_t superseded_by = 0;  // read only: the correcting event, 0 = in force
};

struct MemberEventEffect {
  MemberStatus status = MemberStatus::kOfficial;  // the member's status after the event
  std::optional<Date> left_on;                    // set by a leaving event
  bool counted = true;                            // IsCounted(status)
  bool party_age_stops = false;  // party age is counted up to effective_on only (an interruption after)
  bool badge_eligible = true;    // Party badge milestones still due (exempt members keep them)
  bool card_return_required = false;
};

struct MemberEventContext {
  const RuleSet& rules;
  Date today;
};

// Checks `e` against the member `m` (as registered now), the member's history (any order, superseded
// events included) and the rule set in force on the decision date, and returns `e` with status_before
// and status_after set, and the effect. Errors (nothing changes):
//   kInvalid  "decision_number" (required), "decision_date", "effective_on" (in the future, before the
//             admission decision, effective before the decision — after it for a death notice), "until"
//             (required for a reduction, only for exemption and reduction, after effective_on),
//             "decision_body" (not allowed to decide this kind by member_event.<kind>.bodies), "ground"
//             (required for a removal, only for a removal; probation_failed for probationary members whose
//             probation is over), "ground_months" (shorter than the rule's period), "card_returned"
//             (only where the card is returned), "card_returned_on" (before effective_on, in the future),
//             "kind" (expulsion of a probationary member), or the rule key when a rule is missing;
//   kConflict "kind": the member has left (a second leaving event), is registered here only temporarily,
//             is not counted (exemption, reduction), is already exempt, or is not exempt (exemption_end);
//             "supersedes": unknown, of another kind, already superseded, or not the member's last
//             status-changing event.
Result<MemberEvent> ApplyMemberEvent(const Member& m, MemberEvent e, const std::vector<MemberEvent>& history,
                                     const MemberEventContext& ctx, MemberEventEffect* effect = nullptr);

// The member after the event: status, left_on (a correction moves it to the new effective date).
Member MemberAfterEvent(const Member& m, const MemberEvent& applied);

// The date up to which party age counts: the left_on of a member who left by removal, withdrawal,
// expulsion or death, nullopt otherwise (a transfer out keeps counting elsewhere).
std::optional<Date> PartyAgeEnd(const Member& m);

// ---- detection lists (watchlist), computed from the register, the dossiers and the events

// A probationary member's recognition review deadline (rules.md §1.6, §12.4): the official date
// (admission decision + admission.probation_months) + admission.recognition_review_working_days on
// the working-day calendar (weekends only where the calendar lacks a year: `estimated`).
struct RecognitionDue {
  Date official_date;
  Date review_deadline;
  bool estimated = false;
};
Result<RecognitionDue> RecognitionReviewDue(Date admission, const RuleSet& rules, const WorkCalendar& calendar);

}  // namespace tcxd
