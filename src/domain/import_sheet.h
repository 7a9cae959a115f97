// What every spreadsheet import shares (members, commune-level units): the columns it understands, the
// header found among the first rows without diacritics or case, and the findings reported per cell.
// Pure domain: the table comes from src/io.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/table.h"
#include "i18n/messages.h"

namespace tcxd {

// A column an import understands. The header is matched without diacritics, case or punctuation
// against `header` and `aliases`.
struct ImportColumn {
  std::string_view field;
  Msg header;  // the Vietnamese header written in exports and in templates
  std::vector<std::string_view> aliases;
  bool required = false;
  bool date = false;
};

// One finding about one cell (or a whole row when `column` is empty).
struct ImportIssue {
  int row = 0;          // the row number the user sees in Excel
  std::string column;   // the header as written in the file ("Ngày sinh")
  std::string field;    // "birth_date"; "" for the whole row
  std::string value;    // the cell as read (cut to 100 characters)
  std::string message;  // Vietnamese
};

// Where the columns of an import are in one file.
class SheetLayout {
 public:
  size_t header_index = 0;           // into Table::rows
  int header_row = 0;                // as the user sees it
  int data_rows = 0;                 // rows under the header
  std::vector<std::string> ignored;  // headers not recognized
  std::vector<int> cell_of_column;   // index in the columns -> file column, -1 when absent
  std::vector<std::string> titles;   // index in the columns -> the header as written (or the default)

  bool Has(size_t column) const { return cell_of_column[column] >= 0; }
  // The cell as stored (not cleaned); empty when the column is absent or the row is short.
  std::string Raw(const TableRow& row, size_t column) const;
  // The cell cleaned (trimmed, NFC, spaces folded).
  std::string Cell(const TableRow& row, size_t column) const;
  // An issue on one cell of `row`, with the cell's value cut for the report.
  ImportIssue Issue(const TableRow& row, size_t column, std::string_view field, std::string message) const;
};

// Finds the header — the first row, among the first 10, naming at least two of `columns` — and maps each
// column to its place. File-level problems are an Error on field "file": no header (`no_header`), a
// required column missing, a column given twice, more than `max_rows` rows under the header.
Result<SheetLayout> LocateColumns(const Table& table, const std::vector<ImportColumn>& columns, Msg no_header,
                                  size_t max_rows);

// Keeps issues in row order (stable within a row).
void SortIssuesByRow(std::vector<ImportIssue>& issues);

}  // namespace tcxd
