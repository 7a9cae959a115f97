#include "domain/member_import.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "text/unicode.h"

namespace tcxd {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

const std::vector<ImportColumn>& MemberImportColumns() {
  static const std::vector<ImportColumn> kColumns = {
      {"no", Msg::kImportColNo, {"so thu tu", "tt"}},
      {"full_name", Msg::kImportColFullName, {"ho ten", "ho va ten khai sinh", "ho ten khai sinh", "full_name"}, true},
      {"gender", Msg::kImportColGender, {"gioi", "nam nu", "gender"}, true},
      {"birth_date", Msg::kImportColBirthDate, {"ngay thang nam sinh", "sinh ngay", "birth_date"}, true, true},
      {"ethnicity", Msg::kImportColEthnicity, {"ethnicity"}},
      {"religion", Msg::kImportColReligion, {"religion"}},
      {"hometown", Msg::kImportColHometown, {"que", "nguyen quan", "hometown"}},
      {"residence", Msg::kImportColResidence, {"noi o", "noi cu tru", "cho o hien nay", "residence"}},
      {"national_id",
       Msg::kImportColNationalId,
       {"so dinh danh ca nhan", "so cccd", "cccd", "so can cuoc", "can cuoc cong dan", "so cmnd cccd", "national_id"}},
      {"admission_date",
       Msg::kImportColAdmissionDate,
       {"ngay ket nap", "ngay vao dang du bi", "ngay quyet dinh ket nap", "admission_date"},
       false,
       true},
      {"ceremony_date", Msg::kImportColCeremonyDate, {"ngay to chuc le ket nap", "ceremony_date"}, false, true},
      {"official_date",
       Msg::kImportColOfficialDate,
       {"ngay vao dang chinh thuc", "ngay cong nhan chinh thuc", "ngay chuyen chinh thuc", "official_date"},
       false,
       true},
      {"card_number", Msg::kImportColCardNumber, {"so the", "so the dang", "so the dang vien", "card_number"}},
      {"cv_number", Msg::kImportColCvNumber, {"so ll", "so ly lich dang vien", "cv_number"}},
      {"status", Msg::kImportColStatus, {"tinh trang", "status"}},
      {"left_on", Msg::kImportColLeftOn, {"ngay ra khoi dang", "ngay chuyen di", "left_on"}, false, true},
      {"branch", Msg::kImportColBranch, {"ma to chuc", "branch"}},
      {"branch_name", Msg::kImportColBranchName, {"ten chi bo"}},
  };
  return kColumns;
}

std::optional<Date> ParseImportDate(std::string_view cell, bool date1904) {
  std::string s = text::CleanText(cell);
  // "1975-09-02 00:00:00" as some programs write dates into CSV, "1975-09-02T00:00:00" as .xlsx date cells
  // of type "d" hold them.
  if (s.size() > 10 && (s[10] == ' ' || (s[10] == 'T' && s[4] == '-'))) s.resize(10);
  if (s.empty()) return std::nullopt;
  // An Excel serial number (a date cell read as its value), possibly with a time fraction.
  std::string_view whole = s;
  if (auto dot = whole.find('.'); dot != std::string_view::npos && AllDigits(whole.substr(dot + 1))) {
    whole = whole.substr(0, dot);
  }
  if (AllDigits(whole) && whole.size() <= 5) {
    const int n = ToInt(whole);
    // Below 3000 (1908) a number is more likely a year typed alone than a date: refused.
    if (n < 3000 || n > 73050) return std::nullopt;
    const Date base = date1904 ? Date(1904, 1, 1) : Date(1899, 12, 30);
    return base.AddDays(n);
  }
  if (auto iso = Date::Parse(s)) return iso;
  // d/m/yyyy with '/', '-' or '.'
  int parts[3] = {0, 0, 0};
  size_t digits[3] = {0, 0, 0};
  int k = 0;
  char sep = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (digits[k] >= 4) return std::nullopt;
      parts[k] = parts[k] * 10 + (c - '0');
      ++digits[k];
    } else if ((c == '/' || c == '-' || c == '.') && k < 2 && digits[k] > 0 && (sep == 0 || sep == c)) {
      sep = c;
      ++k;
    } else {
      return std::nullopt;
    }
  }
  if (k != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4) return std::nullopt;
  return Date::Make(parts[2], parts[1], parts[0]);
}

void AddImportIssues(ImportPlan& plan, std::vector<ImportIssue> issues) {
  if (issues.empty()) return;
  std::set<int> rows;
  for (const auto& i : issues) rows.insert(i.row);
  const size_t before = plan.valid.size();
  std::erase_if(plan.valid, [&](const ImportCandidate& c) { return rows.count(c.row) != 0; });
  plan.bad_rows += static_cast<int>(before - plan.valid.size());
  plan.issues.insert(plan.issues.end(), std::make_move_iterator(issues.begin()), std::make_move_iterator(issues.end()));
  SortIssuesByRow(plan.issues);
}

Result<ImportPlan> PlanMemberImport(const Table& table, const ImportContext& ctx) {
  const auto& columns = MemberImportColumns();
  auto located = LocateColumns(table, columns, Msg::kImportNoHeader, ctx.max_rows);
  if (!located.ok()) return located.error();
  const SheetLayout& layout = located.value();
  ImportPlan plan;
  plan.header_row = layout.header_row;
  plan.data_rows = layout.data_rows;
  plan.ignored = layout.ignored;

  auto spec_index = [&](std::string_view field) -> size_t {
    for (size_t s = 0; s < columns.size(); ++s) {
      if (columns[s].field == field) return s;
    }
    return 0;
  };
  plan.has_branch_column = layout.Has(spec_index("branch"));

  // The status names users write: labels ("Chính thức") and API names ("official").
  std::map<std::string, MemberStatus> statuses;
  std::string status_labels;
  for (int i = 0; i < kMemberStatusCount; ++i) {
    const auto st = static_cast<MemberStatus>(i);
    statuses[CatalogMatchKey(Text(MemberStatusLabel(st)))] = st;
    statuses[CatalogMatchKey(MemberStatusName(st))] = st;
    status_labels += (i == 0 ? "\"" : ", \"") + std::string(Text(MemberStatusLabel(st))) + "\"";
  }

  std::map<std::string, int> national_ids;  // value -> first row
  std::map<std::string, int> cards;
  for (size_t r = layout.header_index + 1; r < table.rows.size(); ++r) {
    const TableRow& row = table.rows[r];
    std::vector<std::pair<int, ImportIssue>> issues;  // (file column, issue): sorted by column at the end
    auto cell = [&](size_t spec) { return layout.Cell(row, spec); };
    auto raw = [&](size_t spec) { return layout.Raw(row, spec); };
    auto issue = [&](size_t spec, std::string message) {
      const int c = layout.cell_of_column[spec];
      issues.emplace_back(c >= 0 ? c : 1 << 20, layout.Issue(row, spec, columns[spec].field, std::move(message)));
    };

    ImportCandidate cand;
    cand.row = row.number;
    Member& m = cand.member;
    std::set<std::string> bad_fields;
    for (size_t s = 0; s < columns.size(); ++s) {
      const std::string_view field = columns[s].field;
      if (!layout.Has(s) || field == "no" || field == "branch_name") continue;
      const std::string v = cell(s);
      if (!text::IsValidUtf8(raw(s))) {
        issue(s, std::string(Text(Msg::kNotUtf8)));
        bad_fields.insert(std::string(field));
        continue;
      }
      if (!v.empty() && v[0] == '=') {
        issue(s, std::string(Text(Msg::kImportFormula)));
        bad_fields.insert(std::string(field));
        continue;
      }
      if (columns[s].date) {
        if (v.empty()) continue;
        auto d = ParseImportDate(v, table.date1904);
        if (!d) {
          issue(s, std::string(Text(Msg::kImportBadDate)));
          bad_fields.insert(std::string(field));
          continue;
        }
        if (field == "birth_date") m.birth_date = d;
        if (field == "admission_date") m.admission_date = d;
        if (field == "ceremony_date") m.ceremony_date = d;
        if (field == "official_date") m.official_date = d;
        if (field == "left_on") m.left_on = d;
      } else if (field == "full_name") {
        m.full_name = v;
      } else if (field == "gender") {
        const std::string k = CatalogMatchKey(v);
        if (k == "nam" || k == "male" || k == "m") {
          m.gender = Gender::kMale;
        } else if (k == "nu" || k == "female" || k == "f") {
          m.gender = Gender::kFemale;
        } else {
          issue(s, std::string(v.empty() ? Text(Msg::kRequired) : Text(Msg::kImportBadGender)));
          bad_fields.insert("gender");
        }
      } else if (field == "ethnicity" || field == "religion") {
        const CatalogMatcher* matcher = field == "ethnicity" ? ctx.ethnicity : ctx.religion;
        std::string& target = field == "ethnicity" ? m.ethnicity : m.religion;
        target = v;
        if (!v.empty() && matcher != nullptr) {
          if (const auto* e = matcher->Find(v)) {
            target = e->name;
          } else {
            const auto* kind = FindCatalogKind(field);
            issue(s, Format(Msg::kCatalogNoMatch, v, Text(kind->label)));
            bad_fields.insert(std::string(field));
          }
        }
      } else if (field == "hometown") {
        m.hometown = v;
      } else if (field == "residence") {
        m.residence = v;
      } else if (field == "national_id") {
        m.national_id = v;
      } else if (field == "card_number") {
        m.card_number = v;
      } else if (field == "cv_number") {
        m.cv_number = v;
      } else if (field == "branch") {
        cand.branch = v;
      }
    }
    // Status: as written, or official when an official date is given, probationary otherwise.
    const size_t status_spec = spec_index("status");
    const std::string status_text = layout.Has(status_spec) ? cell(status_spec) : std::string();
    if (status_text.empty()) {
      m.status = m.official_date ? MemberStatus::kOfficial : MemberStatus::kProbationary;
    } else if (auto it = statuses.find(CatalogMatchKey(status_text)); it != statuses.end()) {
      m.status = it->second;
      // "Chính thức" without its date: the date is fixed by the rule (decision + probation), not guessed.
      if (m.status == MemberStatus::kOfficial && !m.official_date && m.admission_date) {
        const Date official = OfficialDateFor(*m.admission_date, *ctx.rules);
        if (official <= ctx.today) m.official_date = official;
      }
    } else {
      issue(status_spec, Format(Msg::kImportBadStatus, status_labels));
      bad_fields.insert("status");
    }

    // The record's own rules, for the fields that were read.
    Status valid = ValidateMember(m, *ctx.rules, ctx.today);
    if (!valid.ok()) {
      const Error& e = valid.error();
      for (size_t s = 0; s < columns.size(); ++s) {
        auto it = e.fields.find(std::string(columns[s].field));
        if (it != e.fields.end() && bad_fields.count(it->first) == 0) issue(s, it->second);
      }
    }
    // Repeats inside the file.
    auto repeat = [&](std::map<std::string, int>& seen, const std::string& value, std::string_view field) {
      if (value.empty()) return;
      auto [it, inserted] = seen.emplace(value, row.number);
      if (!inserted) issue(spec_index(field), Format(Msg::kImportDuplicateInFile, it->second));
    };
    repeat(national_ids, m.national_id, "national_id");
    repeat(cards, m.card_number, "card_number");

    if (issues.empty()) {
      plan.valid.push_back(std::move(cand));
    } else {
      ++plan.bad_rows;
      std::stable_sort(issues.begin(), issues.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& i : issues) plan.issues.push_back(std::move(i.second));
    }
  }
  return plan;
}

}  // namespace tcxd
