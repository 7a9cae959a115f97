#include "io/tabular.h"

#include <expat.h>
#include <minizip/unzip.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/zip_memory.h"
#include "text/unicode.h"

namespace tcxd::io {
namespace {

Error FileError(Msg msg) {
  return Error::Invalid("file", msg);
}
Error FileError(std::string message) {
  return Error::Invalid("file", std::move(message));
}
Error TooLarge(size_t bytes) {
  Error e = Error::Invalid("file", Format(Msg::kFileTooLarge, bytes >> 20));
  e.code = ErrorCode::kPayloadTooLarge;
  return e;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

void PushRow(Table& t, int number, std::vector<std::string>&& cells) {
  bool any = false;
  for (const auto& c : cells) any = any || !c.empty();
  if (any) t.rows.push_back(TableRow{number, std::move(cells)});
}

// ------------------------------------------------------------------ CSV

char GuessDelimiter(std::string_view text) {
  size_t counts[3] = {0, 0, 0};
  const char delims[3] = {',', ';', '\t'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    for (int i = 0; i < 3; ++i) counts[i] += (!quoted && c == delims[i]) ? 1 : 0;
  }
  int best = 0;
  for (int i = 1; i < 3; ++i) best = counts[i] > counts[best] ? i : best;
  return delims[best];
}

}  // namespace

Result<Table> ReadCsv(std::string_view text, const ReadLimits& limits) {
  if (text.size() > limits.max_file_bytes) return TooLarge(limits.max_file_bytes);
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  Table t;
  const char delim = GuessDelimiter(text);
  std::vector<std::string> cells;
  std::string cell;
  int line = 1;
  int row_start = 1;
  bool quoted = false;
  bool row_open = false;
  auto end_cell = [&] {
    cells.push_back(std::move(cell));
    cell.clear();
  };
  auto end_row = [&]() -> Status {
    end_cell();
    if (cells.size() > limits.max_columns)
      return FileError(Format(Msg::kFileTooManyColumns, row_start, limits.max_columns));
    for (const auto& c : cells) {
      if (!text::IsValidUtf8(c)) return FileError(Format(Msg::kFileCsvNotUtf8, row_start));
    }
    PushRow(t, row_start, std::move(cells));
    cells.clear();
    if (t.rows.size() > limits.max_rows) return FileError(Format(Msg::kFileTooManyRows, limits.max_rows));
    row_open = false;
    return Status::Ok();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!row_open) {
      row_open = true;
      row_start = line;
    }
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == delim) {
      end_cell();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      TCXD_RETURN_IF_ERROR(end_row());
      ++line;
    } else {
      cell.push_back(c);
    }
  }
  if (quoted) return FileError(Format(Msg::kFileCsvQuote, row_start));
  if (row_open) TCXD_RETURN_IF_ERROR(end_row());
  return t;
}

// ------------------------------------------------------------------ XLSX

namespace {

class Zip final {
 public:
  explicit Zip(std::string_view bytes) {
    mem_.in = bytes;
    zlib_filefunc64_def def = ZipMemoryFuncs(&mem_);
    zip_ = unzOpen2_64("memory", &def);
  }
  ~Zip() {
    if (zip_ != nullptr) unzClose(zip_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;
  bool ok() const { return zip_ != nullptr; }
  bool Has(const std::string& name) { return unzLocateFile(zip_, name.c_str(), 2) == UNZ_OK; }

  // Streams one entry into `sink` in chunks; counts every byte against `budget`. nullopt when the entry
  // is missing; an Error when it cannot be read or the budget runs out.
  template <typename Sink>
  Result<bool> Stream(const std::string& name, size_t& budget, size_t limit, Sink&& sink) {
    if (unzLocateFile(zip_, name.c_str(), 2) != UNZ_OK) return false;
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return FileError(Format(Msg::kFileCorrupt, name));
    std::vector<char> buf(size_t{1} << 16);
    for (;;) {
      const int n = unzReadCurrentFile(zip_, buf.data(), static_cast<unsigned>(buf.size()));
      if (n < 0) {
        unzCloseCurrentFile(zip_);
        return FileError(Format(Msg::kFileCorrupt, name));
      }
      if (n == 0) break;
      if (static_cast<size_t>(n) > budget) {
        unzCloseCurrentFile(zip_);
        return TooLarge(limit);
      }
      budget -= static_cast<size_t>(n);
      Status s = sink(std::string_view(buf.data(), static_cast<size_t>(n)), false);
      if (!s.ok()) {
        unzCloseCurrentFile(zip_);
        return s.error();
      }
    }
    const int crc = unzCloseCurrentFile(zip_);
    if (crc != UNZ_OK) return FileError(Format(Msg::kFileCorrupt, name));
    TCXD_RETURN_IF_ERROR(sink(std::string_view(), true));
    return true;
  }

 private:
  ZipMemory mem_;
  unzFile zip_ = nullptr;
};

// A SAX parser over one XML part; subclasses receive element starts/ends and text.
class XmlReader {
 public:
  XmlReader() : parser_(XML_ParserCreate("UTF-8")) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(
        parser_,
        [](void* self, const XML_Char* name, const XML_Char** attrs) {
          static_cast<XmlReader*>(self)->Start(LocalName(name), attrs);
        },
        [](void* self, const XML_Char* name) { static_cast<XmlReader*>(self)->End(LocalName(name)); });
    XML_SetCharacterDataHandler(parser_, [](void* self, const XML_Char* s, int len) {
      static_cast<XmlReader*>(self)->Text(std::string_view(s, static_cast<size_t>(len)));
    });
  }
  virtual ~XmlReader() { XML_ParserFree(parser_); }
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  // Feeds a chunk; `last` on the end of the part.
  Status Feed(std::string_view chunk, bool last, const std::string& part) {
    if (XML_Parse(parser_, chunk.data(), static_cast<int>(chunk.size()), last ? 1 : 0) == XML_STATUS_ERROR) {
      if (!error_.has_value()) {
        return FileError(Format(Msg::kFileCorrupt, part + ": " + XML_ErrorString(XML_GetErrorCode(parser_))));
      }
    }
    if (error_) return *error_;
    return Status::Ok();
  }

 protected:
  virtual void Start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view s) = 0;
  void Fail(Error e) {
    if (!error_) error_ = std::move(e);
    XML_StopParser(parser_, XML_FALSE);
  }
  static std::string_view Attr(const XML_Char** attrs, std::string_view name) {
    for (int i = 0; attrs[i] != nullptr; i += 2) {
      if (LocalName(attrs[i]) == name) return attrs[i + 1];
    }
    return {};
  }

 private:
  static std::string_view LocalName(const XML_Char* name) {
    std::string_view n(name);
    const auto colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
  }
  XML_Parser parser_;
  std::optional<Error> error_;
};

class SharedStrings final : public XmlReader {
 public:
  std::vector<std::string> strings;

 protected:
  void Start(std::string_view name, const XML_Char** /*attrs*/) override {
    if (name == "si") current_.clear(), in_si_ = true;
    if (name == "rPh") ++in_phonetic_;
    if (name == "t") in_t_ = true;
  }
  void End(std::string_view name) override {
    if (name == "si") strings.push_back(std::move(current_)), in_si_ = false;
    if (name == "rPh") --in_phonetic_;
    if (name == "t") in_t_ = false;
  }
  void Text(std::string_view s) override {
    if (in_si_ && in_t_ && in_phonetic_ == 0) current_.append(s);
  }

 private:
  std::string current_;
  bool in_si_ = false;
  bool in_t_ = false;
  int in_phonetic_ = 0;
};

// workbook.xml: the first sheet's relationship id and the date system.
class Workbook final : public XmlReader {
 public:
  std::string first_sheet_rid;
  bool date1904 = false;

 protected:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheet" && first_sheet_rid.empty()) first_sheet_rid = std::string(Attr(attrs, "id"));
    if (name == "workbookPr") {
      auto v = Attr(attrs, "date1904");
      date1904 = v == "1" || v == "true";
    }
  }
  void End(std::string_view /*name*/) override {}
  void Text(std::string_view /*s*/) override {}
};

class Relationships final : public XmlReader {
 public:
  std::map<std::string, std::string> targets;

 protected:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "Relationship") targets[std::string(Attr(attrs, "Id"))] = std::string(Attr(attrs, "Target"));
  }
  void End(std::string_view /*name*/) override {}
  void Text(std::string_view /*s*/) override {}
};

// "AB12" -> 27 (0-based column); -1 when there are no letters.
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 1'000'000) return -1;
  }
  return i == 0 ? -1 : col - 1;
}

// Numbers as Excel stores them ("1.2345678901E+11", "45123.0") in their shortest exact text.
std::string NumberText(const std::string& v) {
  double d = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || ptr != v.data() + v.size() || !std::isfinite(d)) return v;
  if (std::fabs(d) < 1e15 && d == std::floor(d)) return std::to_string(static_cast<int64_t>(d));
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

class Sheet final : public XmlReader {
 public:
  Sheet(const std::vector<std::string>& shared, const ReadLimits& limits, Table& out)
      : shared_(shared), limits_(limits), out_(out) {}

 protected:
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "row") {
      auto r = Attr(attrs, "r");
      int n = 0;
      auto [p, ec] = std::from_chars(r.data(), r.data() + r.size(), n);
      row_number_ = (ec == std::errc() && p == r.data() + r.size() && n > 0) ? n : row_number_ + 1;
      cells_.clear();
      next_col_ = 0;
    } else if (name == "c") {
      type_ = std::string(Attr(attrs, "t"));
      const int col = ColumnOf(Attr(attrs, "r"));
      col_ = col >= 0 ? col : next_col_;
      value_.clear();
      inline_.clear();
    } else if (name == "v") {
      in_v_ = true;
    } else if (name == "is") {
      in_is_ = true;
    } else if (name == "t" && in_is_) {
      in_t_ = true;
    } else if (name == "rPh") {
      ++in_phonetic_;
    }
  }
  void End(std::string_view name) override {
    if (name == "v") {
      in_v_ = false;
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "t") {
      in_t_ = false;
    } else if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "c") {
      EndCell();
    } else if (name == "row") {
      PushRow(out_, row_number_, std::move(cells_));
      cells_.clear();
      if (out_.rows.size() > limits_.max_rows) Fail(FileError(Format(Msg::kFileTooManyRows, limits_.max_rows)));
    }
  }
  void Text(std::string_view s) override {
    if (in_v_) value_.append(s);
    if (in_is_ && in_t_ && in_phonetic_ == 0) inline_.append(s);
  }

 private:
  void EndCell() {
    if (static_cast<size_t>(col_) >= limits_.max_columns) {
      if (!value_.empty() || !inline_.empty()) {
        Fail(FileError(Format(Msg::kFileTooManyColumns, row_number_, limits_.max_columns)));
      }
      return;
    }
    std::string text;
    if (type_ == "s") {
      size_t i = 0;
      auto [p, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), i);
      if (ec != std::errc() || i >= shared_.size()) {
        Fail(FileError(Format(Msg::kFileCorrupt, "sharedStrings")));
        return;
      }
      text = shared_[i];
    } else if (type_ == "inlineStr") {
      text = std::move(inline_);
    } else if (type_ == "b") {
      text = value_ == "1" ? "TRUE" : "FALSE";
    } else if (type_ == "str" || type_ == "e") {
      text = std::move(value_);
    } else {
      text = value_.empty() ? std::string() : NumberText(value_);
    }
    if (cells_.size() <= static_cast<size_t>(col_)) cells_.resize(static_cast<size_t>(col_) + 1);
    cells_[static_cast<size_t>(col_)] = std::move(text);
    next_col_ = col_ + 1;
  }

  const std::vector<std::string>& shared_;
  const ReadLimits& limits_;
  Table& out_;
  int row_number_ = 0;
  std::vector<std::string> cells_;
  int col_ = 0;
  int next_col_ = 0;
  std::string type_;
  std::string value_;
  std::string inline_;
  bool in_v_ = false;
  bool in_is_ = false;
  bool in_t_ = false;
  int in_phonetic_ = 0;
};

template <typename Reader>
Status ReadPart(Zip& zip, const std::string& name, Reader& reader, size_t& budget, size_t limit, bool required) {
  auto found = zip.Stream(name, budget, limit,
                          [&](std::string_view chunk, bool last) { return reader.Feed(chunk, last, name); });
  if (!found.ok()) return found.error();
  if (!*found && required) return FileError(Format(Msg::kFileCorrupt, name));
  return Status::Ok();
}

}  // namespace

Result<Table> ReadXlsx(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) return TooLarge(limits.max_file_bytes);
  Zip zip(bytes);
  if (!zip.ok()) return FileError(Format(Msg::kFileCorrupt, "zip"));
  if (!zip.Has("xl/workbook.xml")) return FileError(Msg::kFileNotSpreadsheet);  // a .docx, a plain .zip
  size_t budget = limits.max_uncompressed_bytes;
  const size_t limit = limits.max_uncompressed_bytes;

  Workbook wb;
  TCXD_RETURN_IF_ERROR(ReadPart(zip, "xl/workbook.xml", wb, budget, limit, /*required=*/true));
  std::string sheet = "xl/worksheets/sheet1.xml";
  Relationships rels;
  TCXD_RETURN_IF_ERROR(ReadPart(zip, "xl/_rels/workbook.xml.rels", rels, budget, limit, /*required=*/false));
  if (auto it = rels.targets.find(wb.first_sheet_rid); it != rels.targets.end()) {
    const std::string& target = it->second;
    sheet = target.starts_with('/') ? target.substr(1) : "xl/" + target;
  }
  SharedStrings ss;
  TCXD_RETURN_IF_ERROR(ReadPart(zip, "xl/sharedStrings.xml", ss, budget, limit, /*required=*/false));
  Table t;
  t.date1904 = wb.date1904;
  Sheet reader(ss.strings, limits, t);
  TCXD_RETURN_IF_ERROR(ReadPart(zip, sheet, reader, budget, limit, /*required=*/true));
  return t;
}

namespace {

// Excel's "Unicode Text" (and some CSV writers) produce UTF-16LE with a byte order mark: converted to
// UTF-8 here, unpaired surrogates as U+FFFD.
std::string Utf16LeToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8);
  };
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

}  // namespace

Result<Table> ReadTable(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) return TooLarge(limits.max_file_bytes);
  std::string_view content = bytes;
  if (StartsWith(content, "\xEF\xBB\xBF")) content.remove_prefix(3);
  bool blank = true;
  for (char c : content) blank = blank && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
  if (blank) return FileError(Msg::kFileEmpty);
  if (StartsWith(bytes, "\xD0\xCF\x11\xE0")) return FileError(Msg::kFileOldXls);
  if (StartsWith(bytes, "\xFF\xFE")) {
    const std::string utf8 = Utf16LeToUtf8(bytes.substr(2));
    auto t = ReadCsv(utf8, limits);
    if (t.ok() && t->rows.empty()) return FileError(Msg::kFileEmpty);
    return t;
  }
  if (StartsWith(bytes, "PK\x03\x04")) {
    auto t = ReadXlsx(bytes, limits);
    if (t.ok() && t->rows.empty()) return FileError(Msg::kFileEmpty);
    return t;
  }
  // Control characters other than tab and line ends mean a binary file (an image, a PDF, a zip of
  // another kind), not CSV text.
  for (unsigned char c : content.substr(0, 4096)) {
    if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') return FileError(Msg::kFileNotSpreadsheet);
  }
  if (StartsWith(content, "%PDF")) return FileError(Msg::kFileNotSpreadsheet);
  auto t = ReadCsv(bytes, limits);
  if (t.ok() && t->rows.empty()) return FileError(Msg::kFileEmpty);
  return t;
}

}  // namespace tcxd::io
