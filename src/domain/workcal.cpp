#include "domain/workcal.h"

#include <charconv>
#include <stdexcept>

#include "i18n/messages.h"

namespace tcxd {

namespace embedded {
std::string_view Find(std::string_view name);
}

namespace {

// Splits "a,b,c,rest, with commas" into at most `max_fields` fields (the last keeps its commas).
std::vector<std::string_view> SplitFields(std::string_view line, size_t max_fields) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < max_fields) {
    const size_t comma = line.find(',');
    if (comma == std::string_view::npos) break;
    out.push_back(line.substr(0, comma));
    line.remove_prefix(comma + 1);
  }
  out.push_back(line);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IsWeekend(Date d) {
  const int dow = DayOfWeek(d);
  return dow == 0 || dow == 6;
}

}  // namespace

int DayOfWeek(Date d) {
  // 1970-01-01 was a Thursday (4).
  const int64_t r = (d.ToDays() + 4) % 7;
  return static_cast<int>(r < 0 ? r + 7 : r);
}

Result<WorkCalendar> WorkCalendar::FromCsv(std::string_view text) {
  WorkCalendar cal;
  std::vector<std::pair<int, CalendarDay>> pending;  // days are checked against years after the whole file
  int line_no = 0;
  const auto bad = [&](std::string_view what) {
    return Error::Invalid("holidays", Format(Msg::kCalendarLine, line_no, what));
  };
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    const std::string_view line = Trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    const auto f = SplitFields(line, 4);
    const std::string_view kind = Trim(f[0]);
    if (kind == "year") {
      if (f.size() != 4) return bad(line);
      CalendarYear y;
      const std::string_view num = Trim(f[1]);
      auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), y.year);
      if (ec != std::errc() || ptr != num.data() + num.size() || !Date::IsValid(y.year, 1, 1)) return bad(num);
      const std::string_view status = Trim(f[2]);
      if (status == "official") {
        y.status = CalendarYearStatus::kOfficial;
      } else if (status == "provisional") {
        y.status = CalendarYearStatus::kProvisional;
      } else {
        return bad(status);
      }
      y.source = std::string(Trim(f[3]));
      if (cal.years_.count(y.year) != 0) return bad(num);
      cal.years_.emplace(y.year, std::move(y));
    } else if (kind == "off" || kind == "work") {
      if (f.size() < 3) return bad(line);
      // The name is everything after the date, commas included.
      const auto g = SplitFields(line, 3);
      auto date = Date::Parse(Trim(g[1]));
      if (!date) return bad(Trim(g[1]));
      CalendarDay day{*date, kind == "work", std::string(Trim(g[2]))};
      if (day.working && !IsWeekend(day.date)) return bad(g[1]);
      if (cal.days_.count(date->ToDays()) != 0) return bad(g[1]);
      cal.days_.emplace(date->ToDays(), day);
      pending.emplace_back(line_no, std::move(day));
    } else {
      return bad(kind);
    }
  }
  for (const auto& [at, day] : pending) {
    if (cal.years_.count(day.date.year()) == 0) {
      line_no = at;
      return bad(day.date.ToString());
    }
  }
  return cal;
}

const WorkCalendar& WorkCalendar::Default() {
  static const WorkCalendar cal = [] {
    auto r = FromCsv(embedded::Find("rules/holidays.csv"));
    if (!r.ok()) throw std::logic_error("rules/holidays.csv is invalid: " + r.error().message);
    return std::move(r.value());
  }();
  return cal;
}

const CalendarYear* WorkCalendar::Year(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? nullptr : &it->second;
}

std::vector<CalendarYear> WorkCalendar::Years() const {
  std::vector<CalendarYear> out;
  for (const auto& [y, info] : years_) out.push_back(info);
  return out;
}

std::vector<CalendarDay> WorkCalendar::Days(int year) const {
  std::vector<CalendarDay> out;
  auto it = days_.lower_bound(Date(year, 1, 1).ToDays());
  const auto end = days_.upper_bound(Date(year, 12, 31).ToDays());
  for (; it != end; ++it) out.push_back(it->second);
  return out;
}

std::optional<bool> WorkCalendar::Working(Date d, bool estimate) const {
  if (years_.count(d.year()) == 0) {
    if (!estimate) return std::nullopt;
    return !IsWeekend(d);
  }
  auto it = days_.find(d.ToDays());
  if (it != days_.end()) return it->second.working;
  return !IsWeekend(d);
}

Result<bool> WorkCalendar::IsWorkingDay(Date d) const {
  auto w = Working(d, false);
  if (!w) return Error::Invalid("date", Format(Msg::kCalendarYearMissing, d.year()));
  return *w;
}

Result<Date> WorkCalendar::AddWorkingDays(Date start, int n) const {
  Date d = start;
  for (int counted = 0; counted < n;) {
    d = d.AddDays(1);
    auto w = Working(d, false);
    if (!w) return Error::Invalid("date", Format(Msg::kCalendarYearMissing, d.year()));
    if (*w) ++counted;
  }
  return d;
}

WorkDate WorkCalendar::AddWorkingDaysEstimate(Date start, int n) const {
  WorkDate out{start, false};
  for (int counted = 0; counted < n;) {
    out.date = out.date.AddDays(1);
    auto year = years_.find(out.date.year());
    if (year == years_.end()) {
      out.estimated = true;
    } else if (year->second.status == CalendarYearStatus::kProvisional) {
      out.provisional = true;
    }
    if (*Working(out.date, true)) ++counted;
  }
  return out;
}

Result<int> WorkCalendar::WorkingDaysBetween(Date a, Date b) const {
  if (b < a) {
    auto r = WorkingDaysBetween(b, a);
    if (!r.ok()) return r.error();
    return -*r;
  }
  int count = 0;
  for (Date d = a.AddDays(1); d <= b; d = d.AddDays(1)) {
    auto w = Working(d, false);
    if (!w) return Error::Invalid("date", Format(Msg::kCalendarYearMissing, d.year()));
    if (*w) ++count;
  }
  return count;
}

}  // namespace tcxd
