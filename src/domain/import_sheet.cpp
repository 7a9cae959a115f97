#include "domain/import_sheet.h"

#include <algorithm>
#include <map>

#include "domain/catalog.h"
#include "text/unicode.h"

namespace tcxd {
namespace {

constexpr size_t kHeaderSearchRows = 10;

// The value shown in a report: cut near 100 characters, at a code point boundary.
std::string Cut(std::string_view s) {
  std::string out(s.substr(0, 400));
  if (text::CodePointCount(out) > 100) {
    size_t cps = 0;
    size_t i = 0;
    for (; i < out.size() && cps < 100; ++i) {
      if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80) ++cps;
    }
    while (i < out.size() && (static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) ++i;
    out = out.substr(0, i) + "…";
  }
  return out;
}

}  // namespace

std::string SheetLayout::Raw(const TableRow& row, size_t column) const {
  const int c = cell_of_column[column];
  if (c < 0 || static_cast<size_t>(c) >= row.cells.size()) return {};
  return row.cells[static_cast<size_t>(c)];
}

std::string SheetLayout::Cell(const TableRow& row, size_t column) const {
  return text::CleanText(Raw(row, column));
}

ImportIssue SheetLayout::Issue(const TableRow& row, size_t column, std::string_view field, std::string message) const {
  return ImportIssue{row.number, titles[column], std::string(field), Cut(Raw(row, column)), std::move(message)};
}

Result<SheetLayout> LocateColumns(const Table& table, const std::vector<ImportColumn>& columns, Msg no_header,
                                  size_t max_rows) {
  std::map<std::string, size_t> key_to_column;
  for (size_t c = 0; c < columns.size(); ++c) {
    key_to_column[CatalogMatchKey(Text(columns[c].header))] = c;
    for (auto a : columns[c].aliases) key_to_column[CatalogMatchKey(a)] = c;
  }

  SheetLayout layout;
  layout.header_index = table.rows.size();
  std::vector<int> column_of_cell;  // file column -> index in `columns`, -1 when not recognized
  for (size_t r = 0; r < table.rows.size() && r < kHeaderSearchRows; ++r) {
    std::vector<int> found(table.rows[r].cells.size(), -1);
    int known = 0;
    for (size_t c = 0; c < found.size(); ++c) {
      auto it = key_to_column.find(CatalogMatchKey(table.rows[r].cells[c]));
      if (it != key_to_column.end()) {
        found[c] = static_cast<int>(it->second);
        ++known;
      }
    }
    if (known >= 2) {
      layout.header_index = r;
      column_of_cell = std::move(found);
      break;
    }
  }
  if (layout.header_index == table.rows.size()) return Error::Invalid("file", no_header);
  const TableRow& header = table.rows[layout.header_index];
  layout.header_row = header.number;

  layout.cell_of_column.assign(columns.size(), -1);
  for (size_t c = 0; c < column_of_cell.size(); ++c) {
    const int spec = column_of_cell[c];
    const std::string title = text::CleanText(header.cells[c]);
    if (spec < 0) {
      if (!title.empty()) layout.ignored.push_back(title);
      continue;
    }
    if (layout.cell_of_column[static_cast<size_t>(spec)] >= 0)
      return Error::Invalid("file", Format(Msg::kImportDuplicateColumn, title));
    layout.cell_of_column[static_cast<size_t>(spec)] = static_cast<int>(c);
  }
  layout.titles.reserve(columns.size());
  for (size_t s = 0; s < columns.size(); ++s) {
    if (columns[s].required && layout.cell_of_column[s] < 0) {
      return Error::Invalid("file", Format(Msg::kImportMissingColumn, Text(columns[s].header)));
    }
    const int c = layout.cell_of_column[s];
    layout.titles.push_back(c >= 0 ? text::CleanText(header.cells[static_cast<size_t>(c)])
                                   : std::string(Text(columns[s].header)));
  }
  layout.data_rows = static_cast<int>(table.rows.size() - layout.header_index - 1);
  if (static_cast<size_t>(layout.data_rows) > max_rows) {
    return Error::Invalid("file", Format(Msg::kImportTooManyRows, layout.data_rows, max_rows));
  }
  return layout;
}

void SortIssuesByRow(std::vector<ImportIssue>& issues) {
  std::stable_sort(issues.begin(), issues.end(),
                   [](const ImportIssue& a, const ImportIssue& b) { return a.row < b.row; });
}

}  // namespace tcxd
