// Writing tables: .xlsx through libxlsxwriter (constant-memory mode: rows are streamed to a temporary
// file, so 100,000 rows do not sit in memory) and CSV. Cells are always written as text or dates,
// never as formulas: a cell "=HYPERLINK(…)" stays text in Excel (and is neutralized in CSV).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace tcxd::io {

// The media type of the .xlsx files written here.
inline constexpr const char* kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct ExportColumn {
  std::string header;  // Vietnamese
  double width = 15;   // in Excel character widths
  bool date = false;   // cells are "YYYY-MM-DD" (or empty): written as Excel dates shown dd/mm/yyyy
};

class XlsxWriter final {
 public:
  // `title`, when not empty, goes on a first merged row above the header row.
  static Result<std::unique_ptr<XlsxWriter>> Create(const std::string& sheet_name, std::vector<ExportColumn> columns,
                                                    const std::string& title = {});
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts another worksheet (same formats); the rows added next go to it.
  Status AddSheet(const std::string& sheet_name, std::vector<ExportColumn> columns, const std::string& title = {});
  // REQUIRES: cells.size() <= the number of columns of the current sheet. Text may contain line breaks.
  void AddRow(const std::vector<std::string>& cells);
  // Closes the workbook and returns the file's bytes. REQUIRES: called once.
  Result<std::string> Finish();

 private:
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One CSV line (RFC 4180, CRLF-terminated). A cell that Excel would run as a formula (starting with
// '=', '+', '-', '@', tab or CR) gets a leading apostrophe (OWASP "CSV injection").
std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace tcxd::io
