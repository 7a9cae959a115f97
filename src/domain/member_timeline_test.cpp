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

}  // namespace
}  // namespace tcxd
