#include "domain/catalog.h"

#include <gtest/gtest.h>

#include <set>

namespace tcxd {
namespace {

TEST(Catalog, BuiltinListsHaveTheOfficialCounts) {
  // 54 recognised ethnic groups + "foreign origin" + "other" (Biểu 4-TCTW).
  auto eth = BuiltinCatalog("ethnicity");
  ASSERT_EQ(eth.size(), 56u);
  EXPECT_EQ(eth[0].code, "01");
  EXPECT_EQ(eth[0].name, "Kinh");
  EXPECT_EQ(eth[53].code, "54");
  EXPECT_EQ(eth[53].name, "Rơ-măm");
  EXPECT_EQ(BuiltinCatalog("province").size(), 34u);
  auto old = BuiltinCatalog("province_pre2025");
  ASSERT_EQ(old.size(), 63u);
  // Every old province names a successor in the new list, and every new province has a predecessor.
  std::set<std::string> now;
  for (const auto& p : BuiltinCatalog("province")) now.insert(p.code);
  std::set<std::string> successors;
  for (const auto& p : old) {
    EXPECT_TRUE(now.count(p.successor)) << p.name;
    successors.insert(p.successor);
  }
  EXPECT_EQ(successors, now);
  // Every kind's file parses (BuiltinCatalog throws on a malformed line). The commune-level units have
  // no file: they are loaded from the official list (PlanCommuneImport).
  for (const auto& k : CatalogKinds()) EXPECT_EQ(BuiltinCatalog(k.name).empty(), k.name == "commune") << k.name;
  EXPECT_TRUE(BuiltinCatalog("no_such_catalog").empty());
}

TEST(Catalog, MatchesCodesNamesAndAliasesWithoutDiacritics) {
  CatalogMatcher m(BuiltinCatalog("ethnicity"));
  auto name = [&](std::string_view v) {
    const auto* e = m.Find(v);
    return e ? e->name : std::string("(none)");
  };
  EXPECT_EQ(name("Kinh"), "Kinh");
  EXPECT_EQ(name("kinh"), "Kinh");
  EXPECT_EQ(name("01"), "Kinh");
  EXPECT_EQ(name("Ê-đê"), "Ê-đê");
  EXPECT_EQ(name("ede"), "Ê-đê");   // no diacritics, no hyphen
  EXPECT_EQ(name("Ê Đê"), "Ê-đê");  // alias
  EXPECT_EQ(name("E\xCC\x82 \xC4\x90"
                 "e\xCC\x82"),
            "Ê-đê");                   // "Ê Đê" decomposed (NFD)
  EXPECT_EQ(name("Khmer"), "Khơ-me");  // alias
  EXPECT_EQ(name("H'Mông"), "Mông");
  EXPECT_EQ(name("THAI"), "Thái");  // Thái, not Tày: different letters
  EXPECT_EQ(name("Tay"), "Tày");
  EXPECT_EQ(name("Klingon"), "(none)");
  EXPECT_EQ(name(""), "(none)");
  EXPECT_EQ(name(" - "), "(none)");
}

TEST(Catalog, RetiredEntriesAreFoundOnlyWhenAsked) {
  auto entries = BuiltinCatalog("religion");
  for (auto& e : entries) {
    if (e.name == "Tôn giáo khác") e.retired = true;
  }
  CatalogMatcher m(entries);
  EXPECT_EQ(m.Find("Tôn giáo khác"), nullptr);
  ASSERT_NE(m.Find("Tôn giáo khác", /*include_retired=*/true), nullptr);
  EXPECT_EQ(m.Find("hoa hao")->name, "Phật giáo Hòa Hảo");
  EXPECT_EQ(m.Find("khong")->name, "Không");
}

TEST(Catalog, ParseRejectsMalformedLinesAndRepeatedCodes) {
  auto ok = ParseCatalogCsv("x", "# comment\r\n1,Một,Mot|One\r\n2,Hai\n\n3,Ba,,1\n");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 3u);
  EXPECT_EQ((*ok)[0].aliases, (std::vector<std::string>{"Mot", "One"}));
  EXPECT_EQ((*ok)[2].successor, "1");
  EXPECT_EQ((*ok)[2].sort, 3);
  EXPECT_TRUE((*ok)[0].builtin);

  auto one_column = ParseCatalogCsv("x", "1,Một\n2\n");
  ASSERT_FALSE(one_column.ok());
  EXPECT_EQ(one_column.error().field, "line 2");
  auto repeated = ParseCatalogCsv("x", "1,Một\n1,Hai\n");
  ASSERT_FALSE(repeated.ok());
  EXPECT_EQ(repeated.error().field, "line 2");
  auto same_name = ParseCatalogCsv("x", "1,Một\n2,mot\n");
  EXPECT_FALSE(same_name.ok());
  auto bad_code = ParseCatalogCsv("x", "1 2,Một\n");
  EXPECT_FALSE(bad_code.ok());
}

TEST(Catalog, NewEntriesAreCheckedAgainstTheCatalog) {
  auto existing = BuiltinCatalog("ethnicity");
  CatalogEntry e{"ethnicity", "57", "Người Pa Kô", {"Pa Kô mới"}, "", 0, false, false, ""};
  EXPECT_TRUE(ValidateNewCatalogEntry(e, existing).ok());
  e.code = "01";
  auto taken = ValidateNewCatalogEntry(e, existing);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().field, "code");
  e.code = "57";
  e.name = "kinh";
  auto name_taken = ValidateNewCatalogEntry(e, existing);
  ASSERT_FALSE(name_taken.ok());
  EXPECT_EQ(name_taken.error().field, "name");
  EXPECT_NE(name_taken.error().message.find("Kinh"), std::string::npos);
  e.name = "Người Pa Kô";
  e.aliases = {"Khmer"};
  auto alias_taken = ValidateNewCatalogEntry(e, existing);
  ASSERT_FALSE(alias_taken.ok());
  EXPECT_EQ(alias_taken.error().field, "aliases");
  e.aliases = {};
  e.code = "";
  e.name = "";
  auto empty = ValidateNewCatalogEntry(e, existing);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().fields.size(), 2u);
}

}  // namespace
}  // namespace tcxd
