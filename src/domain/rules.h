// A versioned rule set: every threshold of the regulations is a value with a validity period
// (effective from / to) and its source, so that a 2025 change does not rewrite history.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace tcxd {

using RuleValue = std::variant<int64_t, double, bool, std::string>;

struct RuleVersion {
  std::optional<Date> from;  // inclusive; nullopt = since always
  std::optional<Date> to;    // inclusive; nullopt = still in force
  RuleValue value;
  std::string source;  // the regulation it comes from, e.g. "294-QĐ/TW §1.1"
};

class RuleSet final {
 public:
  // Adds a version. Returns kInvalid when it overlaps an existing version of the same key.
  Status Add(const std::string& key, RuleVersion version);

  // The version in force on `on`, or kInvalid (Msg::kRuleMissing) when none is.
  Result<RuleVersion> Find(std::string_view key, Date on) const;

  // Typed access. REQUIRES: the key exists on `on` with that type (a configuration bug otherwise:
  // throws std::logic_error, which the edge reports as an internal error).
  int64_t Int(std::string_view key, Date on) const;
  bool Bool(std::string_view key, Date on) const;
  std::string String(std::string_view key, Date on) const;
  // Checked typed access: kInvalid naming the key when it is missing on `on` (Msg::kRuleMissing) or of
  // another type (Msg::kRuleMalformed). For rules the domain applies to user data.
  Result<int64_t> FindInt(std::string_view key, Date on) const;
  Result<bool> FindBool(std::string_view key, Date on) const;
  // A strictly increasing list of positive integers written as text ("30,40,45"): age bands, badge
  // milestones. kInvalid naming the key when it is missing on `on` or malformed.
  Result<std::vector<int>> IncreasingInts(std::string_view key, Date on) const;

  std::vector<std::string> Keys() const;
  const std::vector<RuleVersion>& Versions(const std::string& key) const;

  // Parses {"rules": {"key": [{"from": "YYYY-MM-DD"|null, "to": ..., "value": ..., "source": "..."}]}}.
  static Result<RuleSet> FromJson(std::string_view json);
  // The rule set compiled into the binary (rules/default.json).
  static const RuleSet& Default();

 private:
  std::map<std::string, std::vector<RuleVersion>, std::less<>> rules_;
};

// Rule keys used by the code (one place, so a typo is a compile error).
namespace rule {
inline constexpr std::string_view kAdmissionMinAgeYears = "admission.min_age_years";
inline constexpr std::string_view kAdmissionMaxAgeYears = "admission.max_age_years";
inline constexpr std::string_view kProbationMonths = "admission.probation_months";
inline constexpr std::string_view kBranchVoteMinRatio = "admission.branch_vote_min_ratio";  // "2/3"
inline constexpr std::string_view kCommitteeVoteMinRatio = "admission.committee_vote_min_ratio";
inline constexpr std::string_view kDecisionWorkingDays = "admission.decision_working_days";
inline constexpr std::string_view kRecognitionDecisionWorkingDays = "admission.recognition_decision_working_days";
inline constexpr std::string_view kExtensionMaxWorkingDays = "admission.extension_max_working_days";
inline constexpr std::string_view kCeremonyWorkingDays = "admission.ceremony_working_days";
inline constexpr std::string_view kRecognitionReviewWorkingDays = "admission.recognition_review_working_days";
inline constexpr std::string_view kAwarenessCertificateValidMonths = "admission.awareness_certificate_valid_months";
inline constexpr std::string_view kIntroducerCount = "admission.introducer_count";
inline constexpr std::string_view kIntroducerMinMonths = "admission.introducer_min_months";
inline constexpr std::string_view kMinGeneralEducation = "admission.min_general_education";  // catalog code
inline constexpr std::string_view kCardNumberMinDigits = "member.card_number.min_digits";
inline constexpr std::string_view kCardNumberMaxDigits = "member.card_number.max_digits";
inline constexpr std::string_view kNationalIdDigits = "member.national_id.digits";
inline constexpr std::string_view kLoginMaxFailures = "security.login.max_failures";
inline constexpr std::string_view kLoginWindowMinutes = "security.login.window_minutes";
inline constexpr std::string_view kSessionIdleMinutes = "security.session.idle_minutes";
inline constexpr std::string_view kPasswordMinLength = "security.password.min_length";
inline constexpr std::string_view kReportAgeBandBounds = "report.age_band_bounds";
inline constexpr std::string_view kBadgeMilestones = "badge.milestone_years";
// Annual review and rating (rules §6; domain/rating.h).
inline constexpr std::string_view kRatingMemberCriteria = "rating.member.criteria";
inline constexpr std::string_view kRatingOrgCriteria = "rating.org.criteria";
inline constexpr std::string_view kRatingExcellentMin = "rating.band.excellent_min";
inline constexpr std::string_view kRatingGoodMin = "rating.band.good_min";
inline constexpr std::string_view kRatingCompletedMin = "rating.band.completed_min";
inline constexpr std::string_view kRatingExcellentMinExceededPercent = "rating.excellent.min_exceeded_percent";
inline constexpr std::string_view kRatingOrgCompletedMaxBehindPercent = "rating.org.completed.max_behind_percent";
inline constexpr std::string_view kRatingLeaderMinAreaCompletedPercent = "rating.leader.min_area_completed_percent";
inline constexpr std::string_view kRatingOrgMaxDisciplinedSubordinatesPercent =
    "rating.org.max_disciplined_subordinates_percent";
inline constexpr std::string_view kRatingOrgExcellentMinGoodMembersPercent =
    "rating.org.excellent.min_good_members_percent";
inline constexpr std::string_view kRatingOrgExcellentMinGoodSubordinatesPercent =
    "rating.org.excellent.min_good_subordinates_percent";
inline constexpr std::string_view kRatingMinMonthsSinceAdmission = "rating.not_rated.min_months_since_admission";
inline constexpr std::string_view kRatingMinLeaveMonths = "rating.not_rated.min_leave_months";
inline constexpr std::string_view kRatingOrgMinMonthsSinceFounded = "rating.org.not_rated.min_months_since_founded";
inline constexpr std::string_view kRatingExcellentCapPercent = "rating.excellent_cap.percent";
inline constexpr std::string_view kRatingExcellentCapBase = "rating.excellent_cap.base";
inline constexpr std::string_view kRatingHeadNotAboveOrg = "rating.head.not_above_org";
inline constexpr std::string_view kRatingQuarterlyAllowed = "rating.quarterly_allowed";
// Labels of an organization's level ("trong sạch, vững mạnh" style), "level=label|…"; optional.
inline constexpr std::string_view kRatingOrgLabels = "rating.org.labels";
// Transfers (rules §3; domain/transfer.h).
inline constexpr std::string_view kTransferStartWorkingDays = "transfer.start_working_days";
inline constexpr std::string_view kTransferPresentWorkingDays = "transfer.present_working_days";
inline constexpr std::string_view kTransferTemporaryMinMonths = "transfer.temporary.min_months";
inline constexpr std::string_view kTransferTemporaryMaxMonths = "transfer.temporary.max_months";
inline constexpr std::string_view kTransferTemporaryStudyMaxMonths = "transfer.temporary.study_max_months";
// Member events: exemption, reduction, removal, withdrawal, expulsion, death (rules §4; domain/member_event.h).
// Who may decide each kind: a comma-separated list of body levels (branch, grassroots, upper, province, central).
inline constexpr std::string_view kEventExemptionBodies = "member_event.exemption.bodies";
inline constexpr std::string_view kEventReductionBodies = "member_event.reduction.bodies";
inline constexpr std::string_view kEventRemovalBodies = "member_event.removal.bodies";
inline constexpr std::string_view kEventWithdrawalBodies = "member_event.withdrawal.bodies";
inline constexpr std::string_view kEventExpulsionBodies = "member_event.expulsion.bodies";
inline constexpr std::string_view kEventDeathBodies = "member_event.death.bodies";
// The periods a removal ground needs.
inline constexpr std::string_view kEventRemovalInactiveMonths = "member_event.removal.inactive_months";
inline constexpr std::string_view kEventRemovalUnpaidFeeMonths = "member_event.removal.unpaid_fee_months";
inline constexpr std::string_view kEventRemovalNoProgressMonths = "member_event.removal.no_progress_months";
inline constexpr std::string_view kEventRemovalViolationYears = "member_event.removal.violation_years";
// The watchlist shows reductions that ended within this many days.
inline constexpr std::string_view kWatchReductionEndedDays = "watchlist.reduction_ended_days";
// The member's photo (issue #4; domain/photo.h): the upload's size cap and the accepted width and height.
inline constexpr std::string_view kPhotoMaxBytes = "member.photo.max_bytes";
inline constexpr std::string_view kPhotoMinSidePx = "member.photo.min_side_px";
inline constexpr std::string_view kPhotoMaxSidePx = "member.photo.max_side_px";
}  // namespace rule

}  // namespace tcxd
