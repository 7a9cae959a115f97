// Loading the commune-level units (đơn vị hành chính cấp xã: xã, phường, đặc khu; 3,321 from 1/7/2025)
// into the "commune" catalog from the official list file (the General Statistics Office's list of
// administrative units, as .xlsx or CSV), since no package ships it (issue #4). Pure domain: every row is
// read and checked, and the result is compared with the catalog as stored, so the user sees what would
// be added, changed, and what the file no longer lists, before anything is written.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/table.h"
#include "domain/catalog.h"
#include "domain/import_sheet.h"

namespace tcxd {

// "Mã xã" (also "Mã PX", "Mã ĐVHC cấp xã"…), "Tên đơn vị hành chính cấp xã" (also "Phường Xã", "Tên"…),
// "Cấp" (optional), "Mã tỉnh" (also "Mã TP") and/or "Tỉnh, thành phố" (also "Tỉnh Thành Phố").
const std::vector<ImportColumn>& CommuneImportColumns();

struct CommuneImportPlan {
  int header_row = 0;
  int data_rows = 0;
  std::vector<std::string> ignored;  // headers not recognized ("Quận Huyện" of older lists)
  std::vector<ImportIssue> issues;   // in row order
  int bad_rows = 0;
  std::vector<CatalogEntry> added;    // codes not yet in the catalog, in file order
  std::vector<CatalogEntry> changed;  // codes whose name or province differ, or that were retired
  int unchanged = 0;
  std::vector<CatalogEntry> missing;  // active entries of the catalog that the file does not list
};

// Reads the list: codes of up to 5 digits (a spreadsheet drops leading zeros: "4" is "00004"); the name
// prefixed with its level when the file gives the level apart ("Ba Đình", "Phường" → "Phường Ba Đình");
// the province by code or by name, matched in `provinces` (the catalog from 1/7/2025), and both must
// agree when both are given; a code or a name repeated within a province is an issue.
// `stored` is the commune catalog as stored (retired entries included).
Result<CommuneImportPlan> PlanCommuneImport(const Table& table, const CatalogMatcher& provinces,
                                            const std::vector<CatalogEntry>& stored);

}  // namespace tcxd
