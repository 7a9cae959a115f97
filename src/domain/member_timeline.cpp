#include "domain/member_timeline.h"

#include <algorithm>

namespace tcxd {
namespace {

// Probationary or official on `day`, from the dates; `held` is the status the member held then.
MemberStatus FromDates(const MemberTimeline& m, MemberStatus held, Date day) {
  if (held != MemberStatus::kProbationary && held != MemberStatus::kOfficial) return held;
  // Still probationary today: the recognition has not been decided, whatever date is written.
  if (m.status == MemberStatus::kProbationary) return MemberStatus::kProbationary;
  if (m.official_date) return day >= *m.official_date ? MemberStatus::kOfficial : MemberStatus::kProbationary;
  return held;
}

}  // namespace

MemberTimeline TimelineOf(const Member& m) {
  MemberTimeline t;
  t.status = m.status;
  t.admission_date = m.admission_date;
  t.official_date = m.official_date;
  t.left_on = m.left_on;
  return t;
}

std::optional<MemberStatus> StatusOn(const MemberTimeline& m, Date day) {
  if (m.admission_date && day < *m.admission_date) return std::nullopt;
  if (!m.changes.empty()) {
    const MemberTimeline::Change* in_effect = nullptr;
    for (const auto& c : m.changes) {
      if (c.effective_on > day) break;
      in_effect = &c;
    }
    if (in_effect == nullptr) return FromDates(m, m.changes.front().before, day);
    const bool over = in_effect->until && day > *in_effect->until;
    return FromDates(m, over ? in_effect->before : in_effect->after, day);
  }
  if (HasLeft(m.status)) {
    if (m.left_on && day < *m.left_on) {
      return FromDates(m, m.official_date ? MemberStatus::kOfficial : MemberStatus::kProbationary, day);
    }
    return m.status;
  }
  return FromDates(m, m.status, day);
}

std::vector<StatusStep> StatusSteps(const MemberTimeline& m) {
  // StatusOn only compares the day with these dates: it is constant between them.
  std::vector<Date> days{kAlways};
  for (const auto& d : {m.admission_date, m.official_date, m.left_on}) {
    if (d && *d > kAlways) days.push_back(*d);
  }
  for (const auto& c : m.changes) {
    if (c.effective_on > kAlways) days.push_back(c.effective_on);
    if (c.until) days.push_back(c.until->AddDays(1));
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  std::vector<StatusStep> steps;
  for (Date d : days) {
    auto s = StatusOn(m, d);
    if (steps.empty() || steps.back().status != s) steps.push_back({d, s});
  }
  return steps;
}

}  // namespace tcxd
