#include "domain/member_timeline.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

using S = MemberStatus;

MemberTimeline Admitted(Date admission, std::optional<Date> official, S today) {
  MemberTimeline m;
  m.admission_date = admission;
  m.official_date = official;
  m.status = today;
  return m;
}

TEST(StatusOnTest, NotAMemberBeforeTheAdmissionDecision) {
  auto m = Admitted(Date(2020, 5, 10), Date(2021, 5, 10), S::kOfficial);
  EXPECT_EQ(StatusOn(m, Date(2020, 5, 9)), std::nullopt);
  EXPECT_EQ(StatusOn(m, Date(2020, 5, 10)), S::kProbationary);
}

TEST(StatusOnTest, OfficialFromTheOfficialDateOn) {
  auto m = Admitted(Date(2020, 5, 10), Date(2021, 5, 10), S::kOfficial);
  EXPECT_EQ(StatusOn(m, Date(2021, 5, 9)), S::kProbationary);
  EXPECT_EQ(StatusOn(m, Date(2021, 5, 10)), S::kOfficial);
  EXPECT_EQ(StatusOn(m, Date(2030, 1, 1)), S::kOfficial);
}

TEST(StatusOnTest, StillProbationaryTodayAndWithoutDates) {
  auto p = Admitted(Date(2026, 3, 1), std::nullopt, S::kProbationary);
  EXPECT_EQ(StatusOn(p, Date(2026, 12, 1)), S::kProbationary);
  // The expected official date written in advance does not make them official before the decision.
  auto q = Admitted(Date(2025, 3, 1), Date(2026, 3, 1), S::kProbationary);
  EXPECT_EQ(StatusOn(q, Date(2026, 12, 1)), S::kProbationary);
  MemberTimeline undated;  // an official member whose dates the register does not hold
  undated.status = S::kOfficial;
  EXPECT_EQ(StatusOn(undated, Date(1990, 1, 1)), S::kOfficial);
}

TEST(StatusOnTest, LeftFromTheLeavingDecisionOnWithoutEvents) {
  auto m = Admitted(Date(2000, 1, 1), Date(2001, 1, 1), S::kDeceased);
  m.left_on = Date(2024, 6, 1);
  EXPECT_EQ(StatusOn(m, Date(2000, 6, 1)), S::kProbationary);
  EXPECT_EQ(StatusOn(m, Date(2024, 5, 31)), S::kOfficial);
  EXPECT_EQ(StatusOn(m, Date(2024, 6, 1)), S::kDeceased);
  // Removed while probationary: no official date.
  auto r = Admitted(Date(2023, 1, 1), std::nullopt, S::kRemoved);
  r.left_on = Date(2023, 9, 1);
  EXPECT_EQ(StatusOn(r, Date(2023, 8, 31)), S::kProbationary);
  EXPECT_EQ(StatusOn(r, Date(2023, 9, 1)), S::kRemoved);
  // The leaving date unknown: taken as left throughout.
  auto u = Admitted(Date(2000, 1, 1), Date(2001, 1, 1), S::kWithdrew);
  EXPECT_EQ(StatusOn(u, Date(2000, 2, 1)), S::kWithdrew);
}

TEST(StatusOnTest, ChangesGiveTheStatusAndExemptionEndsAfterItsLastDay) {
  auto m = Admitted(Date(2000, 1, 1), Date(2001, 1, 1), S::kExempt);
  m.changes.push_back({Date(2020, 3, 1), Date(2021, 2, 28), S::kOfficial, S::kExempt});
  m.changes.push_back({Date(2022, 1, 1), std::nullopt, S::kOfficial, S::kExempt});
  EXPECT_EQ(StatusOn(m, Date(2000, 6, 1)), S::kProbationary);  // before every change: from the dates
  EXPECT_EQ(StatusOn(m, Date(2020, 2, 29)), S::kOfficial);
  EXPECT_EQ(StatusOn(m, Date(2020, 3, 1)), S::kExempt);
  EXPECT_EQ(StatusOn(m, Date(2021, 2, 28)), S::kExempt);
  EXPECT_EQ(StatusOn(m, Date(2021, 3, 1)), S::kOfficial);  // the first exemption is over
  EXPECT_EQ(StatusOn(m, Date(2022, 1, 1)), S::kExempt);
  EXPECT_EQ(StatusOn(m, Date(2026, 1, 1)), S::kExempt);
}

TEST(StatusOnTest, DeathAfterAnExemption) {
  auto m = Admitted(Date(1980, 1, 1), Date(1981, 1, 1), S::kDeceased);
  m.left_on = Date(2025, 8, 2);
  m.changes.push_back({Date(2019, 1, 1), std::nullopt, S::kOfficial, S::kExempt});
  m.changes.push_back({Date(2025, 8, 2), std::nullopt, S::kExempt, S::kDeceased});
  EXPECT_EQ(StatusOn(m, Date(2018, 12, 31)), S::kOfficial);
  EXPECT_EQ(StatusOn(m, Date(2025, 8, 1)), S::kExempt);
  EXPECT_EQ(StatusOn(m, Date(2025, 8, 2)), S::kDeceased);
}

// The steps agree with StatusOn on every day around each of their dates.
TEST(StatusStepsTest, AgreeWithStatusOnEveryDay) {
  auto m = Admitted(Date(2000, 1, 1), Date(2001, 1, 1), S::kDeceased);
  m.left_on = Date(2025, 8, 2);
  m.changes.push_back({Date(2019, 1, 1), Date(2020, 6, 30), S::kOfficial, S::kExempt});
  m.changes.push_back({Date(2025, 8, 2), std::nullopt, S::kOfficial, S::kDeceased});
  const auto steps = StatusSteps(m);
  ASSERT_EQ(steps.size(), 6u);  // before admission, probationary, official, exempt, official, deceased
  EXPECT_EQ(steps[0].from, kAlways);
  EXPECT_EQ(steps[0].status, std::nullopt);
  EXPECT_EQ(steps[2].from, Date(2001, 1, 1));
  EXPECT_EQ(steps[4].from, Date(2020, 7, 1));
  EXPECT_EQ(steps[5].status, S::kDeceased);
  for (Date d = Date(1999, 12, 1); d < Date(2026, 1, 1); d = d.AddDays(7)) {
    std::optional<MemberStatus> step;
    for (const auto& s : steps) {
      if (s.from <= d) step = s.status;
    }
    EXPECT_EQ(step, StatusOn(m, d)) << d.ToString();
  }
}

TEST(LedgerRowsTest, PresenceInEachLedgerOrganizationWithItsStatus) {
  // Admitted 2000 (official 2001) in branch 10, transferred to branch 20 on 01/07/2025. Branch 10 was under
  // province 2 throughout; branch 20 under province 3 until 01/01/2025, then under province 2. Root 1.
  auto m = Admitted(Date(2000, 1, 1), Date(2001, 1, 1), S::kOfficial);
  std::vector<Registration> regs{{10, kAlways, Date(2025, 7, 1)}, {20, Date(2025, 7, 1), std::nullopt}};
  auto spans = [](int64_t unit) -> std::vector<LedgerSpan> {
    if (unit == 10) return {{kAlways, std::nullopt, {1, 2}}};
    return {{kAlways, Date(2025, 1, 1), {1, 3}}, {Date(2025, 1, 1), std::nullopt, {1, 2}}};
  };
  LedgerRows rows;
  AddLedgerRows(m, true, regs, spans, +1, rows);
  auto at = [&](int64_t org, Date day, MemberStatus s) {
    auto it = rows.find({org, day, s});
    return it == rows.end() ? 0 : it->second.first;
  };
  // Root and province 2: probationary from 2000, official from 2001; the transfer within province 2 leaves
  // no trace (the -1 and +1 of 01/07/2025 cancel); province 3 never had her.
  for (int64_t org : {1, 2}) {
    EXPECT_EQ(at(org, Date(2000, 1, 1), S::kProbationary), 1);
    EXPECT_EQ(at(org, Date(2001, 1, 1), S::kProbationary), -1);
    EXPECT_EQ(at(org, Date(2001, 1, 1), S::kOfficial), 1);
    EXPECT_EQ(at(org, Date(2025, 7, 1), S::kOfficial), 0);
  }
  for (const auto& [key, v] : rows) EXPECT_NE(std::get<0>(key), 3);
  EXPECT_EQ((rows[{2, Date(2001, 1, 1), S::kOfficial}].second), 1);  // a woman
  // Taken back: every row cancels.
  AddLedgerRows(m, true, regs, spans, -1, rows);
  for (const auto& [key, v] : rows) EXPECT_EQ(v, std::make_pair(int64_t{0}, int64_t{0}));
}

}  // namespace
}  // namespace tcxd
