// Importing members from a spreadsheet (rules §2; issue #4): which columns are recognized, how each
// cell is read (dates as dd/mm/yyyy or Excel serial numbers, "Nam"/"Nữ", status labels, catalog values
// without diacritics), and every row validated before anything is written. Pure domain: the table comes
// from src/io, duplicates against stored members and the branch codes are checked by the service.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/table.h"
#include "domain/catalog.h"
#include "domain/import_sheet.h"
#include "domain/member.h"
#include "domain/rules.h"

namespace tcxd {

// The columns of a member import; "branch" is the code of the branch the row goes to.
// In the order of the template and of the list export (so an export can be imported back).
const std::vector<ImportColumn>& MemberImportColumns();

struct ImportCandidate {
  int row = 0;
  Member member;       // org_id not set: the service places it
  std::string branch;  // the branch code from the "Mã chi bộ" column; empty = the organization imported into
};

struct ImportPlan {
  int header_row = 0;
  int data_rows = 0;                   // rows under the header
  std::vector<std::string> ignored;    // headers not recognized (left out of the import)
  std::vector<ImportCandidate> valid;  // rows without any issue, in file order
  std::vector<ImportIssue> issues;     // in row order, then column order
  int bad_rows = 0;                    // rows with at least one issue
  bool has_branch_column = false;      // the file names each row's branch ("Mã chi bộ")
};

struct ImportContext {
  const RuleSet* rules = nullptr;
  Date today;
  const CatalogMatcher* ethnicity = nullptr;  // nullptr: values kept as written
  const CatalogMatcher* religion = nullptr;
  size_t max_rows = 200'000;
};

// Reads a cell as a date: d/m/yyyy (also with '-' or '.'), yyyy-mm-dd, or an Excel serial number
// (1900 date system, or 1904 when `date1904`); nullopt when it is none of these or the day does not exist.
std::optional<Date> ParseImportDate(std::string_view cell, bool date1904 = false);

// Finds the header (the first row naming at least two known columns, among the first 10 rows), reads
// and validates every row under it. File-level problems — no header, a required column missing, a
// column given twice, more rows than `max_rows` — are an Error on field "file". Row problems are issues;
// rows repeating a national ID or card number of an earlier row are issues too.
// REQUIRES: ctx.rules set.
Result<ImportPlan> PlanMemberImport(const Table& table, const ImportContext& ctx);

// Adds issues found later (by the service: duplicates of stored members, unknown branch codes) and
// moves their rows from `valid` to the bad rows. Keeps the issues in row order (stable within a row).
void AddImportIssues(ImportPlan& plan, std::vector<ImportIssue> issues);

}  // namespace tcxd
