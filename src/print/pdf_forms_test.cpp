#include "print/pdf_forms.h"

#include <cairo.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace tcxd::print {
namespace {

MemberSheet SampleSheet() {
  MemberSheet s;
  s.province_committee = "Đảng bộ tỉnh Hưng Yên";
  s.commune_committee = "Đảng bộ xã Nghĩa Trụ";
  s.grassroots = "Đảng bộ Trường Trung học phổ thông Văn Giang";
  s.sub_committee = "";
  s.branch = "Chi bộ Tổ Ngữ văn";
  s.cv_number = "012345HY";
  s.card_number = "12345678";
  s.full_name = "Nguyễn Thị Ngọc Ánh";
  s.gender = "Nữ";
  s.birth_date = Date(1988, 3, 7);
  s.birth_place = "Xã Nghĩa Trụ, tỉnh Hưng Yên";
  s.hometown = "Xã Phụng Công, tỉnh Hưng Yên";
  s.permanent_residence = "Thôn Đồng Tỉnh, xã Nghĩa Trụ, tỉnh Hưng Yên";
  s.ethnicity = "Kinh";
  s.religion = "Không";
  s.family_background = "Nông dân";
  s.occupation = "Giáo viên";
  s.ceremony_date = Date(2015, 5, 19);
  s.ceremony_branch = "Chi bộ Tổ Ngữ văn";
  s.introducers = {Introducer{"Trần Văn Đức", "Bí thư chi bộ, Tổ Ngữ văn"},
                   Introducer{"Lê Thị Hằng", "Tổ trưởng chuyên môn, Tổ Ngữ văn"}};
  s.admission_decision_date = Date(2015, 5, 4);
  s.official_date = Date(2016, 5, 4);
  s.official_branch = "Chi bộ Tổ Ngữ văn";
  s.recruitment_date = Date(2010, 9, 1);
  s.recruiting_agency = "Sở Giáo dục và Đào tạo tỉnh Hưng Yên";
  s.youth_union_date = Date(2003, 3, 26);
  s.general_education = "12/12";
  s.professional_qualification = "Cử nhân Sư phạm Ngữ văn";
  s.academic_degree = "Thạc sĩ";
  s.political_theory = "Trung cấp";
  s.foreign_languages = "Tiếng Anh bậc 3";
  s.it_skills = "Chứng chỉ ứng dụng công nghệ thông tin cơ bản";
  s.health = "Tốt";
  s.national_id = "033188004512";
  s.work_history = {
      {Date(2010, 9, 1), Date(2015, 5, 18), "Giáo viên Ngữ văn, Trường THPT Văn Giang"},
      {Date(2015, 5, 19), std::nullopt, "Đảng viên; Tổ phó chuyên môn Tổ Ngữ văn, Trường THPT Văn Giang"}};
  s.training = {
      {"Trường Đại học Sư phạm Hà Nội", "Sư phạm Ngữ văn", Date(2006, 9, 1), Date(2010, 6, 30), "Chính quy", "Cử nhân"},
      {"Trung tâm Chính trị huyện Văn Giang", "Trung cấp lý luận chính trị", Date(2019, 3, 1), Date(2019, 12, 1),
       "Tại chức", "Trung cấp"}};
  s.awards = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (2021)";
  s.family = {{"Cha đẻ", "Nguyễn Văn Ổn", "1960", "Xã Phụng Công, tỉnh Hưng Yên; nông dân"},
              {"Mẹ đẻ", "Phạm Thị Yến", "1962", "Xã Phụng Công, tỉnh Hưng Yên; nông dân"}};
  s.signed_place = "Nghĩa Trụ";
  s.signed_on = Date(2026, 1, 15);
  return s;
}

std::vector<MemberListLine> SampleList(size_t n) {
  static const char* const kNames[] = {"Nguyễn Văn An",  "Trần Thị Bích Ngọc", "Lê Hoàng Đức",    "Phạm Thị Hường",
                                       "Đặng Quốc Việt", "Vũ Thị Ánh Tuyết",   "Bùi Xuân Trường", "Hồ Thị Ỷ Lan"};
  std::vector<MemberListLine> rows;
  for (size_t i = 0; i < n; ++i) {
    rows.push_back({kNames[i % 8], i % 2 == 0 ? "Nam" : "Nữ", Date(1970 + static_cast<int>(i % 30), 1 + i % 12, 5),
                    Date(2000 + static_cast<int>(i % 20), 3, 26), Date(2001 + static_cast<int>(i % 20), 3, 26),
                    std::to_string(10000000 + i), "Chi bộ Khu dân cư số " + std::to_string(1 + i % 7)});
  }
  return rows;
}

// "/Type /Page" dictionaries, not the "/Type /Pages" tree (cairo writes no object streams).
int PageCount(const std::string& pdf) {
  int n = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1)) {
    if (at + 11 >= pdf.size() || pdf[at + 11] != 's') ++n;
  }
  return n;
}

// Every stream of the file, inflated when it is Flate-compressed (the others are kept as they are).
std::string InflatedStreams(const std::string& pdf) {
  std::string all;
  for (size_t at = pdf.find("stream\n"); at != std::string::npos; at = pdf.find("stream\n", at + 1)) {
    if (at >= 3 && pdf.compare(at - 3, 3, "end") == 0) continue;
    const size_t begin = at + 7;
    const size_t end = pdf.find("endstream", begin);
    if (end == std::string::npos) break;
    z_stream z{};
    if (inflateInit(&z) != Z_OK) continue;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pdf.data() + begin));
    z.avail_in = static_cast<uInt>(end - begin);
    char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      all.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    at = end;
  }
  std::transform(all.begin(), all.end(), all.begin(), [](unsigned char c) { return std::tolower(c); });
  return all;
}

std::filesystem::path TempFile(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Writes the samples where TCXD_PRINT_SAMPLE_DIR points (to look at them), nowhere otherwise.
void MaybeKeep(const std::string& name, const std::string& bytes) {
  if (const char* dir = std::getenv("TCXD_PRINT_SAMPLE_DIR")) {
    std::ofstream(std::filesystem::path(dir) / name, std::ios::binary) << bytes;
  }
}

TEST(PdfForms, MemberSheetIsAnA4PdfOfSeveralPages) {
  const auto pdf = MemberSheetPdf(SampleSheet());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->rfind("%PDF-1.", 0), 0U);
  EXPECT_NE(pdf->find("%%EOF", pdf->size() - 8), std::string::npos);
  EXPECT_NE(pdf->find("/MediaBox [ 0 0 595.27"), std::string::npos) << "A4 portrait";
  const int pages = PageCount(*pdf);
  EXPECT_GE(pages, 2);
  EXPECT_LE(pages, 4);
  MaybeKeep("tcxd-sample-sheet.pdf", *pdf);
  for (int p = 0; p < pages; ++p) {
    const auto png = MemberSheetPng(SampleSheet(), p, 110);
    ASSERT_TRUE(png.ok()) << png.error().message;
    EXPECT_EQ(png->substr(1, 3), "PNG");
    MaybeKeep("tcxd-sample-sheet-" + std::to_string(p + 1) + ".png", *png);
  }
  // The preview has exactly as many pages as the PDF.
  const auto beyond = MemberSheetPng(SampleSheet(), pages, 96);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(beyond.error().field, "page");
}

TEST(PdfForms, MemberCvIsTheCoverThenTheItemsThenTheSelfAssessment) {
  const MemberSheet sample = SampleSheet();
  const auto cv = MemberCvPdf(sample);
  ASSERT_TRUE(cv.ok()) << cv.error().message;
  EXPECT_NE(cv->find("/MediaBox [ 0 0 595.27"), std::string::npos) << "A4 portrait";
  const int sheet_pages = PageCount(*MemberSheetPdf(sample));
  const int pages = PageCount(*cv);
  // The cover is a page of its own; the items flow as on the sheet, item 31 may take one more page.
  EXPECT_GE(pages, sheet_pages + 1);
  EXPECT_LE(pages, sheet_pages + 2);
  MaybeKeep("tcxd-sample-cv.pdf", *cv);
  // The cover differs from the sheet's first page; the second page starts with the sheet's items.
  const auto cover = MemberCvPng(sample, 0, 60);
  const auto sheet_first = MemberSheetPng(sample, 0, 60);
  ASSERT_TRUE(cover.ok() && sheet_first.ok());
  EXPECT_NE(*cover, *sheet_first);
  for (int p = 0; p < pages; ++p) {
    const auto png = MemberCvPng(sample, p, 60);
    ASSERT_TRUE(png.ok()) << png.error().message;
    MaybeKeep("tcxd-sample-cv-" + std::to_string(p + 1) + ".png", *png);
  }
  const auto beyond = MemberCvPng(sample, pages, 60);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().field, "page");
  // A blank CV prints too (the empty form to fill by hand).
  const auto blank = MemberCvPdf(MemberSheet{});
  ASSERT_TRUE(blank.ok()) << blank.error().message;
  EXPECT_GE(PageCount(*blank), 3);
}

// A PNG of w x h pixels drawn by cairo (a grey portrait-like gradient).
std::string TestPng(int w, int h) {
  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(img);
  cairo_set_source_rgb(cr, 0.6, 0.7, 0.8);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_arc(cr, w / 2.0, h / 2.5, w / 4.0, 0, 6.3);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(
      img,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &out);
  cairo_surface_destroy(img);
  return out;
}

// The headers of a baseline JPEG of w x h pixels (SOI, JFIF, SOF0 with three components, EOI): enough for
// cairo to embed it as a DCT image.
std::string TestJpeg(int w, int h) {
  std::string s("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  s += std::string("\xFF\xC0\x00\x11\x08", 5);
  for (int v : {h, w}) {
    s.push_back(static_cast<char>(v >> 8));
    s.push_back(static_cast<char>(v & 0xFF));
  }
  s += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xFF\xD9", 12);
  return s;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// The lines of `pdfimages -list` after its two header lines; nullopt when pdfimages is not installed.
std::optional<std::vector<std::string>> PdfImages(const std::string& pdf, const std::string& name) {
  if (std::system("command -v pdfimages >/dev/null 2>&1") != 0) return std::nullopt;
  const auto in = TempFile(name + ".pdf", pdf);
  const auto out = std::filesystem::temp_directory_path() / (name + ".txt");
  if (std::system(("pdfimages -list " + in.string() + " > " + out.string()).c_str()) != 0) return std::nullopt;
  std::ifstream f(out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(f, line);) lines.push_back(line);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  if (lines.size() >= 2) lines.erase(lines.begin(), lines.begin() + 2);
  return lines;
}

// One line of `pdfimages -list`: page, num, type, width, height, color, comp, bpc, enc, ...
void ExpectImage(const std::string& listed, const std::string& width, const std::string& height,
                 const std::string& encoding) {
  std::istringstream line(listed);
  const std::vector<std::string> cols{std::istream_iterator<std::string>(line), std::istream_iterator<std::string>()};
  ASSERT_GE(cols.size(), 9U) << listed;
  EXPECT_EQ(cols[3], width) << listed;
  EXPECT_EQ(cols[4], height) << listed;
  EXPECT_EQ(cols[8], encoding) << listed;
}

TEST(PdfForms, APngPhotoIsDrawnInThePhotoBoxOfTheSheetAndTheCv) {
  MemberSheet with = SampleSheet();
  const std::string png = TestPng(90, 120);
  with.photo = SheetPhoto{png, true, 90, 120};
  for (bool cv : {false, true}) {
    const auto without_pdf = cv ? MemberCvPdf(SampleSheet()) : MemberSheetPdf(SampleSheet());
    const auto with_pdf = cv ? MemberCvPdf(with) : MemberSheetPdf(with);
    ASSERT_TRUE(without_pdf.ok() && with_pdf.ok());
    EXPECT_EQ(Count(*without_pdf, "/Subtype /Image"), 0U) << cv;
    EXPECT_EQ(Count(*with_pdf, "/Subtype /Image"), 1U) << cv;
    EXPECT_EQ(PageCount(*with_pdf), PageCount(*without_pdf)) << cv;
    if (auto images = PdfImages(*with_pdf, cv ? "tcxd-photo-cv" : "tcxd-photo-sheet")) {
      ASSERT_EQ(images->size(), 1U) << cv;
      ExpectImage(images->front(), "90", "120", "image");
    }
    MaybeKeep(cv ? "tcxd-sample-cv-photo.pdf" : "tcxd-sample-sheet-photo.pdf", *with_pdf);
  }
  // The preview shows it too.
  const auto preview_with = MemberSheetPng(with, 0, 60);
  const auto preview_without = MemberSheetPng(SampleSheet(), 0, 60);
  ASSERT_TRUE(preview_with.ok() && preview_without.ok());
  EXPECT_NE(*preview_with, *preview_without);
}

TEST(PdfForms, AJpegPhotoIsEmbeddedAsItIs) {
  MemberSheet with = SampleSheet();
  const std::string jpeg = TestJpeg(300, 400);
  with.photo = SheetPhoto{jpeg, false, 300, 400};
  for (bool cv : {false, true}) {
    const auto pdf = cv ? MemberCvPdf(with) : MemberSheetPdf(with);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    EXPECT_EQ(Count(*pdf, "/Subtype /Image"), 1U) << cv;
    EXPECT_NE(pdf->find("/DCTDecode"), std::string::npos) << cv;
    EXPECT_NE(pdf->find(jpeg), std::string::npos) << "the file's bytes, not decoded";
    if (auto images = PdfImages(*pdf, cv ? "tcxd-jpeg-cv" : "tcxd-jpeg-sheet")) {
      ASSERT_EQ(images->size(), 1U);
      ExpectImage(images->front(), "300", "400", "jpeg");
    }
  }
  // A PNG preview cannot decode it: the box stays as without a photo.
  const auto preview = MemberSheetPng(with, 0, 60);
  ASSERT_TRUE(preview.ok());
  EXPECT_EQ(*preview, *MemberSheetPng(SampleSheet(), 0, 60));
}

TEST(PdfForms, APhotoThatCannotBeReadLeavesTheBoxEmpty) {
  MemberSheet bad = SampleSheet();
  std::string png = TestPng(90, 120);
  png.resize(png.size() / 2);
  bad.photo = SheetPhoto{png, true, 90, 120};
  const auto pdf = MemberSheetPdf(bad);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(Count(*pdf, "/Subtype /Image"), 0U);
}

TEST(PdfForms, BlankSheetPrintsTheEmptyForm) {
  const auto pdf = MemberSheetPdf(MemberSheet{});
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_GE(PageCount(*pdf), 2);
  const auto png = MemberSheetPng(MemberSheet{}, 0, 110);
  ASSERT_TRUE(png.ok()) << png.error().message;
  MaybeKeep("tcxd-sample-blank-sheet-1.png", *png);
}

TEST(PdfForms, VietnameseTextIsEmbeddedWithItsFont) {
  const auto pdf = MemberSheetPdf(SampleSheet());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  // A subset of Liberation Serif (regular and bold) is embedded, never a substitute.
  EXPECT_NE(pdf->find("+LiberationSerif\n"), std::string::npos);
  EXPECT_NE(pdf->find("+LiberationSerif-Bold"), std::string::npos);
  EXPECT_EQ(pdf->find("DejaVu"), std::string::npos);
  // The ToUnicode maps of the subsets name the Vietnamese letters, so the text can be searched and
  // copied: Đ Ả Ộ Ệ (title), ọ ị ư ơ (labels), Ổ (a sample name).
  const std::string streams = InflatedStreams(*pdf);
  for (const char* code : {"<0110>", "<1ea2>", "<1ed8>", "<1ec6>", "<1ecd>", "<1ecb>", "<01b0>", "<01a1>", "<1ed4>"}) {
    EXPECT_NE(streams.find(code), std::string::npos) << code;
  }
}

TEST(PdfForms, PdftotextReadsTheVietnameseText) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext is not installed";
  const auto pdf = MemberSheetPdf(SampleSheet());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const auto in = TempFile("tcxd-pdf-forms-test.pdf", *pdf);
  const auto out = std::filesystem::temp_directory_path() / "tcxd-pdf-forms-test.txt";
  ASSERT_EQ(std::system(("pdftotext -enc UTF-8 " + in.string() + " " + out.string()).c_str()), 0);
  std::ifstream f(out);
  const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("ĐẢNG CỘNG SẢN VIỆT NAM"), std::string::npos);
  EXPECT_NE(text.find("PHIẾU ĐẢNG VIÊN"), std::string::npos);
  EXPECT_NE(text.find("NGUYỄN THỊ NGỌC ÁNH"), std::string::npos);
  const auto cv = MemberCvPdf(SampleSheet());
  ASSERT_TRUE(cv.ok()) << cv.error().message;
  std::filesystem::remove(in);
  const auto cv_in = TempFile("tcxd-pdf-forms-test.pdf", *cv);
  ASSERT_EQ(std::system(("pdftotext -enc UTF-8 " + cv_in.string() + " " + out.string()).c_str()), 0);
  std::ifstream g(out);
  const std::string cv_text((std::istreambuf_iterator<char>(g)), std::istreambuf_iterator<char>());
  EXPECT_NE(cv_text.find("LÝ LỊCH ĐẢNG VIÊN"), std::string::npos);
  EXPECT_NE(cv_text.find("31) TỰ NHẬN XÉT"), std::string::npos);
  std::filesystem::remove(cv_in);
  std::filesystem::remove(out);
}

TEST(PdfForms, ListOf200RowsFillsTheExpectedPages) {
  const std::string title = "DANH SÁCH ĐẢNG VIÊN — Đảng bộ xã Nghĩa Trụ";
  const int per_page = MemberListRowsPerPage(title);
  ASSERT_GE(per_page, 15);
  ASSERT_LE(per_page, 40);
  const auto pdf = MemberListPdf(title, SampleList(200));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(PageCount(*pdf), (200 + per_page - 1) / per_page);
  EXPECT_NE(pdf->find("/MediaBox [ 0 0 841.88"), std::string::npos) << "A4 landscape";
  MaybeKeep("tcxd-sample-list.pdf", *pdf);
  const auto png = MemberListPng(title, SampleList(200), 0, 110);
  ASSERT_TRUE(png.ok()) << png.error().message;
  MaybeKeep("tcxd-sample-list-1.png", *png);

  // The boundaries: a full page is one page, one more row starts a second.
  EXPECT_EQ(PageCount(*MemberListPdf(title, SampleList(static_cast<size_t>(per_page)))), 1);
  EXPECT_EQ(PageCount(*MemberListPdf(title, SampleList(static_cast<size_t>(per_page) + 1))), 2);
}

TEST(PdfForms, EmptyListPrintsOnePage) {
  const auto pdf = MemberListPdf("DANH SÁCH ĐẢNG VIÊN", {});
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(PageCount(*pdf), 1);
}

TEST(PdfForms, LongNamesWrapInsteadOfOverflowing) {
  const std::string title = "DANH SÁCH ĐẢNG VIÊN";
  const int per_page = MemberListRowsPerPage(title);
  // A full page of one-line rows fits one page; when one name needs several lines its row grows and
  // the last row moves to a second page (a name drawn over its neighbour would not move anything).
  auto rows = SampleList(static_cast<size_t>(per_page));
  rows[3].full_name = "Công Tằng Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh Ngọc Diệp Bảo Trâm";
  const auto pdf = MemberListPdf(title, rows);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(PageCount(*pdf), 2);
  const auto png = MemberListPng(title, rows, 0, 110);
  ASSERT_TRUE(png.ok());
  MaybeKeep("tcxd-sample-list-long-name.png", *png);

  // An absurdly long name is cut after a few lines with "…", so one row never outgrows a page.
  rows[3].full_name = std::string(20000, 'A');
  const auto capped = MemberListPdf(title, rows);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(PageCount(*capped), 2);

  // In the sheet long values wrap too: the same form with every text field five times longer needs
  // more pages.
  MemberSheet sheet = SampleSheet();
  const int short_pages = PageCount(*MemberSheetPdf(sheet));
  for (std::string* field :
       {&sheet.full_name, &sheet.birth_place, &sheet.hometown, &sheet.permanent_residence, &sheet.occupation,
        &sheet.recruiting_agency, &sheet.professional_qualification, &sheet.it_skills, &sheet.awards}) {
    const std::string once = *field + " ";
    for (int i = 0; i < 4; ++i) *field += " " + once;
  }
  sheet.history_notes = std::string(30000, 'x');  // one unbroken word: cut, not endless
  const auto long_pdf = MemberSheetPdf(sheet);
  ASSERT_TRUE(long_pdf.ok());
  EXPECT_GT(PageCount(*long_pdf), short_pages);
  const auto long_png = MemberSheetPng(sheet, 0, 110);
  ASSERT_TRUE(long_png.ok());
  MaybeKeep("tcxd-sample-sheet-long-1.png", *long_png);
}

TEST(PdfForms, BadUtf8AndDecomposedTextStillPrint) {
  MemberSheet sheet = SampleSheet();
  sheet.full_name = "Nguy\xE1\xBB\x85n \xFF\xFEV\xC4";  // stray bytes and a truncated sequence
  sheet.cv_number =
      "\xFF"
      "12345HY";
  sheet.hometown = "Xa\xCC\x83 Phu\xCC\xA3ng Co\xCC\x82ng";  // "Xã Phụng Công" in NFD
  const auto pdf = MemberSheetPdf(sheet);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message << pdf.error().fields.at("_detail");
  EXPECT_GE(PageCount(*pdf), 2);
  const auto png = MemberSheetPng(sheet, 0, 110);
  ASSERT_TRUE(png.ok());
  MaybeKeep("tcxd-sample-sheet-bad-text-1.png", *png);
  auto rows = SampleList(3);
  rows[1].full_name = "\xC3";
  const auto list = MemberListPdf("\xE1\xBB", rows);
  ASSERT_TRUE(list.ok()) << list.error().message << list.error().fields.at("_detail");
  EXPECT_EQ(PageCount(*list), 1);
}

TEST(PdfForms, PreviewRefusesABadResolution) {
  for (double dpi : {0.0, -5.0, 601.0}) {
    const auto png = MemberListPng("X", {}, 0, dpi);
    ASSERT_FALSE(png.ok());
    EXPECT_EQ(png.error().field, "dpi");
  }
}

TEST(PdfForms, ThreadsRenderAtTheSameTime) {
  std::vector<int> pages(4, 0);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < pages.size(); ++i) {
    threads.emplace_back([&pages, i] {
      for (int k = 0; k < 5; ++k) {
        const auto pdf = i % 2 == 0 ? MemberSheetPdf(SampleSheet()) : MemberListPdf("DANH SÁCH", SampleList(60));
        pages[i] = pdf.ok() ? PageCount(*pdf) : -1;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(pages[0], PageCount(*MemberSheetPdf(SampleSheet())));
  EXPECT_EQ(pages[2], pages[0]);
  EXPECT_EQ(pages[1], PageCount(*MemberListPdf("DANH SÁCH", SampleList(60))));
  EXPECT_EQ(pages[3], pages[1]);
}

TEST(PdfForms, TimePerMemberSheet) {
  const MemberSheet sheet = SampleSheet();
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  ASSERT_TRUE(MemberSheetPdf(sheet).ok());
  const auto t1 = Clock::now();
  constexpr int kRuns = 20;
  for (int i = 0; i < kRuns; ++i) ASSERT_TRUE(MemberSheetPdf(sheet).ok());
  const auto t2 = Clock::now();
  const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::printf("member sheet PDF: first in this process %.1f ms, then %.1f ms each (mean of %d)\n", ms(t1 - t0),
              ms(t2 - t1) / kRuns, kRuns);
  const auto rows = SampleList(200);
  const auto t3 = Clock::now();
  const auto list = MemberListPdf("DANH SÁCH ĐẢNG VIÊN", rows);
  ASSERT_TRUE(list.ok());
  std::printf("member list PDF, 200 rows, %d pages: %.1f ms\n", PageCount(*list), ms(Clock::now() - t3));
}

// ---- the introduction letter and the transfer book (issue #7 item 1)

TransferLetterSheet SampleLetter() {
  TransferLetterSheet l;
  l.kind = LetterKind::kOfficial;
  l.issuer_parent = "Đảng bộ tỉnh Hưng Yên";
  l.issuer = "Đảng ủy xã Nghĩa Trụ";
  l.number = "12/2026/GGT-NT";
  l.issued_on = Date(2026, 11, 23);
  l.addressee = "Đảng ủy phường Phố Hiến";
  l.full_name = "Nguyễn Thị Ngọc Ánh";
  l.gender = "Nữ";
  l.birth_date = Date(1988, 3, 7);
  l.hometown = "Xã Phụng Công, tỉnh Hưng Yên";
  l.ceremony_date = Date(2015, 5, 19);
  l.official_date = Date(2016, 5, 19);
  l.card_number = "12345678";
  l.cv_number = "012345HY";
  l.from_org = "Chi bộ Tổ Ngữ văn, Đảng bộ Trường Trung học phổ thông Văn Giang";
  l.destination = "Chi bộ Khu phố 3, Đảng bộ phường Phố Hiến";
  l.decision = "Quyết định số 15/QĐ-UBND ngày 10/11/2026 của Ủy ban nhân dân tỉnh";
  l.fees_paid_to = "11/2026";
  l.present_by = Date(2027, 1, 6);
  return l;
}

// The text of a PDF as pdftotext reads it; nullopt when pdftotext is not installed.
std::optional<std::string> PdfText(const std::string& pdf, const std::string& name) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) return std::nullopt;
  const auto in = TempFile(name + ".pdf", pdf);
  const auto out = std::filesystem::temp_directory_path() / (name + ".txt");
  if (std::system(("pdftotext -enc UTF-8 " + in.string() + " " + out.string()).c_str()) != 0) return std::nullopt;
  std::ifstream f(out);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return text;
}

TEST(PdfForms, TransferLetterIsOneA4PageWithTheBoxesOfTheForm) {
  const auto pdf = TransferLetterPdf(SampleLetter());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(PageCount(*pdf), 1);
  EXPECT_NE(pdf->find("/MediaBox [ 0 0 595.2"), std::string::npos) << "A4 portrait";
  MaybeKeep("tcxd-sample-letter.pdf", *pdf);
  const auto text = PdfText(*pdf, "tcxd-letter-test");
  if (!text) GTEST_SKIP() << "pdftotext is not installed";
  for (const char* expected :
       {"GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG", "(Chuyển sinh hoạt đảng chính thức)", "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số: 12/2026/GGT-NT", "NGUYỄN THỊ NGỌC ÁNH", "12345678", "012345HY", "ĐẢNG ỦY XÃ NGHĨA TRỤ",
        "Đã đóng đảng phí đến hết tháng: 11/2026", "06/01/2027", "Chi bộ Khu phố 3", "Quyết định số 15/QĐ-UBND",
        "ngày 23 tháng 11 năm 2026"}) {
    EXPECT_NE(text->find(expected), std::string::npos) << expected << "\n" << *text;
  }
}

TEST(PdfForms, TransferLetterKindsAndBlankFields) {
  TransferLetterSheet l = SampleLetter();
  l.kind = LetterKind::kTemporary;
  l.temporary_until = Date(2027, 6, 30);
  l.present_by.reset();
  l.card_number.clear();
  const auto pdf = TransferLetterPdf(l);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(PageCount(*pdf), 1);
  const auto blank = TransferLetterPdf(TransferLetterSheet{});
  ASSERT_TRUE(blank.ok()) << blank.error().message;
  EXPECT_EQ(PageCount(*blank), 1);
  const auto text = PdfText(*pdf, "tcxd-letter-temporary-test");
  if (!text) GTEST_SKIP() << "pdftotext is not installed";
  EXPECT_NE(text->find("(Chuyển sinh hoạt đảng tạm thời)"), std::string::npos) << *text;
  EXPECT_NE(text->find("30/06/2027"), std::string::npos) << *text;
}

TEST(PdfForms, TransferBookListsTheLettersInOrder) {
  std::vector<TransferBookLine> rows;
  for (int i = 1; i <= 60; ++i) {
    rows.push_back(TransferBookLine{fmt::format("{}/2026/GGT-NT", i), Date(2026, 1 + (i % 12), 5),
                                    fmt::format("Trần Văn Bình {}", i), Date(1980, 1, 2), Date(2005, 3, 4),
                                    Date(2006, 3, 4), fmt::format("{:08}", 1000 + i),
                                    "Chi bộ Thôn Đông, Đảng bộ xã Nghĩa Trụ",
                                    "Chi bộ Khu phố 3, Đảng bộ phường Phố Hiến", "Chính thức – trong tỉnh", "10/2026"});
  }
  const std::string title = "SỔ GIỚI THIỆU SINH HOẠT ĐẢNG NĂM 2026 — Đảng ủy xã Nghĩa Trụ";
  const auto pdf = TransferBookPdf(title, rows);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_GE(PageCount(*pdf), 2);
  EXPECT_NE(pdf->find("/MediaBox [ 0 0 841.88"), std::string::npos) << "A4 landscape";
  MaybeKeep("tcxd-sample-transfer-book.pdf", *pdf);
  const auto empty = TransferBookPdf(title, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(PageCount(*empty), 1);
  const auto text = PdfText(*pdf, "tcxd-transfer-book-test");
  if (!text) GTEST_SKIP() << "pdftotext is not installed";
  EXPECT_NE(text->find("Mẫu 10-SHĐ"), std::string::npos);
  EXPECT_NE(text->find("Tổng số: 60 giấy giới thiệu."), std::string::npos);
  const size_t first = text->find("1/2026/GGT-NT");
  const size_t second = text->find("2/2026/GGT-NT");
  const size_t last = text->find("60/2026/GGT-NT");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(last, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, last);
}

}  // namespace
}  // namespace tcxd::print

namespace tcxd::print {
namespace {

TEST(PdfForms, TemplateDocumentPrintsItsTextWithValuesEscapedForPango) {
  std::vector<FieldSpec> fields = {FieldSpec{"name", Msg::kDocFieldFullName, false, {}, ""}};
  auto t = Template::Parse(
      "@heading Đảng bộ xã Nghĩa Trụ | Chi bộ Tổ Ngữ văn | 12-NQ/CB | Hưng Yên | 05/12/2026\n"
      "@title NGHỊ QUYẾT\nQuần chúng **{{name}}** được đề nghị kết nạp.\n"
      "@table 10 | 90\n@header TT | Họ và tên\n@row 1 | {{name}}\n@end\n"
      "@signature | T/M CHI BỘ | BÍ THƯ | Trần Văn Đức",
      fields);
  ASSERT_TRUE(t.ok()) << t.error().message;
  Record r;
  r.text["name"] = "Đặng <b>Ỷ</b> & Lan";  // pango markup in a value must print as text
  auto pdf = DocumentPdf(t->Render(r));
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(PageCount(*pdf), 1);
  EXPECT_NE(pdf->find("+LiberationSerif"), std::string::npos);
  auto text = PdfText(*pdf, "tcxd-template-doc");
  if (!text) GTEST_SKIP() << "pdftotext is not installed";
  for (const char* s : {"ĐẢNG CỘNG SẢN VIỆT NAM", "NGHỊ QUYẾT", "Đặng <b>Ỷ</b> & Lan",
                        "Hưng Yên, ngày 05 tháng 12 năm 2026", "Số 12-NQ/CB", "T/M CHI BỘ", "Trần Văn Đức"}) {
    EXPECT_NE(text->find(s), std::string::npos) << s << " not in:\n" << *text;
  }
}

TEST(PdfForms, LongTemplateDocumentsFlowOverPages) {
  std::vector<FieldSpec> fields = {
      FieldSpec{"rows", Msg::kDocFieldCriteria, true, {FieldSpec{"label", Msg::kDocFieldLabel, false, {}, ""}}, {}}};
  auto t = Template::Parse(
      "@title DANH SÁCH\n@table 10 | 90\n@header TT | Nội dung\n{{#rows}}\n@row {{stt}} | {{label}}\n"
      "{{/rows}}\n@end",
      fields);
  ASSERT_TRUE(t.ok());
  Record r;
  for (int i = 0; i < 120; ++i) {
    Record row;
    row.text["label"] = "Dòng thứ " + std::to_string(i + 1);
    r.lists["rows"].push_back(row);
  }
  auto pdf = DocumentPdf(t->Render(r));
  ASSERT_TRUE(pdf.ok());
  EXPECT_GE(PageCount(*pdf), 3);
  auto text = PdfText(*pdf, "tcxd-template-long");
  if (!text) GTEST_SKIP() << "pdftotext is not installed";
  EXPECT_NE(text->find("Dòng thứ 120"), std::string::npos);
}

}  // namespace
}  // namespace tcxd::print
