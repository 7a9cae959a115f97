#include "domain/commune_import.h"

#include <algorithm>
#include <map>

#include "text/unicode.h"

namespace tcxd {
namespace {

constexpr size_t kMaxRows = 20'000;  // 3,321 units today; 10,599 before the 2025 merger

enum Column : size_t { kNo, kCode, kName, kLevel, kProvinceCode, kProvinceName };

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "4" -> "00004"; "04.0" (a number cell written by some tools) -> "00004"; nullopt when not a code.
std::optional<std::string> NormalizeCode(std::string_view v, size_t width) {
  if (auto dot = v.find('.'); dot != std::string_view::npos) {
    const std::string_view frac = v.substr(dot + 1);
    if (!std::all_of(frac.begin(), frac.end(), [](char c) { return c == '0'; })) return std::nullopt;
    v = v.substr(0, dot);
  }
  if (!AllDigits(v) || v.size() > width) return std::nullopt;
  return std::string(width - v.size(), '0') + std::string(v);
}

}  // namespace

const std::vector<ImportColumn>& CommuneImportColumns() {
  static const std::vector<ImportColumn> columns = {
      {"no", Msg::kImportColNo, {"TT", "Số thứ tự"}},
      {"code",
       Msg::kCommuneColCode,
       {"Mã", "Mã PX", "Mã phường xã", "Mã xã phường", "Mã ĐVHC cấp xã", "Mã số ĐVHC cấp xã",
        "Mã đơn vị hành chính cấp xã", "Mã số đơn vị hành chính cấp xã", "Mã cấp xã"},
       true},
      {"name",
       Msg::kCommuneColName,
       {"Tên", "Phường Xã", "Xã Phường", "Tên xã", "Tên phường xã", "Tên ĐVHC cấp xã", "Tên đơn vị hành chính",
        "Đơn vị hành chính cấp xã", "Xã, phường, đặc khu", "Tên cấp xã"},
       true},
      {"level", Msg::kCommuneColLevel, {"Cấp xã", "Loại", "Loại đơn vị"}},
      {"province_code",
       Msg::kCommuneColProvinceCode,
       {"Mã TP", "Mã tỉnh thành phố", "Mã tỉnh/thành phố", "Mã ĐVHC cấp tỉnh", "Mã số ĐVHC cấp tỉnh",
        "Mã đơn vị hành chính cấp tỉnh", "Mã cấp tỉnh"}},
      {"province_name",
       Msg::kCommuneColProvinceName,
       {"Tỉnh Thành Phố", "Tỉnh / Thành phố", "Tỉnh", "Tên tỉnh", "Tên tỉnh thành phố", "Tên ĐVHC cấp tỉnh",
        "Tên đơn vị hành chính cấp tỉnh", "Cấp tỉnh"}},
  };
  return columns;
}

Result<CommuneImportPlan> PlanCommuneImport(const Table& table, const CatalogMatcher& provinces,
                                            const std::vector<CatalogEntry>& stored) {
  const auto& columns = CommuneImportColumns();
  auto located = LocateColumns(table, columns, Msg::kCommuneNoHeader, kMaxRows);
  if (!located.ok()) return located.error();
  const SheetLayout& layout = located.value();
  if (!layout.Has(kProvinceCode) && !layout.Has(kProvinceName)) {
    return Error::Invalid("file", Msg::kCommuneNoProvinceColumn);
  }
  CommuneImportPlan plan;
  plan.header_row = layout.header_row;
  plan.data_rows = layout.data_rows;
  plan.ignored = layout.ignored;

  const std::map<std::string, std::string> levels = {
      {CatalogMatchKey(Text(Msg::kCommuneLevelXa)), std::string(Text(Msg::kCommuneLevelXa))},
      {CatalogMatchKey(Text(Msg::kCommuneLevelPhuong)), std::string(Text(Msg::kCommuneLevelPhuong))},
      {CatalogMatchKey(Text(Msg::kCommuneLevelDacKhu)), std::string(Text(Msg::kCommuneLevelDacKhu))},
  };
  std::map<std::string, const CatalogEntry*> stored_by_code;
  for (const auto& e : stored) stored_by_code[e.code] = &e;
  std::map<std::string, int> codes;                          // code -> first row
  std::map<std::pair<std::string, std::string>, int> names;  // (province, name key) -> first row
  std::vector<CatalogEntry> listed;                          // the valid rows, in file order

  for (size_t r = layout.header_index + 1; r < table.rows.size(); ++r) {
    const TableRow& row = table.rows[r];
    std::vector<ImportIssue> issues;
    std::vector<bool> bad(columns.size(), false);  // a column already reported on this row
    auto issue = [&](size_t column, std::string message) {
      bad[column] = true;
      issues.push_back(layout.Issue(row, column, columns[column].field, std::move(message)));
    };
    // Each cell: valid UTF-8, not a formula.
    std::vector<std::string> cell(columns.size());
    for (size_t c = kCode; c < columns.size(); ++c) {
      if (!layout.Has(c)) continue;
      if (!text::IsValidUtf8(layout.Raw(row, c))) {
        issue(c, std::string(Text(Msg::kNotUtf8)));
        continue;
      }
      cell[c] = layout.Cell(row, c);
      if (!cell[c].empty() && cell[c][0] == '=') {
        issue(c, std::string(Text(Msg::kImportFormula)));
        cell[c].clear();
      }
    }

    CatalogEntry e;
    e.catalog = "commune";
    if (auto code = NormalizeCode(cell[kCode], 5)) {
      e.code = *code;
    } else if (!bad[kCode]) {
      issue(kCode, std::string(cell[kCode].empty() ? Text(Msg::kRequired) : Text(Msg::kCommuneBadCode)));
    }
    e.name = cell[kName];
    if (e.name.empty()) {
      if (!bad[kName]) issue(kName, std::string(Text(Msg::kRequired)));
    } else if (text::CodePointCount(e.name) > 200) {
      issue(kName, Format(Msg::kTooLong, 200));
    }
    if (!cell[kLevel].empty()) {
      auto it = levels.find(CatalogMatchKey(cell[kLevel]));
      if (it == levels.end()) {
        issue(kLevel, std::string(Text(Msg::kCommuneBadLevel)));
      } else if (!e.name.empty() && CatalogMatchKey(e.name).rfind(it->first, 0) != 0) {
        e.name = it->second + " " + e.name;  // "Ba Đình" of level "Phường" is "Phường Ba Đình"
      }
    }

    // The province: by code, by name, and both agreeing.
    const CatalogEntry* by_code = nullptr;
    const CatalogEntry* by_name = nullptr;
    if (!cell[kProvinceCode].empty()) {
      auto code = NormalizeCode(cell[kProvinceCode], 2);
      by_code = code ? provinces.Find(*code) : nullptr;
      if (!by_code || by_code->code != *code) {
        by_code = nullptr;
        issue(kProvinceCode, Format(Msg::kCommuneUnknownProvince, cell[kProvinceCode]));
      }
    }
    if (!cell[kProvinceName].empty()) {
      by_name = provinces.Find(cell[kProvinceName]);
      if (!by_name) issue(kProvinceName, Format(Msg::kCommuneUnknownProvince, cell[kProvinceName]));
    }
    if (by_code && by_name && by_code != by_name) {
      issue(kProvinceName, Format(Msg::kCommuneProvinceMismatch, by_code->code, by_code->name, cell[kProvinceName]));
    } else if (by_code || by_name) {
      e.parent = (by_code ? by_code : by_name)->code;
    } else if (cell[kProvinceCode].empty() && cell[kProvinceName].empty() && !bad[kProvinceCode] &&
               !bad[kProvinceName]) {
      issue(layout.Has(kProvinceCode) ? kProvinceCode : kProvinceName, std::string(Text(Msg::kRequired)));
    }

    // Repeats inside the file: a code, or a name within the same province.
    if (!e.code.empty()) {
      auto [it, inserted] = codes.emplace(e.code, row.number);
      if (!inserted) issue(kCode, Format(Msg::kImportDuplicateInFile, it->second));
    }
    if (!e.parent.empty() && !e.name.empty()) {
      auto [it, inserted] = names.emplace(std::make_pair(e.parent, CatalogMatchKey(e.name)), row.number);
      if (!inserted) issue(kName, Format(Msg::kCommuneDuplicateName, it->second));
    }

    if (!issues.empty()) {
      ++plan.bad_rows;
      plan.issues.insert(plan.issues.end(), std::make_move_iterator(issues.begin()),
                         std::make_move_iterator(issues.end()));
      continue;
    }
    e.sort = static_cast<int>(listed.size()) + 1;
    listed.push_back(std::move(e));
  }

  // Compared with the catalog as stored.
  std::map<std::string, bool> in_file;
  for (auto& e : listed) {
    in_file[e.code] = true;
    auto it = stored_by_code.find(e.code);
    if (it == stored_by_code.end()) {
      plan.added.push_back(std::move(e));
      continue;
    }
    const CatalogEntry& old = *it->second;
    if (old.name == e.name && old.parent == e.parent && !old.retired) {
      ++plan.unchanged;
      continue;
    }
    e.aliases = old.aliases;
    e.builtin = old.builtin;
    plan.changed.push_back(std::move(e));
  }
  for (const auto& e : stored) {
    if (!e.retired && in_file.count(e.code) == 0) plan.missing.push_back(e);
  }
  return plan;
}

}  // namespace tcxd
