#include "domain/stats.h"

#include <fmt/format.h>

#include "domain/member.h"
#include "i18n/messages.h"

namespace tcxd {
namespace {

// The latest birth date of someone aged at least `age` full years on `on`.
Date LatestBirthForAge(int age, Date on) {
  const int months = age * 12;
  Date b = on.AddMonths(-months);
  while (FullMonthsBetween(b.AddDays(1), on) >= months) b = b.AddDays(1);
  while (FullMonthsBetween(b, on) < months) b = b.AddDays(-1);
  return b;
}

}  // namespace

Result<std::vector<AgeBand>> AgeBands(const RuleSet& rules, Date on) {
  auto parsed = rules.IncreasingInts(rule::kReportAgeBandBounds, on);
  if (!parsed.ok()) return parsed.error();
  const std::vector<int>& bounds = *parsed;
  std::vector<AgeBand> bands;
  bands.push_back({0, bounds.front(), Format(Msg::kAgeBandUpTo, bounds.front())});
  for (size_t i = 1; i < bounds.size(); ++i) {
    bands.push_back({bounds[i - 1] + 1, bounds[i], Format(Msg::kAgeBandRange, bounds[i - 1] + 1, bounds[i])});
  }
  bands.push_back({bounds.back() + 1, std::nullopt, Format(Msg::kAgeBandFrom, bounds.back() + 1)});
  return bands;
}

DateRange BirthDatesForAges(std::optional<int> min_age, std::optional<int> max_age, Date on) {
  DateRange r;
  // age >= min  <=>  born on or before LatestBirthForAge(min)
  if (min_age && *min_age > 0) r.to = LatestBirthForAge(*min_age, on);
  // age <= max  <=>  not (age >= max + 1)  <=>  born after LatestBirthForAge(max + 1)
  if (max_age) r.from = LatestBirthForAge(*max_age + 1, on).AddDays(1);
  return r;
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "0.00";
  // Hundredths of a percent, rounded half up, without overflow for any count below 2^48:
  // part/whole = q + rem/whole, and rem/whole in hundredths of a percent is rem * 10000 / whole.
  const int64_t q = part / whole;
  const int64_t rem = part % whole;
  const int64_t hundredths = q * 10000 + (rem * 20000 + whole) / (2 * whole);
  return fmt::format("{}.{:02d}", hundredths / 100, hundredths % 100);
}

}  // namespace tcxd
