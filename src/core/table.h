// A table of text cells, as read from a spreadsheet or a CSV file. Rows keep the number the user
// sees in Excel (1-based line of the sheet), so that errors can point at them.
#pragma once

#include <string>
#include <vector>

namespace tcxd {

struct TableRow {
  int number = 0;                  // 1-based row number in the sheet or line in the file
  std::vector<std::string> cells;  // UTF-8, as stored in the file (not yet cleaned); may be shorter than others
};

struct Table {
  std::vector<TableRow> rows;  // rows without any non-empty cell are left out
  bool date1904 = false;       // the workbook counts date serial numbers from 1904 (old Mac Excel)
};

}  // namespace tcxd
