// A member's status on a past date, from the dates of the register and the status events (issue #7:
// "every count … as of any date"). Plain computation: the store reads the facts, this decides.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "core/date.h"
#include "domain/member.h"

namespace tcxd {

// What the register knows of one member, enough to tell their status on any date.
struct MemberTimeline {
  MemberStatus status = MemberStatus::kOfficial;  // today's
  std::optional<Date> admission_date;             // decision; before it the person is not a member
  std::optional<Date> official_date;
  std::optional<Date> left_on;  // the decision by which the member left (today's status has left)
  // Status events in force (superseded ones left out), in the order they took effect.
  struct Change {
    Date effective_on;
    std::optional<Date> until;  // exemption or reduction: last day; the status before returns after it
    MemberStatus before = MemberStatus::kOfficial;
    MemberStatus after = MemberStatus::kOfficial;
  };
  std::vector<Change> changes;
};

// The timeline of a member record's dates, without events (a register loaded in bulk has none).
MemberTimeline TimelineOf(const Member& m);

// The member's status on `day`, or nullopt when they were not yet a member (before the admission
// decision). Rules, in order:
// - the latest change in effect on `day` gives the status (the status before it again once its `until`
//   has passed); before the first change, the status before it;
// - without changes, a member who has left (today's status) had left from `left_on` on (always, when the
//   date is unknown);
// - probationary and official come from the dates: official from the official date on, probationary
//   before it (an official member without an official date is taken as official throughout; a member
//   still probationary today was probationary throughout);
// - any other status with no dated change (exempt, temporary) is taken as held throughout.
// REQUIRES: changes sorted by effective_on.
std::optional<MemberStatus> StatusOn(const MemberTimeline& m, Date day);

// StatusOn as a step function: the days on which it changes, in order, each with the status from then on
// (nullopt: not a member). The first step starts at kAlways.
struct StatusStep {
  Date from;
  std::optional<MemberStatus> status;
};
inline const Date kAlways(1800, 1, 1);  // "since always": the earliest day the register knows
std::vector<StatusStep> StatusSteps(const MemberTimeline& m);

// ---- The count ledger (docs/decisions/0010): for a few large organizations, the changes of their member
// counts by day, so that a count as of a day is a sum of rows instead of a read of every member.

// A span of days [from, to) (to: nullopt = open), and what holds in it.
struct Registration {  // the member registered in `org`
  int64_t org = 0;
  Date from = kAlways;
  std::optional<Date> to;
};
struct LedgerSpan {  // the organizations with a ledger above (or at) a unit in that span
  Date from = kAlways;
  std::optional<Date> to;
  std::vector<int64_t> orgs;
};
// A unit's structural version: its parent (0: none) during [from, to).
struct ParentSpan {
  Date from = kAlways;
  std::optional<Date> to;
  int64_t parent = 0;
};
// The ledger spans of `unit`: the organizations with a ledger at or above it over time, from the
// structural versions of the unit and of its ancestors. `versions_of(id)` -> std::vector<ParentSpan>,
// `has_ledger(id)` -> bool, `memo`: spans already computed (the same across calls of one operation).
template <typename VersionsOf, typename HasLedger>
const std::vector<LedgerSpan>& LedgerSpansOf(int64_t unit, VersionsOf&& versions_of, HasLedger&& has_ledger,
                                             std::map<int64_t, std::vector<LedgerSpan>>& memo);

// (org, day, status) -> (members, women among them): added `sign` times.
using LedgerRows = std::map<std::tuple<int64_t, Date, MemberStatus>, std::pair<int64_t, int64_t>>;
// A member's rows: for each day their presence in a ledger organization's subtree starts or ends with a
// status, `row(org, day, status, +1 or -1)`. `spans_of(unit)` gives a unit's ledger spans.
template <typename SpansOf, typename Row>
void ForEachLedgerRow(const MemberTimeline& m, const std::vector<Registration>& registrations, SpansOf&& spans_of,
                      Row&& row);
// The same added `sign` times to `rows`.
template <typename SpansOf>
void AddLedgerRows(const MemberTimeline& m, bool female, const std::vector<Registration>& registrations,
                   SpansOf&& spans_of, int sign, LedgerRows& rows) {
  ForEachLedgerRow(m, registrations, spans_of, [&](int64_t org, Date day, MemberStatus s, int d) {
    const int64_t delta = int64_t{d} * sign;
    auto& r = rows[{org, day, s}];
    r.first += delta;
    r.second += female ? delta : 0;
  });
}

// ---- template implementation

template <typename VersionsOf, typename HasLedger>
const std::vector<LedgerSpan>& LedgerSpansOf(int64_t unit, VersionsOf&& versions_of, HasLedger&& has_ledger,
                                             std::map<int64_t, std::vector<LedgerSpan>>& memo) {
  if (auto it = memo.find(unit); it != memo.end()) return it->second;
  std::vector<LedgerSpan> out;
  const bool own = has_ledger(unit);
  auto emit = [&](Date from, std::optional<Date> to, std::vector<int64_t> orgs) {
    if (own) orgs.insert(orgs.begin(), unit);
    if (!orgs.empty() && (!to || from < *to)) out.push_back({from, to, std::move(orgs)});
  };
  for (const ParentSpan& v : versions_of(unit)) {
    if (v.parent == 0) {
      emit(v.from, v.to, {});
      continue;
    }
    // A copy: the recursion may add to the memo.
    const std::vector<LedgerSpan> above = LedgerSpansOf(v.parent, versions_of, has_ledger, memo);
    Date at = v.from;  // the days before `at` are done
    bool open_done = false;
    for (const LedgerSpan& p : above) {
      const Date from = std::max(at, p.from);
      std::optional<Date> to = v.to;
      if (p.to && (!to || *p.to < *to)) to = p.to;
      if (to && *to <= from) continue;
      if (at < from) emit(at, from, {});  // no ledger organization above then
      emit(from, to, p.orgs);
      if (!to) {
        open_done = true;
        break;
      }
      at = *to;
    }
    if (!open_done && (!v.to || at < *v.to)) emit(at, v.to, {});
  }
  return memo[unit] = std::move(out);
}

template <typename SpansOf, typename Row>
void ForEachLedgerRow(const MemberTimeline& m, const std::vector<Registration>& registrations, SpansOf&& spans_of,
                      Row&& row) {
  const std::vector<StatusStep> steps = StatusSteps(m);
  for (const Registration& reg : registrations) {
    for (const LedgerSpan& span : spans_of(reg.org)) {
      const Date from = std::max(reg.from, span.from);
      std::optional<Date> to = reg.to;
      if (span.to && (!to || *span.to < *to)) to = span.to;
      if (to && *to <= from) continue;
      for (size_t i = 0; i < steps.size(); ++i) {
        if (!steps[i].status) continue;
        const Date s_from = std::max(from, steps[i].from);
        std::optional<Date> s_to = to;
        if (i + 1 < steps.size() && (!s_to || steps[i + 1].from < *s_to)) s_to = steps[i + 1].from;
        if (s_to && *s_to <= s_from) continue;
        for (int64_t org : span.orgs) {
          row(org, s_from, *steps[i].status, +1);
          if (s_to) row(org, *s_to, *steps[i].status, -1);
        }
      }
    }
  }
}

}  // namespace tcxd
