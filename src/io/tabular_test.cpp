#include "io/tabular.h"

#include <gtest/gtest.h>
#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "domain/member_import.h"
#include "io/export.h"

namespace tcxd::io {
namespace {

// Builds a zip in memory from (name, content) pairs with minizip's writer, through a temporary file.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& parts) {
  const std::string path = (std::filesystem::temp_directory_path() / ("tcxd-zip-" + std::to_string(getpid()))).string();
  zipFile z = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
  for (const auto& [name, content] : parts) {
    zipOpenNewFileInZip(z, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION);
    zipWriteInFileInZip(z, content.data(), static_cast<unsigned>(content.size()));
    zipCloseFileInZip(z);
  }
  zipClose(z, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

// One entry of a zip, through a temporary file.
std::string ZipEntry(const std::string& zip, const std::string& name) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("tcxd-unzip-" + std::to_string(getpid()))).string();
  std::ofstream(path, std::ios::binary) << zip;
  unzFile z = unzOpen(path.c_str());
  std::string out;
  if (z != nullptr && unzLocateFile(z, name.c_str(), 0) == UNZ_OK && unzOpenCurrentFile(z) == UNZ_OK) {
    char buf[4096];
    for (int n; (n = unzReadCurrentFile(z, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
    unzCloseCurrentFile(z);
  }
  if (z != nullptr) unzClose(z);
  std::filesystem::remove(path);
  return out;
}

std::string Workbook(bool date1904 = false) {
  return std::string(
             R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)") +
         (date1904 ? R"(<workbookPr date1904="1"/>)" : "") +
         R"(<sheets><sheet name="DS" sheetId="1" r:id="rId7"/></sheets></workbook>)";
}
const char* kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId7" Type="worksheet" Target="worksheets/danhsach.xml"/></Relationships>)";

std::vector<std::vector<std::string>> Cells(const Table& t) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : t.rows) out.push_back(r.cells);
  return out;
}

TEST(ReadCsv, QuotesDelimitersAndLineNumbers) {
  // A byte order mark, ';' as Excel writes it in Vietnamese locales, a quoted cell over two lines,
  // doubled quotes, a blank line (left out) and CRLF line ends.
  const std::string csv =
      "\xEF\xBB\xBFHọ và tên;Ghi chú\r\n"
      "Nguyễn Văn An;\"dòng 1\r\ndòng 2\"\r\n"
      "\r\n"
      "\"Trần \"\"Bé\"\" Ba\";x;y\n";
  auto t = ReadCsv(csv);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].number, 1);
  EXPECT_EQ(t->rows[0].cells, (std::vector<std::string>{"Họ và tên", "Ghi chú"}));
  EXPECT_EQ(t->rows[1].number, 2);
  EXPECT_EQ(t->rows[1].cells[1], "dòng 1\r\ndòng 2");
  EXPECT_EQ(t->rows[2].number, 5);  // lines 2-3 are one row, line 4 is blank
  EXPECT_EQ(t->rows[2].cells, (std::vector<std::string>{"Trần \"Bé\" Ba", "x", "y"}));
  // Comma-separated, no final line end.
  auto c = ReadCsv("a,b\n1,\"2,5\"");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Cells(*c), (std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2,5"}}));
}

TEST(ReadCsv, RefusesAnOpenQuoteAndTextThatIsNotUtf8) {
  auto q = ReadCsv("a,b\n1,\"2\n3,4\n");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().field, "file");
  EXPECT_NE(q.error().message.find("Dòng 2"), std::string::npos) << q.error().message;
  // "Nguyễn" in Windows-1258 bytes, on line 3.
  auto w = ReadCsv("a\nb\nNguy\xD2\xEAn\n");
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().message.find("UTF-8 (dòng 3)"), std::string::npos) << w.error().message;
}

TEST(ReadTable, Utf16TextAsExcelSavesUnicodeText) {
  // "Họ tên\tNăm\r\nĐỗ 𝔸\t1975\r\n" in UTF-16LE with its byte order mark (𝔸 is a surrogate pair).
  const std::u16string text = u"Họ tên\tNăm\r\nĐỗ 𝔸\t1975\r\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : text) {
    bytes.push_back(static_cast<char>(c & 0xFF));
    bytes.push_back(static_cast<char>(c >> 8));
  }
  auto t = ReadTable(bytes);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(Cells(*t), (std::vector<std::vector<std::string>>{{"Họ tên", "Năm"}, {"Đỗ 𝔸", "1975"}}));
}

TEST(ReadTable, RecognizesWhatIsNotASpreadsheet) {
  auto message = [](std::string_view bytes) {
    auto t = ReadTable(bytes);
    return t.ok() ? std::string("ok") : t.error().message;
  };
  EXPECT_EQ(message(""), Text(Msg::kFileEmpty));
  EXPECT_EQ(message("\xEF\xBB\xBF \r\n\n"), Text(Msg::kFileEmpty));
  EXPECT_EQ(message(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0')),
            Text(Msg::kFileOldXls));
  EXPECT_EQ(message(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), Text(Msg::kFileNotSpreadsheet));
  EXPECT_EQ(message("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), Text(Msg::kFileNotSpreadsheet));
  EXPECT_EQ(message(MakeZip({{"word/document.xml", "<w/>"}})), Text(Msg::kFileNotSpreadsheet));
  // A zip with the workbook but no sheet, and a truncated file: damaged, with the reason, no crash.
  EXPECT_NE(message(MakeZip({{"xl/workbook.xml", Workbook()}})).find("bị hỏng"), std::string::npos);
  const std::string good = MakeZip({{"xl/workbook.xml", Workbook()},
                                    {"xl/_rels/workbook.xml.rels", kRels},
                                    {"xl/worksheets/danhsach.xml", "<worksheet><sheetData/></worksheet>"}});
  for (size_t cut : {good.size() / 2, good.size() - 30, size_t{10}}) {
    EXPECT_NE(message(good.substr(0, cut)), "ok") << cut;
  }
  EXPECT_EQ(message(good), Text(Msg::kFileEmpty));  // a valid workbook without a row
}

TEST(ReadXlsx, SharedAndInlineStringsNumbersAndGaps) {
  const std::string shared =
      R"(<sst><si><t>Họ và tên</t></si><si><r><t>Ngày </t></r><r><rPr><b/></rPr><t>sinh</t></r>)"
      R"(<rPh><t>PHONETIC</t></rPh></si><si><t xml:space="preserve"> Lê  Thị Hoa </t></si></sst>)";
  const std::string sheet =
      R"(<worksheet><sheetData>)"
      R"(<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" t="s"><v>1</v></c></row>)"
      R"(<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="b"><v>1</v></c><c r="C4"><v>27642</v></c>)"
      R"(<c r="D4"><v>1.2345678901E+11</v></c><c r="E4" t="inlineStr"><is><t>Kinh &amp; Hoa</t></is></c>)"
      R"(<c r="F4" t="str"><f>A4</f><v>=computed</v></c><c r="G4"><v>12.5</v></c></row>)"
      R"(<row><c><v>1</v></c><c><v>2</v></c></row>)"  // no r attributes: next row, columns in order
      R"(<row r="9"><c r="B9"/></row>)"               // an empty row: left out
      R"(</sheetData></worksheet>)";
  auto t = ReadTable(MakeZip({{"xl/workbook.xml", Workbook(true)},
                              {"xl/_rels/workbook.xml.rels", kRels},
                              {"xl/sharedStrings.xml", shared},
                              {"xl/worksheets/danhsach.xml", sheet}}));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_TRUE(t->date1904);
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].number, 3);
  EXPECT_EQ(t->rows[0].cells, (std::vector<std::string>{"Họ và tên", "", "Ngày sinh"}));
  EXPECT_EQ(t->rows[1].number, 4);
  EXPECT_EQ(t->rows[1].cells, (std::vector<std::string>{" Lê  Thị Hoa ", "TRUE", "27642", "123456789010", "Kinh & Hoa",
                                                        "=computed", "12.5"}));
  EXPECT_EQ(t->rows[2].number, 5);
  EXPECT_EQ(t->rows[2].cells, (std::vector<std::string>{"1", "2"}));
}

TEST(ReadXlsx, LimitsStopHostileFiles) {
  // 2 MB of one repeated row compresses to a few kilobytes: the uncompressed budget stops it.
  std::string rows;
  for (int i = 1; rows.size() < (size_t{2} << 20); ++i) {
    rows += "<row r=\"" + std::to_string(i) + "\"><c t=\"inlineStr\"><is><t>xxxxxxxxxxxxxxxx</t></is></c></row>";
  }
  const std::string bomb =
      MakeZip({{"xl/workbook.xml", Workbook()},
               {"xl/_rels/workbook.xml.rels", kRels},
               {"xl/worksheets/danhsach.xml", "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"}});
  ASSERT_LT(bomb.size(), size_t{200} << 10);
  ReadLimits small;
  small.max_uncompressed_bytes = size_t{1} << 20;
  auto t = ReadTable(bomb, small);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kPayloadTooLarge);
  ReadLimits few_rows;
  few_rows.max_rows = 1000;
  auto r = ReadTable(bomb, few_rows);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("1000"), std::string::npos);
  ReadLimits tiny;
  tiny.max_file_bytes = 100;
  EXPECT_EQ(ReadTable(bomb, tiny).error().code, ErrorCode::kPayloadTooLarge);
  // A cell in column XFD (16384) is beyond max_columns.
  auto wide = ReadTable(
      MakeZip({{"xl/workbook.xml", Workbook()},
               {"xl/worksheets/sheet1.xml",
                R"(<worksheet><sheetData><row r="1"><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>)"}}));
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.error().message.find("quá nhiều cột"), std::string::npos) << wide.error().message;
}

TEST(XlsxWriter, WhatIsWrittenReadsBackAndFormulasStayText) {
  auto w = XlsxWriter::Create("Danh sách", {{"Họ và tên", 20, false}, {"Ngày sinh", 12, true}, {"Ghi chú", 20, false}},
                              "Tiêu đề");
  ASSERT_TRUE(w.ok());
  (*w)->AddRow({"Nguyễn Thị Ánh", "1975-09-02", "=HYPERLINK(\"http://x\",\"bấm\")"});
  (*w)->AddRow({"Đặng Đức", "", "dòng 1\ndòng 2"});
  auto bytes = (*w)->Finish();
  ASSERT_TRUE(bytes.ok());
  const std::string xml = ZipEntry(*bytes, "xl/worksheets/sheet1.xml");
  ASSERT_NE(xml.find("HYPERLINK"), std::string::npos);
  EXPECT_EQ(xml.find("<f>"), std::string::npos) << "written as a formula";
  auto t = ReadTable(*bytes);
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0].cells[0], "Tiêu đề");
  EXPECT_EQ(t->rows[1].cells, (std::vector<std::string>{"Họ và tên", "Ngày sinh", "Ghi chú"}));
  EXPECT_EQ(t->rows[2].cells[0], "Nguyễn Thị Ánh");
  EXPECT_EQ(ParseImportDate(t->rows[2].cells[1]), Date(1975, 9, 2));  // a real date cell (serial 27639)
  EXPECT_EQ(t->rows[2].cells[1], "27639");
  EXPECT_EQ(t->rows[2].cells[2], "=HYPERLINK(\"http://x\",\"bấm\")");
  EXPECT_EQ(t->rows[3].cells[2], "dòng 1\ndòng 2");
}

TEST(CsvLine, QuotesAndNeutralizesFormulas) {
  EXPECT_EQ(CsvLine({"a", "b c", ""}), "a,b c,\r\n");
  EXPECT_EQ(CsvLine({"x,y", "say \"hi\"", "l1\nl2"}), "\"x,y\",\"say \"\"hi\"\"\",\"l1\nl2\"\r\n");
  EXPECT_EQ(CsvLine({"=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"}),
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1)\r\n");
  // Read back, the neutralized cell is text starting with an apostrophe, not a formula.
  auto t = ReadCsv(CsvLine({"=1+1", "ok"}));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0].cells[0], "'=1+1");
}

}  // namespace
}  // namespace tcxd::io
