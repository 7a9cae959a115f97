#include "domain/rules.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

TEST(RuleSetTest, PicksTheVersionInForceOnTheDate) {
  auto r = RuleSet::FromJson(R"({"rules": {"x.limit": [
      {"from": null, "to": "2025-06-30", "value": 30, "source": "old"},
      {"from": "2025-07-01", "to": null, "value": 60, "source": "new"}]}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->Int("x.limit", Date(2025, 6, 30)), 30);
  EXPECT_EQ(r->Int("x.limit", Date(2025, 7, 1)), 60);
  EXPECT_EQ(r->Find("x.limit", Date(2030, 1, 1))->source, "new");
  EXPECT_FALSE(r->Find("missing", Date(2025, 1, 1)).ok());
  EXPECT_THROW(r->Bool("x.limit", Date(2025, 1, 1)), std::logic_error);
}

TEST(RuleSetTest, RejectsOverlapsAndBadDates) {
  EXPECT_FALSE(RuleSet::FromJson(R"({"rules": {"a": [
      {"from": null, "to": "2025-07-01", "value": 1},
      {"from": "2025-07-01", "to": null, "value": 2}]}})")
                   .ok());
  EXPECT_FALSE(RuleSet::FromJson(R"({"rules": {"a": [{"from": "2025-02-30", "value": 1}]}})").ok());
  EXPECT_FALSE(RuleSet::FromJson("not json").ok());
}

TEST(RuleSetTest, DefaultSetHasEveryKeyTheCodeReads) {
  const auto& r = RuleSet::Default();
  const Date d(2026, 1, 1);
  for (auto key :
       {rule::kAdmissionMinAgeYears, rule::kAdmissionMaxAgeYears, rule::kProbationMonths, rule::kCardNumberMinDigits,
        rule::kCardNumberMaxDigits, rule::kNationalIdDigits, rule::kLoginMaxFailures, rule::kLoginWindowMinutes,
        rule::kSessionIdleMinutes, rule::kPasswordMinLength}) {
    auto v = r.Find(key, d);
    ASSERT_TRUE(v.ok()) << key;
    EXPECT_FALSE(v->source.empty()) << key;
  }
  EXPECT_EQ(r.Int(rule::kAdmissionMinAgeYears, d), 18);
  EXPECT_EQ(r.Int(rule::kProbationMonths, d), 12);
}

}  // namespace
}  // namespace tcxd
