#include "domain/member.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

const Date kToday(2026, 11, 23);

Member Valid() {
  Member m;
  m.org_id = OrgId(3);
  m.full_name = "Nguyễn Văn An";
  m.birth_date = Date(1985, 4, 30);
  m.national_id = "001085012345";
  m.admission_date = Date(2010, 5, 19);
  m.ceremony_date = Date(2010, 6, 1);
  m.official_date = Date(2011, 5, 19);
  m.card_number = "12345678";
  m.cv_number = "012345HN";
  m.status = MemberStatus::kOfficial;
  return m;
}

std::string FirstField(const Member& m) {
  Status s = ValidateMember(m, RuleSet::Default(), kToday);
  return s.ok() ? "" : s.error().field;
}

TEST(MemberTest, ValidMemberPasses) {
  EXPECT_EQ(FirstField(Valid()), "");
}

TEST(MemberTest, EachBadFieldIsNamed) {
  struct Case {
    const char* what;
    std::function<void(Member&)> change;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"one-word name", [](Member& m) { m.full_name = "An"; }, "full_name"},
      {"digits in name", [](Member& m) { m.full_name = "Nguyễn V4n An"; }, "full_name"},
      {"no birth date", [](Member& m) { m.birth_date.reset(); }, "birth_date"},
      {"born tomorrow", [](Member& m) { m.birth_date = kToday.AddDays(1); }, "birth_date"},
      {"short national id", [](Member& m) { m.national_id = "12345"; }, "national_id"},
      {"letters in national id", [](Member& m) { m.national_id = "00108501234A"; }, "national_id"},
      {"short card number", [](Member& m) { m.card_number = "1234"; }, "card_number"},
      {"bad cv number", [](Member& m) { m.cv_number = "12AB"; }, "cv_number"},
      {"ceremony before decision", [](Member& m) { m.ceremony_date = Date(2010, 5, 18); }, "ceremony_date"},
      {"official date not 12 months", [](Member& m) { m.official_date = Date(2011, 6, 1); }, "official_date"},
      {"official without date", [](Member& m) { m.official_date.reset(); }, "official_date"},
      {"no admission", [](Member& m) { m.admission_date.reset(); }, "admission_date"},
      {"left without date", [](Member& m) { m.status = MemberStatus::kDeceased; }, "left_on"},
  };
  for (const auto& c : cases) {
    Member m = Valid();
    c.change(m);
    EXPECT_EQ(FirstField(m), c.field) << c.what;
  }
}

TEST(MemberTest, AdmissionAgeIsCountedInMonths) {
  // Born 15/08/2007: 18 full years on 15/08/2025, not on 14/08/2025 (rules §1.1).
  Member m = Valid();
  m.birth_date = Date(2007, 8, 15);
  m.status = MemberStatus::kProbationary;
  m.official_date.reset();
  m.card_number.clear();
  m.ceremony_date.reset();
  m.admission_date = Date(2025, 8, 14);
  EXPECT_EQ(FirstField(m), "admission_date");
  m.admission_date = Date(2025, 8, 15);
  EXPECT_EQ(FirstField(m), "");
}

TEST(MemberTest, OfficialDateIsExactlyTwelveMonthsAfterTheDecision) {
  EXPECT_EQ(OfficialDateFor(Date(2024, 2, 29), RuleSet::Default()), Date(2025, 2, 28));
  EXPECT_EQ(OfficialDateFor(Date(2025, 3, 3), RuleSet::Default()), Date(2026, 3, 3));
  Member m = Valid();
  m.admission_date = Date(2026, 3, 1);  // 12 months not yet over on kToday
  m.official_date = Date(2027, 3, 1);
  m.ceremony_date.reset();
  EXPECT_EQ(FirstField(m), "official_date");
}

TEST(MemberTest, ProbationaryMembersHaveNoCard) {
  Member m = Valid();
  m.status = MemberStatus::kProbationary;
  m.official_date.reset();
  EXPECT_EQ(FirstField(m), "card_number");
}

TEST(MemberTest, StatusNamesAndCounting) {
  for (int i = 0; i < kMemberStatusCount; ++i) {
    auto s = static_cast<MemberStatus>(i);
    EXPECT_EQ(ParseMemberStatus(MemberStatusName(s)), s);
  }
  EXPECT_TRUE(IsCounted(MemberStatus::kExempt));
  EXPECT_FALSE(IsCounted(MemberStatus::kTemporary));  // counted where officially registered
  EXPECT_TRUE(HasLeft(MemberStatus::kTransferredOut));
  EXPECT_FALSE(HasLeft(MemberStatus::kTemporary));
  EXPECT_EQ(AgeYears(Date(1985, 4, 30), Date(2025, 4, 29)), 39);
  EXPECT_EQ(AgeYears(Date(1985, 4, 30), Date(2025, 4, 30)), 40);
}

}  // namespace
}  // namespace tcxd
