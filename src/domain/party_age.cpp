#include "domain/party_age.h"

#include <algorithm>

#include "i18n/messages.h"

namespace tcxd {
namespace {

// Days of the periods that fall on or before `until`.
int64_t InterruptedDaysUntil(const std::vector<Interruption>& periods, Date until) {
  int64_t days = 0;
  for (const auto& p : periods) {
    if (p.from > until) continue;
    const Date end = std::min(p.to, until);
    days += end.ToDays() - p.from.ToDays() + 1;
  }
  return days;
}

}  // namespace

Status ValidateInterruptions(const std::vector<Interruption>& periods, Date admission, Date today) {
  FieldErrors errors;
  std::vector<size_t> order(periods.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return periods[a].from < periods[b].from; });
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t i = order[k];
    const auto& p = periods[i];
    const std::string at = "interruptions[" + std::to_string(i) + "]";
    if (p.from < admission) {
      errors.Add(at + ".from", Msg::kInterruptionBeforeAdmission);
    } else if (p.to < p.from) {
      errors.Add(at + ".to", Msg::kInterruptionEndBeforeStart);
    } else if (p.to > today) {
      errors.Add(at + ".to", Msg::kDateInFuture);
    } else if (k > 0 && periods[order[k - 1]].to >= p.from) {
      errors.Add(at + ".from", Msg::kInterruptionOverlap);
    }
  }
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

std::optional<PartyAge> PartyAgeOn(Date admission, const std::vector<Interruption>& periods, Date on) {
  if (on < admission) return std::nullopt;
  PartyAge age;
  age.interrupted_days = static_cast<int>(InterruptedDaysUntil(periods, on));
  const Date start = admission.AddDays(age.interrupted_days);
  if (on < start) return age;  // still within the interruptions: 0 years 0 months
  const int months = FullMonthsBetween(start, on);
  age.years = months / 12;
  age.months = months % 12;
  return age;
}

Date DateOfPartyAge(Date admission, const std::vector<Interruption>& periods, int years) {
  // The start moves forward by the interruptions before the due date, which moves the due date: a
  // fixed point, reached in at most one step per period.
  Date due = admission.AddMonths(12 * years);
  for (size_t guard = 0; guard <= periods.size() + 1; ++guard) {
    Date next = admission.AddDays(InterruptedDaysUntil(periods, due)).AddMonths(12 * years);
    if (next == due) break;
    due = next;
  }
  return due;
}

Result<std::vector<int>> BadgeMilestones(const RuleSet& rules, Date on) {
  return rules.IncreasingInts(rule::kBadgeMilestones, on);
}

std::optional<BadgeDue> NextBadge(Date admission, const std::vector<Interruption>& periods,
                                  const std::vector<int>& milestones, Date on) {
  for (int years : milestones) {
    Date due = DateOfPartyAge(admission, periods, years);
    if (due > on) return BadgeDue{years, due};
  }
  return std::nullopt;
}

}  // namespace tcxd
