#include "core/date.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

TEST(DateTest, ParsesOnlyRealDates) {
  EXPECT_EQ(Date::Parse("2025-07-01"), Date(2025, 7, 1));
  EXPECT_EQ(Date::Parse("2024-02-29"), Date(2024, 2, 29));
  for (const char* bad : {"2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-04-31", "25-07-01",
                          "2025/07/01", "2025-7-1", "", "abcd-ef-gh", "1799-12-31", "2025-07-01T00:00"}) {
    EXPECT_FALSE(Date::Parse(bad).has_value()) << bad;
  }
}

TEST(DateTest, DaysRoundTrip) {
  EXPECT_EQ(Date(1970, 1, 1).ToDays(), 0);
  EXPECT_EQ(Date(2000, 3, 1).ToDays(), 11017);
  for (int64_t d = -50000; d < 80000; d += 97) EXPECT_EQ(Date::FromDays(d).ToDays(), d);
  EXPECT_EQ(Date(2025, 12, 31).AddDays(1), Date(2026, 1, 1));
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date(2025, 1, 31).AddMonths(1), Date(2025, 2, 28));
  EXPECT_EQ(Date(2024, 1, 31).AddMonths(1), Date(2024, 2, 29));
  EXPECT_EQ(Date(2024, 2, 29).AddMonths(12), Date(2025, 2, 28));
  EXPECT_EQ(Date(2025, 6, 15).AddMonths(-18), Date(2023, 12, 15));
}

TEST(DateTest, FullMonthsBetween) {
  // Hand-checked: 18 years = 216 months is reached on the 18th birthday, not the day before.
  EXPECT_EQ(FullMonthsBetween(Date(2007, 8, 15), Date(2025, 8, 15)), 216);
  EXPECT_EQ(FullMonthsBetween(Date(2007, 8, 15), Date(2025, 8, 14)), 215);
  EXPECT_EQ(FullMonthsBetween(Date(2025, 1, 31), Date(2025, 2, 28)), 1);
  EXPECT_EQ(FullMonthsBetween(Date(2025, 3, 10), Date(2025, 3, 9)), 0);
  EXPECT_EQ(FullMonthsBetween(Date(2025, 5, 1), Date(2025, 3, 1)), -2);
}

}  // namespace
}  // namespace tcxd
