#include "domain/member_book.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

Member Official() {
  Member m;
  m.full_name = "Lê Thị Hoa";
  m.gender = Gender::kFemale;
  m.ethnicity = "Kinh";
  m.religion = "Không";
  m.hometown = "Xã Tân Hòa, tỉnh Tuyên Quang";
  m.admission_date = Date(2010, 5, 19);
  m.official_date = Date(2011, 5, 19);
  m.card_number = "79012345";
  m.cv_number = "TQ-1234";
  m.status = MemberStatus::kOfficial;
  return m;
}

BookFacts Facts(const Member& m, const Dossier* d = nullptr, std::optional<BookTransfer> in = std::nullopt,
                std::optional<BookTransfer> out = std::nullopt) {
  BookFacts f;
  f.member = &m;
  f.dossier = d;
  f.moved_in = std::move(in);
  f.moved_out = std::move(out);
  return f;
}

TEST(MemberBook, TheFourteenColumnsOfAMemberWithAFullDossier) {
  const Member m = Official();
  Dossier d;
  d.general_education = "Trung học phổ thông";
  d.political_theory = "Trung cấp";
  d.qualifications = {{"Đại học", "Kế toán", "Học viện Tài chính", 2008}, {"Thạc sĩ", "", "", std::nullopt}};
  d.languages = "Tiếng Anh B1";
  d.occupation = "Kế toán trưởng";
  d.work_history = {{Date(2005, 9, 1), Date(2008, 6, 30), "Học viện Tài chính", "Sinh viên"},
                    {Date(2008, 8, 1), Date(2015, 12, 31), "Công ty X", "Kế toán viên"},
                    {Date(2016, 1, 1), std::nullopt, "Công ty X", "Kế toán trưởng"}};
  d.badges = {{30, Date(2040, 5, 19), "QĐ 12"}};  // kept as written: the book reads, it does not check
  d.armed_service = "army";
  d.enlisted_on = Date(2002, 2, 20);
  d.discharged_on = Date(2004, 2, 20);
  d.retired_on = Date(2025, 7, 1);
  const BookFacts f = Facts(m, &d, BookTransfer{Date(2018, 3, 5), "Đảng bộ phường Minh Xuân"});
  const std::vector<std::string> line = MemberBookLine(7, f);
  ASSERT_EQ(line.size(), 14U);
  EXPECT_EQ(line[0], "7");
  EXPECT_EQ(line[1], "Lê Thị Hoa");
  EXPECT_EQ(line[2], "Nữ\nKinh\nKhông");
  EXPECT_EQ(line[3], "Xã Tân Hòa, tỉnh Tuyên Quang");
  EXPECT_EQ(line[4],
            "Trung học phổ thông\nLý luận chính trị: Trung cấp\nĐại học Kế toán\nThạc sĩ\nNgoại ngữ: Tiếng Anh B1");
  // Admitted 19/05/2010: the work-history line 2008–2015 covers it.
  EXPECT_EQ(line[5], "Trước khi vào Đảng: Kế toán viên, Công ty X\nHiện nay: Kế toán trưởng");
  EXPECT_EQ(line[6], "19/05/2010\n19/05/2011");
  EXPECT_EQ(line[7], "79012345\nTQ-1234\nHuy hiệu 30 năm: QĐ 12, 19/05/2040");
  EXPECT_EQ(line[8], "Quân đội: nhập ngũ 20/02/2002, xuất ngũ 20/02/2004\nNghỉ hưu 01/07/2025");
  EXPECT_EQ(line[9], "");
  EXPECT_EQ(line[10], "05/03/2018\nTừ: Đảng bộ phường Minh Xuân");
  EXPECT_EQ(line[11], "");
  EXPECT_EQ(line[12], "");
  EXPECT_EQ(line[13], "");
}

TEST(MemberBook, WithoutADossierOnlyTheRegisterColumnsAreFilled) {
  Member m = Official();
  m.status = MemberStatus::kProbationary;
  m.official_date.reset();
  const std::vector<std::string> line = MemberBookLine(1, Facts(m));
  EXPECT_EQ(line[4], "");
  EXPECT_EQ(line[5], "");
  EXPECT_EQ(line[6], "19/05/2010");
  EXPECT_EQ(line[7], "79012345\nTQ-1234");
  EXPECT_EQ(line[8], "");
  EXPECT_EQ(line[13], "Dự bị");
}

TEST(MemberBook, LeavingIsWrittenInItsColumn) {
  Member m = Official();
  m.status = MemberStatus::kTransferredOut;
  m.left_on = Date(2026, 4, 2);
  Dossier d;
  d.armed_service = "police";
  d.enlisted_on = Date(2001, 9, 1);                                               // still serving: no discharge
  d.work_history = {{Date(2011, 1, 1), std::nullopt, "Công an tỉnh", "Cán bộ"}};  // starts after the admission
  d.occupation = "Cán bộ công an";
  std::vector<std::string> line = MemberBookLine(3, Facts(m, &d));
  EXPECT_EQ(line[5], "Hiện nay: Cán bộ công an");
  EXPECT_EQ(line[8], "Công an: nhập ngũ 01/09/2001");
  EXPECT_EQ(line[9], "02/04/2026");  // no case on record: the date of the register alone
  line = MemberBookLine(3, Facts(m, &d, std::nullopt, BookTransfer{Date(2026, 4, 2), "Đảng bộ Công an tỉnh"}));
  EXPECT_EQ(line[9], "02/04/2026\nĐến: Đảng bộ Công an tỉnh");

  m.status = MemberStatus::kDeceased;
  m.left_on = Date(2026, 1, 9);
  line = MemberBookLine(3, Facts(m));
  EXPECT_EQ((std::vector<std::string>{line[9], line[11], line[12]}), (std::vector<std::string>{"", "09/01/2026", ""}));
  m.status = MemberStatus::kRemoved;
  line = MemberBookLine(3, Facts(m));
  EXPECT_EQ(line[12], "09/01/2026\n" + std::string(Text(MemberStatusLabel(MemberStatus::kRemoved))));
}

}  // namespace
}  // namespace tcxd
