#include "domain/stats.h"

#include <fmt/format.h>

#include <algorithm>

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
  return HundredthsToText(hundredths);
}

std::string HundredthsToText(int64_t hundredths) {
  return fmt::format("{}.{:02d}", hundredths / 100, hundredths % 100);
}

std::vector<int64_t> LargestRemainderHundredths(const std::vector<int64_t>& counts) {
  int64_t whole = 0;
  for (int64_t c : counts) whole += c;
  std::vector<int64_t> out(counts.size(), 0);
  if (whole <= 0) return out;
  // counts[i] / whole in hundredths of a percent = floor_i + rem_i / whole, with floor_i and rem_i
  // computed as in Percent so that nothing overflows below 2^48.
  std::vector<int64_t> rem(counts.size(), 0);
  int64_t given = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    const int64_t q = counts[i] / whole;
    const int64_t r = counts[i] % whole;
    out[i] = q * 10000 + r * 10000 / whole;
    rem[i] = r * 10000 % whole;
    given += out[i];
  }
  // Each truncation loses less than one hundredth, so fewer than counts.size() are missing.
  std::vector<size_t> order(counts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rem[a] > rem[b]; });
  for (size_t k = 0; given < 10000 && k < order.size(); ++k, ++given) ++out[order[k]];
  return out;
}

std::vector<std::string> LargestRemainderPercents(const std::vector<int64_t>& counts) {
  std::vector<std::string> out;
  out.reserve(counts.size());
  for (int64_t h : LargestRemainderHundredths(counts)) out.push_back(HundredthsToText(h));
  return out;
}

}  // namespace tcxd
