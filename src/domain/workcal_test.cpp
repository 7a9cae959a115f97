#include "domain/workcal.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

const WorkCalendar& Cal() {
  return WorkCalendar::Default();
}

TEST(WorkingDay, DayOfWeekFromKnownDates) {
  EXPECT_EQ(DayOfWeek(Date(1970, 1, 1)), 4);    // Thursday
  EXPECT_EQ(DayOfWeek(Date(2026, 2, 17)), 2);   // mùng 1 Tết Bính Ngọ, a Tuesday
  EXPECT_EQ(DayOfWeek(Date(2026, 4, 26)), 0);   // Giỗ Tổ 2026, a Sunday
  EXPECT_EQ(DayOfWeek(Date(1969, 12, 27)), 6);  // before the epoch: a Saturday
}

TEST(WorkingDay, DefaultCalendarDeclaresTheOfficialYears) {
  for (int y : {2024, 2025, 2026}) {
    const CalendarYear* info = Cal().Year(y);
    ASSERT_NE(info, nullptr) << y;
    EXPECT_EQ(info->status, CalendarYearStatus::kOfficial) << y;
    EXPECT_FALSE(info->source.empty()) << y;
  }
  EXPECT_EQ(Cal().Year(2023), nullptr);
  // 2027 is entered ahead of the Government's announcement, from the Labour Code and the lunar dates.
  ASSERT_NE(Cal().Year(2027), nullptr);
  EXPECT_EQ(Cal().Year(2027)->status, CalendarYearStatus::kProvisional);
  EXPECT_EQ(Cal().Year(2028), nullptr);
}

// The provisional 2027: Tết Đinh Mùi (mùng 1 on Saturday 6/2) off from Friday 5/2 to Thursday 11/2 — the 5
// days of Art. 112 with mùng 1 and 2 compensated on Wednesday and Thursday; 1/5 on a Saturday compensated
// on Monday 3/5; Quốc khánh Thursday 2/9 and Friday 3/9.
TEST(WorkingDay, TheProvisional2027FollowsTheLabourCode) {
  EXPECT_EQ(*Cal().AddWorkingDays(Date(2027, 2, 4), 1), Date(2027, 2, 12));
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2027, 2, 4), Date(2027, 2, 12)), 1);
  EXPECT_FALSE(*Cal().IsWorkingDay(Date(2027, 5, 3)));
  EXPECT_TRUE(*Cal().IsWorkingDay(Date(2027, 5, 4)));
  EXPECT_EQ(*Cal().AddWorkingDays(Date(2027, 9, 1), 1), Date(2027, 9, 6));
  EXPECT_FALSE(*Cal().IsWorkingDay(Date(2027, 4, 16)));  // Giỗ Tổ, 10/3 Đinh Mùi
  EXPECT_FALSE(*Cal().IsWorkingDay(Date(2027, 1, 1)));
}

TEST(WorkingDay, ADeadlineCountedOnAProvisionalYearIsFlagged) {
  // 31/12/2026 (1), Friday 1/1/2027 off, Monday 4/1 (2), Tuesday 5/1 (3).
  WorkDate d = Cal().AddWorkingDaysEstimate(Date(2026, 12, 30), 3);
  EXPECT_EQ(d.date, Date(2027, 1, 5));
  EXPECT_FALSE(d.estimated);
  EXPECT_TRUE(d.provisional);
  // Counted on 2026 only: neither flag.
  WorkDate exact = Cal().AddWorkingDaysEstimate(Date(2026, 12, 28), 3);
  EXPECT_EQ(exact.date, Date(2026, 12, 31));
  EXPECT_FALSE(exact.provisional);
}

// Labour Code 2019 Art. 112: 11 paid holidays a year. Swaps move a day off and add a worked Saturday, so
// in every declared year the weekdays off minus the weekend days worked must be exactly 11.
TEST(WorkingDay, EachDeclaredYearLosesExactlyElevenDays) {
  for (const auto& y : Cal().Years()) {
    int off_weekdays = 0;
    int worked_weekend = 0;
    for (const auto& d : Cal().Days(y.year)) {
      const int dow = DayOfWeek(d.date);
      const bool weekend = dow == 0 || dow == 6;
      if (!d.working && !weekend) ++off_weekdays;
      if (d.working) ++worked_weekend;
    }
    EXPECT_EQ(off_weekdays - worked_weekend, 11) << y.year;
  }
}

// Weekdays per year, hand-counted: 2024 starts on a Monday and has 366 days (262 weekdays), 2025 starts on
// a Wednesday and 2026 on a Thursday, 365 days each (261 weekdays). Minus the 11 holidays.
TEST(WorkingDay, WorkingDaysInAWholeYear) {
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2023, 12, 31), Date(2024, 12, 31)), 251);
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2024, 12, 31), Date(2025, 12, 31)), 250);
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2025, 12, 31), Date(2026, 12, 31)), 250);
}

TEST(WorkingDay, HolidaysSwapsAndMakeUpDays) {
  struct Case {
    Date date;
    bool working;
  };
  const Case cases[] = {
      {Date(2026, 2, 13), true},   // Friday before Tết
      {Date(2026, 2, 16), false},  // 29 tháng Chạp
      {Date(2026, 2, 20), false},  // mùng 4
      {Date(2026, 2, 23), true},   // back to work (mùng 7)
      {Date(2026, 1, 2), false},   // swapped Friday
      {Date(2026, 1, 10), true},   // Saturday worked instead
      {Date(2026, 1, 17), false},  // an ordinary Saturday
      {Date(2026, 4, 27), false},  // compensation for Giỗ Tổ on Sunday 26/4
      {Date(2026, 8, 22), true},   // Saturday worked for 31/8
      {Date(2026, 8, 31), false}, {Date(2026, 9, 3), true},  {Date(2025, 1, 27), false},  // Tết Ất Tỵ
      {Date(2025, 2, 3), true},   {Date(2025, 4, 26), true},  // Saturday worked for 2/5/2025
      {Date(2025, 5, 2), false},  {Date(2024, 5, 4), true},   // Saturday worked for 29/4/2024
      {Date(2024, 4, 29), false}, {Date(2024, 9, 3), false},
  };
  for (const auto& c : cases) {
    auto w = Cal().IsWorkingDay(c.date);
    ASSERT_TRUE(w.ok()) << c.date.ToString();
    EXPECT_EQ(*w, c.working) << c.date.ToString();
  }
}

TEST(WorkingDay, AddWorkingDaysStartsCountingOnTheNextDay) {
  struct Case {
    Date start;
    int n;
    Date expected;
  };
  const Case cases[] = {
      // Friday 13/2/2026 before the Tết break 14–22/2: day 1 is Monday 23/2; five weeks of five days from
      // there end on Friday 27/3 (day 25), the 30th working day is Friday 3/4/2026.
      {Date(2026, 2, 13), 30, Date(2026, 4, 3)},
      {Date(2026, 2, 13), 1, Date(2026, 2, 23)},
      {Date(2026, 2, 14), 1, Date(2026, 2, 23)},  // from a Saturday inside the break
      {Date(2026, 2, 13), 0, Date(2026, 2, 13)},
      // Across Giỗ Tổ (Monday 27/4 compensated) and 30/4–1/5/2026: 21,22,23,24 | 28,29 | 4,5,6,7/5.
      {Date(2026, 4, 20), 10, Date(2026, 5, 7)},
      // A worked Saturday counts: Friday 9/1/2026 + 1 = Saturday 10/1.
      {Date(2026, 1, 9), 1, Date(2026, 1, 10)},
      {Date(2026, 1, 9), 2, Date(2026, 1, 12)},
      // 30/12/2025 + 2: 31/12, then 1/1 and 2/1/2026 off, 3–4/1 weekend: Monday 5/1/2026.
      {Date(2025, 12, 30), 2, Date(2026, 1, 5)},
      // Tết Ất Tỵ: Friday 24/1/2025 + 1 = Monday 3/2/2025.
      {Date(2025, 1, 24), 1, Date(2025, 2, 3)},
  };
  for (const auto& c : cases) {
    auto d = Cal().AddWorkingDays(c.start, c.n);
    ASSERT_TRUE(d.ok()) << c.start.ToString() << " + " << c.n;
    EXPECT_EQ(*d, c.expected) << c.start.ToString() << " + " << c.n << " = " << d->ToString();
  }
}

TEST(WorkingDay, BetweenIsTheInverseOfAdd) {
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2026, 2, 13), Date(2026, 4, 3)), 30);
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2026, 4, 3), Date(2026, 2, 13)), -30);
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2026, 2, 13), Date(2026, 2, 13)), 0);
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2026, 2, 13), Date(2026, 2, 22)), 0);  // all of Tết
  // 27/4/2024 .. 6/5/2024: 29/4 swapped, 30/4 and 1/5 off; 2/5, 3/5, Saturday 4/5 and 6/5 worked.
  EXPECT_EQ(*Cal().WorkingDaysBetween(Date(2024, 4, 26), Date(2024, 5, 6)), 4);
  for (Date start = Date(2024, 1, 1); start < Date(2026, 9, 1); start = start.AddDays(17)) {
    for (int n : {1, 5, 30, 60}) {
      auto end = Cal().AddWorkingDays(start, n);
      ASSERT_TRUE(end.ok()) << start.ToString();
      EXPECT_TRUE(*Cal().IsWorkingDay(*end)) << end->ToString();
      EXPECT_EQ(*Cal().WorkingDaysBetween(start, *end), n) << start.ToString() << " + " << n;
    }
  }
}

TEST(WorkingDay, AYearWithoutDataIsAnErrorOrAFlaggedEstimate) {
  auto w = Cal().IsWorkingDay(Date(2028, 1, 4));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, ErrorCode::kInvalid);
  EXPECT_NE(w.error().message.find("2028"), std::string::npos) << w.error().message;

  auto d = Cal().AddWorkingDays(Date(2027, 12, 30), 3);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("2028"), std::string::npos);
  EXPECT_TRUE(Cal().AddWorkingDays(Date(2027, 12, 30), 1).ok());  // 31/12/2027 is still known
  EXPECT_FALSE(Cal().WorkingDaysBetween(Date(2027, 12, 1), Date(2028, 1, 5)).ok());

  // The estimate counts 2028 on weekends only: 31/12/2027 (1), Monday 3/1/2028 (2), Tuesday 4/1 (3) —
  // although 1/1/2028, a Saturday, will be compensated on a Monday.
  WorkDate e = Cal().AddWorkingDaysEstimate(Date(2027, 12, 30), 3);
  EXPECT_EQ(e.date, Date(2028, 1, 4));
  EXPECT_TRUE(e.estimated);
  // Within declared years the estimate is the exact result, not flagged.
  WorkDate exact = Cal().AddWorkingDaysEstimate(Date(2026, 2, 13), 30);
  EXPECT_EQ(exact.date, Date(2026, 4, 3));
  EXPECT_FALSE(exact.estimated);
}

TEST(WorkingDay, ParsesTheFileFormatAndRejectsBadLines) {
  auto cal = WorkCalendar::FromCsv(
      "# comment\n"
      "\n"
      "year,2030,provisional,dự kiến, chưa công bố\n"
      "off,2030-01-01,Tết Dương lịch\n"
      "work,2030-01-05,Làm bù, thứ Bảy\n");
  ASSERT_TRUE(cal.ok()) << cal.error().message;
  EXPECT_EQ(cal->Year(2030)->status, CalendarYearStatus::kProvisional);
  EXPECT_EQ(cal->Year(2030)->source, "dự kiến, chưa công bố");
  ASSERT_EQ(cal->Days(2030).size(), 2U);
  EXPECT_EQ(cal->Days(2030)[1].name, "Làm bù, thứ Bảy");
  EXPECT_FALSE(*cal->IsWorkingDay(Date(2030, 1, 1)));
  EXPECT_TRUE(*cal->IsWorkingDay(Date(2030, 1, 5)));

  struct Bad {
    const char* text;
    int line;
  };
  const Bad bad[] = {
      {"year,2030,official,x\nholiday,2030-01-01,x\n", 2},                 // unknown kind
      {"year,2030,official,x\noff,2031-01-01,x\n", 2},                     // undeclared year
      {"off,2030-01-01,x\nyear,2030,official,x\nwork,2030-01-02,x\n", 3},  // work on a Wednesday
      {"year,2030,official,x\noff,2030-01-01,x\noff,2030-01-01,y\n", 3},   // listed twice
      {"year,2030,official,x\nyear,2030,official,y\n", 2},                 // year twice
      {"year,2030,maybe,x\n", 1},                                          // bad status
      {"year,2030,official,x\noff,2030-02-30,x\n", 2},                     // no such date
      {"year,20x0,official,x\n", 1},
      {"year,2030\n", 1},
  };
  for (const auto& b : bad) {
    auto r = WorkCalendar::FromCsv(b.text);
    ASSERT_FALSE(r.ok()) << b.text;
    EXPECT_EQ(r.error().field, "holidays");
    EXPECT_NE(r.error().message.find("Dòng " + std::to_string(b.line) + " "), std::string::npos)
        << b.text << " -> " << r.error().message;
  }
}

}  // namespace
}  // namespace tcxd
