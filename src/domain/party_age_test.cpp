#include "domain/party_age.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

TEST(PartyAge, FromTheAdmissionDecisionInFullYearsAndMonths) {
  const Date adm(1996, 5, 19);
  auto a = PartyAgeOn(adm, {}, Date(2026, 11, 23));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->years, 30);
  EXPECT_EQ(a->months, 6);
  EXPECT_EQ(PartyAgeOn(adm, {}, Date(2026, 5, 18))->years, 29);  // the day before the anniversary
  EXPECT_EQ(PartyAgeOn(adm, {}, Date(2026, 5, 19))->years, 30);
  EXPECT_FALSE(PartyAgeOn(adm, {}, Date(1996, 5, 18)));
  EXPECT_EQ(PartyAgeOn(adm, {}, adm)->TotalMonths(), 0);
}

// Rules §7: "a one-year transfer gap delays the 30-year badge by one year".
TEST(PartyAge, InterruptionsDelayTheAgeByTheirLength) {
  const Date adm(1990, 3, 10);
  const std::vector<Interruption> gap = {{Date(2000, 1, 1), Date(2000, 12, 31), "chuyển sinh hoạt"}};  // 366 days
  auto a = PartyAgeOn(adm, gap, Date(2020, 3, 10));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->interrupted_days, 366);
  EXPECT_EQ(a->years, 28);  // start moved to 11/3/1991 (1990 + 366 days)
  EXPECT_EQ(a->months, 11);
  EXPECT_EQ(DateOfPartyAge(adm, gap, 30), Date(2021, 3, 11));
  EXPECT_EQ(DateOfPartyAge(adm, {}, 30), Date(2020, 3, 10));
  // An interruption still running on the date counts up to that date only.
  auto during = PartyAgeOn(adm, gap, Date(2000, 1, 31));
  EXPECT_EQ(during->interrupted_days, 31);
  EXPECT_EQ(during->years, 9);
  EXPECT_EQ(during->months, 9);  // 10/3/1990 + 31 days = 10/4/1990 -> 9 years 9 months on 31/1/2000
}

TEST(PartyAge, TwoGapsAndALeapDayAdmission) {
  const Date adm(1984, 2, 29);
  const std::vector<Interruption> gaps = {{Date(1990, 1, 1), Date(1990, 1, 10), "mất liên lạc"},       // 10 days
                                          {Date(2001, 6, 1), Date(2001, 6, 20), "chuyển sinh hoạt"}};  // 20
  EXPECT_EQ(DateOfPartyAge(adm, gaps, 40), Date(1984, 3, 30).AddMonths(480));  // 29/2 + 30 days = 30/3
  EXPECT_EQ(DateOfPartyAge(adm, gaps, 40), Date(2024, 3, 30));
  EXPECT_EQ(DateOfPartyAge(adm, {}, 40), Date(2024, 2, 29));
}

TEST(Badge, NextMilestoneFromTheRuleSet) {
  auto ms = BadgeMilestones(RuleSet::Default(), Date(2026, 11, 23));
  ASSERT_TRUE(ms.ok());
  EXPECT_EQ(*ms, (std::vector<int>{30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90}));
  auto next = NextBadge(Date(1996, 5, 19), {}, *ms, Date(2026, 11, 23));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->years, 40);
  EXPECT_EQ(next->due, Date(2036, 5, 19));
  auto first = NextBadge(Date(2000, 1, 5), {}, *ms, Date(2026, 11, 23));
  EXPECT_EQ(first->years, 30);
  EXPECT_EQ(first->due, Date(2030, 1, 5));
  EXPECT_FALSE(NextBadge(Date(1930, 2, 3), {}, *ms, Date(2026, 11, 23)));  // past 90 years
}

TEST(Interruptions, BadPeriodsNameTheField) {
  const Date adm(2000, 1, 1);
  const Date today(2026, 11, 23);
  EXPECT_TRUE(ValidateInterruptions({{Date(2001, 1, 1), Date(2001, 2, 1), ""}}, adm, today).ok());
  auto field = [&](const std::vector<Interruption>& p) {
    auto st = ValidateInterruptions(p, adm, today);
    return st.ok() ? std::string() : st.error().field;
  };
  EXPECT_EQ(field({{Date(1999, 1, 1), Date(2001, 2, 1), ""}}), "interruptions[0].from");
  EXPECT_EQ(field({{Date(2002, 1, 1), Date(2001, 2, 1), ""}}), "interruptions[0].to");
  EXPECT_EQ(field({{Date(2026, 11, 1), Date(2026, 12, 1), ""}}), "interruptions[0].to");
  EXPECT_EQ(field({{Date(2005, 1, 1), Date(2005, 3, 1), ""}, {Date(2004, 12, 1), Date(2005, 1, 1), ""}}),
            "interruptions[0].from");
}

}  // namespace
}  // namespace tcxd
