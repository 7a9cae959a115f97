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
