#include "domain/catalog.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "i18n/messages.h"
#include "text/unicode.h"

namespace tcxd {

namespace embedded {
std::string_view Find(std::string_view name);
}

namespace {

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  for (;;) {
    size_t j = s.find(sep, i);
    out.emplace_back(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

bool IsCodeChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
}

}  // namespace

const std::vector<CatalogKind>& CatalogKinds() {
  static const std::vector<CatalogKind> kinds = {
      {"ethnicity", Msg::kCatalogEthnicity, "ethnicity"},
      {"religion", Msg::kCatalogReligion, "religion"},
      {"general_education", Msg::kCatalogGeneralEducation, ""},
      {"professional_level", Msg::kCatalogProfessionalLevel, ""},
      {"academic_title", Msg::kCatalogAcademicTitle, ""},
      {"political_theory", Msg::kCatalogPoliticalTheory, ""},
      {"state_management", Msg::kCatalogStateManagement, ""},
      {"party_position", Msg::kCatalogPartyPosition, ""},
      {"province", Msg::kCatalogProvince, ""},
      {"province_pre2025", Msg::kCatalogProvincePre2025, ""},
      {"commune", Msg::kCatalogCommune, "", "province"},
  };
  return kinds;
}

const CatalogKind* FindCatalogKind(std::string_view name) {
  for (const auto& k : CatalogKinds()) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

std::vector<CatalogEntry> BuiltinCatalog(std::string_view name) {
  const std::string file = "catalogs/" + std::string(name) + ".csv";
  std::string_view text = embedded::Find(file);
  if (text.empty()) return {};
  auto parsed = ParseCatalogCsv(name, text);
  if (!parsed.ok()) throw std::runtime_error(file + ": " + parsed.error().message + " (" + parsed.error().field + ")");
  return std::move(*parsed);
}

std::string CatalogMatchKey(std::string_view s) {
  std::string folded = text::Fold(s);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || u >= 0x80) out.push_back(c);
  }
  return out;
}

Result<std::vector<CatalogEntry>> ParseCatalogCsv(std::string_view catalog, std::string_view text) {
  std::vector<CatalogEntry> out;
  int line_no = 0;
  for (const auto& raw : SplitOn(text, '\n')) {
    ++line_no;
    std::string line = raw;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto cols = SplitOn(line, ',');
    const std::string where = "line " + std::to_string(line_no);
    if (cols.size() < 2 || cols.size() > 4 || !text::IsValidUtf8(line)) {
      return Error::Invalid(where, Format(Msg::kCatalogLine, line_no));
    }
    CatalogEntry e;
    e.catalog = std::string(catalog);
    e.code = text::CleanText(cols[0]);
    e.name = text::CleanText(cols[1]);
    if (cols.size() > 2) {
      for (const auto& a : SplitOn(cols[2], '|')) {
        std::string alias = text::CleanText(a);
        if (!alias.empty()) e.aliases.push_back(std::move(alias));
      }
    }
    if (cols.size() > 3) e.successor = text::CleanText(cols[3]);
    e.sort = static_cast<int>(out.size()) + 1;
    e.builtin = true;
    if (ValidateNewCatalogEntry(e, out).ok() == false) {
      return Error::Invalid(where, Format(Msg::kCatalogLine, line_no));
    }
    out.push_back(std::move(e));
  }
  return out;
}

CatalogMatcher::CatalogMatcher(std::vector<CatalogEntry> entries) : entries_(std::move(entries)) {
  // Within one match key, names come before aliases and aliases before codes: a name and another
  // entry's code may fold alike, and the name is what a user means.
  for (size_t i = 0; i < entries_.size(); ++i) {
    const auto& e = entries_[i];
    keys_.push_back({CatalogMatchKey(e.name), 0, i});
    for (const auto& a : e.aliases) keys_.push_back({CatalogMatchKey(a), 1, i});
    keys_.push_back({CatalogMatchKey(e.code), 2, i});
  }
  std::sort(keys_.begin(), keys_.end());
}

const CatalogEntry* CatalogMatcher::Find(std::string_view value, bool include_retired) const {
  const std::string key = CatalogMatchKey(value);
  if (key.empty()) return nullptr;
  auto it =
      std::lower_bound(keys_.begin(), keys_.end(), key, [](const Key& k, const std::string& v) { return k.key < v; });
  for (; it != keys_.end() && it->key == key; ++it) {
    const auto& e = entries_[it->index];
    if (include_retired || !e.retired) return &e;
  }
  return nullptr;
}

Status ValidateNewCatalogEntry(const CatalogEntry& e, const std::vector<CatalogEntry>& existing) {
  FieldErrors errors;
  if (e.code.empty()) {
    errors.Add("code", Msg::kRequired);
  } else if (e.code.size() > 20 || !std::all_of(e.code.begin(), e.code.end(), IsCodeChar)) {
    errors.Add("code", Msg::kCatalogCodeFormat);
  }
  if (e.name.empty()) {
    errors.Add("name", Msg::kRequired);
  } else if (text::CodePointCount(e.name) > 200) {
    errors.Add("name", Format(Msg::kTooLong, 200));
  }
  if (errors.empty()) {
    for (const auto& other : existing) {
      if (other.code == e.code) {
        errors.Add("code", Msg::kCatalogCodeTaken);
        break;
      }
    }
    std::vector<CatalogEntry> siblings;
    std::copy_if(existing.begin(), existing.end(), std::back_inserter(siblings),
                 [&](const CatalogEntry& o) { return o.parent == e.parent; });
    CatalogMatcher existing_matcher(std::move(siblings));
    if (const auto* clash = existing_matcher.Find(e.name, /*include_retired=*/true)) {
      errors.Add("name", Format(Msg::kCatalogNameTaken, clash->name));
    }
    for (const auto& a : e.aliases) {
      if (const auto* clash = existing_matcher.Find(a, /*include_retired=*/true)) {
        errors.Add("aliases", Format(Msg::kCatalogNameTaken, clash->name));
        break;
      }
    }
  }
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

}  // namespace tcxd
