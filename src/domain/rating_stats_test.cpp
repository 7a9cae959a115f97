#include "domain/rating_stats.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

using L = RatingLevel;
using R = NotRatedReason;

RatingOutcome Rated(L level, RatingRole role = RatingRole::kMember, std::optional<L> from = std::nullopt) {
  RatingOutcome o;
  o.level = level;
  o.role = role;
  o.downgraded_from = from;
  return o;
}
RatingOutcome NotRatedFor(R reason) {
  RatingOutcome o;
  o.not_rated = reason;
  return o;
}

void Add(std::vector<RatingOutcome>& v, int n, const RatingOutcome& o) {
  for (int i = 0; i < n; ++i) v.push_back(o);
}

// Hand-checked: 243 members on the rating date; 232 rated (39 / 180 / 12 / 1), 8 not rated (5 exempt,
// 2 recently admitted, 1 other), 3 still pending.
//   39/232 = 16.8103 %, 180/232 = 77.5862 %, 12/232 = 5.1724 %, 1/232 = 0.4310 %: truncated to
//   1681 + 7758 + 517 + 43 = 9999 hundredths; the largest remainder (.62 of 180) takes the last one.
//   Reasons of the 8: 62.50 / 25.00 / 0 / 0 / 12.50, exact. Rated of all: 232/243 = 95.473 % -> 95.47.
TEST(SummarizeRatings, CountsAndPercentagesWithTheirBase) {
  std::vector<RatingOutcome> v;
  Add(v, 39, Rated(L::kExcellent));
  Add(v, 180, Rated(L::kGood));
  Add(v, 12, Rated(L::kCompleted));
  Add(v, 1, Rated(L::kNotCompleted));
  Add(v, 5, NotRatedFor(R::kExempt));
  Add(v, 2, NotRatedFor(R::kRecentlyAdmitted));
  Add(v, 1, NotRatedFor(R::kOther));
  Add(v, 3, RatingOutcome{});
  ASSERT_TRUE(ValidateOutcomes(v).ok());
  const RatingSummary s = SummarizeRatings(v);
  EXPECT_EQ(s.on_rating_date, 243);
  EXPECT_EQ(s.rated, 232);
  EXPECT_EQ(s.not_rated, 8);
  EXPECT_EQ(s.pending, 3);
  EXPECT_EQ(s.rated_percent, "95.47");
  ASSERT_EQ(s.levels.size(), 4u);
  const std::pair<int64_t, std::string> want_levels[] = {{39, "16.81"}, {180, "77.59"}, {12, "5.17"}, {1, "0.43"}};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s.levels[i].level, static_cast<L>(i));
    EXPECT_EQ(s.levels[i].count, want_levels[i].first);
    EXPECT_EQ(s.levels[i].percent, want_levels[i].second);
  }
  ASSERT_EQ(s.reasons.size(), 5u);
  const std::pair<int64_t, std::string> want_reasons[] = {
      {5, "62.50"}, {2, "25.00"}, {0, "0.00"}, {0, "0.00"}, {1, "12.50"}};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(s.reasons[i].reason, static_cast<R>(i));
    EXPECT_EQ(s.reasons[i].count, want_reasons[i].first);
    EXPECT_EQ(s.reasons[i].percent, want_reasons[i].second);
  }
}

TEST(SummarizeRatings, ThirdsAndEmpty) {
  // One of each of three levels: 33.34 / 33.33 / 33.33 / 0.00, the tie going to the better level.
  const RatingSummary s = SummarizeRatings({Rated(L::kGood), Rated(L::kCompleted), Rated(L::kNotCompleted)});
  EXPECT_EQ(s.levels[0].percent, "0.00");
  EXPECT_EQ(s.levels[1].percent, "33.34");
  EXPECT_EQ(s.levels[2].percent, "33.33");
  EXPECT_EQ(s.levels[3].percent, "33.33");
  EXPECT_EQ(s.rated_percent, "100.00");

  const RatingSummary none = SummarizeRatings({});
  EXPECT_EQ(none.on_rating_date, 0);
  EXPECT_EQ(none.rated_percent, "0.00");
  for (const auto& row : none.levels) EXPECT_EQ(row.percent, "0.00");
  // Only not-rated subjects: the level table has base 0, all 0.00.
  const RatingSummary only_exempt = SummarizeRatings({NotRatedFor(R::kExempt)});
  EXPECT_EQ(only_exempt.rated, 0);
  EXPECT_EQ(only_exempt.reasons[0].percent, "100.00");
  EXPECT_EQ(only_exempt.levels[1].percent, "0.00");
}

TEST(SummarizeRatings, ByRole) {
  std::vector<RatingOutcome> v = {Rated(L::kExcellent, RatingRole::kSecretary), Rated(L::kGood, RatingRole::kSecretary),
                                  Rated(L::kGood, RatingRole::kCommitteeMember), Rated(L::kCompleted),
                                  NotRatedFor(R::kExempt)};
  auto by_role = SummarizeByRole(v);
  ASSERT_EQ(by_role.size(), static_cast<size_t>(kRatingRoleCount));
  EXPECT_EQ(by_role[0].rated, 2);
  EXPECT_EQ(by_role[0].levels[0].percent, "50.00");
  EXPECT_EQ(by_role[1].on_rating_date, 0);  // no deputy
  EXPECT_EQ(by_role[2].levels[1].percent, "100.00");
  EXPECT_EQ(by_role[4].on_rating_date, 2);  // kMember: one rated, one exempt
  EXPECT_EQ(by_role[4].not_rated, 1);
}

TEST(DowngradeTable, FromWhichLevelToWhichByRole) {
  std::vector<RatingOutcome> v = {
      Rated(L::kGood, RatingRole::kSecretary, L::kExcellent),
      Rated(L::kGood, RatingRole::kSecretary, L::kExcellent),
      Rated(L::kCompleted, RatingRole::kDeputySecretary, L::kGood),
      Rated(L::kCompleted, RatingRole::kMember, L::kExcellent),
      Rated(L::kGood, RatingRole::kUnitHead, L::kExcellent),
      Rated(L::kNotCompleted, RatingRole::kSecretary, L::kGood),
      Rated(L::kGood, RatingRole::kSecretary),  // not lowered
  };
  ASSERT_TRUE(ValidateOutcomes(v).ok());
  const auto rows = DowngradeTable(v);
  struct Want {
    RatingRole role;
    L from;
    L to;
    int64_t count;
  };
  const Want want[] = {
      {RatingRole::kSecretary, L::kExcellent, L::kGood, 2},
      {RatingRole::kSecretary, L::kGood, L::kNotCompleted, 1},
      {RatingRole::kDeputySecretary, L::kGood, L::kCompleted, 1},
      {RatingRole::kUnitHead, L::kExcellent, L::kGood, 1},
      {RatingRole::kMember, L::kExcellent, L::kCompleted, 1},
  };
  ASSERT_EQ(rows.size(), std::size(want));
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].role, want[i].role) << i;
    EXPECT_EQ(rows[i].from, want[i].from) << i;
    EXPECT_EQ(rows[i].to, want[i].to) << i;
    EXPECT_EQ(rows[i].count, want[i].count) << i;
  }
}

TEST(ValidateOutcomes, InconsistentOutcomesAreNamed) {
  RatingOutcome both = Rated(L::kGood);
  both.not_rated = R::kExempt;
  auto st = ValidateOutcomes({Rated(L::kGood), both});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().field, "outcomes[1]");
  EXPECT_EQ(ValidateOutcomes({Rated(L::kExcellent, RatingRole::kMember, L::kGood)}).error().field, "outcomes[0]");
  EXPECT_EQ(ValidateOutcomes({Rated(L::kGood, RatingRole::kMember, L::kGood)}).error().field, "outcomes[0]");
  RatingOutcome no_level;
  no_level.downgraded_from = L::kGood;
  EXPECT_FALSE(ValidateOutcomes({no_level}).ok());
}

// Outcomes counted by the store (count > 1) summarize like the same outcomes one by one. Hand-checked:
// 37 / 180 / 20 / 3 of 240: 15.4166 %, 75 %, 8.3333 %, 1.25 % truncate to 1541 + 7500 + 833 + 125 = 9999
// hundredths; the largest remainder (.66 of 37) takes the last one: 15.42 / 75.00 / 8.33 / 1.25.
TEST(SummarizeRatings, CountedOutcomesEqualSingleOnes) {
  std::vector<RatingOutcome> counted;
  std::vector<RatingOutcome> single;
  const std::pair<L, int64_t> levels[] = {
      {L::kExcellent, 37}, {L::kGood, 180}, {L::kCompleted, 20}, {L::kNotCompleted, 3}};
  for (const auto& [level, n] : levels) {
    RatingOutcome o = Rated(level);
    Add(single, static_cast<int>(n), o);
    o.count = n;
    counted.push_back(o);
  }
  ASSERT_TRUE(ValidateOutcomes(counted).ok());
  const RatingSummary a = SummarizeRatings(counted);
  const RatingSummary b = SummarizeRatings(single);
  EXPECT_EQ(a.rated, 240);
  EXPECT_EQ(a.on_rating_date, 240);
  const char* want[] = {"15.42", "75.00", "8.33", "1.25"};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(a.levels[i].percent, want[i]);
    EXPECT_EQ(a.levels[i].percent, b.levels[i].percent);
    EXPECT_EQ(a.levels[i].count, b.levels[i].count);
  }
  RatingOutcome bad = Rated(L::kGood);
  bad.count = -1;
  EXPECT_FALSE(ValidateOutcomes({bad}).ok());
}

}  // namespace
}  // namespace tcxd
