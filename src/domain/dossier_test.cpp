#include "domain/dossier.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

const Date kToday(2026, 11, 23);

struct Catalogs {
  std::map<std::string, CatalogMatcher> matchers;
  DossierCatalogs pointers;
  Catalogs() {
    for (const auto& [field, catalog] : DossierCatalogFields()) {
      auto it = matchers.emplace(catalog, CatalogMatcher(BuiltinCatalog(catalog))).first;
      pointers[catalog] = &it->second;
    }
  }
};

TEST(Dossier, CatalogValuesAreMatchedAndTextsCleaned) {
  Catalogs c;
  Dossier d;
  d.general_education = "12/12";
  d.political_theory = "cao cap";
  d.party_position = "pho bi thu";
  d.qualifications = {{"dai hoc", "  Kế toán ", "Học viện Tài chính", 2001}};
  d.birth_place = "Xa\xCC\x83 Tân Hòa";  // NFD "Xã"
  ASSERT_TRUE(NormalizeDossier(d, c.pointers, RuleSet::Default(), Date(2005, 3, 2), kToday).ok());
  EXPECT_EQ(d.general_education, "Trung học phổ thông");
  EXPECT_EQ(d.political_theory, "Cao cấp");
  EXPECT_EQ(d.party_position, "Phó Bí thư");
  EXPECT_EQ(d.qualifications[0].level, "Đại học");
  EXPECT_EQ(d.qualifications[0].field, "Kế toán");
  EXPECT_EQ(d.birth_place, "Xã Tân Hòa");
}

TEST(Dossier, EveryWrongFieldIsNamedWithItsPath) {
  Catalogs c;
  Dossier d;
  d.political_theory = "Tiến sĩ chính trị";
  d.work_history = {{Date(2000, 1, 1), Date(2005, 1, 1), "Sở Tài chính", "Chuyên viên"},
                    {Date(2010, 1, 1), Date(2009, 1, 1), "UBND xã", "Chủ tịch"},
                    {Date(2027, 1, 1), std::nullopt, "Tương lai", ""}};
  d.family = {{"Bố", "Lê Văn A", 1849, "", ""}, {"Mẹ", "", 1950, "", ""}};
  d.badges = {{30, Date(2020, 2, 3), "QĐ 1"}, {35, std::nullopt, ""}};
  d.interruptions = {{Date(2004, 1, 1), Date(2004, 6, 1), "trước kết nạp"}};
  auto s = NormalizeDossier(d, c.pointers, RuleSet::Default(), Date(2005, 3, 2), kToday);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& [f, m] : s.error().fields) fields.push_back(f);
  EXPECT_EQ(fields, (std::vector<std::string>{"badges[1].years", "family[0].birth_year", "family[1].full_name",
                                              "interruptions[0].from", "political_theory", "work_history[1].to",
                                              "work_history[2].from"}));
  EXPECT_EQ(s.error().fields.at("badges[1].years"),
            Format(Msg::kDossierBadgeYears, "30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90"));
  EXPECT_EQ(s.error().fields.at("political_theory"),
            Format(Msg::kCatalogNoMatch, "Tiến sĩ chính trị", "Lý luận chính trị"));
}

TEST(Dossier, ArmedServiceAndRetirementAreChecked) {
  Catalogs c;
  Dossier ok;
  ok.armed_service = "army";
  ok.enlisted_on = Date(1998, 2, 1);
  ok.discharged_on = Date(2001, 2, 1);
  ok.retired_on = Date(2024, 7, 1);
  EXPECT_TRUE(NormalizeDossier(ok, c.pointers, RuleSet::Default(), Date(2005, 3, 2), kToday).ok());
  Dossier d;
  d.armed_service = "navy";
  d.enlisted_on = Date(2001, 2, 1);
  d.discharged_on = Date(1998, 2, 1);
  d.retired_on = Date(2027, 1, 1);
  auto s = NormalizeDossier(d, c.pointers, RuleSet::Default(), Date(2005, 3, 2), kToday);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& [f, m] : s.error().fields) fields.push_back(f);
  EXPECT_EQ(fields, (std::vector<std::string>{"armed_service", "discharged_on", "retired_on"}));
  Dossier dates_only;
  dates_only.enlisted_on = Date(2001, 2, 1);
  s = NormalizeDossier(dates_only, c.pointers, RuleSet::Default(), Date(2005, 3, 2), kToday);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields.at("armed_service"), std::string(Text(Msg::kDossierServiceMissing)));
}

TEST(Dossier, TheVersionInForceOnADate) {
  std::vector<DossierVersion> v(4);
  v[0].id = 1, v[0].valid_from = Date(2020, 1, 1);
  v[1].id = 2, v[1].valid_from = Date(2025, 7, 1);
  v[2].id = 3, v[2].valid_from = Date(2023, 1, 1);
  v[3].id = 4, v[3].valid_from = Date(2025, 7, 1);
  EXPECT_EQ(DossierAsOf(v, Date(2019, 12, 31)), nullptr);
  EXPECT_EQ(DossierAsOf(v, Date(2020, 1, 1))->id, 1);
  EXPECT_EQ(DossierAsOf(v, Date(2025, 6, 30))->id, 3);
  EXPECT_EQ(DossierAsOf(v, Date(2025, 7, 1))->id, 4);  // the later record of the same date
}

}  // namespace
}  // namespace tcxd
