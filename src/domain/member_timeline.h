// A member's status on a past date, from the dates of the register and the status events (issue #7:
// "every count … as of any date"). Plain computation: the store reads the facts, this decides.
#pragma once

#include <optional>
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

}  // namespace tcxd
