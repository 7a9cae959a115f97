#include "domain/supplement.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

TEST(Supplement, StatesAndNewCampaigns) {
  EXPECT_EQ(ParseSupplementState("changed"), SupplementState::kChanged);
  EXPECT_EQ(ParseSupplementState("no_change"), SupplementState::kNoChange);
  EXPECT_FALSE(ParseSupplementState("done"));
  EXPECT_EQ(SupplementStateName(SupplementState::kNoChange), "no_change");
  const Date today(2026, 11, 23);
  EXPECT_TRUE(ValidateNewCampaign(2026, Date(2027, 1, 31), today).ok());
  EXPECT_TRUE(ValidateNewCampaign(2027, std::nullopt, today).ok());
  EXPECT_TRUE(ValidateNewCampaign(2026, today, today).ok());
  auto fields = [&](int year, std::optional<Date> due) {
    auto s = ValidateNewCampaign(year, due, today);
    std::vector<std::string> out;
    if (!s.ok()) {
      for (const auto& [f, m] : s.error().fields) out.push_back(f);
    }
    return out;
  };
  EXPECT_EQ(fields(2028, std::nullopt), (std::vector<std::string>{"year"}));
  EXPECT_EQ(fields(1999, Date(2026, 11, 22)), (std::vector<std::string>{"due", "year"}));
}

TEST(Supplement, ProgressIsCountedExactly) {
  SupplementProgress p{7, 2, 3};
  EXPECT_EQ(p.Done(), 5);
  EXPECT_EQ(p.Pending(), 2);
  EXPECT_EQ(p.PercentDone(), "71.43");  // 5/7 = 71.428...
  EXPECT_EQ((SupplementProgress{3, 1, 0}).PercentDone(), "33.33");
  EXPECT_EQ((SupplementProgress{3, 2, 0}).PercentDone(), "66.67");
  EXPECT_EQ((SupplementProgress{0, 0, 0}).PercentDone(), "100.00");  // nothing to do
  EXPECT_EQ((SupplementProgress{40, 25, 15}).PercentDone(), "100.00");
}

}  // namespace
}  // namespace tcxd
