#include "domain/member_import.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

const Date kToday(2026, 11, 23);

Table MakeTable(std::vector<std::vector<std::string>> rows, int first = 1) {
  Table t;
  for (auto& r : rows) t.rows.push_back(TableRow{first++, std::move(r)});
  return t;
}

struct Fixture {
  CatalogMatcher ethnicity{BuiltinCatalog("ethnicity")};
  CatalogMatcher religion{BuiltinCatalog("religion")};
  ImportContext ctx() const {
    ImportContext c;
    c.rules = &RuleSet::Default();
    c.today = kToday;
    c.ethnicity = &ethnicity;
    c.religion = &religion;
    return c;
  }
};

std::vector<std::string> Header() {
  return {"STT",     "Họ và tên",     "Giới tính",       "Ngày sinh",        "Dân tộc",   "Tôn giáo",
          "Số CCCD", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên", "Trạng thái"};
}

TEST(ParseImportDate, DayMonthYearIsoAndExcelSerials) {
  EXPECT_EQ(ParseImportDate("02/09/1975"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("2/9/1975"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate(" 02-09-1975 "), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("02.09.1975"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("1975-09-02"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("1975-09-02 00:00:00"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("1975-09-02T00:00:00"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("02/09/1975 00:00:00"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("29/02/2024"), Date(2024, 2, 29));
  // Excel serials: 27639 = 2/9/1975 (1900 system, counted from 30/12/1899); 26177 in the 1904 system.
  EXPECT_EQ(ParseImportDate("27639"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("27639.75"), Date(1975, 9, 2));
  EXPECT_EQ(ParseImportDate("26177", /*date1904=*/true), Date(1975, 9, 2));
  for (const char* bad : {"", "29/02/2023", "31/04/2020", "1975", "02/09/75", "02/09-1975", "2/9/1975 x", "0/1/2000",
                          "9999999", "ngày 2 tháng 9", "13/13/2000", "1975-9-2"}) {
    EXPECT_FALSE(ParseImportDate(bad)) << bad;
  }
}

TEST(PlanMemberImport, FindsTheHeaderUnderTitleRowsWithoutDiacritics) {
  Fixture f;
  auto t = MakeTable({{"DANH SÁCH ĐẢNG VIÊN CHI BỘ 1"},
                      {"(kèm theo công văn số 12)"},
                      {"stt", "HO VA TEN", "gioi tinh", "NGÀY SINH", "Ghi chú riêng", "ngay vao dang"},
                      {"1", "Lê Thị Hoa", "Nữ", "12/03/1980", "abc", "01/06/2005"}},
                     4);
  auto plan = PlanMemberImport(t, f.ctx());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->header_row, 6);
  EXPECT_EQ(plan->data_rows, 1);
  EXPECT_EQ(plan->ignored, (std::vector<std::string>{"Ghi chú riêng"}));
  ASSERT_EQ(plan->valid.size(), 1u) << (plan->issues.empty() ? "" : plan->issues[0].message);
  const Member& m = plan->valid[0].member;
  EXPECT_EQ(plan->valid[0].row, 7);
  EXPECT_EQ(m.full_name, "Lê Thị Hoa");
  EXPECT_EQ(m.gender, Gender::kFemale);
  EXPECT_EQ(m.birth_date, Date(1980, 3, 12));
  EXPECT_EQ(m.admission_date, Date(2005, 6, 1));
  EXPECT_EQ(m.status, MemberStatus::kProbationary);  // no official date, no status column
}

TEST(PlanMemberImport, FileLevelProblemsAreErrors) {
  Fixture f;
  auto message = [&](Table t) {
    auto p = PlanMemberImport(t, f.ctx());
    return p.ok() ? std::string("ok") : p.error().field + ": " + p.error().message;
  };
  EXPECT_EQ(message(MakeTable({{"a", "b"}, {"1", "2"}})), "file: " + std::string(Text(Msg::kImportNoHeader)));
  EXPECT_EQ(message(MakeTable({{"Họ và tên", "Ngày sinh"}, {"An", "1/1/1990"}})),
            "file: " + Format(Msg::kImportMissingColumn, "Giới tính"));
  EXPECT_EQ(message(MakeTable({{"Họ và tên", "Giới tính", "Ngày sinh", "Họ tên"}})),
            "file: " + Format(Msg::kImportDuplicateColumn, "Họ tên"));
  auto ctx = f.ctx();
  ctx.max_rows = 2;
  auto big = PlanMemberImport(MakeTable({Header(), {"1"}, {"2"}, {"3"}}), ctx);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().message, Format(Msg::kImportTooManyRows, 3, 2));
}

TEST(PlanMemberImport, EveryBadCellIsNamedWithItsRowAndColumn) {
  Fixture f;
  const std::string nfd_name =
      "Nguye\xCC\x82\xCC\x83"
      "n Va\xCC\x86"
      "n Đu\xCC\x9B\xCC\x81"
      "c";  // "Nguyễn Văn Đức" decomposed
  auto t = MakeTable(
      {Header(),
       // row 2: valid, name in NFD, ethnicity and religion by other spellings
       {"1", nfd_name, "nam", "27639", "kinh", "phat giao", "001075001234", "01/06/2005", "01/06/2006", "12345678",
        "Chính thức"},
       // row 3: a bad date, an unknown gender, an ethnicity not in the catalog
       {"2", "Trần Văn Bình", "x", "31/02/1980", "Kinh Tế", "", "", "01/06/2005", "", "", ""},
       // row 4: a formula, an 11-digit ID (Excel dropped the leading 0), a status unknown
       {"3", "=HYPERLINK(\"http://x\")", "Nữ", "1/1/1990", "", "", "1075001234", "01/06/2015", "", "",
        "Đang sinh hoạt"},
       // row 5: the same ID and card as row 2
       {"4", "Lê Văn Cường", "Nam", "1/1/1970", "", "", "001075001234", "01/06/2005", "01/06/2006", "12345678", ""},
       // row 6: official without its date: the rule fixes it (decision + 12 months)
       {"5", "Phạm Thị Dung", "Nữ", "5/5/1985", "Tày", "", "", "15/03/2010", "", "", "chinh thuc"},
       // row 7: an official date that breaks the 12-month rule; under 18 at admission
       {"6", "Hồ Văn Em", "Nam", "1/1/2000", "", "", "", "01/06/2017", "01/07/2018", "", ""}});
  auto plan = PlanMemberImport(t, f.ctx());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->data_rows, 6);
  ASSERT_EQ(plan->valid.size(), 2u);
  EXPECT_EQ(plan->bad_rows, 4);

  const Member& a = plan->valid[0].member;
  EXPECT_EQ(plan->valid[0].row, 2);
  EXPECT_EQ(a.full_name, "Nguyễn Văn Đức");  // stored NFC
  EXPECT_EQ(a.ethnicity, "Kinh");
  EXPECT_EQ(a.religion, "Phật giáo");
  EXPECT_EQ(a.birth_date, Date(1975, 9, 2));
  EXPECT_EQ(a.status, MemberStatus::kOfficial);
  const Member& d = plan->valid[1].member;
  EXPECT_EQ(plan->valid[1].row, 6);
  EXPECT_EQ(d.official_date, Date(2011, 3, 15));
  EXPECT_EQ(d.status, MemberStatus::kOfficial);

  std::vector<std::string> got;
  for (const auto& i : plan->issues) got.push_back(std::to_string(i.row) + " " + i.column + " [" + i.value + "]");
  EXPECT_EQ(got, (std::vector<std::string>{
                     "3 Giới tính [x]",
                     "3 Ngày sinh [31/02/1980]",
                     "3 Dân tộc [Kinh Tế]",
                     "4 Họ và tên [=HYPERLINK(\"http://x\")]",
                     "4 Số CCCD [1075001234]",
                     "4 Trạng thái [Đang sinh hoạt]",
                     "5 Số CCCD [001075001234]",
                     "5 Số thẻ đảng viên [12345678]",
                     "7 Ngày vào Đảng [01/06/2017]",
                     "7 Ngày chính thức [01/07/2018]",
                 }));
  EXPECT_EQ(plan->issues[0].message, Text(Msg::kImportBadGender));
  EXPECT_EQ(plan->issues[1].message, Text(Msg::kImportBadDate));
  EXPECT_EQ(plan->issues[2].message, Format(Msg::kCatalogNoMatch, "Kinh Tế", "Dân tộc"));
  EXPECT_EQ(plan->issues[3].message, Text(Msg::kImportFormula));
  EXPECT_EQ(plan->issues[4].field, "national_id");
  EXPECT_EQ(plan->issues[4].message, Text(Msg::kNationalIdFormat));
  EXPECT_EQ(plan->issues[5].field, "status");
  EXPECT_EQ(plan->issues[6].message, Format(Msg::kImportDuplicateInFile, 2));
  EXPECT_EQ(plan->issues[7].message, Format(Msg::kImportDuplicateInFile, 2));
  EXPECT_EQ(plan->issues[8].message, Format(Msg::kAdmissionTooYoung, 18));
}

TEST(PlanMemberImport, IssuesFoundLaterMoveTheirRowsOutOfTheValidOnes) {
  Fixture f;
  auto t = MakeTable({{"Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng"},
                      {"Lê Văn An", "Nam", "1/1/1980", "1/1/2010"},
                      {"Lê Văn Bình", "Nam", "1/1/1980", "1/1/2010"},
                      {"Lê Thị Chi", "Nữ", "1/1/1980", "x"}});
  auto plan = PlanMemberImport(t, f.ctx());
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->valid.size(), 2u);
  AddImportIssues(*plan, {{3, "Mã chi bộ", "branch", "CB9", "không có"}, {2, "Số CCCD", "national_id", "1", "trùng"}});
  ASSERT_EQ(plan->valid.size(), 0u);
  EXPECT_EQ(plan->bad_rows, 3);
  ASSERT_EQ(plan->issues.size(), 3u);
  EXPECT_EQ(plan->issues[0].row, 2);
  EXPECT_EQ(plan->issues[1].row, 3);
  EXPECT_EQ(plan->issues[2].row, 4);
}

}  // namespace
}  // namespace tcxd
