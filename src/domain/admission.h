// Admission (kết nạp đảng viên, rules.md §1, §10): one case per candidate, from the candidate file to the
// official member, as an explicit state machine. Pure domain: no SQL, no HTTP, no clock (today is passed).
//
//   candidate --branch_vote--> branch_voted --[sub_committee_appraisal]--> sub_committee_appraised
//     --[grassroots_vote]--> grassroots_voted --decision--> admitted --ceremony--> probation
//     --recognition_branch_vote--> recognition_branch_voted --[recognition_grassroots_vote]-->
//     recognition_grassroots_voted --recognition_decision--> official
//   any stage before official --stop--> stopped (before the decision: the case is dropped; after it: the
//   probationary member is removed from the list, xóa tên)
//   extension: no stage change; lengthens the deadline of the decision being awaited.
// The bracketed steps exist only for the case's shape: a sub-committee (đảng ủy bộ phận) between the branch
// and the grassroots committee; a grassroots committee (absent when the branch is a chi bộ cơ sở).
//
// Every threshold comes from the versioned RuleSet, read on the date of the step it applies to, and is
// stored on the step (AppliedRule). Deadlines are counted on the WorkCalendar (domain/workcal.h), starting
// the day after the event.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "domain/rules.h"
#include "domain/workcal.h"

namespace tcxd {

enum class AdmissionStage {
  kCandidate,                   // đối tượng kết nạp: the file is being prepared
  kBranchVoted,                 // the branch resolved to propose admission
  kSubCommitteeAppraised,       // the sub-committee appraised the file
  kGrassrootsVoted,             // the grassroots committee resolved to propose admission
  kAdmitted,                    // the competent committee signed the admission decision
  kProbation,                   // the ceremony was held; probationary member until the official date
  kRecognitionBranchVoted,      // the branch proposed recognition as an official member
  kRecognitionGrassrootsVoted,  // the grassroots committee proposed recognition
  kOfficial,                    // the recognition decision was signed (terminal)
  kStopped,                     // dropped, or probationary member removed (terminal)
};

enum class StepKind {
  kBranchVote,
  kSubCommitteeAppraisal,
  kGrassrootsVote,
  kDecision,
  kCeremony,
  kRecognitionBranchVote,
  kRecognitionGrassrootsVote,
  kRecognitionDecision,
  kExtension,
  kStop,
};

// Stable names for JSON, the database and logs ("branch_voted", "recognition_decision", ...), and the
// Vietnamese labels.
std::string_view AdmissionStageName(AdmissionStage stage);
std::optional<AdmissionStage> ParseAdmissionStage(std::string_view name);
Msg AdmissionStageLabel(AdmissionStage stage);
std::string_view StepKindName(StepKind kind);
std::optional<StepKind> ParseStepKind(std::string_view name);
Msg StepKindLabel(StepKind kind);

// Where the candidate comes from (nguồn).
enum class CandidateSource { kYouthUnion, kTradeUnion, kOther };
std::string_view CandidateSourceName(CandidateSource s);  // "youth_union", "trade_union", "other"
std::optional<CandidateSource> ParseCandidateSource(std::string_view name);

enum class IntroducerKind {
  kMember,      // an official party member
  kYouthUnion,  // the grassroots executive committee of the Ho Chi Minh Communist Youth Union
  kTradeUnion,  // the grassroots trade-union committee
};

struct Introducer {
  IntroducerKind kind = IntroducerKind::kMember;
  std::string name;
  // For a member: the date they became official (nullopt: not an official member), and since when they
  // have worked, studied or lived (same residence branch) with the candidate.
  std::optional<Date> official_since;
  std::optional<Date> together_since;
};

struct Candidate {
  std::string full_name;
  std::optional<Date> birth_date;
  CandidateSource source = CandidateSource::kOther;
  std::string general_education;                   // code of the general_education catalog ("2" = THCS)
  bool education_exception_consent = false;        // written consent of the provincial standing committee
  bool over_age_consent = false;                   // over 60: decided at the level directly under the Centre
  std::optional<Date> awareness_certificate_date;  // lớp bồi dưỡng nhận thức về Đảng
  std::vector<Introducer> introducers;
};

struct Votes {
  int yes = 0;       // tán thành
  int no = 0;        // không tán thành
  int entitled = 0;  // official members of the branch, or members of the committee
};

// The rule that a step applied, as it was on the step's date.
struct AppliedRule {
  std::string key;
  std::string value;   // as text: "60", "2/3"
  std::string source;  // the regulation
};

struct AdmissionStep {
  StepKind kind = StepKind::kBranchVote;
  Date date;                        // of the resolution, decision, ceremony; of the extension or stop decision
  std::string document_number;      // required, except on a stop before the decision
  std::optional<Votes> votes;       // required on the four vote steps; checked for consistency when given
  std::string recorded_by;          // the account that recorded the step; required
  std::string reason;               // required on stop and extension
  int extension_working_days = 0;   // extension only
  std::optional<Date> received_on;  // decision: when the branch received it (default: its date)
  std::string consent_document;     // ceremony after its deadline: consent of the upper committee

  // Filled in by Apply:
  std::optional<Date> deadline;  // the deadline this step had to meet, when the rules set one
  bool late = false;             // done after that deadline (recorded, not refused, except the ceremony)
  std::vector<AppliedRule> rules;
  std::vector<std::string> warnings;  // Vietnamese; e.g. an old awareness certificate
};

// Which optional levels the case passes through (from the organization tree when the case is opened).
struct CaseShape {
  bool sub_committee = false;        // the branch is under a đảng ủy bộ phận
  bool grassroots_committee = true;  // false when the branch is itself a chi bộ cơ sở
};

struct AdmissionCase {
  Candidate candidate;
  CaseShape shape;
  AdmissionStage stage = AdmissionStage::kCandidate;
  std::optional<AdmissionStage> stopped_at;  // the stage when the case was stopped
  std::vector<AdmissionStep> steps;          // in the order applied
  std::optional<Date> decision_date;         // admission decision: party age counts from it
  std::optional<Date> official_date;         // set by the recognition decision: decision + probation
};

struct AdmissionContext {
  const RuleSet& rules;
  const WorkCalendar& calendar;
  Date today;
};

// The step of `kind` on the case, or nullptr (the last one for extensions).
const AdmissionStep* FindStep(const AdmissionCase& c, StepKind kind);

// The date a qualified member becomes official: exactly `admission.probation_months` after the admission
// decision (rules.md §1.6), however late the recognition vote or decision. kInvalid when the rule is
// missing on the decision date.
Result<Date> OfficialDate(Date decision_date, const RuleSet& rules);

// The introducers of `cand` as the branch vote on `on` would judge them (rules.md §1.2): Ok, or kInvalid
// with every problem by field ("candidate.introducers" for their number, "candidate.introducers[i]" for a
// member who is not official on `on` or has not been with the candidate for the rule's months), or the rule
// key when a rule is missing. For showing a file's problems before the vote. Thread-safe (pure).
Status CheckIntroducersOn(const Candidate& cand, Date on, const RuleSet& rules);

// Applies one step and returns the new case; `c` is never changed. On success the step carries the rules
// applied, its deadline, `late` and warnings. Deadlines that only mark a step late (decisions, recognition
// review) are estimated on weekends only when the calendar lacks a year, with a warning on the step; the
// ceremony deadline, which refuses a late ceremony without consent, is never estimated. Errors (nothing
// changed):
//   kConflict  the case is closed (field "stage"); the step was already recorded ("kind"); the step is not
//              valid in the current stage or for the case's shape ("kind");
//   kInvalid   naming the first wrong field: "date" (before the previous step, in the future, recognition
//              before the end of probation; for the ceremony, whose lateness refuses the step, a deadline
//              in a year the calendar does not declare), "document_number",
//              "recorded_by", "reason", "votes.yes|no|entitled" (missing, negative, yes + no > entitled,
//              entitled 0, below the threshold), "candidate.birth_date" (age outside 18–60 full years counted
//              in months at the branch vote, over 60 without the flag), "candidate.general_education",
//              "candidate.awareness_certificate_date", "candidate.introducers[i]", "received_on",
//              "consent_document" (ceremony late without consent), "extension_working_days";
//              or the rule key when a rule is missing or malformed.
// Thread-safe (pure).
Result<AdmissionCase> Apply(const AdmissionCase& c, AdmissionStep step, const AdmissionContext& ctx);

// What the case waits for next, and by when.
struct NextDue {
  StepKind step = StepKind::kBranchVote;  // the next step expected on the main path
  std::optional<Date> earliest;           // not before (recognition: the official date)
  std::optional<Date> deadline;           // nullopt when the rules set none (e.g. the branch vote)
  bool estimated = false;                 // the deadline crossed a year without calendar data
  bool provisional = false;               // the deadline counted days of a provisional calendar year
  bool late = false;                      // today > deadline
  std::string rule_key;                   // the deadline's rule, empty when none
};

// The next step of an open case and its deadline on `ctx.today`; nullopt for a closed case (official or
// stopped). Deadlines: decision = branch vote + 60 working days (+ extension); ceremony = decision received +
// 30; recognition branch vote = official date + 30; recognition decision = recognition branch vote + 30
// (+ extension). Years without calendar data are counted on weekends only and flagged `estimated`.
// kInvalid only when a rule is missing.
Result<std::optional<NextDue>> NextStepDue(const AdmissionCase& c, const AdmissionContext& ctx);

}  // namespace tcxd
