#include "domain/admission.h"

#include <charconv>
#include <cstdio>

#include "i18n/messages.h"

namespace tcxd {
namespace {

struct StageEntry {
  AdmissionStage stage;
  std::string_view name;
  Msg label;
};

constexpr StageEntry kStages[] = {
    {AdmissionStage::kCandidate, "candidate", Msg::kAdmStageCandidate},
    {AdmissionStage::kBranchVoted, "branch_voted", Msg::kAdmStageBranchVoted},
    {AdmissionStage::kSubCommitteeAppraised, "sub_committee_appraised", Msg::kAdmStageSubCommitteeAppraised},
    {AdmissionStage::kGrassrootsVoted, "grassroots_voted", Msg::kAdmStageGrassrootsVoted},
    {AdmissionStage::kAdmitted, "admitted", Msg::kAdmStageAdmitted},
    {AdmissionStage::kProbation, "probation", Msg::kAdmStageProbation},
    {AdmissionStage::kRecognitionBranchVoted, "recognition_branch_voted", Msg::kAdmStageRecognitionBranchVoted},
    {AdmissionStage::kRecognitionGrassrootsVoted, "recognition_grassroots_voted",
     Msg::kAdmStageRecognitionGrassrootsVoted},
    {AdmissionStage::kOfficial, "official", Msg::kAdmStageOfficial},
    {AdmissionStage::kStopped, "stopped", Msg::kAdmStageStopped},
};

struct StepEntry {
  StepKind kind;
  std::string_view name;
  Msg label;
};

constexpr StepEntry kSteps[] = {
    {StepKind::kBranchVote, "branch_vote", Msg::kAdmStepBranchVote},
    {StepKind::kSubCommitteeAppraisal, "sub_committee_appraisal", Msg::kAdmStepSubCommitteeAppraisal},
    {StepKind::kGrassrootsVote, "grassroots_vote", Msg::kAdmStepGrassrootsVote},
    {StepKind::kDecision, "decision", Msg::kAdmStepDecision},
    {StepKind::kCeremony, "ceremony", Msg::kAdmStepCeremony},
    {StepKind::kRecognitionBranchVote, "recognition_branch_vote", Msg::kAdmStepRecognitionBranchVote},
    {StepKind::kRecognitionGrassrootsVote, "recognition_grassroots_vote", Msg::kAdmStepRecognitionGrassrootsVote},
    {StepKind::kRecognitionDecision, "recognition_decision", Msg::kAdmStepRecognitionDecision},
    {StepKind::kExtension, "extension", Msg::kAdmStepExtension},
    {StepKind::kStop, "stop", Msg::kAdmStepStop},
};

// "13/02/2026": the way dates are written in Vietnamese documents.
std::string VnDate(Date d) {
  return d.ToVietnamese();
}

std::string RuleValueText(const RuleValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return std::to_string(std::get<double>(v));
}

// Reads rules and records each one read on the step.
class RuleReader final {
 public:
  RuleReader(const RuleSet& rules, std::vector<AppliedRule>* applied) : rules_(rules), applied_(applied) {}

  Result<int64_t> Int(std::string_view key, Date on) {
    auto v = Find(key, on);
    if (!v.ok()) return v.error();
    const auto* i = std::get_if<int64_t>(&v->value);
    if (i == nullptr) return Malformed(key);
    return *i;
  }

  struct Ratio {
    int64_t num = 0;
    int64_t den = 1;
    std::string text;
  };
  // "2/3": 0 < num <= den.
  Result<Ratio> Fraction(std::string_view key, Date on) {
    auto v = Find(key, on);
    if (!v.ok()) return v.error();
    const auto* s = std::get_if<std::string>(&v->value);
    if (s == nullptr) return Malformed(key);
    Ratio r;
    r.text = *s;
    const auto slash = s->find('/');
    if (slash == std::string::npos) return Malformed(key);
    auto [p1, e1] = std::from_chars(s->data(), s->data() + slash, r.num);
    auto [p2, e2] = std::from_chars(s->data() + slash + 1, s->data() + s->size(), r.den);
    if (e1 != std::errc() || e2 != std::errc() || p1 != s->data() + slash || p2 != s->data() + s->size() ||
        r.num <= 0 || r.den <= 0 || r.num > r.den) {
      return Malformed(key);
    }
    return r;
  }

 private:
  Result<RuleVersion> Find(std::string_view key, Date on) {
    auto v = rules_.Find(key, on);
    if (v.ok()) applied_->push_back({std::string(key), RuleValueText(v->value), v->source});
    return v;
  }
  static Error Malformed(std::string_view key) {
    return Error::Invalid(std::string(key), Format(Msg::kRuleMalformed, key));
  }

  const RuleSet& rules_;
  std::vector<AppliedRule>* applied_;
};

bool IsClosed(AdmissionStage s) {
  return s == AdmissionStage::kOfficial || s == AdmissionStage::kStopped;
}

// The stage in which the admission decision is awaited, given the shape.
AdmissionStage BeforeDecision(const CaseShape& shape) {
  if (shape.grassroots_committee) return AdmissionStage::kGrassrootsVoted;
  if (shape.sub_committee) return AdmissionStage::kSubCommitteeAppraised;
  return AdmissionStage::kBranchVoted;
}

AdmissionStage BeforeRecognitionDecision(const CaseShape& shape) {
  return shape.grassroots_committee ? AdmissionStage::kRecognitionGrassrootsVoted
                                    : AdmissionStage::kRecognitionBranchVoted;
}

bool AwaitsAdmissionDecision(AdmissionStage s) {
  return s == AdmissionStage::kBranchVoted || s == AdmissionStage::kSubCommitteeAppraised ||
         s == AdmissionStage::kGrassrootsVoted;
}

bool AwaitsRecognitionDecision(AdmissionStage s) {
  return s == AdmissionStage::kRecognitionBranchVoted || s == AdmissionStage::kRecognitionGrassrootsVoted;
}

// The stage a step leads to from the case's stage, or nullopt when it is out of order. Extension and stop
// are handled by the caller.
std::optional<AdmissionStage> Target(const AdmissionCase& c, StepKind kind) {
  const auto from = [&](AdmissionStage need, AdmissionStage to) -> std::optional<AdmissionStage> {
    if (c.stage == need) return to;
    return std::nullopt;
  };
  switch (kind) {
    case StepKind::kBranchVote:
      return from(AdmissionStage::kCandidate, AdmissionStage::kBranchVoted);
    case StepKind::kSubCommitteeAppraisal:
      return from(AdmissionStage::kBranchVoted, AdmissionStage::kSubCommitteeAppraised);
    case StepKind::kGrassrootsVote:
      return from(c.shape.sub_committee ? AdmissionStage::kSubCommitteeAppraised : AdmissionStage::kBranchVoted,
                  AdmissionStage::kGrassrootsVoted);
    case StepKind::kDecision:
      return from(BeforeDecision(c.shape), AdmissionStage::kAdmitted);
    case StepKind::kCeremony:
      return from(AdmissionStage::kAdmitted, AdmissionStage::kProbation);
    case StepKind::kRecognitionBranchVote:
      return from(AdmissionStage::kProbation, AdmissionStage::kRecognitionBranchVoted);
    case StepKind::kRecognitionGrassrootsVote:
      return from(AdmissionStage::kRecognitionBranchVoted, AdmissionStage::kRecognitionGrassrootsVoted);
    case StepKind::kRecognitionDecision:
      return from(BeforeRecognitionDecision(c.shape), AdmissionStage::kOfficial);
    case StepKind::kExtension:
    case StepKind::kStop:
      break;
  }
  return std::nullopt;
}

// Working days of extension granted after the step `start` (until the decision that closes the phase).
int ExtensionAfter(const AdmissionCase& c, StepKind start) {
  bool in = false;
  int days = 0;
  for (const auto& s : c.steps) {
    if (s.kind == start) {
      in = true;
    } else if (in && (s.kind == StepKind::kDecision || s.kind == StepKind::kRecognitionDecision)) {
      break;
    } else if (in && s.kind == StepKind::kExtension) {
      days += s.extension_working_days;
    }
  }
  return days;
}

// Checks vote counts; `min_ratio` (when set) is the share of `entitled` that must vote yes.
void CheckVotes(const std::optional<Votes>& votes, bool required, const RuleReader::Ratio* min_ratio, Msg below_msg,
                FieldErrors& errors) {
  if (!votes) {
    if (required) errors.Add("votes.yes", Msg::kAdmVotesRequired);
    return;
  }
  const Votes& v = *votes;
  if (v.yes < 0) errors.Add("votes.yes", Msg::kAdmVotesNegative);
  if (v.no < 0) errors.Add("votes.no", Msg::kAdmVotesNegative);
  if (v.entitled <= 0) {
    errors.Add("votes.entitled", Msg::kAdmVotesEntitledZero);
    return;
  }
  if (v.yes < 0 || v.no < 0) return;
  if (static_cast<int64_t>(v.yes) + v.no > v.entitled) {
    errors.Add("votes.entitled", Format(Msg::kAdmVotesExceedEntitled, v.yes, v.no, v.entitled));
    return;
  }
  if (min_ratio != nullptr) {
    const int64_t need = (static_cast<int64_t>(v.entitled) * min_ratio->num + min_ratio->den - 1) / min_ratio->den;
    if (v.yes < need) errors.Add("votes.yes", Format(below_msg, v.yes, v.entitled, min_ratio->text, need));
  }
}

// The introducers on `on` (rules.md §1.2): their number, at most one organization in place of a member,
// each member official on `on` and together with the candidate for the rule's months.
Status CheckIntroducers(const Candidate& cand, Date on, RuleReader& rules, FieldErrors& errors) {
  auto count = rules.Int(rule::kIntroducerCount, on);
  if (!count.ok()) return count.error();
  auto min_months = rules.Int(rule::kIntroducerMinMonths, on);
  if (!min_months.ok()) return min_months.error();
  int orgs = 0;
  for (const auto& in : cand.introducers) orgs += in.kind == IntroducerKind::kMember ? 0 : 1;
  if (static_cast<int64_t>(cand.introducers.size()) != *count) {
    errors.Add("candidate.introducers", Format(Msg::kAdmIntroducerCount, *count));
  } else if (orgs > 1) {
    errors.Add("candidate.introducers", Msg::kAdmIntroducerTwoOrgs);
  }
  for (size_t i = 0; i < cand.introducers.size(); ++i) {
    const auto& in = cand.introducers[i];
    if (in.kind != IntroducerKind::kMember) continue;
    const std::string at = "candidate.introducers[" + std::to_string(i) + "]";
    if (!in.official_since || *in.official_since > on) {
      errors.Add(at, Format(Msg::kAdmIntroducerNotOfficial, in.name));
    } else if (!in.together_since || FullMonthsBetween(*in.together_since, on) < *min_months) {
      errors.Add(at, Format(Msg::kAdmIntroducerTooShort, in.name, *min_months));
    }
  }
  return Status::Ok();
}

// Eligibility of the candidate on the branch vote date (rules.md §1.1–§1.3).
Status CheckCandidate(const Candidate& cand, Date vote, RuleReader& rules, AdmissionStep& step, FieldErrors& errors) {
  auto min_age = rules.Int(rule::kAdmissionMinAgeYears, vote);
  if (!min_age.ok()) return min_age.error();
  auto max_age = rules.Int(rule::kAdmissionMaxAgeYears, vote);
  if (!max_age.ok()) return max_age.error();
  if (!cand.birth_date) {
    errors.Add("candidate.birth_date", Msg::kAdmBirthRequired);
  } else {
    const int months = FullMonthsBetween(*cand.birth_date, vote);
    if (months < *min_age * 12) {
      errors.Add("candidate.birth_date", Format(Msg::kAdmTooYoung, *min_age, months / 12, months % 12));
    } else if (months > *max_age * 12 && !cand.over_age_consent) {
      errors.Add("candidate.birth_date", Format(Msg::kAdmTooOld, *max_age, months / 12, months % 12));
    }
  }

  auto min_edu = rules.Int(rule::kMinGeneralEducation, vote);
  if (!min_edu.ok()) return min_edu.error();
  int edu = 0;
  const std::string& code = cand.general_education;
  auto [ptr, ec] = std::from_chars(code.data(), code.data() + code.size(), edu);
  const bool edu_ok = ec == std::errc() && ptr == code.data() + code.size() && edu >= *min_edu;
  if (!edu_ok && !cand.education_exception_consent) errors.Add("candidate.general_education", Msg::kAdmEducation);

  auto valid_months = rules.Int(rule::kAwarenessCertificateValidMonths, vote);
  if (!valid_months.ok()) return valid_months.error();
  if (!cand.awareness_certificate_date) {
    errors.Add("candidate.awareness_certificate_date", Msg::kAdmCertificateMissing);
  } else if (*cand.awareness_certificate_date > vote) {
    errors.Add("candidate.awareness_certificate_date", Msg::kAdmCertificateAfterVote);
  } else if (cand.awareness_certificate_date->AddMonths(static_cast<int>(*valid_months)) < vote) {
    step.warnings.push_back(Format(Msg::kAdmCertificateOld, VnDate(*cand.awareness_certificate_date), *valid_months));
  }

  return CheckIntroducers(cand, vote, rules, errors);
}

// A deadline that is recorded but does not refuse the step: exact when the calendar knows the years,
// otherwise estimated on weekends only, with a warning on the step; a warning too when it counted days of a
// provisional year.
Date SoftDeadline(const WorkCalendar& cal, Date start, int64_t n, AdmissionStep& step) {
  const WorkDate d = cal.AddWorkingDaysEstimate(start, static_cast<int>(n));
  if (d.estimated) {
    step.warnings.push_back(Format(Msg::kAdmDeadlineEstimated, VnDate(d.date)));
  } else if (d.provisional) {
    step.warnings.push_back(Format(Msg::kAdmDeadlineProvisional, VnDate(d.date)));
  }
  return d.date;
}

void MarkLate(AdmissionStep& step, Date deadline, int64_t days) {
  step.deadline = deadline;
  if (step.date > deadline) {
    step.late = true;
    step.warnings.push_back(Format(Msg::kAdmLateWarning, VnDate(deadline), days));
  }
}

}  // namespace

std::string_view CandidateSourceName(CandidateSource s) {
  switch (s) {
    case CandidateSource::kYouthUnion:
      return "youth_union";
    case CandidateSource::kTradeUnion:
      return "trade_union";
    case CandidateSource::kOther:
      break;
  }
  return "other";
}

std::optional<CandidateSource> ParseCandidateSource(std::string_view name) {
  for (auto s : {CandidateSource::kYouthUnion, CandidateSource::kTradeUnion, CandidateSource::kOther}) {
    if (CandidateSourceName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view AdmissionStageName(AdmissionStage stage) {
  for (const auto& e : kStages) {
    if (e.stage == stage) return e.name;
  }
  return "";
}

std::optional<AdmissionStage> ParseAdmissionStage(std::string_view name) {
  for (const auto& e : kStages) {
    if (e.name == name) return e.stage;
  }
  return std::nullopt;
}

Msg AdmissionStageLabel(AdmissionStage stage) {
  for (const auto& e : kStages) {
    if (e.stage == stage) return e.label;
  }
  return Msg::kAdmStageCandidate;
}

std::string_view StepKindName(StepKind kind) {
  for (const auto& e : kSteps) {
    if (e.kind == kind) return e.name;
  }
  return "";
}

std::optional<StepKind> ParseStepKind(std::string_view name) {
  for (const auto& e : kSteps) {
    if (e.name == name) return e.kind;
  }
  return std::nullopt;
}

Msg StepKindLabel(StepKind kind) {
  for (const auto& e : kSteps) {
    if (e.kind == kind) return e.label;
  }
  return Msg::kAdmStepBranchVote;
}

const AdmissionStep* FindStep(const AdmissionCase& c, StepKind kind) {
  const AdmissionStep* found = nullptr;
  for (const auto& s : c.steps) {
    if (s.kind == kind) found = &s;
  }
  return found;
}

Status CheckIntroducersOn(const Candidate& cand, Date on, const RuleSet& rules) {
  std::vector<AppliedRule> applied;
  RuleReader reader(rules, &applied);
  FieldErrors errors;
  TCXD_RETURN_IF_ERROR(CheckIntroducers(cand, on, reader, errors));
  return errors.empty() ? Status::Ok() : Status(errors.ToError());
}

Result<Date> OfficialDate(Date decision_date, const RuleSet& rules) {
  auto months = rules.FindInt(rule::kProbationMonths, decision_date);
  if (!months.ok()) return months.error();
  return decision_date.AddMonths(static_cast<int>(*months));
}

Result<AdmissionCase> Apply(const AdmissionCase& c, AdmissionStep step, const AdmissionContext& ctx) {
  const std::string step_label(Text(StepKindLabel(step.kind)));
  // 1. Where the case stands.
  if (IsClosed(c.stage))
    return Error::Conflict("stage", Format(Msg::kAdmCaseClosed, Text(AdmissionStageLabel(c.stage))));
  if (step.kind != StepKind::kExtension && step.kind != StepKind::kStop && FindStep(c, step.kind) != nullptr) {
    return Error::Conflict("kind", Format(Msg::kAdmStepRepeated, step_label));
  }
  if (!c.shape.sub_committee && step.kind == StepKind::kSubCommitteeAppraisal) {
    return Error::Conflict("kind", Msg::kAdmNoSubCommittee);
  }
  if (!c.shape.grassroots_committee &&
      (step.kind == StepKind::kGrassrootsVote || step.kind == StepKind::kRecognitionGrassrootsVote)) {
    return Error::Conflict("kind", Msg::kAdmNoGrassrootsCommittee);
  }
  std::optional<AdmissionStage> target;
  if (step.kind == StepKind::kStop) {
    target = AdmissionStage::kStopped;
  } else if (step.kind == StepKind::kExtension) {
    if (!AwaitsAdmissionDecision(c.stage) && !AwaitsRecognitionDecision(c.stage)) {
      return Error::Conflict("kind", Msg::kAdmExtensionNotNow);
    }
    const StepKind phase = AwaitsAdmissionDecision(c.stage) ? StepKind::kBranchVote : StepKind::kRecognitionBranchVote;
    if (ExtensionAfter(c, phase) > 0) return Error::Conflict("kind", Format(Msg::kAdmStepRepeated, step_label));
    target = c.stage;
  } else {
    target = Target(c, step.kind);
    if (!target) {
      return Error::Conflict("kind", Format(Msg::kAdmStepOrder, step_label, Text(AdmissionStageLabel(c.stage))));
    }
  }

  // 2. The step's own fields.
  step.rules.clear();
  step.warnings.clear();
  step.deadline.reset();
  step.late = false;
  FieldErrors errors;
  if (step.date > ctx.today) {
    errors.Add("date", Msg::kDateInFuture);
  } else if (!c.steps.empty() && step.date < c.steps.back().date) {
    errors.Add("date", Format(Msg::kAdmDateBeforePrevious, VnDate(step.date), VnDate(c.steps.back().date)));
  }
  const bool after_decision = c.decision_date.has_value();
  if (step.document_number.empty() && (step.kind != StepKind::kStop || after_decision)) {
    errors.Add("document_number", Msg::kAdmDocumentRequired);
  }
  if (step.recorded_by.empty()) errors.Add("recorded_by", Msg::kAdmRecorderRequired);
  if ((step.kind == StepKind::kStop || step.kind == StepKind::kExtension) && step.reason.empty()) {
    errors.Add("reason", Msg::kAdmReasonRequired);
  }

  // 3. The rules of the step.
  RuleReader rules(ctx.rules, &step.rules);
  AdmissionCase next = c;
  switch (step.kind) {
    case StepKind::kBranchVote:
    case StepKind::kRecognitionBranchVote: {
      auto ratio = rules.Fraction(rule::kBranchVoteMinRatio, step.date);
      if (!ratio.ok()) return ratio.error();
      if (step.kind == StepKind::kBranchVote) {
        TCXD_RETURN_IF_ERROR(CheckCandidate(c.candidate, step.date, rules, step, errors));
      } else {
        auto official = OfficialDate(*c.decision_date, ctx.rules);
        if (!official.ok()) return official.error();
        auto months = rules.Int(rule::kProbationMonths, *c.decision_date);
        if (!months.ok()) return months.error();
        if (step.date < *official) {
          errors.Add("date", Format(Msg::kAdmBeforeProbationEnd, *months, VnDate(*official)));
        }
        auto review = rules.Int(rule::kRecognitionReviewWorkingDays, *official);
        if (!review.ok()) return review.error();
        MarkLate(step, SoftDeadline(ctx.calendar, *official, *review, step), *review);
      }
      CheckVotes(step.votes, true, &*ratio, Msg::kAdmVotesBelowBranch, errors);
      break;
    }
    case StepKind::kGrassrootsVote:
    case StepKind::kRecognitionGrassrootsVote: {
      auto ratio = rules.Fraction(rule::kCommitteeVoteMinRatio, step.date);
      if (!ratio.ok()) return ratio.error();
      CheckVotes(step.votes, true, &*ratio, Msg::kAdmVotesBelowCommittee, errors);
      break;
    }
    case StepKind::kDecision:
    case StepKind::kRecognitionDecision: {
      const bool admission = step.kind == StepKind::kDecision;
      const StepKind start_kind = admission ? StepKind::kBranchVote : StepKind::kRecognitionBranchVote;
      const AdmissionStep* start = FindStep(c, start_kind);
      const auto key = admission ? rule::kDecisionWorkingDays : rule::kRecognitionDecisionWorkingDays;
      auto days = rules.Int(key, start->date);
      if (!days.ok()) return days.error();
      const int64_t total = *days + ExtensionAfter(c, start_kind);
      MarkLate(step, SoftDeadline(ctx.calendar, start->date, total, step), total);
      if (admission) {
        if (step.received_on && *step.received_on < step.date) {
          errors.Add("received_on", Msg::kAdmReceivedBeforeDecision);
        } else if (step.received_on && *step.received_on > ctx.today) {
          errors.Add("received_on", Msg::kDateInFuture);
        }
        next.decision_date = step.date;
      } else {
        auto months = rules.Int(rule::kProbationMonths, *c.decision_date);
        if (!months.ok()) return months.error();
        next.official_date = c.decision_date->AddMonths(static_cast<int>(*months));
      }
      CheckVotes(step.votes, false, nullptr, Msg::kAdmVotesBelowCommittee, errors);
      break;
    }
    case StepKind::kCeremony: {
      const AdmissionStep* decision = FindStep(c, StepKind::kDecision);
      const Date received = decision->received_on.value_or(decision->date);
      auto days = rules.Int(rule::kCeremonyWorkingDays, received);
      if (!days.ok()) return days.error();
      auto deadline = ctx.calendar.AddWorkingDays(received, static_cast<int>(*days));
      if (!deadline.ok()) return deadline.error();  // field "date": the calendar lacks a year
      MarkLate(step, *deadline, *days);
      if (step.late && step.consent_document.empty()) {
        errors.Add("consent_document", Format(Msg::kAdmCeremonyLate, *days, VnDate(*deadline)));
      }
      CheckVotes(step.votes, false, nullptr, Msg::kAdmVotesBelowCommittee, errors);
      break;
    }
    case StepKind::kExtension: {
      auto max = rules.Int(rule::kExtensionMaxWorkingDays, step.date);
      if (!max.ok()) return max.error();
      if (step.extension_working_days < 1 || step.extension_working_days > *max) {
        errors.Add("extension_working_days", Format(Msg::kAdmExtensionDays, *max));
      }
      break;
    }
    case StepKind::kSubCommitteeAppraisal:
    case StepKind::kStop:
      CheckVotes(step.votes, false, nullptr, Msg::kAdmVotesBelowCommittee, errors);
      break;
  }
  if (!errors.empty()) return errors.ToError();

  if (step.kind == StepKind::kStop) next.stopped_at = c.stage;
  next.stage = *target;
  next.steps.push_back(std::move(step));
  return next;
}

Result<std::optional<NextDue>> NextStepDue(const AdmissionCase& c, const AdmissionContext& ctx) {
  if (IsClosed(c.stage)) return std::optional<NextDue>();
  NextDue due;
  std::optional<Date> start;
  int64_t days = 0;
  const auto read = [&](std::string_view key, Date on) -> Status {
    auto v = ctx.rules.FindInt(key, on);
    if (!v.ok()) return v.error();
    days = *v;
    due.rule_key = std::string(key);
    return Status::Ok();
  };
  switch (c.stage) {
    case AdmissionStage::kCandidate:
      due.step = StepKind::kBranchVote;
      return std::optional<NextDue>(due);
    case AdmissionStage::kBranchVoted:
    case AdmissionStage::kSubCommitteeAppraised:
    case AdmissionStage::kGrassrootsVoted: {
      if (c.stage == BeforeDecision(c.shape)) {
        due.step = StepKind::kDecision;
      } else if (c.stage == AdmissionStage::kBranchVoted && c.shape.sub_committee) {
        due.step = StepKind::kSubCommitteeAppraisal;
      } else {
        due.step = StepKind::kGrassrootsVote;
      }
      start = FindStep(c, StepKind::kBranchVote)->date;
      TCXD_RETURN_IF_ERROR(read(rule::kDecisionWorkingDays, *start));
      days += ExtensionAfter(c, StepKind::kBranchVote);
      break;
    }
    case AdmissionStage::kAdmitted: {
      due.step = StepKind::kCeremony;
      const AdmissionStep* decision = FindStep(c, StepKind::kDecision);
      start = decision->received_on.value_or(decision->date);
      TCXD_RETURN_IF_ERROR(read(rule::kCeremonyWorkingDays, *start));
      break;
    }
    case AdmissionStage::kProbation: {
      due.step = StepKind::kRecognitionBranchVote;
      auto official = OfficialDate(*c.decision_date, ctx.rules);
      if (!official.ok()) return official.error();
      due.earliest = *official;
      start = *official;
      TCXD_RETURN_IF_ERROR(read(rule::kRecognitionReviewWorkingDays, *start));
      break;
    }
    case AdmissionStage::kRecognitionBranchVoted:
    case AdmissionStage::kRecognitionGrassrootsVoted: {
      due.step = c.stage == BeforeRecognitionDecision(c.shape) ? StepKind::kRecognitionDecision
                                                               : StepKind::kRecognitionGrassrootsVote;
      start = FindStep(c, StepKind::kRecognitionBranchVote)->date;
      TCXD_RETURN_IF_ERROR(read(rule::kRecognitionDecisionWorkingDays, *start));
      days += ExtensionAfter(c, StepKind::kRecognitionBranchVote);
      break;
    }
    case AdmissionStage::kOfficial:
    case AdmissionStage::kStopped:
      return std::optional<NextDue>();
  }
  const WorkDate d = ctx.calendar.AddWorkingDaysEstimate(*start, static_cast<int>(days));
  due.deadline = d.date;
  due.estimated = d.estimated;
  due.provisional = d.provisional;
  due.late = ctx.today > d.date;
  return std::optional<NextDue>(due);
}

}  // namespace tcxd
