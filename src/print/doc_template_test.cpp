#include "print/doc_template.h"

#include <expat.h>
#include <gtest/gtest.h>
#include <minizip/unzip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "print/doc_kinds.h"
#include "print/docx.h"

namespace tcxd::print {
namespace {

std::vector<FieldSpec> Fields() {
  return {
      FieldSpec{"name", Msg::kDocFieldFullName, false, {}, "Nguyễn Văn A"},
      FieldSpec{"branch", Msg::kDocFieldBranch, false, {}, "Chi bộ 1"},
      FieldSpec{"note", Msg::kDocFieldProposalNote, false, {}, ""},
      FieldSpec{"rows",
                Msg::kDocFieldCriteria,
                true,
                {FieldSpec{"label", Msg::kDocFieldLabel, false, {}, "Tiêu chí"},
                 FieldSpec{"score", Msg::kDocFieldScore, false, {}, "10"}},
                {}},
  };
}

Template MustParse(std::string_view text) {
  auto t = Template::Parse(text, Fields());
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? std::move(*t) : Template();
}

Record Values() {
  Record r;
  r.text["name"] = "Trần Thị Bích";
  r.text["branch"] = "Chi bộ Tổ Ngữ văn";
  for (const auto& [label, score] :
       std::vector<std::pair<std::string, std::string>>{{"Chính trị", "18"}, {"Đạo đức", "17"}}) {
    Record row;
    row.text["label"] = label;
    row.text["score"] = score;
    r.lists["rows"].push_back(row);
  }
  return r;
}

struct BadCase {
  std::string text;
  int line;
  int column;
  std::string contains;  // a part of the message
};

TEST(DocTemplate, ParseErrorsNameTheLineAndColumnInVietnamese) {
  const std::vector<BadCase> cases = {
      {"@title A\nHọ tên: {{nam}}", 2, 9, "không có trường “nam”"},
      {"Đoạn {{name", 1, 6, "chưa được đóng bằng “}}”"},
      {"{{Name}}", 1, 1, "không hợp lệ"},
      {"x\n{{#rows}}\n@row {{label}}", 2, 1, "khối “rows” mở ở đây chưa được đóng"},
      {"{{#rows}}\n{{/name}}", 2, 1, "không khớp với khối “rows”"},
      {"{{/rows}}", 1, 1, "không khớp với khối nào"},
      {"a\n  @tittle X", 2, 3, "lệnh “@tittle” không được hỗ trợ"},
      {"@row a | b", 1, 1, "chỉ dùng trong bảng"},
      {"@table 10 | 90\n@row a\nđoạn văn", 3, 1, "trong bảng chỉ dùng"},
      {"@table 10 | 90\n@row a", 1, 1, "chưa được đóng bằng @end"},
      {"@table 10 | x\n@end", 1, 1, "độ rộng cột"},
      {"@table 10 | 0\n@end", 1, 1, "độ rộng cột"},
      {"@table 50 | 50\n@row a | b | c\n@end", 2, 1, "dòng có 3 ô nhưng bảng chỉ có 2 cột"},
      {"Điểm: {{rows}}", 1, 7, "là một danh sách"},
      {"{{score}}", 1, 1, "không có trường “score”"},  // an item field outside its loop
      {"@space nội dung", 1, 1, "không nhận nội dung"},
      {"@signature a | b | c | d | e", 1, 1, "tối đa 4 phần"},
      {"{{#rows}}\n@table 10\n{{/rows}}\n@end", 2, 1, "trong bảng chỉ dùng"},  // a mark checked inside a loop
  };
  for (const auto& c : cases) {
    auto t = Template::Parse(c.text, Fields());
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.error().code, ErrorCode::kInvalid) << c.text;
    EXPECT_EQ(t.error().field, "text");
    EXPECT_EQ(t.error().fields.at("line"), std::to_string(c.line)) << c.text;
    EXPECT_EQ(t.error().fields.at("column"), std::to_string(c.column)) << c.text;
    EXPECT_NE(t.error().message.find(c.contains), std::string::npos) << c.text << " -> " << t.error().message;
    EXPECT_EQ(t.error().message.rfind(fmt::format("Dòng {}, cột {}: ", c.line, c.column), 0), 0u) << c.text;
  }
}

TEST(DocTemplate, EmptyAndNonUtf8TextsAreRefused) {
  for (const char* blank : {"", "  \n\t\r\n", "# only a comment\n# and another"}) {
    auto t = Template::Parse(blank, Fields());
    ASSERT_FALSE(t.ok()) << blank;
    EXPECT_EQ(t.error().message, Text(Msg::kTemplateEmpty));
  }
  EXPECT_FALSE(Template::Parse("\xC3(", Fields()).ok());
}

TEST(DocTemplate, LoopsNumberTheRowsAndConditionalsFollowTheValues) {
  const Template t = MustParse(
      "@title PHIẾU {{name}}\n"
      "@table 10 | 60 | 30\n"
      "@header TT | Tiêu chí | Điểm\n"
      "{{#rows}}\n"
      "@row {{stt}} | {{label}} | {{score}}\n"
      "{{/rows}}\n"
      "@end\n"
      "{{#note}}\n"
      "Ghi chú: {{note}}\n"
      "{{/note}}\n"
      "{{^note}}\n"
      "Không có ghi chú ({{branch}}).\n"
      "{{/note}}\n");
  const Document d = t.Render(Values());
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.title, "PHIẾU Trần Thị Bích");
  const Block& table = d.blocks[1];
  ASSERT_EQ(table.kind, BlockKind::kTable);
  EXPECT_EQ(table.widths, (std::vector<int>{10, 60, 30}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(PlainText(table.rows[1][0]), "2");
  EXPECT_EQ(PlainText(table.rows[1][1]), "Đạo đức");
  EXPECT_EQ(PlainText(table.rows[1][2]), "17");
  EXPECT_EQ(PlainText(table.header[1]), "Tiêu chí");
  EXPECT_EQ(PlainText(d.blocks[2].line), "Không có ghi chú (Chi bộ Tổ Ngữ văn).");

  Record with_note = Values();
  with_note.text["note"] = "Nhất trí";
  with_note.lists["rows"].clear();
  const Document d2 = t.Render(with_note);
  EXPECT_TRUE(d2.blocks[1].rows.empty());
  EXPECT_EQ(PlainText(d2.blocks[2].line), "Ghi chú: Nhất trí");
}

TEST(DocTemplate, ValuesNeverChangeTheStructureOrTheEmphasis) {
  const Template t = MustParse("@table 50 | 50\n@row **{{name}}** | {{branch}}\n@end\n{{name}}");
  Record r;
  r.text["name"] = "a | b **c** {{branch}} @title";
  r.text["branch"] = "__x__";
  const Document d = t.Render(r);
  ASSERT_EQ(d.blocks.size(), 2u);
  ASSERT_EQ(d.blocks[0].rows.size(), 1u);
  ASSERT_EQ(d.blocks[0].rows[0].size(), 2u);
  EXPECT_EQ(d.blocks[0].rows[0][0], (Line{print::Run{"a | b **c** {{branch}} @title", true, false}}));
  EXPECT_EQ(d.blocks[0].rows[0][1], (Line{print::Run{"__x__", false, false}}));
  EXPECT_EQ(d.blocks[1].kind, BlockKind::kParagraph);  // a value at the start of a line is not a mark
}

TEST(DocTemplate, EmphasisEscapesAndComments) {
  const Template t =
      MustParse("# a comment {{unknown}} is not read\nA **đậm** và __nghiêng__ \\*\\* \\{{name}} \\| \\@");
  const Document d = t.Render(Values());
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(d.blocks[0].line,
            (Line{print::Run{"A ", false, false}, print::Run{"đậm", true, false}, print::Run{" và ", false, false},
                  print::Run{"nghiêng", false, true}, print::Run{" ** {{name}} | @", false, false}}));
}

TEST(DocTemplate, ValuesAreNfcWithoutControlCharactersAndEmptyOnesAreGaps) {
  const Template t = MustParse("{{name}}|{{note}}|{{branch}}");
  Record r;
  r.text["name"] = "Nguye\xCC\x82\xCC\x83n\x01\x07 Văn\nAn";  // e + circumflex + tilde, decomposed
  r.text["note"] = "   ";
  const Document d = t.Render(r);
  EXPECT_EQ(PlainText(d.blocks[0].line), "Nguyễn Văn An|…………|…………");
}

TEST(DocTemplate, HeadingAndSignatureParts) {
  const Template t = MustParse(
      "@heading Đảng bộ xã | {{branch}} | 12-NQ/CB | Hưng Yên | 05/12/2026\n"
      "@heading | {{branch}} | | | {{note}}\n"
      "@signature Nơi nhận: lưu | T/M CHI BỘ | BÍ THƯ | {{name}}");
  const Document d = t.Render(Values());
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[0].parts, (std::vector<std::string>{"Đảng bộ xã", "Chi bộ Tổ Ngữ văn", "12-NQ/CB", "Hưng Yên"}));
  EXPECT_EQ(d.blocks[0].date, Date(2026, 12, 5));
  EXPECT_EQ(d.blocks[1].parts[2], "");
  EXPECT_FALSE(d.blocks[1].date.has_value());
  EXPECT_EQ(d.blocks[2].parts, (std::vector<std::string>{"Nơi nhận: lưu", "T/M CHI BỘ", "BÍ THƯ", "Trần Thị Bích"}));
  EXPECT_EQ(PlaceDateText("Hưng Yên", Date(2026, 12, 5)), "Hưng Yên, ngày 05 tháng 12 năm 2026");
}

TEST(DocTemplate, EveryBuiltInTemplateParsesAgainstItsFields) {
  ASSERT_EQ(DocKinds().size(), 6u);
  for (const auto& k : DocKinds()) {
    ASSERT_FALSE(k.builtin.empty()) << k.key;
    auto t = Template::Parse(k.builtin, k.fields);
    ASSERT_TRUE(t.ok()) << k.key << ": " << t.error().message;
    const Document d = t->Render(SampleRecord(k.fields));
    EXPECT_FALSE(d.title.empty()) << k.key;
  }
  EXPECT_EQ(FindDocKind("rating_member")->label, Msg::kDocRatingMember);
  EXPECT_EQ(FindDocKind("nothing"), nullptr);
}

// ---- DOCX

// The entries of a zip (name -> content), read back with minizip; empty when it is not a zip.
std::map<std::string, std::string> Unzip(const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / "tcxd-docx-test.zip";
  std::ofstream(path, std::ios::binary) << bytes;
  std::map<std::string, std::string> out;
  unzFile z = unzOpen64(path.c_str());
  if (z == nullptr) return out;
  for (int rc = unzGoToFirstFile(z); rc == UNZ_OK; rc = unzGoToNextFile(z)) {
    char name[256];
    unz_file_info64 info{};
    unzGetCurrentFileInfo64(z, &info, name, sizeof name, nullptr, 0, nullptr, 0);
    EXPECT_EQ(unzOpenCurrentFile(z), UNZ_OK);
    std::string content(info.uncompressed_size, '\0');
    EXPECT_EQ(unzReadCurrentFile(z, content.data(), static_cast<unsigned>(content.size())),
              static_cast<int>(content.size()));
    EXPECT_EQ(unzCloseCurrentFile(z), UNZ_OK);  // checks the CRC
    out[name] = content;
  }
  unzClose(z);
  std::filesystem::remove(path);
  return out;
}

// The character data of a well-formed XML document; nullopt when expat refuses it.
std::optional<std::string> XmlText(const std::string& xml) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  std::string text;
  XML_SetUserData(p, &text);
  XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* s, int len) {
    static_cast<std::string*>(data)->append(s, static_cast<size_t>(len));
  });
  const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  if (!ok) return std::nullopt;
  return text;
}

TEST(Docx, IsAZipOfWellFormedPartsWithTheTextEscaped) {
  const Template t = MustParse(
      "@heading Đảng bộ xã | {{branch}} | 12-NQ/CB | Hưng Yên | 05/12/2026\n"
      "@title PHIẾU ĐÁNH GIÁ\n"
      "Họ tên: **{{name}}**\n"
      "@table 10 | 90\n@header TT | Tiêu chí\n{{#rows}}\n@row {{stt}} | {{label}}\n{{/rows}}\n@end\n"
      "@signature | T/M CHI BỘ | BÍ THƯ | {{name}}");
  Record r = Values();
  r.text["name"] = "Đặng <b>Ánh</b> & \"Ỷ\" \x02";
  auto docx = DocumentDocx(t.Render(r));
  ASSERT_TRUE(docx.ok());
  const auto parts = Unzip(*docx);
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/_rels/document.xml.rels", "docProps/core.xml"}) {
    ASSERT_TRUE(parts.count(name)) << name;
    EXPECT_TRUE(XmlText(parts.at(name)).has_value()) << name << " is not well-formed";
  }
  const std::string text = *XmlText(parts.at("word/document.xml"));
  EXPECT_NE(text.find("Đặng <b>Ánh</b> & \"Ỷ\""), std::string::npos);
  EXPECT_NE(text.find("Đạo đức"), std::string::npos);
  EXPECT_NE(text.find("ĐẢNG CỘNG SẢN VIỆT NAM"), std::string::npos);
  EXPECT_NE(text.find("Hưng Yên, ngày 05 tháng 12 năm 2026"), std::string::npos);
  EXPECT_NE(text.find("Số 12-NQ/CB"), std::string::npos);
  const std::string& xml = parts.at("word/document.xml");
  EXPECT_NE(xml.find("&lt;b&gt;"), std::string::npos);
  EXPECT_NE(xml.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);  // A4
  EXPECT_NE(xml.find("w:left=\"1701\""), std::string::npos);                        // 30 mm
  EXPECT_NE(parts.at("word/styles.xml").find("Times New Roman"), std::string::npos);
  EXPECT_EQ(*XmlText(parts.at("docProps/core.xml")), "PHIẾU ĐÁNH GIÁTCXD");
}

}  // namespace
}  // namespace tcxd::print
