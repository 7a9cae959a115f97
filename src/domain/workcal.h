// The working-day calendar (lịch ngày làm việc) on which party deadlines are counted: "trong thời hạn N
// ngày làm việc" (rules.md §1.5, §12; rules-2.md §7). Pure domain: the calendar is data, one entry per
// year, parsed from rules/holidays.csv (editable by administrators), never computed from rules.
//
// A day is a working day when it is Monday–Friday and not listed "off", or when it is a weekend day
// listed "work" (a make-up day of a swap). A date in a year the calendar does not declare has no answer:
// the strict functions return kInvalid (Msg::kCalendarYearMissing) rather than assume; the *Estimate
// function counts such years on weekends only and says so (`estimated`), for display only.
//
// Counting convention (Vietnamese practice, "kể từ ngày …"): the day of the event does not count; the
// count starts on the next day. AddWorkingDays(d, n) is the n-th working day strictly after d, so a
// branch resolution dated Friday 13/2/2026 with 1 working day ends on Monday 23/2/2026 (Tết 16–20/2).
// WorkingDaysBetween is its inverse: WorkingDaysBetween(d, AddWorkingDays(d, n)) == n.
//
// Thread-safety: a WorkCalendar is immutable after construction; const methods may be called from any
// thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace tcxd {

enum class CalendarYearStatus {
  kOfficial,     // announced by the Government (Prime Minister / Ministry of Home Affairs)
  kProvisional,  // entered ahead of the announcement; deadlines on it may move
};

struct CalendarYear {
  int year = 0;
  CalendarYearStatus status = CalendarYearStatus::kOfficial;
  std::string source;  // the announcement(s) it comes from
};

// An exception to the Monday–Friday rule.
struct CalendarDay {
  Date date;
  bool working = false;  // true: a weekend day worked ("work"); false: a day off ("off")
  std::string name;      // "Tết Nguyên đán (mùng 1 Bính Ngọ)", "Làm bù cho ngày 2/1/2026"
};

// A date computed on the calendar, with a flag when a year without data was counted on weekends only, and
// one when a day counted lies in a provisional year (its days off may still move).
struct WorkDate {
  Date date;
  bool estimated = false;
  bool provisional = false;
};

// 0 = Sunday, 1 = Monday, ..., 6 = Saturday.
int DayOfWeek(Date d);

class WorkCalendar final {
 public:
  // Parses the format of rules/holidays.csv: '#' comments and blank lines, then
  //   year,YYYY,official|provisional,SOURCE   off,YYYY-MM-DD,NAME   work,YYYY-MM-DD,NAME
  // Returns kInvalid (field "holidays", Msg::kCalendarLine naming the line) when a line is malformed, a
  // year is declared twice, a day lies in an undeclared year, a day is listed twice, or a "work" day is not
  // a Saturday or Sunday.
  static Result<WorkCalendar> FromCsv(std::string_view text);
  // The calendar compiled into the binary (rules/holidays.csv). Throws std::logic_error when that file is
  // invalid (a build bug, caught by the unit tests).
  static const WorkCalendar& Default();

  // The declared year, or nullptr.
  const CalendarYear* Year(int year) const;
  std::vector<CalendarYear> Years() const;
  // The exceptions listed for a year, in date order (empty for an undeclared year).
  std::vector<CalendarDay> Days(int year) const;

  // Whether `d` is a working day. kInvalid (Msg::kCalendarYearMissing) when d's year is not declared.
  Result<bool> IsWorkingDay(Date d) const;

  // The n-th working day strictly after `start` (n == 0: `start` itself). REQUIRES: n >= 0.
  // kInvalid (Msg::kCalendarYearMissing, naming the first missing year) when a day counted lies in an
  // undeclared year; `start` itself need not be declared.
  Result<Date> AddWorkingDays(Date start, int n) const;
  // The same, counting undeclared years on weekends only and flagging the result as estimated; a result
  // that counted days of a provisional year is flagged provisional.
  WorkDate AddWorkingDaysEstimate(Date start, int n) const;

  // The number of working days d with a < d <= b; negative (−count of b < d <= a) when b < a.
  // kInvalid (Msg::kCalendarYearMissing) when a day of that range lies in an undeclared year.
  Result<int> WorkingDaysBetween(Date a, Date b) const;

 private:
  // nullopt when the year is undeclared and `estimate` is false.
  std::optional<bool> Working(Date d, bool estimate) const;

  std::map<int, CalendarYear> years_;
  std::map<int64_t, CalendarDay> days_;  // key: Date::ToDays()
};

}  // namespace tcxd
