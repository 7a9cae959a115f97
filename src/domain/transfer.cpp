#include "domain/transfer.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "i18n/messages.h"

namespace tcxd {
namespace {

struct StateEntry {
  TransferState state;
  std::string_view name;
  Msg label;
};
constexpr std::array<StateEntry, 7> kStates = {{
    {TransferState::kRequested, "requested", Msg::kTransferStateRequested},
    {TransferState::kApproved, "approved", Msg::kTransferStateApproved},
    {TransferState::kLetterIssued, "letter_issued", Msg::kTransferStateLetterIssued},
    {TransferState::kPresented, "presented", Msg::kTransferStatePresented},
    {TransferState::kRegistered, "registered", Msg::kTransferStateRegistered},
    {TransferState::kReturned, "returned", Msg::kTransferStateReturned},
    {TransferState::kCancelled, "cancelled", Msg::kTransferStateCancelled},
}};

struct StepEntry {
  TransferStepKind kind;
  std::string_view name;
};
constexpr std::array<StepEntry, 6> kSteps = {{
    {TransferStepKind::kSendingReview, "sending_review"},
    {TransferStepKind::kLetter, "letter"},
    {TransferStepKind::kPresented, "presented"},
    {TransferStepKind::kRegistered, "registered"},
    {TransferStepKind::kReturned, "returned"},
    {TransferStepKind::kCancel, "cancel"},
}};

// An integer rule on `on`, or kInvalid naming the key.
Result<int> IntRule(const RuleSet& rules, std::string_view key, Date on) {
  auto v = rules.FindInt(key, on);
  if (!v.ok()) return v.error();
  return static_cast<int>(*v);
}

std::string DayMonthYear(Date d) {
  return fmt::format("{:02}/{:02}/{:04}", d.day(), d.month(), d.year());
}

// The state a step leads to from `from`, or nullopt when it does not apply there.
std::optional<TransferState> Next(const TransferCase& c, TransferStepKind k) {
  switch (k) {
    case TransferStepKind::kSendingReview:
      if (c.state == TransferState::kRequested) return TransferState::kApproved;
      break;
    case TransferStepKind::kLetter:
      if (c.state == TransferState::kApproved) return TransferState::kLetterIssued;
      break;
    case TransferStepKind::kPresented:
      if (c.state == TransferState::kLetterIssued) return TransferState::kPresented;
      break;
    case TransferStepKind::kRegistered:
      if (c.state == TransferState::kPresented) return TransferState::kRegistered;
      break;
    case TransferStepKind::kReturned:
      if (c.state == TransferState::kRegistered && c.kind == TransferKind::kTemporary) return TransferState::kReturned;
      break;
    case TransferStepKind::kCancel:
      if (c.state == TransferState::kRequested || c.state == TransferState::kApproved ||
          c.state == TransferState::kLetterIssued || c.state == TransferState::kPresented)
        return TransferState::kCancelled;
      break;
  }
  return std::nullopt;
}

bool Closed(const TransferCase& c) {
  return c.state == TransferState::kCancelled || c.state == TransferState::kReturned ||
         (c.state == TransferState::kRegistered && c.kind == TransferKind::kOfficial);
}

// Working days from `deadline` (exclusive) to `date` (inclusive); Monday–Friday for years the calendar
// does not declare.
int LateWorkingDays(const WorkCalendar& cal, Date deadline, Date date) {
  if (date <= deadline) return 0;
  if (auto n = cal.WorkingDaysBetween(deadline, date); n.ok()) return *n;
  int n = 0;
  for (Date d = deadline.AddDays(1); d <= date; d = d.AddDays(1)) {
    const int dow = DayOfWeek(d);
    if (dow != 0 && dow != 6) ++n;
  }
  return n;
}

// "YYYY-MM" with a month 1–12.
bool IsYearMonth(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return false;
  for (size_t i = 0; i < 7; ++i) {
    if (i != 4 && (s[i] < '0' || s[i] > '9')) return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  return month >= 1 && month <= 12;
}

}  // namespace

std::string_view TransferStateName(TransferState s) {
  for (const auto& e : kStates) {
    if (e.state == s) return e.name;
  }
  return "";
}

std::optional<TransferState> ParseTransferState(std::string_view name) {
  for (const auto& e : kStates) {
    if (e.name == name) return e.state;
  }
  return std::nullopt;
}

Msg TransferStateLabel(TransferState s) {
  for (const auto& e : kStates) {
    if (e.state == s) return e.label;
  }
  return Msg::kTransferStateRequested;
}

std::string_view TransferStepName(TransferStepKind k) {
  for (const auto& e : kSteps) {
    if (e.kind == k) return e.name;
  }
  return "";
}

std::optional<TransferStepKind> ParseTransferStep(std::string_view name) {
  for (const auto& e : kSteps) {
    if (e.name == name) return e.kind;
  }
  return std::nullopt;
}

Result<TransferCase> OpenTransfer(TransferCase c, const TransferContext& ctx) {
  if (c.member_under_review) return Error::Conflict("member", Msg::kTransferUnderReview);
  if (c.same_branch) return Error::Invalid("to", Msg::kTransferSameBranch);
  if (c.decision_effective > ctx.today) return Error::Invalid("decision_effective", Msg::kDateInFuture);
  if (c.requested_on > ctx.today) return Error::Invalid("requested_on", Msg::kDateInFuture);
  if (c.kind == TransferKind::kOfficial) {
    if (c.temporary_until) return Error::Invalid("temporary_until", Msg::kTransferOfficialNoPeriod);
  } else {
    if (!c.temporary_until) return Error::Invalid("temporary_until", Msg::kRequired);
    const Date from = c.decision_effective;
    auto min = IntRule(ctx.rules, rule::kTransferTemporaryMinMonths, from);
    if (!min.ok()) return min.error();
    if (*c.temporary_until < from.AddMonths(*min)) {
      return Error::Invalid("temporary_until", Format(Msg::kTransferPeriodTooShort, *min));
    }
    const bool study = c.temporary_reason == TemporaryReason::kStudy;
    auto max =
        IntRule(ctx.rules, study ? rule::kTransferTemporaryStudyMaxMonths : rule::kTransferTemporaryMaxMonths, from);
    if (!max.ok()) return max.error();
    // Work or residence: less than the maximum; study: up to it.
    const Date limit = from.AddMonths(*max);
    if (study ? *c.temporary_until > limit : *c.temporary_until >= limit) {
      return Error::Invalid("temporary_until",
                            Format(study ? Msg::kTransferStudyTooLong : Msg::kTransferPeriodTooLong, *max));
    }
  }
  c.state = TransferState::kRequested;
  c.steps.clear();
  c.letter.reset();
  return c;
}

Result<TransferCase> ApplyTransfer(const TransferCase& c, TransferStep step, const TransferContext& ctx) {
  if (Closed(c)) return Error::Conflict("state", Format(Msg::kTransferClosed, Text(TransferStateLabel(c.state))));
  const auto next = Next(c, step.kind);
  if (!next) {
    const bool twice = std::any_of(c.steps.begin(), c.steps.end(), [&](const auto& s) { return s.kind == step.kind; });
    if (twice) return Error::Conflict("kind", Msg::kTransferStepTwice);
    if (step.kind == TransferStepKind::kReturned && c.kind == TransferKind::kOfficial) {
      return Error::Conflict("kind", Msg::kTransferReturnOfficial);
    }
    return Error::Conflict("kind", Format(Msg::kTransferStepOrder, Text(TransferStateLabel(c.state))));
  }
  if (step.recorded_by.empty()) return Error::Invalid("recorded_by", Msg::kRequired);
  if (step.date > ctx.today) return Error::Invalid("date", Msg::kDateInFuture);
  const Date previous = c.steps.empty() ? c.requested_on : c.steps.back().date;
  if (step.date < previous)
    return Error::Invalid("date", Format(Msg::kTransferDateBeforePrevious, DayMonthYear(previous)));

  TransferCase out = c;
  auto deadline_after = [&](Date from, std::string_view key) -> Status {
    auto days = IntRule(ctx.rules, key, from);
    if (!days.ok()) return days.error();
    step.deadline = ctx.calendar.AddWorkingDaysEstimate(from, *days).date;
    step.rule_key = std::string(key);
    step.late_working_days = LateWorkingDays(ctx.calendar, *step.deadline, step.date);
    return Status::Ok();
  };
  switch (step.kind) {
    case TransferStepKind::kLetter: {
      if (!step.letter) return Error::Invalid("letter.number", Msg::kRequired);
      if (step.letter->number.empty()) return Error::Invalid("letter.number", Msg::kRequired);
      if (step.letter->issued_by.empty()) return Error::Invalid("letter.issued_by", Msg::kRequired);
      if (!IsYearMonth(step.letter->fees_paid_to))
        return Error::Invalid("letter.fees_paid_to", Msg::kTransferFeesMonth);
      TCXD_RETURN_IF_ERROR(deadline_after(c.decision_effective, rule::kTransferStartWorkingDays));
      out.letter = step.letter;
      break;
    }
    case TransferStepKind::kPresented: {
      const Date letter_date = c.steps.back().date;  // the letter is the step before
      TCXD_RETURN_IF_ERROR(deadline_after(letter_date, rule::kTransferPresentWorkingDays));
      if (step.late_working_days > 0 && step.reason.empty()) {
        return Error::Invalid("reason",
                              Format(Msg::kTransferLateReason, step.late_working_days, DayMonthYear(*step.deadline)));
      }
      break;
    }
    case TransferStepKind::kRegistered:
      if (!step.dossier_complete) return Error::Invalid("dossier_complete", Msg::kTransferDossierIncomplete);
      break;
    case TransferStepKind::kCancel:
      if (step.reason.empty()) return Error::Invalid("reason", Msg::kRequired);
      break;
    case TransferStepKind::kSendingReview:
    case TransferStepKind::kReturned:
      break;
  }
  out.state = *next;
  out.steps.push_back(std::move(step));
  return out;
}

Result<std::optional<TransferDue>> NextTransferDue(const TransferCase& c, const TransferContext& ctx) {
  if (Closed(c)) return std::optional<TransferDue>();
  TransferDue due;
  auto after = [&](Date from, std::string_view key) -> Status {
    auto days = IntRule(ctx.rules, key, from);
    if (!days.ok()) return days.error();
    const WorkDate d = ctx.calendar.AddWorkingDaysEstimate(from, *days);
    due.deadline = d.date;
    due.estimated = d.estimated;
    due.provisional = d.provisional;
    return Status::Ok();
  };
  switch (c.state) {
    case TransferState::kRequested:
    case TransferState::kApproved:
      due.step = c.state == TransferState::kRequested ? TransferStepKind::kSendingReview : TransferStepKind::kLetter;
      TCXD_RETURN_IF_ERROR(after(c.decision_effective, rule::kTransferStartWorkingDays));
      break;
    case TransferState::kLetterIssued:
      due.step = TransferStepKind::kPresented;
      TCXD_RETURN_IF_ERROR(after(c.steps.back().date, rule::kTransferPresentWorkingDays));
      break;
    case TransferState::kPresented:
      due.step = TransferStepKind::kRegistered;
      break;
    case TransferState::kRegistered:  // temporary: back at the end of the period
      due.step = TransferStepKind::kReturned;
      due.deadline = c.temporary_until;
      break;
    case TransferState::kReturned:
    case TransferState::kCancelled:
      return std::optional<TransferDue>();
  }
  due.overdue = due.deadline && ctx.today > *due.deadline;
  return std::optional<TransferDue>(due);
}

std::optional<Date> StepDate(const TransferCase& c, TransferStepKind kind) {
  for (const auto& s : c.steps) {
    if (s.kind == kind) return s.date;
  }
  return std::nullopt;
}

}  // namespace tcxd
