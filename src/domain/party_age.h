// Party age (tuổi đảng) and the Party badge milestones (rules §1.7, §7), as plain computations.
//
// Party age counts from the admission decision, minus the periods without party life (interruptions:
// expulsion, removal from the list, lost contact, gaps between transfers). Each interruption pushes the
// start forward by its length in days, so "a one-year transfer gap delays the 30-year badge by one year".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "domain/rules.h"

namespace tcxd {

// A period without party life, both ends inclusive.
struct Interruption {
  Date from;
  Date to;
  std::string reason;
};

// Checks the periods of one member: each from <= to, after the admission decision, not after `today`,
// not overlapping. kInvalid names the field "interruptions[i].from|to".
Status ValidateInterruptions(const std::vector<Interruption>& periods, Date admission, Date today);

struct PartyAge {
  int years = 0;
  int months = 0;            // 0..11
  int interrupted_days = 0;  // days of interruptions counted before the date
  int TotalMonths() const { return years * 12 + months; }
};

// Party age on `on` (full years and months). nullopt before the admission decision.
// REQUIRES: ValidateInterruptions passed.
std::optional<PartyAge> PartyAgeOn(Date admission, const std::vector<Interruption>& periods, Date on);

// The date on which the party age reaches `years` full years, interruptions included.
Date DateOfPartyAge(Date admission, const std::vector<Interruption>& periods, int years);

// Badge milestones (years of party age) from the rule set (rule::kBadgeMilestones, "30,40,45,...").
Result<std::vector<int>> BadgeMilestones(const RuleSet& rules, Date on);

struct BadgeDue {
  int years = 0;  // the milestone
  Date due;       // when the party age reaches it
};
// The first milestone not yet reached on `on`, or nullopt past the last one.
std::optional<BadgeDue> NextBadge(Date admission, const std::vector<Interruption>& periods,
                                  const std::vector<int>& milestones, Date on);

}  // namespace tcxd
