#include "print/docx.h"

#include <minizip/zip.h>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "i18n/messages.h"
#include "io/zip_memory.h"

namespace tcxd::print {
namespace {

// Geometry in twentieths of a point: A4 = 11906 x 16838; 1 mm = 56.7.
constexpr int kPageWidth = 11906;
constexpr int kPageHeight = 16838;
constexpr int kMarginTop = 1134;   // 20 mm
constexpr int kMarginLeft = 1701;  // 30 mm
constexpr int kMarginRight = 850;  // 15 mm
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr int kFirstIndent = 567;  // 10 mm
constexpr int kBody = 26;          // half-points: 13 pt
constexpr int kTitle = 28;         // 14 pt
constexpr int kTableText = 24;     // 12 pt
constexpr int kSmall = 22;         // 11 pt
constexpr const char* kDots = "……";

// ---- XML text

// `s` escaped for XML character data and attributes; characters XML 1.0 cannot carry are dropped.
std::string Xml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (u >= 0x20 || c == '\t') out += c;
    }
  }
  return out;
}

struct RunLook {
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool caps = false;
  int size = kBody;
};

std::string RunXml(std::string_view text, const RunLook& look) {
  std::string rpr;
  if (look.bold) rpr += "<w:b/>";
  if (look.italic) rpr += "<w:i/>";
  if (look.caps) rpr += "<w:caps/>";
  if (look.underline) rpr += "<w:u w:val=\"single\"/>";
  if (look.size != kBody) rpr += fmt::format("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", look.size);
  return "<w:r>" + (rpr.empty() ? std::string() : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" +
         Xml(text) + "</w:t></w:r>";
}

std::string LineXml(const Line& line, RunLook base) {
  std::string out;
  for (const auto& r : line) {
    RunLook look = base;
    look.bold = look.bold || r.bold;
    look.italic = look.italic || r.italic;
    out += RunXml(r.text, look);
  }
  return out;
}

// A paragraph: jc is "both", "left", "center" or "right".
std::string Para(std::string_view jc, const std::string& runs, int first_indent = 0, int after = 60) {
  std::string ppr = fmt::format("<w:pPr><w:spacing w:before=\"0\" w:after=\"{}\"/>", after);
  if (first_indent > 0) ppr += fmt::format("<w:ind w:firstLine=\"{}\"/>", first_indent);
  ppr += fmt::format("<w:jc w:val=\"{}\"/></w:pPr>", jc);
  return "<w:p>" + ppr + runs + "</w:p>";
}

std::string Cell(int width, const std::string& paragraphs) {
  return fmt::format("<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>", width,
                     paragraphs.empty() ? Para("left", "") : paragraphs);
}

// A two-column table without borders (the heading, the signature).
std::string Columns(int left_width, const std::string& left, const std::string& right) {
  const int right_width = kTextWidth - left_width;
  return fmt::format(
      "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>"
      "<w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/>"
      "<w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders></w:tblPr>"
      "<w:tblGrid><w:gridCol w:w=\"{}\"/><w:gridCol w:w=\"{}\"/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl>",
      kTextWidth, left_width, right_width, Cell(left_width, left), Cell(right_width, right));
}

std::string HeadingXml(const Block& b) {
  const int left_width = kTextWidth * 45 / 100;
  std::string left;
  if (!b.parts[0].empty()) left += Para("center", RunXml(b.parts[0], RunLook{.caps = true}), 0, 0);
  left += Para("center", RunXml(b.parts[1].empty() ? kDots : b.parts[1], RunLook{.bold = true, .caps = true}), 0, 0);
  left += Para("center", RunXml("*", RunLook{}), 0, 0);
  if (!b.parts[2].empty()) left += Para("center", RunXml(Format(Msg::kTemplateNumber, b.parts[2]), RunLook{}), 0, 0);
  std::string right = Para("center", RunXml(Text(Msg::kPrintParty), RunLook{.bold = true, .underline = true}), 0, 200);
  right += Para("center", RunXml(PlaceDateText(b.parts[3], b.date), RunLook{.italic = true}), 0, 0);
  return Columns(left_width, left, right) + Para("left", "", 0, 240);
}

std::string SignatureXml(const Block& b) {
  const int half = kTextWidth / 2;
  std::string left = Para("left", RunXml(b.parts[0], RunLook{.italic = true, .size = kSmall}), 0, 0);
  std::string right = Para("center", RunXml(b.parts[1], RunLook{.bold = true}), 0, 0);
  right += Para("center", RunXml(b.parts[2], RunLook{.bold = true}), 0, 0);
  for (int i = 0; i < 4; ++i) right += Para("center", "", 0, 0);
  right += Para("center", RunXml(b.parts[3], RunLook{.bold = true}), 0, 0);
  return Columns(half, left, right);
}

std::string TableXml(const Block& b) {
  int sum = 0;
  for (int w : b.widths) sum += w;
  std::vector<int> widths;
  for (int w : b.widths) widths.push_back(kTextWidth * w / std::max(1, sum));
  std::string grid;
  for (int w : widths) grid += fmt::format("<w:gridCol w:w=\"{}\"/>", w);
  auto row = [&](const std::vector<Line>& cells, bool header) {
    std::string tr = header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>";
    for (size_t i = 0; i < widths.size(); ++i) {
      const Line empty;
      const Line& cell = i < cells.size() ? cells[i] : empty;
      tr += Cell(widths[i],
                 Para(header ? "center" : "left", LineXml(cell, RunLook{.bold = header, .size = kTableText}), 0, 0));
    }
    return tr + "</w:tr>";
  };
  std::string out = fmt::format(
      "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>"
      "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>"
      "<w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar>"
      "</w:tblPr><w:tblGrid>{}</w:tblGrid>",
      kTextWidth, grid);
  const bool has_header = std::any_of(b.header.begin(), b.header.end(), [](const Line& l) { return !l.empty(); });
  if (has_header) out += row(b.header, true);
  for (const auto& r : b.rows) out += row(r, false);
  return out + "</w:tbl>" + Para("left", "", 0, 120);
}

std::string DocumentXml(const Document& d) {
  std::string body;
  for (const auto& b : d.blocks) {
    switch (b.kind) {
      case BlockKind::kHeading:
        body += HeadingXml(b);
        break;
      case BlockKind::kTitle:
        body += Para("center", LineXml(b.line, RunLook{.bold = true, .size = kTitle}), 0, 0);
        break;
      case BlockKind::kSubtitle:
        body += Para("center", LineXml(b.line, RunLook{.italic = true}), 0, 200);
        break;
      case BlockKind::kParagraph: {
        const std::string_view jc = b.align == Align::kJustify  ? "both"
                                    : b.align == Align::kCenter ? "center"
                                    : b.align == Align::kRight  ? "right"
                                                                : "left";
        body += Para(jc, LineXml(b.line, RunLook{}), b.align == Align::kJustify ? kFirstIndent : 0);
        break;
      }
      case BlockKind::kSpace:
        body += Para("left", "");
        break;
      case BlockKind::kTable:
        body += TableXml(b);
        break;
      case BlockKind::kSignature:
        body += SignatureXml(b);
        break;
    }
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
         body +
         fmt::format(
             "<w:sectPr><w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" "
             "w:left=\"{}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>",
             kPageWidth, kPageHeight, kMarginTop, kMarginRight, kMarginTop, kMarginLeft) +
         "</w:body></w:document>";
}

constexpr std::string_view kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

constexpr std::string_view kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>";

constexpr std::string_view kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "</Relationships>";

std::string StylesXml() {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults>"
      "<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
      "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>"
      "<w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
      "<w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
      "</w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
      "</w:style></w:styles>",
      kBody);
}

std::string CoreXml(const Document& d) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         Xml(d.title) + "</dc:title><dc:creator>TCXD</dc:creator></cp:coreProperties>";
}

}  // namespace

Result<std::string> DocumentDocx(const Document& doc) {
  io::ZipMemory out;
  out.writing = true;
  zlib_filefunc64_def def = io::ZipMemoryFuncs(&out);
  zipFile zip = zipOpen2_64("memory.docx", APPEND_STATUS_CREATE, nullptr, &def);
  if (zip == nullptr) return Error::Internal("docx: cannot open the zip");
  const std::pair<const char*, std::string> parts[] = {
      {"[Content_Types].xml", std::string(kContentTypes)},
      {"_rels/.rels", std::string(kRootRels)},
      {"word/document.xml", DocumentXml(doc)},
      {"word/styles.xml", StylesXml()},
      {"word/_rels/document.xml.rels", std::string(kDocumentRels)},
      {"docProps/core.xml", CoreXml(doc)},
  };
  bool ok = true;
  for (const auto& [name, content] : parts) {
    zip_fileinfo info{};
    ok = ok && zipOpenNewFileInZip64(zip, name, &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                     Z_DEFAULT_COMPRESSION, 0) == ZIP_OK;
    ok = ok && zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size())) == ZIP_OK;
    ok = ok && zipCloseFileInZip(zip) == ZIP_OK;
  }
  ok = zipClose(zip, nullptr) == ZIP_OK && ok;
  if (!ok) return Error::Internal("docx: cannot write the zip");
  return std::move(out.out);
}

}  // namespace tcxd::print
