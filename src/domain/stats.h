// Statistics of the register, as plain computations: age bands, exact percentages.
// (The counting itself is done by the store, over date ranges computed here.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "domain/rules.h"

namespace tcxd {

// Members aged min..max full years (max open for the last band) on the report date.
struct AgeBand {
  int min = 0;
  std::optional<int> max;
  std::string label;  // Vietnamese, e.g. "31–40 tuổi"
};

// The bands of the rule set in force on `on` (rule::kReportAgeBandBounds, e.g. "30,40,50,60":
// up to 30, 31–40, 41–50, 51–60, from 61). kInvalid when the rule is malformed.
Result<std::vector<AgeBand>> AgeBands(const RuleSet& rules, Date on);

// Birth dates of the people whose age in full years on `on` (AgeYears) is within [min_age, max_age]:
// an inclusive range, open where nullopt. Exact, leap days included.
struct DateRange {
  std::optional<Date> from;
  std::optional<Date> to;
};
DateRange BirthDatesForAges(std::optional<int> min_age, std::optional<int> max_age, Date on);

// part / whole as a percentage with two decimals, rounded half up, computed on integers:
// Percent(1, 3) == "33.33", Percent(2, 3) == "66.67", Percent(0, 0) == "0.00".
// REQUIRES: 0 <= part, 0 <= whole < 2^48.
std::string Percent(int64_t part, int64_t whole);

// The shares of `counts` in their sum, as percentages with two decimals that add up to exactly
// "100.00" when the sum is > 0 (largest-remainder method, on integers): each share is first truncated
// to hundredths of a percent, then the hundredths still missing to reach 10000 go one each to the
// shares with the largest remainders. Ties go to the earlier index, so the result is deterministic:
// {1, 1, 1} -> {"33.34", "33.33", "33.33"}. All "0.00" when the sum is 0. The result has one entry
// per count, in order.
// REQUIRES: every count >= 0 and their sum < 2^48.
std::vector<std::string> LargestRemainderPercents(const std::vector<int64_t>& counts);

// The same in hundredths of a percent (3334 for "33.34"), for code that computes on the values.
std::vector<int64_t> LargestRemainderHundredths(const std::vector<int64_t>& counts);

// Hundredths of a percent written with two decimals: 3334 -> "33.34", 10000 -> "100.00".
// REQUIRES: hundredths >= 0.
std::string HundredthsToText(int64_t hundredths);

}  // namespace tcxd
