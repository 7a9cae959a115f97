// A calendar date without time zone (the dates of decisions, births, ceremonies).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcxd {

class Date final {
 public:
  constexpr Date() = default;
  // REQUIRES: IsValid(y, m, d). Use Parse or Make for untrusted input.
  constexpr Date(int y, int m, int d) : y_(y), m_(m), d_(d) {}

  static bool IsValid(int y, int m, int d);
  // Returns the date when y-m-d exists (1800..2200), nullopt otherwise.
  static std::optional<Date> Make(int y, int m, int d);
  // Parses "YYYY-MM-DD" strictly; nullopt when malformed or the date does not exist (e.g. 2025-02-30).
  static std::optional<Date> Parse(std::string_view text);
  // Today in Vietnam (UTC+7).
  static Date Today();

  int year() const { return y_; }
  int month() const { return m_; }
  int day() const { return d_; }
  std::string ToString() const;      // "YYYY-MM-DD"
  std::string ToVietnamese() const;  // "13/02/2026": the way dates are written in Vietnamese documents

  // Days since 1970-01-01 (negative before).
  int64_t ToDays() const;
  static Date FromDays(int64_t days);
  Date AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  // Adds months; the day is clamped to the end of the target month (31/1 + 1 month = 28 or 29/2).
  Date AddMonths(int n) const;

  // NOLINTNEXTLINE(modernize-use-nullptr): a false positive of clang-tidy 14 on defaulted <=>
  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  int y_ = 1970;
  int m_ = 1;
  int d_ = 1;
};

// Whole months from `from` to `to` (a birthday on the 31st is reached on the last day of shorter months).
// Negative when `to` < `from`.
int FullMonthsBetween(Date from, Date to);

}  // namespace tcxd
