#include "domain/admission_quota.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

Organization Org(int64_t id, std::string path, std::string code) {
  Organization o;
  o.id = OrgId(id);
  o.path = std::move(path);
  o.code = std::move(code);
  return o;
}

AdmittedFact Fact(std::string path, Date d, Gender g = Gender::kMale) {
  AdmittedFact a;
  a.branch_path = std::move(path);
  a.decision_date = d;
  a.gender = g;
  return a;
}

AdmissionQuota Year(int64_t org, int year, int64_t target) {
  return AdmissionQuota{OrgId(org), QuotaPeriod::kYear, year, year, target, "bantochuc"};
}

// Hand-checked fixture. Province /1/ with three units: /1/2/ (target 3), /1/3/ (target 7), /1/4/ (no
// target); the province's own target is 12 (more than the sum of the units: lower levels may differ).
// Admissions in 2026: unit 2: 3 (15/1, 30/6, 30/9) -> 100.00 %, reached; unit 3: 2 on 1/10 and 31/12
// plus 1 on 30/9 -> 3/7 = 42.857... -> "42.86"; unit 4: 1. One 2025 admission and one outside the province
// are ignored. Year: 7 / 12 = 58.333... -> "58.33". Nine months (1/1–30/9): unit 2: 3/3 = "100.00",
// unit 3: 1/7 = 14.2857... -> "14.29", unit 4: 0 (its admission is in November), total 4/12 = 33.333...
// -> "33.33".
class QuotaFixture : public ::testing::Test {
 protected:
  Organization root = Org(1, "/1/", "T01");
  std::vector<Organization> units = {Org(2, "/1/2/", "T01.X001"), Org(3, "/1/3/", "T01.X002"),
                                     Org(4, "/1/4/", "T01.X003")};
  std::vector<AdmissionQuota> quotas = {Year(1, 2026, 12), Year(2, 2026, 3), Year(3, 2026, 7), Year(3, 2025, 1),
                                        AdmissionQuota{OrgId(1), QuotaPeriod::kTerm, 2025, 2030, 60, "x"}};
  std::vector<AdmittedFact> admitted;

  void SetUp() override {
    AdmittedFact a = Fact("/1/2/20/", Date(2026, 1, 15), Gender::kFemale);
    a.youth_union = true;
    a.ethnic_minority = true;
    admitted.push_back(a);
    admitted.push_back(Fact("/1/2/21/", Date(2026, 6, 30), Gender::kFemale));
    AdmittedFact b = Fact("/1/2/20/", Date(2026, 9, 30));
    b.religious = true;
    b.private_enterprise = true;
    admitted.push_back(b);
    admitted.push_back(Fact("/1/3/30/", Date(2026, 9, 30), Gender::kFemale));
    admitted.push_back(Fact("/1/3/30/", Date(2026, 10, 1)));
    admitted.push_back(Fact("/1/3/31/", Date(2026, 12, 31)));
    admitted.push_back(Fact("/1/4/40/", Date(2026, 11, 2)));
    admitted.push_back(Fact("/1/3/30/", Date(2025, 12, 31)));  // last year
    admitted.push_back(Fact("/9/90/", Date(2026, 3, 1)));      // another province
  }
};

TEST_F(QuotaFixture, WholeYear) {
  auto years = ReportYears(QuotaPeriod::kYear, Date(2026, 1, 1), Date(2026, 12, 31), root.id, quotas);
  ASSERT_TRUE(years.ok());
  const auto r = ComputeQuotaReport(root, units, QuotaPeriod::kYear, *years, Date(2026, 1, 1), Date(2026, 12, 31),
                                    quotas, admitted);
  EXPECT_EQ(r.total.admitted, 7);
  EXPECT_EQ(r.total.target, 12);
  EXPECT_EQ(r.total.percent, "58.33");
  EXPECT_FALSE(r.total.reached);
  EXPECT_EQ(r.total.breakdown.women, 3);
  EXPECT_EQ(r.total.breakdown.youth_union, 1);
  EXPECT_EQ(r.total.breakdown.ethnic_minority, 1);
  EXPECT_EQ(r.total.breakdown.religious, 1);
  EXPECT_EQ(r.total.breakdown.private_enterprise, 1);
  ASSERT_EQ(r.units.size(), 3U);
  EXPECT_EQ(r.units[0].admitted, 3);
  EXPECT_EQ(r.units[0].percent, "100.00");
  EXPECT_TRUE(r.units[0].reached);
  EXPECT_EQ(r.units[0].breakdown.women, 2);
  EXPECT_EQ(r.units[1].admitted, 3);
  EXPECT_EQ(r.units[1].percent, "42.86");
  EXPECT_FALSE(r.units[1].reached);
  EXPECT_EQ(r.units[2].admitted, 1);
  EXPECT_FALSE(r.units[2].target.has_value());
  EXPECT_EQ(r.units[2].percent, "");
  EXPECT_EQ(r.reached, std::vector<OrgId>{OrgId(2)});
  EXPECT_EQ(r.below, std::vector<OrgId>{OrgId(3)});
}

TEST_F(QuotaFixture, NineMonthsAgainstTheYearTarget) {
  auto years = ReportYears(QuotaPeriod::kYear, Date(2026, 1, 1), Date(2026, 9, 30), root.id, quotas);
  ASSERT_TRUE(years.ok());
  EXPECT_EQ(years->first, 2026);
  const auto r = ComputeQuotaReport(root, units, QuotaPeriod::kYear, *years, Date(2026, 1, 1), Date(2026, 9, 30),
                                    quotas, admitted);
  EXPECT_EQ(r.total.admitted, 4);
  EXPECT_EQ(r.total.percent, "33.33");
  EXPECT_EQ(r.units[0].percent, "100.00");
  EXPECT_EQ(r.units[1].admitted, 1);
  EXPECT_EQ(r.units[1].percent, "14.29");
  EXPECT_EQ(r.units[2].admitted, 0);
}

TEST_F(QuotaFixture, Term) {
  auto years = ReportYears(QuotaPeriod::kTerm, Date(2025, 1, 1), Date(2026, 12, 31), root.id, quotas);
  ASSERT_TRUE(years.ok());
  EXPECT_EQ(years->first, 2025);
  EXPECT_EQ(years->last, 2030);
  const auto r = ComputeQuotaReport(root, units, QuotaPeriod::kTerm, *years, Date(2025, 1, 1), Date(2026, 12, 31),
                                    quotas, admitted);
  EXPECT_EQ(r.total.admitted, 8);
  EXPECT_EQ(r.total.percent, "13.33");  // 8 / 60 = 13.333...
  EXPECT_TRUE(r.reached.empty());
  EXPECT_TRUE(r.below.empty());  // the units have no term target
}

TEST_F(QuotaFixture, BadPeriods) {
  EXPECT_EQ(ReportYears(QuotaPeriod::kYear, Date(2026, 1, 1), Date(2027, 1, 1), root.id, quotas).error().field, "to");
  EXPECT_EQ(ReportYears(QuotaPeriod::kYear, Date(2026, 2, 1), Date(2026, 1, 1), root.id, quotas).error().field, "to");
  EXPECT_EQ(ReportYears(QuotaPeriod::kTerm, Date(2031, 1, 1), Date(2031, 2, 1), root.id, quotas).error().field, "from");
}

TEST(AdmissionQuota, Validate) {
  EXPECT_TRUE(ValidateQuota(Year(1, 2026, 10)).ok());
  EXPECT_EQ(ValidateQuota(Year(1, 1999, 10)).error().field, "first_year");
  EXPECT_EQ(ValidateQuota(Year(1, 2026, -1)).error().field, "target");
  AdmissionQuota q = Year(1, 2026, 10);
  q.last_year = 2027;
  EXPECT_EQ(ValidateQuota(q).error().field, "last_year");
  q.period = QuotaPeriod::kTerm;
  q.last_year = 2026;
  EXPECT_EQ(ValidateQuota(q).error().field, "last_year");
  q.last_year = 2030;
  EXPECT_TRUE(ValidateQuota(q).ok());
  EXPECT_EQ(ParseQuotaPeriod("term"), QuotaPeriod::kTerm);
  EXPECT_FALSE(ParseQuotaPeriod("month").has_value());
}

TEST(AdmissionQuota, TargetZeroIsReachedWithoutPercent) {
  Organization root = Org(1, "/1/", "T01");
  std::vector<AdmissionQuota> quotas = {Year(1, 2026, 0)};
  const auto r =
      ComputeQuotaReport(root, {}, QuotaPeriod::kYear, {2026, 2026}, Date(2026, 1, 1), Date(2026, 12, 31), quotas, {});
  EXPECT_TRUE(r.total.reached);
  EXPECT_EQ(r.total.percent, "");
}

}  // namespace
}  // namespace tcxd
