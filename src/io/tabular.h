// Reading spreadsheets: .xlsx (Office Open XML, first worksheet) and CSV, from bytes in memory, with
// limits so that a hostile file (a zip bomb, a million columns) is refused rather than read.
// No Excel needed: .xlsx is a zip of XML parts, read with minizip and expat from Debian
// (docs/decisions/0007-spreadsheets.md). An adapter layer: no domain rules here.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/error.h"
#include "core/table.h"

namespace tcxd::io {

struct ReadLimits {
  size_t max_file_bytes = size_t{64} << 20;           // the file itself
  size_t max_uncompressed_bytes = size_t{512} << 20;  // all XML parts of an .xlsx together
  size_t max_rows = 1'000'000;
  size_t max_columns = 256;
};

// Reads an .xlsx or CSV file, recognized by its content (not its name). Cells are returned as text:
// shared and inline strings as written, numbers in their shortest exact form ("45123", "12.5"),
// booleans as "TRUE"/"FALSE", a formula's cached value. Rows with no non-empty cell are left out.
// Errors are kInvalid on field "file" with a Vietnamese message: empty file, not a spreadsheet, the old
// binary .xls format, a damaged file, CSV that is not UTF-8; kPayloadTooLarge beyond the limits.
Result<Table> ReadTable(std::string_view bytes, const ReadLimits& limits = {});

// CSV per RFC 4180 with a UTF-8 byte order mark allowed, and the delimiter (',', ';' or tab) guessed from
// the first line. Line numbers count physical lines (a quoted cell spanning lines counts each).
Result<Table> ReadCsv(std::string_view text, const ReadLimits& limits = {});
Result<Table> ReadXlsx(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace tcxd::io
