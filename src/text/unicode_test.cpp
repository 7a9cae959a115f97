#include "text/unicode.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tcxd::text {
namespace {

TEST(FoldTest, RemovesEveryVietnameseMarkAndFoldsDStroke) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"Nguyễn Văn An", "nguyen van an"},
      {"NGUYỄN VĂN AN", "nguyen van an"},
      {"Đặng Thị Đào", "dang thi dao"},
      {"đĐ", "dd"},
      {"Phạm Ngọc Ước", "pham ngoc uoc"},
      {"Hoàng Thuỳ Dương", "hoang thuy duong"},
      {"Lê Ánh Tuyết Ấu Ẩn Ỷ", "le anh tuyet au an y"},
      {"plain ascii 123", "plain ascii 123"},
  };
  for (const auto& c : cases) EXPECT_EQ(Fold(c.in), c.out) << c.in;
}

TEST(FoldTest, DecomposedInputFoldsLikeComposed) {
  // "Nguyễn" written in NFD: e + circumflex (U+0302) + tilde (U+0303).
  const std::string nfd = "Nguye\xCC\x82\xCC\x83n";
  EXPECT_EQ(Fold(nfd), "nguyen");
  EXPECT_EQ(Nfc(nfd), "Nguyễn");
}

TEST(CleanTextTest, NormalizesAndCollapsesSpaces) {
  EXPECT_EQ(CleanText("  Trần \t  Thị\nHà  "), "Trần Thị Hà");
  EXPECT_EQ(CleanText("Nguye\xCC\x82\xCC\x83n  An"), "Nguyễn An");
}

TEST(Utf8Test, RejectsInvalidSequences) {
  EXPECT_TRUE(IsValidUtf8("Nguyễn"));
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_EQ(CodePointCount("Nguyễn"), 6u);
}

TEST(SplitNameTest, FamilyMiddleGiven) {
  auto p = SplitName("Nguyễn Thị Minh Khai");
  EXPECT_EQ(p.family, "Nguyễn");
  EXPECT_EQ(p.middle, "Thị Minh");
  EXPECT_EQ(p.given, "Khai");
  auto q = SplitName("Lý Bình");
  EXPECT_EQ(q.family, "Lý");
  EXPECT_EQ(q.middle, "");
  EXPECT_EQ(q.given, "Bình");
}

TEST(NameCheckTest, PlausibleNames) {
  EXPECT_TRUE(IsPlausibleName("Nguyễn Văn An"));
  EXPECT_TRUE(IsPlausibleName("H'Hen Niê"));
  EXPECT_FALSE(IsPlausibleName("An"));
  EXPECT_FALSE(IsPlausibleName("Nguyễn V4n An"));
  EXPECT_FALSE(IsPlausibleName("=HYPERLINK(x) An"));
}

TEST(NameSortKeyTest, GivenNameFirstThenMiddleThenFamilyInVietnameseLetterOrder) {
  // Order checked by hand against the Vietnamese alphabet
  // (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; tones after the bare letter).
  // "Zã Văn Hà" shares given + middle with "Lê Văn Hà"; family decides: Lê < Zã.
  std::vector<std::string> sorted = {"Lê Văn Hà", "Lê Xuân Hà", "Zã Văn Hà"};
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return NameSortKey(a) < NameSortKey(b); });
  EXPECT_EQ(sorted, (std::vector<std::string>{"Lê Văn Hà", "Zã Văn Hà", "Lê Xuân Hà"}));

  std::vector<std::string> names = {"Đỗ Ngọc Ước", "Lê Thị Ánh",     "Trần Văn Đức", "Nguyễn Thị Ơn",  "Vũ Thị Bình",
                                    "Phạm Văn Ân", "Nguyễn Văn Anh", "Trần Văn An",  "Nguyễn Văn Dũng"};
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return NameSortKey(a) < NameSortKey(b); });
  EXPECT_EQ(names,
            (std::vector<std::string>{"Trần Văn An", "Nguyễn Văn Anh", "Lê Thị Ánh", "Phạm Văn Ân", "Vũ Thị Bình",
                                      "Nguyễn Văn Dũng", "Trần Văn Đức", "Nguyễn Thị Ơn", "Đỗ Ngọc Ước"}));
}

TEST(NameSortKeyTest, CaseAndNormalizationAreConsistent) {
  EXPECT_EQ(NameSortKey("Nguyễn Văn An"), NameSortKey(Nfc("Nguye\xCC\x82\xCC\x83n Văn An")));
  EXPECT_LT(CompareVietnamese("d", "đ"), 0);
  EXPECT_LT(CompareVietnamese("đ", "z"), 0);  // in byte order "đ" (U+0111) would come after "z"
  EXPECT_LT(CompareVietnamese("đ", "e"), 0);
}

}  // namespace
}  // namespace tcxd::text
