#include "domain/commune_import.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

Table MakeTable(std::vector<std::vector<std::string>> rows) {
  Table t;
  int n = 1;
  for (auto& r : rows) t.rows.push_back(TableRow{n++, std::move(r)});
  return t;
}

CatalogEntry Stored(std::string code, std::string name, std::string parent, bool retired = false) {
  CatalogEntry e;
  e.catalog = "commune";
  e.code = std::move(code);
  e.name = std::move(name);
  e.parent = std::move(parent);
  e.retired = retired;
  return e;
}

const CatalogMatcher& Provinces() {
  static const CatalogMatcher m(BuiltinCatalog("province"));
  return m;
}

TEST(CommuneImport, ReadsTheStatisticsOfficeLayoutWithLeadingZerosAndLevels) {
  // The layout of the list of administrative units: a title row, then "Mã | Tên | Cấp | Mã TP | Tỉnh / Thành Phố".
  auto t = MakeTable({{"DANH MỤC ĐƠN VỊ HÀNH CHÍNH"},
                      {"Mã", "Tên", "Tiếng Anh", "Cấp", "Mã TP", "Tỉnh / Thành Phố"},
                      {"4", "Ba Đình", "Ba Dinh", "Phường", "1", "Thành phố Hà Nội"},
                      {"00008", "Phường Ngọc Hà", "", "Phường", "01", "Hà Nội"},
                      {"26734.0", "Xã Thạnh An", "", "Xã", "79", "Thành phố Hồ Chí Minh"}});
  auto plan = PlanCommuneImport(t, Provinces(), {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->header_row, 2);
  EXPECT_EQ(plan->data_rows, 3);
  EXPECT_EQ(plan->ignored, std::vector<std::string>{"Tiếng Anh"});
  EXPECT_TRUE(plan->issues.empty());
  ASSERT_EQ(plan->added.size(), 3U);
  EXPECT_EQ(plan->added[0].code, "00004");
  EXPECT_EQ(plan->added[0].name, "Phường Ba Đình");  // the level written apart is put before the name
  EXPECT_EQ(plan->added[0].parent, "01");
  EXPECT_EQ(plan->added[1].name, "Phường Ngọc Hà");  // already prefixed: kept
  EXPECT_EQ(plan->added[2].code, "26734");
  EXPECT_EQ(plan->added[2].parent, "79");
  EXPECT_EQ(plan->added[2].catalog, "commune");
}

TEST(CommuneImport, ComparesWithTheStoredCatalog) {
  auto t = MakeTable({{"Mã xã", "Tên đơn vị hành chính cấp xã", "Mã tỉnh"},
                      {"00004", "Phường Ba Đình", "01"},    // unchanged
                      {"00008", "Phường Ngọc Hà", "01"},    // renamed
                      {"00025", "Phường Tây Hồ", "01"},     // retired before: comes back
                      {"00031", "Phường Hồng Hà", "01"}});  // new
  std::vector<CatalogEntry> stored = {Stored("00004", "Phường Ba Đình", "01"), Stored("00008", "Phường Đội Cấn", "01"),
                                      Stored("00025", "Phường Tây Hồ", "01", true),
                                      Stored("00099", "Xã Cũ", "01"),  // active, not in the file
                                      Stored("00098", "Xã Đã Bỏ", "01", true)};
  auto plan = PlanCommuneImport(t, Provinces(), stored);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->unchanged, 1);
  ASSERT_EQ(plan->changed.size(), 2U);
  EXPECT_EQ(plan->changed[0].code, "00008");
  EXPECT_EQ(plan->changed[0].name, "Phường Ngọc Hà");
  EXPECT_EQ(plan->changed[1].code, "00025");
  EXPECT_FALSE(plan->changed[1].retired);
  ASSERT_EQ(plan->added.size(), 1U);
  EXPECT_EQ(plan->added[0].code, "00031");
  ASSERT_EQ(plan->missing.size(), 1U);  // the retired one is not "missing"
  EXPECT_EQ(plan->missing[0].code, "00099");
}

TEST(CommuneImport, ReportsEveryBadRowWithItsColumn) {
  auto t = MakeTable({{"STT", "Mã xã", "Tên xã", "Cấp", "Mã tỉnh", "Tỉnh, thành phố"},
                      {"1", "00004", "Ba Đình", "Phường", "01", "Hà Nội"},
                      {"2", "ABC", "Xã Một", "Xã", "01", "Hà Nội"},                   // code not digits
                      {"3", "123456", "Xã Hai", "Xã", "01", "Hà Nội"},                // 6 digits
                      {"4", "00005", "", "Xã", "01", "Hà Nội"},                       // no name
                      {"5", "00006", "Ba", "Huyện", "01", "Hà Nội"},                  // no district level after 2025
                      {"6", "00007", "Xã Bảy", "Xã", "02", ""},                       // 02 was Hà Giang: merged
                      {"7", "00009", "Xã Chín", "Xã", "01", "Cao Bằng"},              // code and name disagree
                      {"8", "00004", "Xã Tám", "Xã", "01", ""},                       // code repeated
                      {"9", "00010", "phường  ba đình", "Phường", "01", ""},          // name repeated in the province
                      {"10", "00011", "=HYPERLINK(\"x\")", "Xã", "01", ""},           // formula
                      {"11", "00012", "Xã Mười Hai", "", "", ""},                     // no province
                      {"12", "00013", "Phường Ba Đình", "Phường", "", "Cao Bằng"}});  // same name, other province
  auto plan = PlanCommuneImport(t, Provinces(), {});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->bad_rows, 10);
  ASSERT_EQ(plan->added.size(), 2U);
  EXPECT_EQ(plan->added[1].parent, "04");
  std::vector<std::tuple<int, std::string, std::string>> got;
  for (const auto& i : plan->issues) got.emplace_back(i.row, i.column, i.message);
  const std::vector<std::tuple<int, std::string, std::string>> want = {
      {3, "Mã xã", "Mã đơn vị hành chính cấp xã gồm tối đa 5 chữ số."},
      {4, "Mã xã", "Mã đơn vị hành chính cấp xã gồm tối đa 5 chữ số."},
      {5, "Tên xã", "Trường này là bắt buộc."},
      {6, "Cấp", "Cấp phải là \"Xã\", \"Phường\" hoặc \"Đặc khu\"."},
      {7, "Mã tỉnh", "\"02\" không có trong danh mục tỉnh, thành phố từ 01/7/2025."},
      {8, "Tỉnh, thành phố", "Mã tỉnh \"01\" là Thành phố Hà Nội, không phải \"Cao Bằng\"."},
      {9, "Mã xã", "Trùng với dòng 2 trong tệp."},
      {10, "Tên xã", "Trùng tên với dòng 2 trong cùng tỉnh, thành phố."},
      {11, "Tên xã", "Ô chứa công thức Excel (bắt đầu bằng \"=\"): hãy nhập giá trị, không nhập công thức."},
      {12, "Mã tỉnh", "Trường này là bắt buộc."},
  };
  EXPECT_EQ(got, want);
}

TEST(CommuneImport, FileLevelProblemsAreRefusedAsAWhole) {
  auto no_header = PlanCommuneImport(MakeTable({{"a", "b"}, {"1", "2"}}), Provinces(), {});
  ASSERT_FALSE(no_header.ok());
  EXPECT_EQ(no_header.error().field, "file");
  auto no_province = PlanCommuneImport(MakeTable({{"Mã xã", "Tên xã"}, {"1", "Xã A"}}), Provinces(), {});
  ASSERT_FALSE(no_province.ok());
  EXPECT_NE(no_province.error().message.find("Mã tỉnh"), std::string::npos);
  auto no_code = PlanCommuneImport(MakeTable({{"Tên xã", "Mã tỉnh"}, {"Xã A", "01"}}), Provinces(), {});
  ASSERT_FALSE(no_code.ok());
  EXPECT_EQ(no_code.error().message, "Thiếu cột bắt buộc \"Mã xã\".");
}

TEST(CatalogValidation, SameNameAllowedUnderAnotherParentOnly) {
  std::vector<CatalogEntry> existing = {Stored("00100", "Xã Tân Thành", "01")};
  CatalogEntry same_parent = Stored("00101", "Xa Tan Thanh", "01");
  EXPECT_FALSE(ValidateNewCatalogEntry(same_parent, existing).ok());
  CatalogEntry other_parent = Stored("00102", "Xã Tân Thành", "04");
  EXPECT_TRUE(ValidateNewCatalogEntry(other_parent, existing).ok());
  CatalogEntry same_code = Stored("00100", "Xã Khác", "04");
  EXPECT_FALSE(ValidateNewCatalogEntry(same_code, existing).ok());
}

}  // namespace
}  // namespace tcxd
