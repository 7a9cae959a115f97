#include "domain/stats.h"

#include <gtest/gtest.h>

#include "domain/member.h"

namespace tcxd {
namespace {

TEST(Percent, TwoDecimalsRoundedHalfUpOnIntegers) {
  EXPECT_EQ(Percent(1, 3), "33.33");
  EXPECT_EQ(Percent(2, 3), "66.67");
  EXPECT_EQ(Percent(1, 8), "12.50");
  EXPECT_EQ(Percent(1, 80000), "0.00");  // 0.00125 %
  EXPECT_EQ(Percent(1, 40000), "0.00");  // 0.0025 % -> 0.00
  EXPECT_EQ(Percent(1, 20000), "0.01");  // 0.005 % rounds half up
  EXPECT_EQ(Percent(7, 7), "100.00");
  EXPECT_EQ(Percent(0, 0), "0.00");
  EXPECT_EQ(Percent(2090117, 5500000), "38.00");                    // 38.0021... %
  EXPECT_EQ(Percent(int64_t{1} << 46, int64_t{3} << 46), "33.33");  // no overflow
  EXPECT_EQ(Percent(5, 2), "250.00");
}

// Hand-checked: each row is worked out on paper (hundredths truncated, remainders in whole units).
TEST(LargestRemainderPercents, SumToExactlyOneHundred) {
  struct Case {
    std::vector<int64_t> counts;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      // 3 x 1/3: 3333 each, remainders equal; the one missing hundredth goes to the first.
      {{1, 1, 1}, {"33.34", "33.33", "33.33"}},
      // 2/3 = 6666.67 (rem 2/3), 1/3 = 3333.33 (rem 1/3): the larger remainder wins.
      {{2, 1}, {"66.67", "33.33"}},
      {{1, 2}, {"33.33", "66.67"}},
      // 1/6, 2/6, 3/6: 1666.67 (rem 4/6) -> 1667; 3333.33 (rem 2/6) stays; 5000 exact.
      {{1, 2, 3}, {"16.67", "33.33", "50.00"}},
      // 7 items of 1/7 = 1428.571..: 7 x 1428 = 9996, four missing, the first four get one.
      {{1, 1, 1, 1, 1, 1, 1}, {"14.29", "14.29", "14.29", "14.29", "14.28", "14.28", "14.28"}},
      // 39, 180, 12, 1 of 232: 1681.03 (rem .03), 7758.62 (.62), 517.24 (.24), 43.10 (.10): 9999 -> .62 up.
      {{39, 180, 12, 1}, {"16.81", "77.59", "5.17", "0.43"}},
      // Zeros keep 0.00 and never take the missing hundredth before a positive remainder.
      {{0, 1, 0, 2}, {"0.00", "33.33", "0.00", "66.67"}},
      {{5, 0, 0, 0}, {"100.00", "0.00", "0.00", "0.00"}},
      {{0, 0, 0}, {"0.00", "0.00", "0.00"}},  // base 0: nothing to share
      {{}, {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(LargestRemainderPercents(c.counts), c.want) << ::testing::PrintToString(c.counts);
    int64_t sum = 0;
    for (int64_t h : LargestRemainderHundredths(c.counts)) sum += h;
    int64_t base = 0;
    for (int64_t n : c.counts) base += n;
    EXPECT_EQ(sum, base > 0 ? 10000 : 0);
  }
}

// Over every split of small bases into four parts, the shown shares sum to 100.00 and each is
// within one hundredth of the exact value (never more than one step away from Percent's rounding).
TEST(LargestRemainderPercents, ExhaustiveSmallBases) {
  for (int64_t a = 0; a <= 12; ++a) {
    for (int64_t b = 0; b <= 12; ++b) {
      for (int64_t c = 0; c <= 12; ++c) {
        for (int64_t d : {int64_t{0}, int64_t{1}, int64_t{7}}) {
          const std::vector<int64_t> counts = {a, b, c, d};
          const int64_t base = a + b + c + d;
          if (base == 0) continue;
          auto h = LargestRemainderHundredths(counts);
          int64_t sum = 0;
          for (size_t i = 0; i < counts.size(); ++i) {
            sum += h[i];
            // floor <= h <= floor + 1, with floor = counts*10000 / base
            const int64_t floor = counts[i] * 10000 / base;
            ASSERT_GE(h[i], floor);
            ASSERT_LE(h[i], floor + 1);
          }
          ASSERT_EQ(sum, 10000);
        }
      }
    }
  }
  // Large counts: no overflow, still exact.
  auto big = LargestRemainderPercents({int64_t{1} << 46, int64_t{1} << 46, int64_t{1} << 46});
  EXPECT_EQ(big, (std::vector<std::string>{"33.34", "33.33", "33.33"}));
}

TEST(AgeBands, FromTheRuleSet) {
  auto bands = AgeBands(RuleSet::Default(), Date(2026, 11, 23));
  ASSERT_TRUE(bands.ok());
  ASSERT_EQ(bands->size(), 5u);
  EXPECT_EQ((*bands)[0].label, "Đến 30 tuổi");
  EXPECT_EQ((*bands)[0].max, 30);
  EXPECT_EQ((*bands)[1].label, "31–40 tuổi");
  EXPECT_EQ((*bands)[1].min, 31);
  EXPECT_EQ((*bands)[4].label, "Từ 61 tuổi");
  EXPECT_FALSE((*bands)[4].max.has_value());
}

TEST(AgeBands, MalformedRuleIsAnError) {
  for (const char* bad : {"", "30,,40", "40,30", "x", "0,10"}) {
    auto rs = RuleSet::FromJson(std::string(R"({"rules":{"report.age_band_bounds":[{"from":null,"to":null,"value":")") +
                                bad + R"(","source":"t"}]}})");
    ASSERT_TRUE(rs.ok()) << bad;
    EXPECT_FALSE(AgeBands(*rs, Date(2026, 1, 1)).ok()) << bad;
  }
}

// The birth-date range agrees with AgeYears for every birth date over eight years around the bounds,
// on report dates that include leap days and month ends.
TEST(BirthDatesForAges, AgreesWithAgeYearsEverywhere) {
  for (Date on : {Date(2026, 11, 23), Date(2028, 2, 29), Date(2027, 2, 28), Date(2026, 3, 1), Date(2026, 12, 31)}) {
    for (auto [min, max] : std::vector<std::pair<std::optional<int>, std::optional<int>>>{
             {31, 40}, {std::nullopt, 30}, {61, std::nullopt}, {18, 18}}) {
      DateRange r = BirthDatesForAges(min, max, on);
      for (Date b = on.AddMonths(-12 * 70); b <= on.AddMonths(-12 * 10); b = b.AddDays(1)) {
        const int age = AgeYears(b, on);
        const bool in_band = (!min || age >= *min) && (!max || age <= *max);
        const bool in_range = (!r.from || *r.from <= b) && (!r.to || b <= *r.to);
        ASSERT_EQ(in_band, in_range) << b.ToString() << " on " << on.ToString();
      }
    }
  }
}

}  // namespace
}  // namespace tcxd
