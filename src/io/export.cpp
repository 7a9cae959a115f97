#include "io/export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/date.h"

namespace tcxd::io {

struct XlsxWriter::Impl {
  std::string path;
  lxw_workbook* wb = nullptr;
  lxw_worksheet* ws = nullptr;
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;
  lxw_format* date = nullptr;
  lxw_format* title = nullptr;
  std::vector<ExportColumn> columns;
  lxw_row_t row = 0;
  bool finished = false;

  ~Impl() {
    if (!finished && wb != nullptr) workbook_close(wb);
    if (!path.empty()) std::remove(path.c_str());
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWriter::~XlsxWriter() = default;

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& sheet_name, std::vector<ExportColumn> columns,
                                                       const std::string& title) {
  auto impl = std::make_unique<Impl>();
  std::string tmpl = (std::filesystem::temp_directory_path() / "tcxd-export-XXXXXX").string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return Error::Internal("mkstemp failed");
  close(fd);
  impl->path = tmpl;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  impl->wb = workbook_new_opt(impl->path.c_str(), &options);
  if (impl->wb == nullptr) return Error::Internal("workbook_new_opt failed");

  impl->header = workbook_add_format(impl->wb);
  format_set_bold(impl->header);
  format_set_text_wrap(impl->header);
  format_set_align(impl->header, LXW_ALIGN_CENTER);
  format_set_align(impl->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(impl->header, LXW_BORDER_THIN);
  format_set_bg_color(impl->header, 0xE8EEF7);
  impl->text = workbook_add_format(impl->wb);
  format_set_text_wrap(impl->text);
  format_set_align(impl->text, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format(impl->text, "@");
  impl->date = workbook_add_format(impl->wb);
  format_set_num_format(impl->date, "dd/mm/yyyy");
  format_set_align(impl->date, LXW_ALIGN_VERTICAL_TOP);

  impl->title = workbook_add_format(impl->wb);
  format_set_bold(impl->title);
  format_set_font_size(impl->title, 13);
  auto w = std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(impl)));
  TCXD_RETURN_IF_ERROR(w->AddSheet(sheet_name, std::move(columns), title));
  return w;
}

Status XlsxWriter::AddSheet(const std::string& sheet_name, std::vector<ExportColumn> columns,
                            const std::string& title) {
  Impl& d = *impl_;
  d.ws = workbook_add_worksheet(d.wb, sheet_name.c_str());
  if (d.ws == nullptr) return Error::Internal("workbook_add_worksheet failed");
  d.row = 0;
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_set_column(d.ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), columns[c].width,
                         columns[c].date ? d.date : d.text);
  }
  if (!title.empty()) {
    worksheet_write_string(d.ws, 0, 0, title.c_str(), d.title);
    d.row = 1;
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(d.ws, d.row, static_cast<lxw_col_t>(c), columns[c].header.c_str(), d.header);
  }
  worksheet_freeze_panes(d.ws, d.row + 1, 0);
  ++d.row;
  d.columns = std::move(columns);
  return Status::Ok();
}

void XlsxWriter::AddRow(const std::vector<std::string>& cells) {
  Impl& d = *impl_;
  for (size_t c = 0; c < cells.size() && c < d.columns.size(); ++c) {
    const std::string& v = cells[c];
    if (v.empty()) continue;
    const auto col = static_cast<lxw_col_t>(c);
    if (d.columns[c].date) {
      if (auto date = Date::Parse(v)) {
        lxw_datetime dt{date->year(), date->month(), date->day(), 0, 0, 0};
        worksheet_write_datetime(d.ws, d.row, col, &dt, d.date);
        continue;
      }
    }
    // write_string never interprets the text: "=HYPERLINK(…)" is stored as a string, not a formula.
    worksheet_write_string(d.ws, d.row, col, v.c_str(), d.text);
  }
  ++d.row;
}

Result<std::string> XlsxWriter::Finish() {
  Impl& d = *impl_;
  d.finished = true;
  const lxw_error err = workbook_close(d.wb);
  d.wb = nullptr;
  if (err != LXW_NO_ERROR) return Error::Internal(std::string("workbook_close: ") + lxw_strerror(err));
  std::ifstream in(d.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    std::string v = cells[i];
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) {
      v.insert(v.begin(), '\'');
    }
    if (v.find_first_of(",\"\r\n;") != std::string::npos) {
      std::string q = "\"";
      for (char c : v) {
        if (c == '"') q.push_back('"');
        q.push_back(c);
      }
      q.push_back('"');
      v = std::move(q);
    }
    out += v;
  }
  out += "\r\n";
  return out;
}

}  // namespace tcxd::io
